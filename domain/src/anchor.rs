//! Anchoring a remark to a range of a clause's text.
//!
//! A range is stored two ways, as Hypothesis does: as yrs sticky indices and as the quoted
//! text with a little context. The start is bound to the character *before* the range and the
//! end to the character *after* it (falling back to the text's own start and the last quoted
//! character at the edges), so the range holds whatever comes to stand between them: rewriting
//! its first or last word — as accepting a proposal does — keeps the new words inside.
//! Sticky indices follow their characters through any concurrent insert or delete, so the
//! range resolves to the same offsets on every replica. When every quoted character has been
//! deleted the two ends meet; the remark is then reported as orphaned with its quote — never
//! dropped.

use crate::fields::{buffer, string, utf16_len, utf16_slice};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Any, Assoc, GetString, In, IndexedSequence, MapRef, ReadTxn, StickyIndex, TextRef};

/// How much context to keep on each side of a quote, in UTF-16 units.
const CONTEXT: u32 = 32;

/// Where a remark points.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The clause as a whole.
    Clause,
    /// `[start, end)` of the clause text, in UTF-16 units as the browser's selection gives.
    Range { start: u32, end: u32 },
}

/// A remark's anchor as it resolves now.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// The text that was selected when the remark was written.
    pub quote: String,
    /// Text just before the quote, then.
    pub prefix: String,
    /// Text just after the quote, then.
    pub suffix: String,
    /// Where the range is now.
    pub state: AnchorState,
}

/// Whether the anchored text still exists.
#[derive(Debug, Clone, PartialEq)]
pub enum AnchorState {
    /// The range's current offsets in the clause text (UTF-16), and its current wording.
    Attached { start: u32, end: u32, text: String },
    /// All of the quoted text has been deleted.
    Orphaned,
}

/// The fields to store for an anchor on `[start, end)` of `text`.
pub(crate) fn fields<T: ReadTxn>(
    txn: &T,
    text: &TextRef,
    start: u32,
    end: u32,
) -> Option<Vec<(&'static str, In)>> {
    let whole = text.get_string(txn);
    let s = text.sticky_index(txn, start, Assoc::Before)?;
    let e = text
        .sticky_index(txn, end, Assoc::After)
        .or_else(|| text.sticky_index(txn, end, Assoc::Before))?;
    let len = utf16_len(&whole);
    Some(vec![
        ("anchor_start", In::Any(Any::Buffer(s.encode_v1().into()))),
        ("anchor_end", In::Any(Any::Buffer(e.encode_v1().into()))),
        ("quote", In::from(utf16_slice(&whole, start, end))),
        (
            "prefix",
            In::from(utf16_slice(&whole, start.saturating_sub(CONTEXT), start)),
        ),
        (
            "suffix",
            In::from(utf16_slice(&whole, end, (end + CONTEXT).min(len))),
        ),
    ])
}

/// Resolves a stored anchor; `None` when the remark is on the whole clause.
pub(crate) fn resolve<T: ReadTxn>(map: &MapRef, txn: &T, text: Option<&TextRef>) -> Option<Anchor> {
    let start = buffer(map, txn, "anchor_start")?;
    let end = buffer(map, txn, "anchor_end")?;
    let offset = |b: &[u8]| {
        StickyIndex::decode_v1(b)
            .ok()
            .and_then(|s| s.get_offset(txn))
            .map(|o| o.index)
    };
    let state = match (text, offset(&start), offset(&end)) {
        (Some(text), Some(s), Some(e)) if s < e => AnchorState::Attached {
            start: s,
            end: e,
            text: utf16_slice(&text.get_string(txn), s, e),
        },
        _ => AnchorState::Orphaned,
    };
    Some(Anchor {
        quote: string(map, txn, "quote"),
        prefix: string(map, txn, "prefix"),
        suffix: string(map, txn, "suffix"),
        state,
    })
}
