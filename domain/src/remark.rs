//! Remarks and replies. A reply is a remark with a `parent`; threads are one level deep, as in
//! a consultation: answers to answers attach to the same remark so the thread reads in order.

use crate::clause::{number, string};
use crate::{ClauseId, ParticipantId};
use yrs::{MapRef, ReadTxn};

/// A remark's stable id.
pub type RemarkId = String;

/// A remark on a clause, or a reply to one.
#[derive(Debug, Clone, PartialEq)]
pub struct Remark {
    pub id: RemarkId,
    pub clause: ClauseId,
    /// The remark this one answers; `None` for a remark on the clause itself.
    pub parent: Option<RemarkId>,
    pub author: ParticipantId,
    pub author_name: String,
    pub organisation: String,
    pub body: String,
    /// Milliseconds since the Unix epoch, as the writer's clock said.
    pub created_ms: f64,
    /// Replies in the order they were written (only filled for top-level remarks).
    pub replies: Vec<Remark>,
}

pub(crate) fn read_remark<T: ReadTxn>(id: &str, map: &MapRef, txn: &T) -> Remark {
    let parent = string(map, txn, "parent");
    Remark {
        id: id.to_string(),
        clause: string(map, txn, "clause"),
        parent: (!parent.is_empty()).then_some(parent),
        author: string(map, txn, "author"),
        author_name: string(map, txn, "author_name"),
        organisation: string(map, txn, "organisation"),
        body: string(map, txn, "body"),
        created_ms: number(map, txn, "created_ms"),
        replies: Vec::new(),
    }
}

/// Orders remarks by time, then id, so every replica lists them identically.
pub(crate) fn by_time(a: &Remark, b: &Remark) -> std::cmp::Ordering {
    a.created_ms
        .total_cmp(&b.created_ms)
        .then_with(|| a.id.cmp(&b.id))
}
