//! Rewriting a stretch of text with the fewest changes: a word diff (`similar`) between the
//! old and the new wording, applied as deletes and inserts of only the words that differ. Words
//! left alone keep their yrs items, so sticky anchors on them survive the rewrite.
//!
//! A token is a word or a punctuation mark with the whitespace after it ("brott " in "mot brott
//! mot"), so a run of changed words is one run, not words interleaved with unchanged spaces,
//! and a changed comma is a changed comma, not a changed word.

use crate::fields::utf16_len;
use crate::DomainError;
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp};
use yrs::{GetString, Text, TextRef, TransactionMut};

/// Longest text (UTF-16 units) whose edits are checked for splitting a surrogate pair.
const SURROGATE_CHECK_MAX: u32 = 8 * 1024;

/// One keystroke's edit of `text`: deletes `delete` UTF-16 units at `index`, then inserts
/// `insert`. Offsets are UTF-16 units; one between the halves of a surrogate pair would split a
/// character (an emoji, say) into two replacement characters for good, so such an edit is
/// refused. The check reads the whole text, so it is made for clause-sized texts only: a
/// keystroke in a very long text (an imported appendix, the automerge-paper trace) must stay
/// cheap.
pub(crate) fn splice(
    txn: &mut TransactionMut,
    text: &TextRef,
    (index, delete, insert): (u32, u32, &str),
) -> Result<(), DomainError> {
    let len = text.len(txn);
    let units: Vec<u16> = if len <= SURROGATE_CHECK_MAX {
        text.get_string(txn).encode_utf16().collect()
    } else {
        Vec::new()
    };
    let splits =
        |at: u32| (0xDC00..=0xDFFF).contains(&units.get(at as usize).copied().unwrap_or(0));
    if index > len || index + delete > len || splits(index) || splits(index + delete) {
        return Err(DomainError::InvalidRange {
            start: index,
            end: index + delete,
            len,
        });
    }
    if delete > 0 {
        text.remove_range(txn, index, delete);
    }
    if !insert.is_empty() {
        text.insert(txn, index, insert);
    }
    Ok(())
}

/// Splits text into words and punctuation marks, each with its trailing whitespace: a word is
/// a run of letters and digits, any other mark a token of its own, so "gruppen." changed to
/// "gruppen;" is the full stop changed, not the word (as a track-changes view shows it).
pub(crate) fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    // What the token being read has had so far: a word's letters, a mark, trailing space.
    let mut last: Option<Kind> = None;
    for (i, c) in s.char_indices() {
        let kind = Kind::of(c);
        let ends = !matches!(
            (last, kind),
            (None, _) | (_, Kind::Space) | (Some(Kind::Word), Kind::Word)
        );
        if ends && i > start {
            out.push(&s[start..i]);
            start = i;
        }
        last = Some(kind);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// What a character is to `tokens`.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Word,
    Mark,
    Space,
}

impl Kind {
    fn of(c: char) -> Kind {
        if c.is_whitespace() {
            Kind::Space
        } else if c.is_alphanumeric() {
            Kind::Word
        } else {
            Kind::Mark
        }
    }
}

/// The word-level changes turning `old` into `new`, as (tag, text) in order.
pub(crate) fn changes<'a>(old: &'a str, new: &'a str) -> Vec<(ChangeTag, &'a str)> {
    let (a, b) = (tokens(old), tokens(new));
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        for change in op_changes(&op, &a, &b) {
            out.push(change);
        }
    }
    out
}

fn op_changes<'a>(op: &DiffOp, a: &[&'a str], b: &[&'a str]) -> Vec<(ChangeTag, &'a str)> {
    match *op {
        DiffOp::Equal { old_index, len, .. } => a[old_index..old_index + len]
            .iter()
            .map(|t| (ChangeTag::Equal, *t))
            .collect(),
        DiffOp::Delete {
            old_index, old_len, ..
        } => a[old_index..old_index + old_len]
            .iter()
            .map(|t| (ChangeTag::Delete, *t))
            .collect(),
        DiffOp::Insert {
            new_index, new_len, ..
        } => b[new_index..new_index + new_len]
            .iter()
            .map(|t| (ChangeTag::Insert, *t))
            .collect(),
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => a[old_index..old_index + old_len]
            .iter()
            .map(|t| (ChangeTag::Delete, *t))
            .chain(
                b[new_index..new_index + new_len]
                    .iter()
                    .map(|t| (ChangeTag::Insert, *t)),
            )
            .collect(),
    }
}

/// Rewrites `old` (which starts at UTF-16 offset `base` in `text`) into `new`.
pub(crate) fn apply_change(
    txn: &mut TransactionMut,
    text: &TextRef,
    base: u32,
    old: &str,
    new: &str,
) {
    if old == new {
        return;
    }
    // Walk forward, tracking the position in the text as it is being rewritten.
    let mut pos = base;
    for (tag, value) in changes(old, new) {
        let len = utf16_len(value);
        match tag {
            ChangeTag::Equal => pos += len,
            ChangeTag::Delete => text.remove_range(txn, pos, len),
            ChangeTag::Insert => {
                text.insert(txn, pos, value);
                pos += len;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Doc, GetString, Transact};

    #[test]
    fn tokens_keep_trailing_whitespace() {
        assert_eq!(tokens(" a bb  c\n"), vec![" ", "a ", "bb  ", "c\n"]);
        assert_eq!(tokens(""), Vec::<&str>::new());
        assert_eq!(tokens("ord"), vec!["ord"]);
    }

    #[test]
    fn punctuation_is_a_token_of_its_own() {
        assert_eq!(
            tokens("gruppen, (se § 4.2). "),
            vec!["gruppen", ", ", "(", "se ", "§ ", "4", ".", "2", ")", ". "]
        );
        assert_eq!(tokens("hälso- och"), vec!["hälso", "- ", "och"]);
    }

    #[test]
    fn rewrites_only_changed_words() {
        let doc = Doc::new();
        let text = doc.get_or_insert_text("t");
        let old = "Avvikelser ska rapporteras snarast till regionen.";
        let new = "Allvarliga avvikelser ska rapporteras inom en vecka till regionen.";
        text.insert(&mut doc.transact_mut(), 0, &format!("X {old} Y"));
        let mut txn = doc.transact_mut();
        apply_change(&mut txn, &text, 2, old, new);
        assert_eq!(text.get_string(&txn), format!("X {new} Y"));
    }
}
