//! The agreement's stored state as one gzip member, built from the log's rows compressed once
//! and the rows stored after them compressed per request.
//!
//! At a real consultation's size the stored log is several megabytes (5.2 MB at 3,000 remarks)
//! and compresses to a fifth, most of a first visit's transfer; compressing it for every page
//! that opens would cost the server about 100 ms of CPU at the fastest level, 250 at the
//! default. Deflate lets the compressed blocks be kept: compressed with a sync flush they end
//! on a byte boundary with no final block (RFC 1951, 3.2.3), so the rows after them follow as
//! blocks of their own, the last one final. The gzip trailer's CRC-32 of the whole is combined from the
//! two parts' (RFC 1952; zlib's `crc32_combine`, here crc32fast's `Hasher::combine`).

use flate2::{Compress, CompressError, Compression, FlushCompress, Status};

/// Bytes compressed into deflate blocks that a later part can follow.
#[derive(Debug)]
pub struct Deflated {
    /// Raw deflate blocks, none final, ending on a byte boundary.
    blocks: Vec<u8>,
    /// The CRC-32 of the bytes compressed.
    crc: u32,
    /// How many bytes were compressed.
    len: u64,
}

impl Deflated {
    /// Compresses `bytes` at zlib's default level: done once per compacted log, in the
    /// background, so the smaller answer is worth the time.
    pub fn new(bytes: &[u8]) -> Result<Deflated, CompressError> {
        Ok(Deflated {
            blocks: deflate(bytes, Compression::default(), FlushCompress::Sync)?,
            crc: crc32fast::hash(bytes),
            len: bytes.len() as u64,
        })
    }

    /// The size of the compressed blocks, in bytes.
    pub fn compressed_len(&self) -> usize {
        self.blocks.len()
    }
}

/// One gzip member holding `head`'s bytes followed by `tail` (compressed here, at the fastest
/// level: the rows stored since the head's were are few and small).
pub fn gzip_member(head: &Deflated, tail: &[u8]) -> Result<Vec<u8>, CompressError> {
    let tail_blocks = deflate(tail, Compression::fast(), FlushCompress::Finish)?;
    let mut crc = crc32fast::Hasher::new_with_initial_len(head.crc, head.len);
    let mut tail_crc = crc32fast::Hasher::new();
    tail_crc.update(tail);
    crc.combine(&tail_crc);
    let len = head.len + tail.len() as u64;
    let mut member = Vec::with_capacity(18 + head.blocks.len() + tail_blocks.len());
    // ID1 ID2, CM = deflate, no flags, no modification time, no extra flags, OS unknown.
    member.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    member.extend_from_slice(&head.blocks);
    member.extend_from_slice(&tail_blocks);
    member.extend_from_slice(&crc.finalize().to_le_bytes());
    // ISIZE: the length modulo 2^32.
    member.extend_from_slice(&(len as u32).to_le_bytes());
    Ok(member)
}

/// Raw deflate of `input`, ended by `flush`: `Sync` leaves the stream open on a byte boundary,
/// `Finish` closes it with a final block.
fn deflate(
    input: &[u8],
    level: Compression,
    flush: FlushCompress,
) -> Result<Vec<u8>, CompressError> {
    let mut compress = Compress::new(level, false);
    let mut out = Vec::with_capacity(input.len() / 3 + 64);
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(4096));
        }
        let read = compress.total_in() as usize;
        let status = compress.compress_vec(&input[read..], &mut out, flush)?;
        let all_read = compress.total_in() as usize == input.len();
        // zlib's rule: a flush is complete once a call leaves output space unused.
        let done = match flush {
            FlushCompress::Finish => status == Status::StreamEnd,
            _ => all_read && out.len() < out.capacity(),
        };
        if done {
            return Ok(out);
        }
    }
}

#[cfg(test)]
pub(super) mod tests;
