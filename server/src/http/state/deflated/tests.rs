use super::*;
use flate2::read::GzDecoder;
use proptest::prelude::*;
use std::io::Read;

fn gunzip(member: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(member)
        .read_to_end(&mut out)
        .expect("a valid gzip member");
    out
}

/// Bytes that compress like a stored row: runs of repeated structure with some noise.
pub(crate) fn row_like(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x.is_multiple_of(5) {
                x as u8
            } else {
                b"remark clause body author "[i % 26]
            }
        })
        .collect()
}

#[test]
fn the_row_compressed_once_and_the_tail_make_one_member_of_both() {
    let head = row_like(7, 300_000);
    let tail = row_like(8, 5_000);
    let deflated = Deflated::new(&head).expect("deflate");
    assert!(
        deflated.compressed_len() < head.len() / 2,
        "compresses the row"
    );
    for tail in [&tail[..], &[][..]] {
        let member = gzip_member(&deflated, tail).expect("member");
        let whole = gunzip(&member);
        assert_eq!(whole.len(), head.len() + tail.len());
        assert!(whole[..head.len()] == head[..] && whole[head.len()..] == tail[..]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    /// Any head and tail, of any length (empty included): the member is a valid gzip stream
    /// (the decoder checks the CRC-32 and the length) of exactly the two, in order.
    #[test]
    fn any_head_and_tail_decode_to_their_concatenation(
        head in proptest::collection::vec(any::<u8>(), 0..70_000),
        tail in proptest::collection::vec(any::<u8>(), 0..3_000),
        seed in any::<u64>(),
    ) {
        println!("seed {seed}, head {} bytes, tail {}", head.len(), tail.len());
        let head = if seed.is_multiple_of(2) { head } else { row_like(seed, head.len()) };
        let member = gzip_member(&Deflated::new(&head).expect("deflate"), &tail).expect("member");
        let whole = gunzip(&member);
        prop_assert_eq!(&whole[..head.len()], &head[..]);
        prop_assert_eq!(&whole[head.len()..], &tail[..]);
    }
}
