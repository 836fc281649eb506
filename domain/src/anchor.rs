//! Anchoring a remark to a range of a clause's text.
//!
//! A range is stored two ways, as Hypothesis does: as yrs sticky indices and as the quoted
//! text with a little context. The start is bound to the character *before* the range and the
//! end to the character *after* it (falling back to the text's own start and the last quoted
//! character at the edges), so the range holds whatever comes to stand between them: rewriting
//! its first or last word — as accepting a proposal does — keeps the new words inside.
//! Sticky indices follow their characters through any concurrent insert or delete, so the
//! range resolves to the same offsets on every replica.
//!
//! A remark is orphaned — reported with its quote, never dropped — once none of the characters
//! it quoted is left. Usually the two ends then meet. But text inserted inside the range by a
//! replica that had not yet seen the deletion stands between them: the range then holds only
//! words nobody quoted. So the anchor also names the quoted characters themselves (their ids,
//! see chars.rs), and a range whose wording differs from its quote is attached only while at
//! least one of them is still visible. The check runs only when the wording differs, so an
//! unchanged range costs one string comparison. Anchors stored before the ids were recorded,
//! and quotes too long to record them cheaply (see `QUOTED_IDS_BUDGET`), resolve as before.

use crate::chars;
use crate::fields::{utf16_len, utf16_slice, Fields};
use crate::schema::{remark, Field, Val};
use std::sync::Arc;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Assoc, GetString, IndexedSequence, MapRef, ReadTxn, StickyIndex, TextRef};

/// How much context to keep on each side of a quote, in UTF-16 units.
const CONTEXT: u32 = 32;

/// Most reading the quoted characters' ids may take, in quoted units × the units walked to
/// reach them (each id is one walk from the text's start, see chars.rs): any quote within the
/// first thousand units of a clause, shorter ones further in (128 units at 8,000). A quote
/// beyond it — a long passage far into a long text — keeps no ids and resolves as anchors
/// always did, rather than make writing the remark take seconds.
const QUOTED_IDS_BUDGET: u64 = 1 << 20;

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
) -> Option<Vec<(&'static Field, Val<'static>)>> {
    let whole = text.get_string(txn);
    let s = text.sticky_index(txn, start, Assoc::Before)?;
    let e = text
        .sticky_index(txn, end, Assoc::After)
        .or_else(|| text.sticky_index(txn, end, Assoc::Before))?;
    let len = utf16_len(&whole);
    let mut fields = vec![
        (&remark::ANCHOR_START, Val::Bytes(s.encode_v1())),
        (&remark::ANCHOR_END, Val::Bytes(e.encode_v1())),
        (&remark::QUOTE, Val::Owned(utf16_slice(&whole, start, end))),
        (
            &remark::PREFIX,
            Val::Owned(utf16_slice(&whole, start.saturating_sub(CONTEXT), start)),
        ),
        (
            &remark::SUFFIX,
            Val::Owned(utf16_slice(&whole, end, (end + CONTEXT).min(len))),
        ),
    ];
    if u64::from(end.saturating_sub(start)) * u64::from(end) <= QUOTED_IDS_BUDGET {
        let quoted = chars::runs_at(txn, text, start, end)?;
        fields.push((&remark::QUOTED, Val::Bytes(chars::encode(&quoted))));
    }
    Some(fields)
}

/// An anchor as stored in a remark's entry, not yet resolved against the clause text. Kept
/// by the read index (see index.rs), so resolving a clause's anchors reads no remark entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredAnchor {
    start: Arc<[u8]>,
    end: Arc<[u8]>,
    pub(crate) quote: String,
    prefix: String,
    suffix: String,
    quoted: Option<Arc<[u8]>>,
}

/// A clause's text prepared once for resolving many anchors on it: the text and its
/// UTF-16 units (anchors are UTF-16 offsets).
#[derive(Debug)]
pub(crate) struct ResolvingText {
    text: TextRef,
    units: Vec<u16>,
}

impl ResolvingText {
    pub(crate) fn new<T: ReadTxn>(txn: &T, text: TextRef) -> Self {
        let units = text.get_string(txn).encode_utf16().collect();
        ResolvingText { text, units }
    }
}

/// Reads a remark entry's anchor; `None` when the remark is on the whole clause.
pub(crate) fn read<T: ReadTxn>(map: &MapRef, txn: &T) -> Option<StoredAnchor> {
    read_fields(&Fields::of(map, txn))
}

/// The stored anchor among a remark's fields, read already.
pub(crate) fn read_fields(f: &Fields) -> Option<StoredAnchor> {
    Some(StoredAnchor {
        start: f.buffer(remark::ANCHOR_START.name)?,
        end: f.buffer(remark::ANCHOR_END.name)?,
        quote: f.string(remark::QUOTE.name),
        prefix: f.string(remark::PREFIX.name),
        suffix: f.string(remark::SUFFIX.name),
        quoted: f.buffer(remark::QUOTED.name),
    })
}

/// Resolves a stored anchor; `None` when the remark is on the whole clause.
pub(crate) fn resolve<T: ReadTxn>(map: &MapRef, txn: &T, text: Option<&TextRef>) -> Option<Anchor> {
    let text = text.map(|t| ResolvingText::new(txn, t.clone()));
    Some(read(map, txn)?.resolve(txn, text.as_ref()))
}

impl StoredAnchor {
    /// Where the anchor stands now in `text` (`None`: the clause is gone).
    pub(crate) fn resolve<T: ReadTxn>(&self, txn: &T, text: Option<&ResolvingText>) -> Anchor {
        Anchor {
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            state: self.state(txn, text),
        }
    }

    /// The anchor with its quote but not resolved: its state reads as orphaned.
    pub(crate) fn at_rest(&self) -> Anchor {
        Anchor {
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            state: AnchorState::Orphaned,
        }
    }

    /// Only the anchor's state: where it stands now, or orphaned.
    pub(crate) fn state<T: ReadTxn>(&self, txn: &T, text: Option<&ResolvingText>) -> AnchorState {
        let offset = |b: &[u8]| {
            StickyIndex::decode_v1(b)
                .ok()
                .and_then(|s| s.get_offset(txn))
                .map(|o| o.index)
        };
        match (text, offset(&self.start), offset(&self.end)) {
            (Some(text), Some(s), Some(e)) if s < e => {
                let end = (e as usize).min(text.units.len());
                let start = (s as usize).min(end);
                let now = String::from_utf16_lossy(&text.units[start..end]);
                if now == self.quote || self.quoted_survives(txn, &text.text) {
                    AnchorState::Attached {
                        start: s,
                        end: e,
                        text: now,
                    }
                } else {
                    AnchorState::Orphaned
                }
            }
            _ => AnchorState::Orphaned,
        }
    }

    /// Whether any quoted character is still visible. Anchors without recorded ids (written
    /// before they were recorded) count as surviving, so they resolve as they always did.
    fn quoted_survives<T: ReadTxn>(&self, txn: &T, text: &TextRef) -> bool {
        match self.quoted.as_deref().and_then(chars::decode) {
            Some(runs) => runs
                .into_iter()
                .any(|run| chars::any_visible(txn, text, run)),
            None => true,
        }
    }
}
