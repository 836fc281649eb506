//! A clause's history: every wording it had, who changed it and why — a proposal accepted into
//! it, a version cut, a coordinator's own edit — newest first, for the history one click away
//! on each clause. Read on demand for one clause: the acceptances of that clause, the edits the
//! server recorded with who made them (wording.rs), and its text at each named version (one
//! read of the version's snapshot each).

use crate::fields::{entries, number, opt_string, string};
use crate::schema::acceptance as A;
use crate::{Agreement, DomainError};
use yrs::Transact;

/// Why a clause came to read as it did.
#[derive(Debug, Clone, PartialEq)]
pub enum WordingCause {
    /// The wording as it stands now.
    Now {
        /// It differs from the last version and no accepted proposal since explains it: a
        /// coordinator edited the text.
        edited: bool,
    },
    /// A proposal accepted into the text: `wording` is what it brought in.
    Accepted { proposal: String, proposer: String },
    /// A named version was cut; `edited`: the wording changed since the version before (or
    /// since the draft) other than by accepted proposals, and no recorded edit says by whom
    /// (an agreement from before edits were recorded).
    Version { name: String, edited: bool },
    /// A participant (a coordinator) edited the wording — a stretch of edits as the server
    /// recorded it (wording.rs): `by` names them, `wording` is the text after the stretch.
    Edited,
}

/// One step of a clause's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseWording {
    pub cause: WordingCause,
    /// The clause's wording then (for an acceptance, the wording it brought in).
    pub wording: String,
    /// Who did it: the coordinator who accepted or cut the version (a participant's name);
    /// empty for the wording now.
    pub by: String,
    pub at_ms: f64,
}

impl Agreement {
    /// Every wording `clause` had, newest first (see the module header).
    pub fn clause_history(&self, clause: &str) -> Result<Vec<ClauseWording>, DomainError> {
        let now = self
            .clause(clause)
            .ok_or_else(|| DomainError::UnknownClause(clause.to_string()))?
            .text;
        let accepted = self.acceptances_of(clause);
        let name = |id: &str| self.participant(id).map(|p| p.name).unwrap_or_default();
        let mut steps: Vec<ClauseWording> = accepted.clone();
        let edits: Vec<f64> = self
            .edits_of(clause)
            .into_iter()
            .filter(|e| !e.accepted)
            .map(|e| {
                steps.push(ClauseWording {
                    cause: WordingCause::Edited,
                    wording: e.wording,
                    by: name(&e.by),
                    at_ms: e.to_ms,
                });
                e.from_ms
            })
            .collect();
        // A change between two wordings is told apart when an acceptance or a recorded edit
        // falls between them; otherwise it is an edit from before edits were recorded.
        let explained = |from: f64, to: f64| {
            accepted_between(&accepted, from, to) || edits.iter().any(|at| *at > from && *at <= to)
        };
        let mut previous: Option<(f64, String)> = None;
        for v in self.versions() {
            let text = match self.clause_text_at(clause, Some(&v.id)) {
                Ok(t) => t,
                Err(DomainError::UnknownClause(_)) => continue,
                Err(e) => return Err(e),
            };
            let edited = previous
                .as_ref()
                .is_some_and(|(since, before)| *before != text && !explained(*since, v.created_ms));
            steps.push(ClauseWording {
                cause: WordingCause::Version {
                    name: v.name.clone(),
                    edited,
                },
                wording: text.clone(),
                by: name(&v.by),
                at_ms: v.created_ms,
            });
            previous = Some((v.created_ms, text));
        }
        let edited = previous
            .as_ref()
            .is_some_and(|(since, before)| *before != now && !explained(*since, f64::INFINITY));
        crate::sorting::sort_by(&mut steps, |a, b| b.at_ms.total_cmp(&a.at_ms));
        steps.insert(
            0,
            ClauseWording {
                cause: WordingCause::Now { edited },
                wording: now,
                by: String::new(),
                at_ms: f64::INFINITY,
            },
        );
        Ok(steps)
    }

    /// The acceptances of proposals on `clause`, each with the wording it brought in.
    fn acceptances_of(&self, clause: &str) -> Vec<ClauseWording> {
        let txn = self.doc.transact();
        let mut out: Vec<ClauseWording> = Vec::new();
        for (_, m) in entries(&self.acceptances, &txn) {
            if string(&m, &txn, A::CLAUSE.name) != clause {
                continue;
            }
            let proposal = string(&m, &txn, A::PROPOSAL.name);
            // Two acceptances of one proposal made concurrently are settled to one.
            if out.iter().any(|w| matches!(&w.cause, WordingCause::Accepted { proposal: p, .. } if *p == proposal)) {
                continue;
            }
            let by = opt_string(&m, &txn, A::BY.name).unwrap_or_default();
            let remark = self.remark(&proposal);
            out.push(ClauseWording {
                wording: remark
                    .as_ref()
                    .and_then(|r| r.proposed_text.clone())
                    .unwrap_or_default(),
                cause: WordingCause::Accepted {
                    proposer: remark.map(|r| r.author_name).unwrap_or_default(),
                    proposal,
                },
                by: self.participant(&by).map(|p| p.name).unwrap_or(by),
                at_ms: number(&m, &txn, A::AT.name),
            });
        }
        out
    }
}

fn accepted_between(accepted: &[ClauseWording], from: f64, to: f64) -> bool {
    accepted.iter().any(|a| a.at_ms > from && a.at_ms <= to)
}
