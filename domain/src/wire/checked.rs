//! yrs' own v1 decoder, checking what it takes on trust (see [`CheckedDecoder`]).

use super::checked_client;
use std::sync::Arc;
use yrs::block::{ClientID, BLOCK_SKIP_REF_NUMBER};
use yrs::encoding::read::{Cursor, Error as ReadError, Read};
use yrs::updates::decoder::{Decoder, DecoderV1};
use yrs::{Any, ID};

/// yrs' v1 decoder, checking what yrs' own decoding takes on trust, before yrs acts on it:
/// - every client id (block ids, origins, parents, the delete set's clients) fits 53 bits;
/// - every clock fits 32 bits: a client section's first clock plus what its blocks take, and
///   every deleted range's end. yrs adds them up unchecked (a panic in debug builds, a silent
///   wrap-around otherwise). What blocks take is bounded from above by everything that can
///   lengthen one (one per block, each length read, each byte of a string or buffer), so an
///   honest update, whose clocks are nowhere near 2^32, always passes;
/// - the counts yrs reserves memory for (client sections, blocks of a section, values of a
///   JSON or `Any` block) fit the bytes (a section takes at least three, a block or value at
///   least one), so a few bytes cannot make it reserve gigabytes. (Counts nested inside an
///   `Any` value are read by yrs' own decoder, out of reach here; yrs reserves them
///   fallibly, so the worst is a large but failed or untouched reservation.)
///
/// Some of these values yrs reads as plain varints, which have no hook of their own. Every plain
/// varint read through this decoder (not through the inner decoder's hooks) is followed byte by
/// byte; the hooks around them say which is which.
pub(super) struct CheckedDecoder<'a> {
    inner: DecoderV1<'a>,
    /// Bytes in the update.
    size: u64,
    /// The plain varint being read: its value so far as yrs computes it for a `u64` and for a
    /// `u32` (wrapping shifts, so the value checked is the value yrs uses), and its bits so far.
    varint: (u64, u32, u32),
    /// How many plain varints have been read, and the last one (as `u64` and `u32`).
    varints: u64,
    last: (u64, u32),
    /// What the next plain varint is, when a hook has said.
    next: Option<Plain>,
    /// The current client section's first clock, and the upper bound of what its blocks take.
    section: (u64, u64),
    /// The first clock of the delete-set range being read.
    ds_clock: u32,
    /// The info byte of the block being read.
    info: u8,
}

/// A plain varint [`CheckedDecoder`] knows the meaning of, from the hook before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plain {
    /// A delete-set client id (after `reset_ds_cur_val`).
    DsClient,
    /// A client section's first clock (after `read_client`).
    FirstClock,
    /// A skip block's length (after `read_info` gave a skip).
    SkipLen,
}

impl<'a> CheckedDecoder<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        CheckedDecoder {
            inner: DecoderV1::new(Cursor::new(bytes)),
            size: bytes.len() as u64,
            varint: (0, 0, 0),
            varints: 0,
            last: (0, 0),
            next: None,
            section: (0, 0),
            ds_clock: 0,
            info: 0,
        }
    }

    fn read_id(&mut self) -> Result<ID, ReadError> {
        let client = checked_client(self.inner.read_var()?)?;
        let clock = self.inner.read_var()?;
        Ok(ID::new(ClientID::new(client), clock))
    }

    /// Counts `n` more clocks the current section's blocks may take.
    fn advance(&mut self, n: u64) -> Result<(), ReadError> {
        self.section.1 = self.section.1.saturating_add(n);
        if self.section.0.saturating_add(self.section.1) > u64::from(u32::MAX) {
            return Err(ReadError::Custom("block clocks run past 2^32".into()));
        }
        Ok(())
    }

    /// A plain varint is complete.
    fn finished(&mut self, wide: u64, narrow: u32) -> Result<(), ReadError> {
        self.varints += 1;
        self.last = (wide, narrow);
        // The update's first varint is its count of client sections.
        if self.varints == 1 && u64::from(narrow).saturating_mul(3) > self.size {
            return Err(ReadError::Custom(format!(
                "{narrow} client sections cannot fit in {} bytes",
                self.size
            )));
        }
        match self.next.take() {
            Some(Plain::DsClient) => checked_client(wide).map(|_| ()),
            Some(Plain::FirstClock) => {
                self.section = (u64::from(narrow), 0);
                self.advance(0)
            }
            Some(Plain::SkipLen) => self.advance(u64::from(narrow)),
            None => Ok(()),
        }
    }
}

impl Read for CheckedDecoder<'_> {
    fn read_exact(&mut self, len: usize) -> Result<&[u8], ReadError> {
        self.advance(len as u64)?;
        self.inner.read_exact(len)
    }

    fn read_u8(&mut self) -> Result<u8, ReadError> {
        let byte = self.inner.read_u8()?;
        let (wide, narrow, shift) = self.varint;
        let bits = byte & 0x7f;
        let wide = wide | u64::from(bits).wrapping_shl(shift);
        let narrow = narrow | u32::from(bits).wrapping_shl(shift);
        if byte < 0x80 {
            self.varint = (0, 0, 0);
            self.finished(wide, narrow)?;
        } else {
            self.varint = (wide, narrow, shift.saturating_add(7));
        }
        Ok(byte)
    }
}

impl Decoder for CheckedDecoder<'_> {
    fn reset_ds_cur_val(&mut self) {
        self.inner.reset_ds_cur_val();
        self.next = Some(Plain::DsClient);
    }

    fn read_ds_clock(&mut self) -> Result<u32, ReadError> {
        self.ds_clock = self.inner.read_ds_clock()?;
        Ok(self.ds_clock)
    }

    fn read_ds_len(&mut self) -> Result<u32, ReadError> {
        let len = self.inner.read_ds_len()?;
        if u64::from(self.ds_clock) + u64::from(len) > u64::from(u32::MAX) {
            return Err(ReadError::Custom("a deleted range runs past 2^32".into()));
        }
        Ok(len)
    }

    fn read_left_id(&mut self) -> Result<ID, ReadError> {
        self.read_id()
    }

    fn read_right_id(&mut self) -> Result<ID, ReadError> {
        self.read_id()
    }

    fn read_client(&mut self) -> Result<ClientID, ReadError> {
        // yrs has just read the section's count of blocks, and reserves room for it next.
        let blocks = self.last.1;
        if u64::from(blocks) > self.size {
            return Err(ReadError::Custom(format!(
                "{blocks} blocks cannot fit in {} bytes",
                self.size
            )));
        }
        let client = checked_client(self.inner.read_var()?)?;
        self.next = Some(Plain::FirstClock);
        Ok(ClientID::new(client))
    }

    fn read_info(&mut self) -> Result<u8, ReadError> {
        let info = self.inner.read_info()?;
        self.info = info;
        self.advance(1)?;
        if info == BLOCK_SKIP_REF_NUMBER {
            self.next = Some(Plain::SkipLen);
        }
        Ok(info)
    }

    fn read_parent_info(&mut self) -> Result<bool, ReadError> {
        self.inner.read_parent_info()
    }

    fn read_type_ref(&mut self) -> Result<u8, ReadError> {
        self.inner.read_type_ref()
    }

    fn read_len(&mut self) -> Result<u32, ReadError> {
        let len = self.inner.read_len()?;
        // In a JSON or `Any` block (content refs 2 and 8) the length counts values, for which
        // yrs reserves room; elsewhere it is a run of clocks, which `advance` bounds.
        if self.info != 0 && matches!(self.info & 0x0f, 2 | 8) && u64::from(len) > self.size {
            return Err(ReadError::Custom(format!(
                "{len} values cannot fit in {} bytes",
                self.size
            )));
        }
        self.advance(u64::from(len))?;
        Ok(len)
    }

    fn read_any(&mut self) -> Result<Any, ReadError> {
        self.inner.read_any()
    }

    fn read_json(&mut self) -> Result<Any, ReadError> {
        self.inner.read_json()
    }

    fn read_key(&mut self) -> Result<Arc<str>, ReadError> {
        self.inner.read_key()
    }

    fn read_to_end(&mut self) -> Result<&[u8], ReadError> {
        self.inner.read_to_end()
    }
}
