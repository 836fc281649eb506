//! Remarks by clause: each entry as stored, the top-level remarks of every clause and the
//! replies to every remark in time order, and the dispositions — so a clause's threads are
//! read without touching any other clause's remarks.

use super::{Change, Changes};
use crate::anchor::ResolvingText;
use crate::disposition::Disposition;
use crate::query::ClauseCounts;
use crate::remark::StoredRemark;
use crate::{Remark, RemarkKind};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use yrs::ReadTxn;

/// A remark's place in time order: creation time, then id, so every replica lists remarks
/// identically.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Order {
    pub(crate) ms: f64,
    pub(crate) id: String,
}

impl Eq for Order {}

impl PartialOrd for Order {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Order {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ms
            .total_cmp(&other.ms)
            .then_with(|| self.id.cmp(&other.id))
    }
}

impl Order {
    fn of(r: &Remark) -> Order {
        Order {
            ms: r.created_ms,
            id: r.id.clone(),
        }
    }
}

/// A change to remark `r` changes its clause's remarks and, for a reply, its thread.
fn touched(r: &Remark, changes: &mut Changes) {
    changes.insert(Change::Remarks(r.clause.clone()));
    if let Some(parent) = &r.parent {
        changes.insert(Change::Remark(parent.clone()));
    }
}

fn insert_sorted(list: &mut Vec<Order>, order: Order) {
    if let Err(at) = list.binary_search(&order) {
        list.insert(at, order);
    }
}

fn remove_sorted(list: &mut Vec<Order>, order: &Order) {
    if let Ok(at) = list.binary_search(order) {
        list.remove(at);
    }
}

/// The remarks of one replica, indexed.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Remarks {
    entries: HashMap<String, StoredRemark>,
    /// Remarks without a parent, per clause (the entry's own `clause`), oldest first.
    roots: HashMap<String, Vec<Order>>,
    /// Entries with a parent, per parent id, oldest first.
    replies: HashMap<String, Vec<Order>>,
    /// Entries with a parent, per their own clause.
    replies_on: HashMap<String, Vec<Order>>,
    dispositions: HashMap<String, Disposition>,
}

/// How replies join a thread. A reply normally sits on its parent's clause; one that names
/// another clause is shown with the parent everywhere the agreement lists all its threads,
/// but not among the threads of one clause, which only read that clause's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replies {
    /// Every reply to the remark.
    All,
    /// Only replies on the remark's own clause.
    SameClause,
}

impl Remarks {
    /// The entries written by any of `authors` (a scan of what is indexed, no document read).
    pub(crate) fn ids_by(&self, authors: &BTreeSet<String>) -> Vec<String> {
        if authors.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|(_, e)| authors.contains(&e.remark.author))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Puts `stored` in place of entry `id` (`None`: the entry is gone).
    pub(crate) fn set(&mut self, id: &str, stored: Option<StoredRemark>, changes: &mut Changes) {
        let old = self.entries.remove(id);
        if old == stored {
            if let Some(old) = old {
                self.entries.insert(id.to_string(), old);
            }
            return;
        }
        changes.insert(Change::Remark(id.to_string()));
        for entry in old.iter().chain(stored.iter()) {
            touched(&entry.remark, changes);
        }
        if let Some(old) = old {
            self.unlink(&old.remark);
        }
        if let Some(stored) = stored {
            self.link(&stored.remark);
            self.entries.insert(id.to_string(), stored);
        }
    }

    fn link(&mut self, r: &Remark) {
        if r.parent.is_some() {
            insert_sorted(
                self.replies_on.entry(r.clause.clone()).or_default(),
                Order::of(r),
            );
        }
        let list = match &r.parent {
            None => self.roots.entry(r.clause.clone()).or_default(),
            Some(parent) => self.replies.entry(parent.clone()).or_default(),
        };
        insert_sorted(list, Order::of(r));
    }

    fn unlink(&mut self, r: &Remark) {
        if r.parent.is_some() {
            if let Some(list) = self.replies_on.get_mut(&r.clause) {
                remove_sorted(list, &Order::of(r));
                if list.is_empty() {
                    self.replies_on.remove(&r.clause);
                }
            }
        }
        let (map, key) = match &r.parent {
            None => (&mut self.roots, &r.clause),
            Some(parent) => (&mut self.replies, parent),
        };
        if let Some(list) = map.get_mut(key) {
            remove_sorted(list, &Order::of(r));
            if list.is_empty() {
                map.remove(key);
            }
        }
    }

    /// Sets or clears the disposition of remark `id`.
    pub(crate) fn set_disposition(
        &mut self,
        id: &str,
        value: Option<Disposition>,
        changes: &mut Changes,
    ) {
        if self.dispositions.get(id) == value.as_ref() {
            return;
        }
        match value {
            Some(v) => self.dispositions.insert(id.to_string(), v),
            None => self.dispositions.remove(id),
        };
        changes.insert(Change::Remark(id.to_string()));
        if let Some(e) = self.entries.get(id) {
            touched(&e.remark, changes);
        }
    }

    /// What differs from `old`, as the changes an update between them would make.
    pub(crate) fn changes_from(&self, old: &Remarks, changes: &mut Changes) {
        let ids: BTreeSet<&String> = self.entries.keys().chain(old.entries.keys()).collect();
        for id in ids {
            let (a, b) = (old.entries.get(id), self.entries.get(id));
            if a != b {
                changes.insert(Change::Remark(id.clone()));
                for e in a.into_iter().chain(b) {
                    touched(&e.remark, changes);
                }
            }
        }
        let ids: BTreeSet<&String> = self
            .dispositions
            .keys()
            .chain(old.dispositions.keys())
            .collect();
        for id in ids {
            if self.dispositions.get(id) != old.dispositions.get(id) {
                changes.insert(Change::Remark(id.clone()));
                for e in old.entries.get(id).into_iter().chain(self.entries.get(id)) {
                    touched(&e.remark, changes);
                }
            }
        }
    }

    /// An entry as stored.
    pub(crate) fn stored(&self, id: &str) -> Option<&StoredRemark> {
        self.entries.get(id)
    }

    pub(crate) fn disposition(&self, id: &str) -> Option<&Disposition> {
        self.dispositions.get(id)
    }

    /// The top-level remarks on `clause`, oldest first.
    pub(crate) fn roots_of(&self, clause: &str) -> &[Order] {
        self.roots.get(clause).map_or(&[], Vec::as_slice)
    }

    /// The replies to `id` under `replies`, oldest first.
    fn replies_to<'a>(
        &'a self,
        root: &'a Remark,
        replies: Replies,
    ) -> impl Iterator<Item = &'a StoredRemark> + 'a {
        self.replies
            .get(&root.id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|o| self.entries.get(&o.id))
            .filter(move |e| replies == Replies::All || e.remark.clause == root.clause)
    }

    /// Clauses with at least one top-level remark.
    pub(crate) fn clauses(&self) -> impl Iterator<Item = &String> {
        self.roots.keys()
    }

    /// How many top-level remarks there are, across clauses.
    pub(crate) fn thread_count(&self) -> usize {
        self.roots.values().map(Vec::len).sum()
    }

    /// Every top-level remark, oldest first, across clauses.
    pub(crate) fn all_roots(&self) -> Vec<&Order> {
        let mut all: Vec<&Order> = self.roots.values().flatten().collect();
        crate::sorting::sort(&mut all);
        all
    }

    /// Every entry, oldest first.
    pub(crate) fn all(&self) -> Vec<&StoredRemark> {
        let mut all: Vec<&StoredRemark> = self.entries.values().collect();
        crate::sorting::sort_by(&mut all, |a, b| {
            Order::of(&a.remark).cmp(&Order::of(&b.remark))
        });
        all
    }

    /// One remark as it reads now, with its anchor resolved in `text` (its clause's text).
    pub(crate) fn read<T: ReadTxn>(
        &self,
        id: &str,
        txn: &T,
        text: Option<&ResolvingText>,
    ) -> Option<Remark> {
        let stored = self.entries.get(id)?;
        Some(stored.resolve(txn, text, self.dispositions.get(id).cloned()))
    }

    /// A top-level remark with its replies (a reply alone, for a reply's id).
    pub(crate) fn thread<T: ReadTxn>(
        &self,
        id: &str,
        txn: &T,
        text: Option<&ResolvingText>,
        replies: Replies,
    ) -> Option<Remark> {
        let mut root = self.read(id, txn, text)?;
        if root.parent.is_none() {
            root.replies = self
                .replies_to(&self.entries.get(id)?.remark, replies)
                .filter_map(|e| self.read(&e.remark.id, txn, text))
                .collect();
        }
        Some(root)
    }

    /// A thread as [`Remarks::thread`] gives it, but with no anchor resolved (each reads as
    /// orphaned, its quote kept): for filters, which read what a remark says, not where its
    /// range stands now.
    pub(crate) fn thread_at_rest(&self, id: &str, replies: Replies) -> Option<Remark> {
        let at_rest = |e: &StoredRemark| Remark {
            anchor: e.anchor.as_ref().map(|a| a.at_rest()),
            disposition: self.dispositions.get(&e.remark.id).cloned(),
            ..e.remark.clone()
        };
        let stored = self.entries.get(id)?;
        let mut root = at_rest(stored);
        if root.parent.is_none() {
            root.replies = self
                .replies_to(&stored.remark, replies)
                .map(at_rest)
                .collect();
        }
        Some(root)
    }

    /// Remark figures for `clause`, replies counted as [`Replies::All`] (as the table of
    /// contents always has).
    pub(crate) fn counts(&self, clause: &str) -> ClauseCounts {
        let mut c = ClauseCounts::default();
        for root in self.roots_of(clause) {
            let Some(r) = self.entries.get(&root.id).map(|e| &e.remark) else {
                continue;
            };
            if r.withdrawn {
                continue;
            }
            c.remarks += 1;
            c.open += usize::from(!self.dispositions.contains_key(&r.id));
            c.proposals += usize::from(r.kind == RemarkKind::Proposal);
            c.questions += usize::from(r.kind == RemarkKind::Question);
            c.replies += self
                .replies_to(r, Replies::All)
                .filter(|e| !e.remark.withdrawn)
                .count();
        }
        c
    }

    /// How many entries on `clause` (remarks and replies) are not withdrawn.
    pub(crate) fn live_entries_on(&self, clause: &str) -> usize {
        let replies = self.replies_on.get(clause).map_or(&[][..], Vec::as_slice);
        self.roots_of(clause)
            .iter()
            .chain(replies)
            .filter_map(|o| self.entries.get(&o.id))
            .filter(|e| !e.remark.withdrawn)
            .count()
    }
}
