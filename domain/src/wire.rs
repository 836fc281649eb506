//! Decoding untrusted v1 updates without handing yrs what it takes on trust.
//!
//! yrs 0.28.1 decodes updates from the wire without checking them: a client id wider than 53
//! bits trips a debug assertion (a panic) or is silently cut to another client's id; clocks
//! past 2^32 overflow; a count of a few bytes makes it reserve gigabytes; an `Any` value nested
//! a million levels deep overflows the stack of the thread decoding it (which aborts the whole
//! process). These were found by fuzzing the server (`fuzz/`) and by hand-made frames.
//!
//! So every update from another replica is read twice:
//! 1. by [`parse_update`] here, which reads the v1 format itself, iteratively and with bounds
//!    ([`Limits`]: nesting depth, blocks, values, all checked before anything is reserved), into
//!    a plain description of every block and deleted range ([`ParsedUpdate`]) — what the guard
//!    judges (see guard.rs) — and refuses anything yrs would read differently or not at all;
//! 2. only then by yrs, through [`decode_update`], whose decoder also checks client ids, clocks
//!    and counts again as yrs reads them (`checked.rs`).
//!
//! Everything that decodes bytes from another replica — the server's room, the guard,
//! `Agreement::apply_update` — goes through [`decode_update`]. An honest update always passes.

mod checked;
mod encode;
mod log;
mod parse;

pub use encode::encode_update;
pub use log::{join_log, split_log};
pub use parse::{
    parse_update, Block, Content, Id, Item, Limits, Parent, ParsedUpdate, TypeKind, Value,
    MAX_DEPTH,
};

use thiserror::Error;
use yrs::encoding::read::Error as ReadError;
use yrs::updates::decoder::Decode;
use yrs::Update;

/// Why bytes from another replica are not read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum WireError {
    /// The bytes are not a v1 update yrs would read as written.
    #[error("{0}")]
    Malformed(String),
    /// The update is past a bound of [`Limits`] (nesting, blocks, values).
    #[error("{0}")]
    Limit(String),
}

impl From<ReadError> for WireError {
    fn from(e: ReadError) -> Self {
        WireError::Malformed(e.to_string())
    }
}

/// Decodes a v1 update, refusing what yrs would take on trust (see the module header). Stored
/// updates are read with [`Limits::STORED`]: they were judged when they arrived, and a
/// compacted log is one large update.
pub fn decode_update(bytes: &[u8]) -> Result<Update, WireError> {
    decode_update_with(bytes, Limits::STORED)
}

/// [`decode_update`] with the bounds of `limits`.
pub fn decode_update_with(bytes: &[u8], limits: Limits) -> Result<Update, WireError> {
    parse_update(bytes, limits)?;
    Ok(Update::decode(&mut checked::CheckedDecoder::new(bytes))?)
}

/// Decodes a row of an agreement's stored log as the server sends it to a page opening the
/// agreement (see log.rs), with yrs' checked decoder only, without [`parse_update`]'s second
/// reading: every update in the log was parsed and judged by the server's guard as it arrived,
/// and a compacted row is the server's own encoding of what it holds — the same server that
/// serves the app's code. At a real consultation's size that reading is a third of applying
/// the agreement. What another replica sends (a frame the server relays) still goes through
/// [`decode_update`].
pub fn decode_stored(bytes: &[u8]) -> Result<Update, WireError> {
    Ok(Update::decode(&mut checked::CheckedDecoder::new(bytes))?)
}

/// The largest client id yrs can hold: it keeps 53 bits (a JavaScript number's integer range,
/// which is what Yjs clients use). yrs does not check ids read from the wire: a larger one trips
/// a debug assertion (a panic on the room thread) or, in release builds, is silently cut to 53
/// bits, making it another client's id to the server but not to the browsers it is relayed to.
/// So every client id of a frame is checked before yrs reads it.
pub const MAX_CLIENT_ID: u64 = (1 << 53) - 1;

/// Refuses a client id yrs cannot hold (see [`MAX_CLIENT_ID`]).
pub fn checked_client(id: u64) -> Result<u64, ReadError> {
    if id > MAX_CLIENT_ID {
        return Err(ReadError::Custom(format!("client id {id} exceeds 53 bits")));
    }
    Ok(id)
}
