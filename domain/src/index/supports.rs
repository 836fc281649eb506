//! Support and opposition per proposal, counted as entries come and go.

use super::{Change, Changes};
use crate::fields::string;
use crate::SupportCount;
use std::collections::{BTreeSet, HashMap};
use yrs::{MapRef, ReadTxn};

/// One support entry: the proposal it is on and its value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SupportEntry {
    proposal: String,
    value: String,
}

pub(crate) fn read<T: ReadTxn>(map: &MapRef, txn: &T) -> SupportEntry {
    SupportEntry {
        proposal: string(map, txn, "proposal"),
        value: string(map, txn, "value"),
    }
}

/// The support entries of one replica, and the counts per proposal.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Supports {
    entries: HashMap<String, SupportEntry>,
    counts: HashMap<String, SupportCount>,
}

impl Supports {
    /// Puts `entry` in place of the entry under `key` (`None`: removed).
    pub(crate) fn set(&mut self, key: &str, entry: Option<SupportEntry>, changes: &mut Changes) {
        let old = match &entry {
            Some(e) => self.entries.insert(key.to_string(), e.clone()),
            None => self.entries.remove(key),
        };
        if old == entry {
            return;
        }
        for (e, delta) in [(old, -1i64), (entry, 1)] {
            let Some(e) = e else { continue };
            let count = self.counts.entry(e.proposal.clone()).or_default();
            let slot = match e.value.as_str() {
                "for" => &mut count.for_,
                "against" => &mut count.against,
                _ => continue,
            };
            *slot = slot.saturating_add_signed(delta as isize);
            if *count == SupportCount::default() {
                self.counts.remove(&e.proposal);
            }
            changes.insert(Change::Support(e.proposal.clone()));
        }
    }

    /// What differs from `old`, as the changes an update between them would make.
    pub(crate) fn changes_from(&self, old: &Supports, changes: &mut Changes) {
        let keys: BTreeSet<&String> = self.entries.keys().chain(old.entries.keys()).collect();
        for key in keys {
            let (a, b) = (old.entries.get(key), self.entries.get(key));
            if a != b {
                for e in a.into_iter().chain(b) {
                    changes.insert(Change::Support(e.proposal.clone()));
                }
            }
        }
    }

    /// Support and opposition on `proposal`.
    pub(crate) fn count(&self, proposal: &str) -> SupportCount {
        self.counts.get(proposal).copied().unwrap_or_default()
    }
}
