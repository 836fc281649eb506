//! A remark's earlier wordings: the record cannot be rewritten. When the server's guard
//! integrates an edit of a remark's body or proposed wording, it keeps the wording the edit
//! replaced as a revision — `revisions/<remark>~<n>`, n counting from 0 — written as the
//! server's own change in the same stored update (like a stamp, stamp.rs). Only the server
//! writes there (the guard refuses anyone else), so an author cannot forge or drop a step of
//! their remark's history; a remark with a disposition is not edited at all (remark/judge.rs).

use crate::fields::{number, opt_number, opt_string, string, submap};
use crate::schema::{self, remark as R, revision as V, Val};
use crate::Agreement;
use yrs::{Map, MapRef, ReadTxn, Transact, TransactionMut};

/// One wording a remark had before an edit replaced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// The remark's body then (for a proposal, its rationale).
    pub body: String,
    /// A proposal's wording then.
    pub proposed_text: Option<String>,
    /// When that wording was written (its writing or its previous edit, the writer's clock).
    pub written_ms: f64,
    /// When the server stored the edit that replaced it.
    pub replaced_ms: f64,
}

/// The key of remark `remark`'s `n`-th kept wording.
fn key(remark: &str, n: u32) -> String {
    format!("{remark}~{n}")
}

/// The remark a revision key belongs to.
pub(crate) fn remark_of(key: &str) -> Option<&str> {
    key.rsplit_once('~').map(|(remark, _)| remark)
}

/// How many wordings of `remark` are kept (each looked up by key, no scan).
pub(crate) fn count<T: ReadTxn>(revisions: &MapRef, txn: &T, remark: &str) -> u32 {
    let mut n = 0;
    while revisions.contains_key(txn, &key(remark, n)) {
        n += 1;
    }
    n
}

impl Agreement {
    /// Keeps the current wording of each of `remarks` as its next revision, replaced at
    /// `now_ms` (the server, before integrating the edits that replace it).
    pub(crate) fn keep_wordings(&self, txn: &mut TransactionMut, kept: &[Revision], of: &[String]) {
        for (remark, revision) in of.iter().zip(kept) {
            let n = count(&self.revisions, txn, remark);
            let mut fields = vec![
                (&V::REMARK, Val::Str(remark)),
                (&V::BODY, Val::Str(&revision.body)),
                (&V::WRITTEN, Val::Num(revision.written_ms)),
                (&V::REPLACED, Val::Num(revision.replaced_ms)),
            ];
            if let Some(p) = &revision.proposed_text {
                fields.push((&V::PROPOSED_TEXT, Val::Str(p)));
            }
            self.revisions
                .insert(txn, key(remark, n), schema::entry(&V::ROOT, fields));
        }
    }

    /// Remark `id`'s wording now, to keep when an edit replaces it at `replaced_ms`.
    pub(crate) fn wording_now(&self, id: &str, replaced_ms: f64) -> Option<Revision> {
        let txn = self.doc.transact();
        let m = submap(&self.remarks, &txn, id)?;
        Some(Revision {
            body: string(&m, &txn, R::BODY.name),
            proposed_text: opt_string(&m, &txn, R::PROPOSED_TEXT.name),
            written_ms: opt_number(&m, &txn, R::EDITED.name)
                .unwrap_or_else(|| number(&m, &txn, R::CREATED.name)),
            replaced_ms,
        })
    }

    /// Every earlier wording of remark `id`, oldest first (the current one is the remark's).
    pub fn revisions_of(&self, id: &str) -> Vec<Revision> {
        let txn = self.doc.transact();
        (0..count(&self.revisions, &txn, id))
            .filter_map(|n| submap(&self.revisions, &txn, &key(id, n)))
            .map(|m| Revision {
                body: string(&m, &txn, V::BODY.name),
                proposed_text: opt_string(&m, &txn, V::PROPOSED_TEXT.name),
                written_ms: number(&m, &txn, V::WRITTEN.name),
                replaced_ms: number(&m, &txn, V::REPLACED.name),
            })
            .collect()
    }
}
