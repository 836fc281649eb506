//! Characters of a clause text by identity. Every character yrs stores has an id — the writing
//! replica's client id and that replica's clock, one clock unit per UTF-16 unit — which it
//! keeps for good: a deleted character stays in the document (garbage collection is off), and
//! the order of the characters never changes, new ones are only inserted between them.
//!
//! So a set of characters can be named once, as runs of consecutive ids, and asked about later
//! on any replica: which of them are still visible, and where. The runs of a quote
//! ([`runs_at`]) hold characters that stood next to each other in id order, so every id of such
//! a run lies, for good, between the run's first and last: whether any of them is visible is
//! answered from the run's ends, looking inside only when both ends are gone. The run of an
//! acceptance (the characters its rewrite inserted, see acceptance.rs) may be spread over the
//! text; [`visible_offsets`] asks after each of its ids.
//!
//! yrs keeps its item list private; ids and offsets are read through sticky indices, each a
//! walk over the text's items. Recording a quote costs one walk per quoted UTF-16 unit, once,
//! when the remark is written; the reads are for the uncommon paths (an anchor whose wording
//! changed, settling acceptances) and stop at the first visible character.

use yrs::branch::{Branch, BranchPtr};
use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;
use yrs::{Assoc, ClientID, IndexedSequence, ReadTxn, StickyIndex, TextRef, ID};

/// Consecutive ids of one writer: `client`'s clocks `clock .. clock + len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub client: u64,
    pub clock: u32,
    pub len: u32,
}

impl Run {
    fn id(&self, offset: u32) -> ID {
        ID::new(ClientID::new(self.client), self.clock + offset)
    }
}

/// The ids of the characters at `[start, end)` of `text`, as runs in text order. `None` if the
/// range does not lie inside the text.
pub(crate) fn runs_at<T: ReadTxn>(
    txn: &T,
    text: &TextRef,
    start: u32,
    end: u32,
) -> Option<Vec<Run>> {
    let mut runs: Vec<Run> = Vec::new();
    for offset in start..end {
        let index = text.sticky_index(txn, offset, Assoc::After)?;
        let id = *index.id()?;
        let client = id.client.get();
        match runs.last_mut() {
            Some(run) if run.client == client && run.clock + run.len == id.clock => run.len += 1,
            _ => runs.push(Run {
                client,
                clock: id.clock,
                len: 1,
            }),
        }
    }
    Some(runs)
}

/// Runs as stored: a var-int count, then client, clock and length of each.
pub(crate) fn encode(runs: &[Run]) -> Vec<u8> {
    let mut out = Vec::new();
    out.write_var(runs.len() as u64);
    for run in runs {
        out.write_var(run.client);
        out.write_var(run.clock);
        out.write_var(run.len);
    }
    out
}

/// Reads [`encode`]; `None` if the bytes are not runs.
pub(crate) fn decode(bytes: &[u8]) -> Option<Vec<Run>> {
    let mut cursor = Cursor::new(bytes);
    let count: u64 = cursor.read_var().ok()?;
    let mut runs = Vec::new();
    for _ in 0..count {
        runs.push(Run {
            client: cursor.read_var().ok()?,
            clock: cursor.read_var().ok()?,
            len: cursor.read_var().ok()?,
        });
    }
    Some(runs)
}

/// For the character `id` of `text`: how many visible characters come before it, and how many
/// up to and including it (one more when it is visible). `None` if this replica does not hold
/// it (yet) or it belongs to another text.
fn position<T: ReadTxn>(txn: &T, text: &TextRef, id: ID) -> Option<(u32, u32)> {
    let before = StickyIndex::from_id(id, Assoc::After).get_offset(txn)?;
    let through = StickyIndex::from_id(id, Assoc::Before).get_offset(txn)?;
    let ours = BranchPtr::from(AsRef::<Branch>::as_ref(text));
    (before.branch == ours).then_some((before.index, through.index))
}

/// Whether any character of `run`, a run of a quote, is visible in `text`. Its two ends are
/// asked first, as an edited range usually keeps one of them; the middle only when both are
/// gone, halving it.
pub(crate) fn any_visible<T: ReadTxn>(txn: &T, text: &TextRef, run: Run) -> bool {
    let visible = |p: Option<(u32, u32)>| p.is_some_and(|(before, through)| through > before);
    if run.len == 0 {
        return false;
    }
    let first = position(txn, text, run.id(0));
    if visible(first) {
        return true;
    }
    if run.len == 1 {
        return false;
    }
    let last = position(txn, text, run.id(run.len - 1));
    if visible(last) {
        return true;
    }
    // No visible character from the run's first to its last means none of the run is.
    if let (Some((before_first, _)), Some((_, through_last))) = (first, last) {
        if through_last <= before_first {
            return false;
        }
    }
    // Something between them is visible: one of the run's own, or text inserted inside it.
    let (clock, len) = (run.clock + 1, run.len - 2);
    let half = len / 2;
    let left = Run {
        clock,
        len: half,
        ..run
    };
    let right = Run {
        clock: clock + half,
        len: len - half,
        ..run
    };
    any_visible(txn, text, left) || any_visible(txn, text, right)
}

/// Where the visible characters of `run` stand in `text` now, as offsets, asking after each
/// id (the run need not be contiguous in the text). `None` if this replica does not hold all
/// of them yet.
pub(crate) fn visible_offsets<T: ReadTxn>(txn: &T, text: &TextRef, run: Run) -> Option<Vec<u32>> {
    let mut offsets = Vec::new();
    for i in 0..run.len {
        let (before, through) = position(txn, text, run.id(i))?;
        if through > before {
            offsets.push(before);
        }
    }
    Some(offsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::decoder::Decode;
    use yrs::{Doc, GetString, StateVector, Text, Transact, Update};

    fn doc(client: u64) -> (Doc, TextRef) {
        let doc = Doc::with_options(crate::doc_options(client));
        let text = doc.get_or_insert_text("t");
        (doc, text)
    }

    fn sync(from: &Doc, to: &Doc) {
        let state = from
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        let update = Update::decode_v1(&state).expect("an update");
        to.transact_mut().apply_update(update).expect("applies");
    }

    #[test]
    fn runs_round_trip_and_follow_the_text() {
        let (a, text) = doc(1);
        text.insert(&mut a.transact_mut(), 0, "Detta avtal");
        text.insert(&mut a.transact_mut(), 2, "XY");
        let txn = a.transact();
        let runs = runs_at(&txn, &text, 0, 6).expect("inside the text");
        // "De", then "XY" (another insert), then "tt": three runs.
        assert_eq!(runs.len(), 3, "{runs:?}");
        assert_eq!(decode(&encode(&runs)), Some(runs.clone()));
        assert_eq!(decode(&[5, 1]), None);
        assert_eq!(runs_at(&txn, &text, 0, 99), None);
        assert!(runs.iter().all(|r| any_visible(&txn, &text, *r)));
        assert_eq!(visible_offsets(&txn, &text, runs[1]), Some(vec![2, 3]));
    }

    #[test]
    fn a_deleted_run_with_text_inserted_inside_is_not_visible_until_one_is_kept() {
        let (seed, seed_text) = doc(1);
        seed_text.insert(&mut seed.transact_mut(), 0, "Detta avtal");
        let run = runs_at(&seed.transact(), &seed_text, 0, 5).expect("inside")[0];
        assert_eq!(run.len, 5);
        // For each quoted character, a replica that keeps only that one; and one keeping none.
        for keep in (0..5).map(Some).chain([None]) {
            let (a, text) = doc(2);
            let (b, b_text) = doc(3);
            sync(&seed, &a);
            sync(&seed, &b);
            b_text.insert(&mut b.transact_mut(), 2, "ZZ");
            for i in (0..5).rev().filter(|i| Some(*i) != keep) {
                text.remove_range(&mut a.transact_mut(), i, 1);
            }
            sync(&b, &a);
            let txn = a.transact();
            let kept = keep.is_some();
            assert_eq!(any_visible(&txn, &text, run), kept, "{keep:?}");
            let offsets = visible_offsets(&txn, &text, run).expect("all held");
            assert_eq!(offsets.len(), usize::from(kept), "{keep:?}");
            if keep.is_none() {
                assert_eq!(text.get_string(&txn), "ZZ avtal");
            }
        }
    }
}
