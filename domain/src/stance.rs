//! An organisation's stance per clause, and its answer.
//!
//! Members of an organisation draft its stance on each clause (one entry per organisation and
//! clause, overwritten as they revise it). The organisation's respondent then sends the answer:
//! the drafts as they stand are copied into a new, immutable revision. Changing a stance after
//! sending only changes the draft; the next send makes a new revision and the earlier one is
//! kept — as LEOS keeps linked revisions of a sent batch.

use crate::fields::{number, string};
use crate::guard::{forbid, Ctx, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, answer as A, clause as C, stance as S, Val};
use crate::{Agreement, ClauseId, DomainError, Participant};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use yrs::{Any, Map, MapRef, Out, ReadTxn, Transact};

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
    /// The deciding body's decision, when recorded with the answer (answer.rs).
    pub decision: Option<crate::Decision>,
    /// Recorded by a coordinator (`sent_by`) for the organisation: it came another way.
    pub on_behalf: bool,
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

/// The stance entry `actor` drafts for its organisation on `clause`.
fn stance_entry(
    actor: &Participant,
    clause: &str,
    value: StanceValue,
    motivation: &str,
    now_ms: f64,
) -> yrs::MapPrelim {
    schema::entry(
        &S::ROOT,
        vec![
            (&S::ORGANISATION, Val::Str(&actor.organisation)),
            (&S::CLAUSE, Val::Str(clause)),
            (&S::VALUE, Val::Str(value.key())),
            (&S::MOTIVATION, Val::Str(motivation.trim())),
            (&S::AUTHOR, Val::Str(&actor.id)),
            (&S::UPDATED, Val::Num(now_ms)),
        ],
    )
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
        let entry = stance_entry(actor, clause, value, motivation, now_ms);
        self.stances
            .insert(&mut txn, key(&actor.organisation, clause).as_str(), entry);
        Ok(())
    }

    /// Drafts `value`, without a motivation, on every live clause `actor`'s organisation has
    /// no stance on yet, in one change — "no remarks on the other clauses", as a written
    /// answer often ends. Clauses with a stance keep it, and so do those in `except` (a
    /// stance being chosen on the page, not yet saved). Returns how many were drafted.
    pub fn draft_remaining(
        &self,
        actor: &Participant,
        value: StanceValue,
        except: &[ClauseId],
        now_ms: f64,
    ) -> Result<usize, DomainError> {
        self.check(actor, Action::DraftStance)?;
        self.check_deadline(&actor.organisation, now_ms)?;
        let mut open = self.clauses_without_stance(&actor.organisation);
        open.retain(|c| !except.contains(c));
        let mut txn = self.doc.transact_mut();
        for clause in &open {
            let entry = stance_entry(actor, clause, value, "", now_ms);
            self.stances
                .insert(&mut txn, key(&actor.organisation, clause).as_str(), entry);
        }
        Ok(open.len())
    }

    /// The live clauses, in reading order, on which `organisation` has neither drafted nor
    /// sent a stance.
    pub fn clauses_without_stance(&self, organisation: &str) -> Vec<ClauseId> {
        let clauses = self.clause_ids();
        self.with_index(|ix, _| {
            clauses
                .into_iter()
                .filter(|c| {
                    let cell = ix.stances.cell(organisation, c);
                    cell.draft.is_none() && cell.sent.is_none()
                })
                .collect()
        })
    }

    /// Sends `actor`'s organisation's answer: every drafted stance, as a new revision (with a
    /// formal decision: [`Agreement::send_answer_with`]).
    pub fn send_answer(&self, actor: &Participant, now_ms: f64) -> Result<usize, DomainError> {
        self.send_answer_with(actor, None, now_ms)
    }

    /// Every stance `organisation` has drafted, by clause (what its next answer sends).
    pub fn drafts_of(&self, organisation: &str) -> Vec<(ClauseId, Stance)> {
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
        crate::sorting::sort(&mut organisations);
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
pub(crate) fn read_answer<T: ReadTxn>(
    id: &str,
    m: &MapRef,
    txn: &T,
    stamps: &MapRef,
) -> AnswerRevision {
    let stances = match m.get(txn, A::STANCES.name) {
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
        organisation: string(m, txn, A::ORGANISATION.name),
        number: 0,
        sent_by: string(m, txn, A::SENT_BY.name),
        // When the server received it, once it has said (see stamp.rs).
        sent_ms: crate::stamp::read(stamps, txn, id)
            .map_or_else(|| number(m, txn, A::SENT.name), |s| s.stored_ms),
        stances,
        decision: crate::answer::read_decision(m, txn),
        on_behalf: crate::answer::read_on_behalf(m, txn),
        id: id.to_string(),
    }
}

/// The server's rules for stances and answers: an organisation's members draft its stance on a
/// live clause before its deadline, in their own name; its respondent sends its answer, once per
/// entry, before the deadline, with stance values that exist — or a coordinator records it for
/// the organisation (answer.rs), with or without the decision behind it.
impl Agreement {
    pub(crate) fn judge_stance(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", S::ROOT.name, e.key);
        ctx.allow(&what, Action::DraftStance)?;
        self.check_deadline(&ctx.writer.organisation, ctx.now_ms)
            .map_err(|err| forbid(&what, &err.to_string()))?;
        let (clause, org) = e.key.split_once('@').unwrap_or((&e.key, ""));
        if org != ctx.writer.organisation {
            return Err(forbid(
                &what,
                "one drafts only one's own organisation's stance",
            ));
        }
        if e.str(&S::ORGANISATION) != Some(org) || e.str(&S::CLAUSE) != Some(clause) {
            return Err(forbid(&what, "a stance names its organisation and clause"));
        }
        ctx.is_writer(&what, S::AUTHOR.name, e.str(&S::AUTHOR))?;
        if let Some(at) = e.num(&S::UPDATED) {
            ctx.claimed_time(&what, at)?;
        }
        if !self.clause_is_live(ctx, clause) {
            return Err(forbid(
                &what,
                &DomainError::UnknownClause(clause.into()).to_string(),
            ));
        }
        Ok(())
    }

    pub(crate) fn judge_answer(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", A::ROOT.name, e.key);
        if e.replaces {
            return Err(forbid(&what, "a sent answer is never changed"));
        }
        ctx.is_writer(&what, A::SENT_BY.name, e.str(&A::SENT_BY))?;
        if crate::answer::recorded(e) {
            self.judge_recorded_answer(ctx, e, &what)?;
        } else {
            self.judge_sent_answer(ctx, e, &what)?;
        }
        if let Some(at) = e.num(&A::SENT) {
            ctx.claimed_time(&what, at)?;
        }
        for value in e.values(&A::STANCES) {
            let Judged::Rows(rows) = value else { continue };
            for [clause, value, _] in rows {
                if StanceValue::from_key(value).is_none()
                    || !self.entry_exists(ctx, C::ROOT.name, clause)
                {
                    return Err(forbid(
                        &what,
                        "an answer's stances are on clauses, with known values",
                    ));
                }
            }
        }
        self.judge_decision(ctx, e, &what)
    }

    /// An answer the organisation sends itself: by its respondent, before its deadline.
    fn judge_sent_answer(&self, ctx: &Ctx, e: &NewEntry, what: &str) -> Result<(), Refusal> {
        ctx.allow(what, Action::SendAnswer)?;
        let org = ctx.writer.organisation.as_str();
        if e.str(&A::ORGANISATION) != Some(org) {
            return Err(forbid(what, "an answer is sent for one's own organisation"));
        }
        if self.respondent_of(org).as_deref() != Some(ctx.writer.id.as_str()) {
            return Err(forbid(
                what,
                &DomainError::NotRespondent(org.into()).to_string(),
            ));
        }
        self.check_deadline(org, ctx.now_ms)
            .map_err(|err| forbid(what, &err.to_string()))
    }
}
