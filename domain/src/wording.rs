//! Who changed a clause's wording, as the server knows it. When the server's guard integrates
//! an update that edits a clause's text, it records the edit under `wordings/<clause>~<n>` —
//! who (the session's participant, never a name the writer claims), when, the wording before
//! — written as the server's own change in the same stored update (like a stamp, stamp.rs).
//! One coordinator typing is one stretch: edits by the same person within [`STRETCH_MS`] of
//! the last extend it. An edit that came with an acceptance (the text a proposal brought in) is
//! recorded apart and marked. Only the server writes there (the guard refuses anyone else).
//!
//! Extending a stretch writes nothing but, once a minute, its end: every change of a clause's
//! wording is recorded, so the wording after a stretch is the next stretch's wording before,
//! or the clause's wording now. (Writing it at every edit kept a copy of the whole clause per
//! keystroke in the document's history — 20,000 edits made 12 of a real agreement's 14 MB.)
//!
//! The clause's history names the coordinator behind each edit (clause_history.rs), and a
//! proposal on the whole clause may only claim a wording the clause really had: the current
//! one, one recorded here, or one of a named version (remark/judge.rs).

use crate::fields::{boolean, number, string, submap};
use crate::schema::{self, wording as W, Val};
use crate::Agreement;
use yrs::{GetString, Map, MapRef, ReadTxn, TransactionMut};

/// Edits by one person this close together are one stretch of editing.
pub const STRETCH_MS: f64 = 10.0 * 60_000.0;

/// A stretch's end is moved on at most this often: to the minute, as the history shows it.
pub const TO_STEP_MS: f64 = 60_000.0;

/// One recorded stretch of edits of a clause's wording.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edit {
    /// The participant who made it.
    pub by: String,
    /// It came with an acceptance.
    pub accepted: bool,
    pub from_ms: f64,
    pub to_ms: f64,
    pub before: String,
    /// The wording after the stretch: the next one's `before`, or the clause's wording now.
    pub wording: String,
}

/// A clause about to be edited by an update: its id, its wording before, and whether the
/// update also accepts a proposal on it.
#[derive(Debug, Clone)]
pub(crate) struct Editing {
    pub clause: String,
    pub before: String,
    pub accepted: bool,
}

fn key(clause: &str, n: u32) -> String {
    format!("{clause}~{n}")
}

fn count<T: ReadTxn>(wordings: &MapRef, txn: &T, clause: &str) -> u32 {
    let mut n = 0;
    while wordings.contains_key(txn, &key(clause, n)) {
        n += 1;
    }
    n
}

/// One stretch as stored; its `wording` after is filled in by [`Agreement::edits_of`].
fn read<T: ReadTxn>(m: &MapRef, txn: &T) -> Edit {
    Edit {
        by: string(m, txn, W::BY.name),
        accepted: boolean(m, txn, W::ACCEPTED.name),
        from_ms: number(m, txn, W::FROM.name),
        to_ms: number(m, txn, W::TO.name),
        before: string(m, txn, W::BEFORE.name),
        wording: String::new(),
    }
}

impl Agreement {
    /// Records `by`'s edits of `clauses` at `now_ms` (the server, after integrating them),
    /// extending their last stretch or starting one.
    pub(crate) fn record_edits(
        &self,
        txn: &mut TransactionMut,
        clauses: &[Editing],
        by: &str,
        now_ms: f64,
    ) {
        for c in clauses {
            let n = count(&self.wordings, txn, &c.clause);
            let last = n
                .checked_sub(1)
                .and_then(|l| submap(&self.wordings, txn, &key(&c.clause, l)));
            if let Some(m) = last {
                let e = read(&m, txn);
                let same = e.by == by && !e.accepted && !c.accepted;
                if same && now_ms - e.to_ms <= STRETCH_MS {
                    if now_ms - e.to_ms >= TO_STEP_MS {
                        schema::set(txn, &W::ROOT, &m, &W::TO, Val::Num(now_ms));
                    }
                    continue;
                }
            }
            if self
                .clause_text_in(txn, &c.clause)
                .is_none_or(|after| after == c.before)
            {
                continue;
            }
            let mut fields = vec![
                (&W::CLAUSE, Val::Str(&c.clause)),
                (&W::BY, Val::Str(by)),
                (&W::FROM, Val::Num(now_ms)),
                (&W::TO, Val::Num(now_ms)),
                (&W::BEFORE, Val::Str(&c.before)),
            ];
            if c.accepted {
                fields.push((&W::ACCEPTED, Val::Bool(true)));
            }
            let entry = schema::entry(&W::ROOT, fields);
            self.wordings.insert(txn, key(&c.clause, n), entry);
        }
    }

    /// The recorded edits of `clause`, oldest first (each looked up by key, no scan), each
    /// with the wording after it: the next one's wording before, or the clause's now.
    pub(crate) fn edits_of(&self, clause: &str) -> Vec<Edit> {
        let txn = yrs::Transact::transact(&self.doc);
        let mut edits: Vec<Edit> = (0..count(&self.wordings, &txn, clause))
            .filter_map(|n| submap(&self.wordings, &txn, &key(clause, n)))
            .map(|m| read(&m, &txn))
            .collect();
        let mut after = self.clause_text_in(&txn, clause).unwrap_or_default();
        for e in edits.iter_mut().rev() {
            e.wording = std::mem::replace(&mut after, e.before.clone());
        }
        edits
    }

    /// Whether `clause` ever read `wording`: now, before or after a recorded edit, or at a
    /// named version (read last: each is a snapshot to read).
    pub(crate) fn had_wording(&self, clause: &str, wording: &str) -> bool {
        let now = {
            let txn = yrs::Transact::transact(&self.doc);
            self.clause_text_in(&txn, clause)
        };
        if now.as_deref() == Some(wording) {
            return true;
        }
        let edits = self.edits_of(clause);
        if edits
            .iter()
            .any(|e| e.before == wording || e.wording == wording)
        {
            return true;
        }
        self.versions()
            .iter()
            .any(|v| self.clause_text_at(clause, Some(&v.id)).as_deref() == Ok(wording))
    }

    /// A clause's wording as this transaction sees it.
    fn clause_text_in<T: ReadTxn>(&self, txn: &T, clause: &str) -> Option<String> {
        let m = submap(&self.clauses, txn, clause)?;
        crate::fields::text(&m, txn, schema::clause::TEXT.name).map(|t| t.get_string(txn))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    /// Sets clause `c`'s wording to `text` and records it as the server does, as `by` at `at`.
    fn edit(a: &Agreement, c: &str, text: &str, by: &str, at: f64) {
        let karin = demo::participants()[0].clone();
        let before = a.clause(c).expect("clause").text;
        a.set_clause_text(&karin, c, text).expect("edit");
        let editing = [Editing {
            clause: c.to_string(),
            before,
            accepted: false,
        }];
        let mut txn = yrs::Transact::transact_mut(&a.doc);
        a.record_edits(&mut txn, &editing, by, at);
    }

    #[test]
    fn one_persons_edits_close_together_are_one_stretch() {
        let a = demo::agreement(1, 0.0).expect("demo");
        let c = a.clauses()[0].id.clone();
        let first = a.clause(&c).expect("clause").text;
        let edit = |text: &str, by: &str, at: f64| edit(&a, &c, text, by, at);
        edit("Ett.", "karin", 1_000.0);
        edit("Två.", "karin", 1_000.0 + STRETCH_MS);
        let edits = a.edits_of(&c);
        assert_eq!(edits.len(), 1, "one stretch");
        assert_eq!(
            (edits[0].before.as_str(), edits[0].wording.as_str()),
            (first.as_str(), "Två.")
        );
        edit("Tre.", "anna", 1_000.0 + STRETCH_MS);
        edit("Fyra.", "anna", 1_000.0 + 3.0 * STRETCH_MS);
        let by: Vec<String> = a.edits_of(&c).into_iter().map(|e| e.by).collect();
        assert_eq!(
            by,
            ["karin", "anna", "anna"],
            "another person, or a pause, starts a stretch"
        );
        for had in [first.as_str(), "Två.", "Tre.", "Fyra."] {
            assert!(a.had_wording(&c, had), "{had}");
        }
        // A wording passed through inside one stretch is not kept.
        assert!(!a.had_wording(&c, "Ett."));
        assert!(!a.had_wording(&c, "Aldrig skrivet."));
    }

    #[test]
    fn extending_a_stretch_keeps_no_copy_of_the_wording_and_moves_its_end_by_the_minute() {
        let a = demo::agreement(1, 0.0).expect("demo");
        let c = a.clauses()[0].id.clone();
        let edit = |text: &str, at: f64| edit(&a, &c, text, "karin", at);
        let stored = |field: &str| {
            let txn = yrs::Transact::transact(&a.doc);
            let m = submap(&a.wordings, &txn, &key(&c, 0)).expect("the stretch");
            m.get(&txn, field).map(|v| v.to_string(&txn))
        };
        edit("Ett.", 1_000.0);
        for (i, text) in ["Ett, två.", "Ett, två, tre."].into_iter().enumerate() {
            edit(text, 1_000.0 + 10_000.0 * (i + 1) as f64);
        }
        assert_eq!(stored(W::WORDING.name), None, "no wording after is stored");
        assert_eq!(
            stored(W::TO.name).as_deref(),
            Some("1000"),
            "within the minute"
        );
        edit("Ett, två, tre, fyra.", 1_000.0 + TO_STEP_MS);
        assert_eq!(stored(W::TO.name).as_deref(), Some("61000"), "a minute on");
        let edits = a.edits_of(&c);
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].wording, "Ett, två, tre, fyra.", "the wording now");
        assert_eq!(edits[0].to_ms, 61_000.0);
    }

    #[test]
    fn the_wording_after_a_stretch_is_the_next_ones_before_also_as_stored_earlier() {
        let a = demo::agreement(1, 0.0).expect("demo");
        let c = a.clauses()[0].id.clone();
        let first = a.clause(&c).expect("clause").text;
        let edit = |text: &str, by: &str, at: f64| edit(&a, &c, text, by, at);
        edit("Karins.", "karin", 1_000.0);
        // A store of an earlier release: the wording after written into the stretch.
        {
            let mut txn = yrs::Transact::transact_mut(&a.doc);
            let m = submap(&a.wordings, &txn, &key(&c, 0)).expect("the stretch");
            schema::set(&mut txn, &W::ROOT, &m, &W::WORDING, Val::Str("Karins."));
        }
        edit("Annas.", "anna", 2_000.0);
        let steps: Vec<(String, String)> = a
            .edits_of(&c)
            .into_iter()
            .map(|e| (e.before, e.wording))
            .collect();
        assert_eq!(
            steps,
            [
                (first, "Karins.".to_string()),
                ("Karins.".to_string(), "Annas.".to_string())
            ]
        );
    }
}
