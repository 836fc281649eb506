//! Stances: each organisation's drafts by clause, and its sent answers in order — so one
//! clause's stances, or one organisation's, are read without the whole matrix.

use super::{Change, Changes, Order};
use crate::fields::Fields;
use crate::{AnswerRevision, Stance, StanceCell, StanceValue};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use yrs::{MapRef, ReadTxn};

/// A stance entry as written: whose, on which clause, and the stance if its value is one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftEntry {
    organisation: String,
    clause: String,
    stance: Option<Stance>,
}

pub(crate) fn read_draft<T: ReadTxn>(map: &MapRef, txn: &T) -> DraftEntry {
    let f = Fields::of(map, txn);
    DraftEntry {
        organisation: f.string("organisation"),
        clause: f.string("clause"),
        stance: StanceValue::from_key(&f.string("value")).map(|value| Stance {
            value,
            motivation: f.string("motivation"),
        }),
    }
}

/// The stance entries and sent answers of one replica.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Stances {
    drafts: HashMap<String, DraftEntry>,
    /// Entry keys per organisation and clause. One per cell as the app writes them
    /// (`clause@organisation`); a cell with several is read from the canonical key, else the
    /// first.
    cells: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    answers: HashMap<String, AnswerRevision>,
    /// Answers per organisation, in the order they were sent.
    sent: BTreeMap<String, Vec<Order>>,
}

impl Stances {
    /// Puts `entry` in place of the stance entry under `key` (`None`: removed).
    pub(crate) fn set_draft(
        &mut self,
        key: &str,
        entry: Option<DraftEntry>,
        changes: &mut Changes,
    ) {
        let old = self.drafts.remove(key);
        if let Some(old) = &old {
            if let Some(orgs) = self.cells.get_mut(&old.organisation) {
                if let Some(keys) = orgs.get_mut(&old.clause) {
                    keys.remove(key);
                    if keys.is_empty() {
                        orgs.remove(&old.clause);
                    }
                }
                if orgs.is_empty() {
                    self.cells.remove(&old.organisation);
                }
            }
        }
        if let Some(new) = &entry {
            self.cells
                .entry(new.organisation.clone())
                .or_default()
                .entry(new.clause.clone())
                .or_default()
                .insert(key.to_string());
            self.drafts.insert(key.to_string(), new.clone());
        }
        if old != entry {
            for e in old.iter().chain(entry.iter()) {
                changes.insert(Change::Stances(e.clause.clone()));
                changes.insert(Change::Organisation(e.organisation.clone()));
            }
        }
    }

    /// Puts `answer` in place of the answer `id` (`None`: removed). The organisation's latest
    /// answer decides what every clause's cell shows as sent, so every clause changes.
    pub(crate) fn set_answer(
        &mut self,
        id: &str,
        answer: Option<AnswerRevision>,
        changes: &mut Changes,
    ) {
        let old = self.answers.remove(id);
        if old == answer {
            if let Some(old) = old {
                self.answers.insert(id.to_string(), old);
            }
            return;
        }
        let order = |a: &AnswerRevision| Order {
            ms: a.sent_ms,
            id: a.id.clone(),
        };
        if let Some(old) = &old {
            if let Some(list) = self.sent.get_mut(&old.organisation) {
                list.retain(|o| o.id != old.id);
                if list.is_empty() {
                    self.sent.remove(&old.organisation);
                }
            }
        }
        if let Some(new) = &answer {
            let list = self.sent.entry(new.organisation.clone()).or_default();
            let o = order(new);
            if let Err(at) = list.binary_search(&o) {
                list.insert(at, o);
            }
            self.answers.insert(id.to_string(), new.clone());
        }
        for a in old.iter().chain(answer.iter()) {
            changes.insert(Change::Organisation(a.organisation.clone()));
        }
        changes.every_clause_stances();
    }

    /// What differs from `old`, as the changes an update between them would make.
    pub(crate) fn changes_from(&self, old: &Stances, changes: &mut Changes) {
        let keys: BTreeSet<&String> = self.drafts.keys().chain(old.drafts.keys()).collect();
        for key in keys {
            let (a, b) = (old.drafts.get(key), self.drafts.get(key));
            if a != b {
                for e in a.into_iter().chain(b) {
                    changes.insert(Change::Stances(e.clause.clone()));
                    changes.insert(Change::Organisation(e.organisation.clone()));
                }
            }
        }
        let ids: BTreeSet<&String> = self.answers.keys().chain(old.answers.keys()).collect();
        for id in ids {
            let (a, b) = (old.answers.get(id), self.answers.get(id));
            if a != b {
                for e in a.into_iter().chain(b) {
                    changes.insert(Change::Organisation(e.organisation.clone()));
                }
                changes.every_clause_stances();
            }
        }
    }

    /// The stance drafted for `organisation` on `clause`.
    pub(crate) fn draft(&self, organisation: &str, clause: &str) -> Option<&Stance> {
        let keys = self.cells.get(organisation)?.get(clause)?;
        let canonical = format!("{clause}@{organisation}");
        let key = keys.get(&canonical).or_else(|| keys.first())?;
        self.drafts.get(key)?.stance.as_ref()
    }

    /// Every stance drafted for `organisation`, by clause.
    pub(crate) fn drafts_of(&self, organisation: &str) -> Vec<(String, Stance)> {
        self.cells
            .get(organisation)
            .into_iter()
            .flat_map(|clauses| clauses.keys())
            .filter_map(|clause| {
                self.draft(organisation, clause)
                    .map(|s| (clause.clone(), s.clone()))
            })
            .collect()
    }

    /// `organisation`'s answers, oldest first, numbered from 1.
    pub(crate) fn answers_of(&self, organisation: &str) -> Vec<AnswerRevision> {
        self.sent
            .get(organisation)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, o)| {
                let mut a = self.answers.get(&o.id)?.clone();
                a.number = i + 1;
                Some(a)
            })
            .collect()
    }

    /// `organisation`'s latest answer and its number.
    fn latest(&self, organisation: &str) -> Option<(&AnswerRevision, usize)> {
        let list = self.sent.get(organisation)?;
        let last = list.last()?;
        Some((self.answers.get(&last.id)?, list.len()))
    }

    /// `organisation`'s latest answer as a row of the matrix shows it: its number, when it
    /// was sent and whether a coordinator recorded it.
    pub(crate) fn latest_answer(&self, organisation: &str) -> Option<(usize, f64, bool)> {
        self.latest(organisation)
            .map(|(a, n)| (n, a.sent_ms, a.on_behalf))
    }

    /// What is known of `organisation`'s stance on `clause`.
    pub(crate) fn cell(&self, organisation: &str, clause: &str) -> StanceCell {
        let latest = self.latest(organisation);
        StanceCell {
            draft: self.draft(organisation, clause).cloned(),
            sent: latest.and_then(|(a, _)| a.stances.get(clause).cloned()),
            revision: latest.map(|(_, n)| n),
        }
    }

    /// Organisations with a stance entry or a sent answer.
    pub(crate) fn organisations(&self) -> impl Iterator<Item = &String> {
        self.cells.keys().chain(self.sent.keys())
    }

    /// Organisations that have sent an answer.
    pub(crate) fn senders(&self) -> impl Iterator<Item = &String> {
        self.sent.keys()
    }
}
