use super::*;
use crate::http::state::deflated::tests::row_like;
use flate2::read::GzDecoder;
use std::io::Read;

fn gunzip(member: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(member)
        .read_to_end(&mut out)
        .expect("a valid gzip member");
    out
}

fn log(sizes: &[(u64, usize)]) -> Vec<Vec<u8>> {
    sizes
        .iter()
        .map(|&(seed, len)| row_like(seed, len))
        .collect()
}

#[test]
fn blocks_answer_the_log_they_were_made_from_and_the_rows_appended_since() {
    let rows = log(&[(1, 20_000), (2, 300)]);
    let blocks = LogBlocks::make(&rows).expect("made");
    let same = blocks.gzip(&rows).expect("its rows").expect("gzip");
    assert_eq!(gunzip(&same.body), join_log(&rows));
    assert!(!same.outgrown);
    let mut grown = rows.clone();
    grown.extend(log(&[(3, 400), (4, 500)]));
    let answer = blocks
        .gzip(&grown)
        .expect("its rows, and more")
        .expect("gzip");
    assert_eq!(gunzip(&answer.body), join_log(&grown));
    assert!(!answer.outgrown, "900 bytes appended to 20,000");
    grown.extend(log(&[(5, 6_000)]));
    let answer = blocks
        .gzip(&grown)
        .expect("its rows, and more")
        .expect("gzip");
    assert_eq!(gunzip(&answer.body), join_log(&grown));
    assert!(answer.outgrown, "more than a quarter appended: made anew");
}

#[test]
fn blocks_are_not_used_for_other_rows() {
    let rows = log(&[(1, 10_000), (2, 300)]);
    let blocks = LogBlocks::make(&rows).expect("made");
    // Compacted anew: one row holding everything.
    assert!(blocks.gzip(&[join_log(&rows)]).is_none(), "fewer rows");
    let mut changed = rows.clone();
    changed[0][5_000] ^= 1;
    assert!(blocks.gzip(&changed).is_none(), "same lengths, other bytes");
    // The same bytes cut into rows differently.
    let mut cut = rows.clone();
    let moved = cut[0].split_off(9_000);
    cut[1].splice(0..0, moved);
    assert!(blocks.gzip(&cut).is_none(), "rows cut elsewhere");
}

#[tokio::test]
async fn one_making_at_a_time_and_the_least_recently_used_goes_first() {
    let kept = KeptBlocks::default();
    assert!(kept.begin(), "nothing under way");
    assert!(!kept.begin(), "one under way");
    drop(Making(kept.clone()));
    assert!(kept.begin(), "free again once it ended");
    drop(Making(kept.clone()));
    let blocks = || LogBlocks::make(&log(&[(1, 100)])).expect("made");
    {
        let mut inner = kept.inner.lock().expect("lock");
        for n in 0..KEEP_AGREEMENTS {
            inner.keep(format!("a{n}"), blocks());
        }
    }
    assert!(kept.get("a0").is_some(), "a0 used: now the latest");
    kept.inner
        .lock()
        .expect("lock")
        .keep("new".into(), blocks());
    assert!(kept.get("a1").is_none(), "the least recently used went");
    assert!(kept.get("a0").is_some() && kept.get("new").is_some());
    // Made in the background, then kept.
    let rows = Arc::new(log(&[(7, 5_000)]));
    kept.make("made", rows.clone());
    for _ in 0..200 {
        if kept.get("made").is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let made = kept.get("made").expect("made in the background");
    let answer = made.gzip(&rows).expect("its rows").expect("gzip");
    assert_eq!(gunzip(&answer.body), join_log(&rows));
    assert!(kept.begin(), "the making ended");
}
