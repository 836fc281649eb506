//! An organisation's stance per clause, and its answer.
//!
//! Members of an organisation draft its stance on each clause (one entry per organisation and
//! clause, overwritten as they revise it). The organisation's respondent then sends the answer:
//! the drafts as they stand are copied into a new, immutable revision. Changing a stance after
//! sending only changes the draft; the next send makes a new revision and the earlier one is
//! kept — as LEOS keeps linked revisions of a sent batch.

use crate::fields::{number, string};
use crate::permission::Action;
use crate::{ids, Agreement, ClauseId, DomainError, Participant};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use yrs::{Any, Map, MapPrelim, MapRef, Out, ReadTxn, Transact};

/// An organisation's position on a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StanceValue {
    /// tillstyrker / støtter
    Supports,
    /// avstyrker / støtter ikke
    Opposes,
    /// tillstyrker med ändring / støtter med endring
    SupportsWithChanges,
    /// ingen erinran / ingen merknad
    NoRemarks,
}

impl StanceValue {
    /// Every value, in the order they are offered.
    pub const ALL: [StanceValue; 4] = [
        StanceValue::Supports,
        StanceValue::SupportsWithChanges,
        StanceValue::Opposes,
        StanceValue::NoRemarks,
    ];

    /// Stable key used in the document and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            StanceValue::Supports => "supports",
            StanceValue::Opposes => "opposes",
            StanceValue::SupportsWithChanges => "supports_with_changes",
            StanceValue::NoRemarks => "no_remarks",
        }
    }

    /// Parses [`StanceValue::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// A stance with its motivation.
#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    pub value: StanceValue,
    pub motivation: String,
}

/// One sent answer of an organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRevision {
    pub id: String,
    pub organisation: String,
    /// 1 for the first answer sent, 2 for the next …
    pub number: usize,
    pub sent_by: String,
    pub sent_ms: f64,
    pub stances: HashMap<ClauseId, Stance>,
}

/// What is known of one organisation's stance on one clause.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StanceCell {
    /// The organisation's working draft.
    pub draft: Option<Stance>,
    /// The stance in its latest sent answer.
    pub sent: Option<Stance>,
    /// The number of that answer.
    pub revision: Option<usize>,
}

impl StanceCell {
    /// The draft differs from what was last sent.
    pub fn unsent_changes(&self) -> bool {
        self.draft.is_some() && self.draft != self.sent
    }
}

/// The organisation × clause matrix of stances.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceMatrix {
    pub organisations: Vec<String>,
    pub clauses: Vec<ClauseId>,
    /// `cells[o][c]` is organisation `o`'s stance on clause `c`.
    pub cells: Vec<Vec<StanceCell>>,
}

fn key(organisation: &str, clause: &str) -> String {
    format!("{clause}@{organisation}")
}

impl Agreement {
    /// Drafts `actor`'s organisation's stance on a clause.
    pub fn set_stance(
        &self,
        actor: &Participant,
        clause: &str,
        value: StanceValue,
        motivation: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::DraftStance)?;
        self.check_deadline(&actor.organisation, now_ms)?;
        let mut txn = self.doc.transact_mut();
        self.live_clause(&txn, clause)?;
        self.stances.insert(
            &mut txn,
            key(&actor.organisation, clause).as_str(),
            MapPrelim::from([
                ("organisation", yrs::In::from(actor.organisation.as_str())),
                ("clause", yrs::In::from(clause)),
                ("value", yrs::In::from(value.key())),
                ("motivation", yrs::In::from(motivation.trim())),
                ("author", yrs::In::from(actor.id.as_str())),
                ("updated_ms", yrs::In::from(now_ms)),
            ]),
        );
        Ok(())
    }

    /// Sends `actor`'s organisation's answer: every drafted stance, as a new revision.
    pub fn send_answer(&self, actor: &Participant, now_ms: f64) -> Result<usize, DomainError> {
        self.check(actor, Action::SendAnswer)?;
        let org = actor.organisation.as_str();
        if self.respondent_of(org).as_deref() != Some(actor.id.as_str()) {
            return Err(DomainError::NotRespondent(org.to_string()));
        }
        self.check_deadline(org, now_ms)?;
        let drafts = self.drafts_of(org);
        if drafts.is_empty() {
            return Err(DomainError::NothingToSend(org.to_string()));
        }
        let number = self.answers_of(org).len() + 1;
        // [clause, value, motivation] triples sorted by clause: an `Any::Map` would encode in
        // hash order, so the same state would not always encode to the same bytes.
        let mut drafts = drafts;
        drafts.sort_by(|a, b| a.0.cmp(&b.0));
        let stances: Vec<Any> = drafts
            .into_iter()
            .map(|(clause, s)| {
                Any::Array(Arc::from(vec![
                    Any::from(clause),
                    Any::from(s.value.key()),
                    Any::from(s.motivation),
                ]))
            })
            .collect();
        let mut txn = self.doc.transact_mut();
        let id = ids::fresh('a', &txn);
        self.answers.insert(
            &mut txn,
            id.as_str(),
            MapPrelim::from([
                ("organisation", yrs::In::from(org)),
                ("sent_by", yrs::In::from(actor.id.as_str())),
                ("sent_ms", yrs::In::from(now_ms)),
                ("stances", yrs::In::Any(Any::Array(Arc::from(stances)))),
            ]),
        );
        Ok(number)
    }

    fn drafts_of(&self, organisation: &str) -> Vec<(ClauseId, Stance)> {
        self.with_index(|ix, _| ix.stances.drafts_of(organisation))
    }

    /// Every answer `organisation` has sent, oldest first.
    pub fn answers_of(&self, organisation: &str) -> Vec<AnswerRevision> {
        self.with_index(|ix, _| ix.stances.answers_of(organisation))
    }

    /// One organisation's stance on one clause: draft, and as last sent.
    pub fn stance(&self, organisation: &str, clause: &str) -> StanceCell {
        self.with_index(|ix, _| ix.stances.cell(organisation, clause))
    }

    /// Every organisation's stance on one clause, in the matrix's order of organisations
    /// (see [`Agreement::stance_matrix`]): one column of the matrix, read without the rest.
    pub fn stances_on(&self, clause: &str) -> Vec<(String, StanceCell)> {
        let organisations = self.matrix_organisations();
        self.with_index(|ix, _| {
            organisations
                .into_iter()
                .map(|org| {
                    let cell = ix.stances.cell(&org, clause);
                    (org, cell)
                })
                .collect()
        })
    }

    /// The stances an organisation has sent, by organisation, on one clause — what a
    /// reader sees of the others' answers. Cheaper than [`Agreement::stances_on`]: only the
    /// organisations that have sent an answer are read.
    pub fn sent_on(&self, clause: &str) -> Vec<(String, Stance, usize)> {
        self.with_index(|ix, _| {
            ix.stances
                .senders()
                .filter_map(|org| {
                    let cell = ix.stances.cell(org, clause);
                    Some((org.clone(), cell.sent?, cell.revision?))
                })
                .collect()
        })
    }

    /// How many of `organisation`'s drafted stances differ from what it last sent.
    pub fn unsent_count(&self, organisation: &str) -> usize {
        let clauses = self.clause_ids();
        self.with_index(|ix, _| {
            clauses
                .iter()
                .filter(|c| ix.stances.cell(organisation, c).unsent_changes())
                .count()
        })
    }

    /// Every organisation taking part, with any that has written a stance or sent an
    /// answer, in name order: the rows of the matrix.
    fn matrix_organisations(&self) -> Vec<String> {
        let mut organisations = self.organisations();
        self.with_index(|ix, _| organisations.extend(ix.stances.organisations().cloned()));
        organisations.sort();
        organisations.dedup();
        organisations
    }

    /// The organisation × clause matrix over every organisation taking part (and any that
    /// has written a stance) and every live clause.
    pub fn stance_matrix(&self) -> StanceMatrix {
        let clauses = self.clause_ids();
        let organisations = self.matrix_organisations();
        let cells = self.with_index(|ix, _| {
            organisations
                .iter()
                .map(|org| clauses.iter().map(|c| ix.stances.cell(org, c)).collect())
                .collect()
        });
        StanceMatrix {
            organisations,
            clauses,
            cells,
        }
    }
}

/// Reads one sent answer (its number is set by the index, from its place among the
/// organisation's answers).
pub(crate) fn read_answer<T: ReadTxn>(id: &str, m: &MapRef, txn: &T) -> AnswerRevision {
    let stances = match m.get(txn, "stances") {
        Some(Out::Any(Any::Array(items))) => items
            .iter()
            .filter_map(|item| {
                let Any::Array(triple) = item else {
                    return None;
                };
                match &triple[..] {
                    [Any::String(clause), Any::String(value), Any::String(motivation)] => Some((
                        clause.to_string(),
                        Stance {
                            value: StanceValue::from_key(value)?,
                            motivation: motivation.to_string(),
                        },
                    )),
                    _ => None,
                }
            })
            .collect(),
        _ => HashMap::new(),
    };
    AnswerRevision {
        organisation: string(m, txn, "organisation"),
        number: 0,
        sent_by: string(m, txn, "sent_by"),
        sent_ms: number(m, txn, "sent_ms"),
        stances,
        id: id.to_string(),
    }
}
