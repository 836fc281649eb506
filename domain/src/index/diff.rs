//! What differs between two replicas of one agreement, as [`Change`]s: when a replica is put
//! in place of another (after the server refused a change, see the app's live/socket.rs),
//! views re-read exactly what differs, as if it had arrived as an update.

use super::{Change, Changes, Index};
use crate::Agreement;
use std::collections::BTreeSet;
use yrs::types::ToJson;
use yrs::{Map, MapRef, Transact};

impl Agreement {
    /// What a view must re-read when this replica takes the place of `old`.
    pub fn changes_from(&self, old: &Agreement) -> Vec<Change> {
        let mut changes = Changes::default();
        if std::sync::Arc::ptr_eq(&self.index, &old.index) {
            return Vec::new();
        }
        let same = |a: &MapRef, b: &MapRef| {
            a.to_json(&self.doc.transact()) == b.to_json(&old.doc.transact())
        };
        if !(same(&self.meta, &old.meta) && same(&self.extensions, &old.extensions)) {
            changes.insert(Change::Meta);
        }
        if self.outline() != old.outline() {
            changes.insert(Change::Outline);
        }
        if !(same(&self.participants, &old.participants)
            && same(&self.organisations, &old.organisations))
        {
            changes.insert(Change::Participants);
        }
        if !same(&self.versions, &old.versions) {
            changes.insert(Change::Versions);
        }
        if !same(&self.acceptances, &old.acceptances) {
            changes.insert(Change::Acceptances);
        }
        let clauses: BTreeSet<String> = {
            let (a, b) = (self.doc.transact(), old.doc.transact());
            self.clauses
                .keys(&a)
                .chain(old.clauses.keys(&b))
                .map(str::to_string)
                .collect()
        };
        for c in &clauses {
            if self.clause(c).map(|c| c.text) != old.clause(c).map(|c| c.text) {
                changes.insert(Change::Text(c.clone()));
            }
            if self.response(c).map(|r| r.text) != old.response(c).map(|r| r.text) {
                changes.insert(Change::Response(c.clone()));
            }
        }
        self.with_index(|new, _| old.with_index(|old, _| new.changes_from(old, &mut changes)));
        changes.finish(clauses)
    }
}

impl Index {
    /// Replays, on a copy of `old`'s entries, every entry that differs in `self`: the same
    /// changes an update turning one into the other would have made.
    fn changes_from(&self, old: &Index, changes: &mut Changes) {
        self.remarks.changes_from(&old.remarks, changes);
        self.supports.changes_from(&old.supports, changes);
        self.stances.changes_from(&old.stances, changes);
    }
}
