//! Acceptances of a proposal, and settling the ones made concurrently.
//!
//! Accepting a proposal writes its wording into the clause text. Two coordinators — or one on
//! two devices — may accept the same proposal before either has seen the other's acceptance:
//! both rewrite the range, and merged, the text holds the new wording twice. The text merge
//! cannot know that the two inserts mean the same thing, so each acceptance records exactly
//! which characters it wrote: its inserts are one writer's, made in one transaction, so they
//! take one run of consecutive ids (see chars.rs). Ids rather than sticky indices around the
//! wording: a rewrite may change words apart from each other, and ids name exactly the
//! characters it wrote, whatever has been typed around or inside them since. The record lives
//! in `acceptances` under `proposal@client`, written in the same transaction as the text and
//! the disposition; the server's guard lets only coordinators write or remove one, while the
//! text may be edited, and never change one.
//!
//! The invariant: once settled, a proposal's wording stands in the text once. A proposal that
//! has been accepted cannot be accepted again (see `accept_proposal`), so two records of one
//! proposal always come from acceptances made without seeing each other. Of those, the one by
//! the lowest client id stands; every other is withdrawn by [`Agreement::settle_acceptances`]:
//! the characters it wrote that are still visible are deleted and its record is removed. Edits
//! made since, around or inside the withdrawn wording, are left as they are.
//!
//! Any coordinator's replica may settle any losing acceptance, not only the replica that made
//! it: deleting given characters and removing a given record are idempotent, so replicas that
//! settle the same acceptance concurrently merge to the same text as if one had — and the
//! duplicate does not wait for a device that may never come back online. A replica that later
//! meets a third, lower acceptance settles the one it had let stand; everything withdrawn was
//! beaten by some acceptance, so the lowest of all is the one that stands everywhere. An
//! acceptance whose characters have not all arrived yet is left until they have, and while
//! the text is frozen (consultation, closed) settling is refused and waits. The app calls
//! `settle_acceptances` after applying updates from others.

use crate::chars::{self, Run};
use crate::fields::{buffer, entries, string, submap, text};
use crate::guard::{forbid, Ctx, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, acceptance as A, clause as C, Val};
use crate::{Agreement, DomainError, Participant, RemarkKind};
use std::collections::BTreeMap;
use yrs::{Map, ReadTxn, Text, Transact, TransactionMut};

/// One acceptance as recorded.
#[derive(Debug, Clone)]
struct Acceptance {
    key: String,
    proposal: String,
    clause: String,
    /// The characters its rewrite inserted.
    wrote: Run,
}

impl Agreement {
    /// Records that `actor` accepted `proposal` on this replica, writing `wrote` into `clause`.
    pub(crate) fn record_acceptance(
        &self,
        txn: &mut TransactionMut,
        actor: &Participant,
        proposal: &str,
        clause: &str,
        wrote: Run,
        now_ms: f64,
    ) {
        let key = format!("{proposal}@{}", wrote.client);
        let entry = schema::entry(
            &A::ROOT,
            vec![
                (&A::PROPOSAL, Val::Str(proposal)),
                (&A::CLAUSE, Val::Str(clause)),
                (&A::BY, Val::Str(&actor.id)),
                (&A::AT, Val::Num(now_ms)),
                (&A::WROTE, Val::Bytes(chars::encode(&[wrote]))),
            ],
        );
        self.acceptances.insert(txn, key.as_str(), entry);
    }

    /// Whether some acceptance of `proposal` is recorded.
    pub(crate) fn has_acceptance<T: ReadTxn>(&self, txn: &T, proposal: &str) -> bool {
        self.acceptances_in(txn)
            .iter()
            .any(|a| a.proposal == proposal)
    }

    fn acceptances_in<T: ReadTxn>(&self, txn: &T) -> Vec<Acceptance> {
        entries(&self.acceptances, txn)
            .into_iter()
            .filter_map(|(key, m)| {
                let wrote = match chars::decode(&buffer(&m, txn, A::WROTE.name)?)?.as_slice() {
                    [run] => *run,
                    _ => return None,
                };
                Some(Acceptance {
                    proposal: string(&m, txn, A::PROPOSAL.name),
                    clause: string(&m, txn, A::CLAUSE.name),
                    wrote,
                    key,
                })
            })
            .collect()
    }

    /// The acceptances that lose to another acceptance of the same proposal.
    fn losing_acceptances<T: ReadTxn>(&self, txn: &T) -> Vec<Acceptance> {
        let mut by_proposal: BTreeMap<String, Vec<Acceptance>> = BTreeMap::new();
        for a in self.acceptances_in(txn) {
            by_proposal.entry(a.proposal.clone()).or_default().push(a);
        }
        let mut losing = Vec::new();
        for (_, mut all) in by_proposal {
            crate::sorting::sort_by(&mut all, |a, b| {
                a.wrote
                    .client
                    .cmp(&b.wrote.client)
                    .then_with(|| a.key.cmp(&b.key))
            });
            losing.extend(all.into_iter().skip(1));
        }
        losing
    }

    /// Withdraws every acceptance that another acceptance of the same proposal beats (see the
    /// module header), as coordinator `actor`; returns how many were withdrawn. Call it after
    /// applying updates from others; nothing is written, and nothing refused, when there is
    /// nothing to settle.
    pub fn settle_acceptances(&self, actor: &Participant) -> Result<usize, DomainError> {
        if self.losing_acceptances(&self.doc.transact()).is_empty() {
            return Ok(0);
        }
        self.check(actor, Action::EditText)?;
        let mut txn = self.doc.transact_mut();
        let mut settled = 0;
        for loser in self.losing_acceptances(&txn) {
            let Some(clause_text) = submap(&self.clauses, &txn, &loser.clause)
                .and_then(|m| text(&m, &txn, C::TEXT.name))
            else {
                continue;
            };
            // Not all of its characters here yet: settle once they are, or they would stay.
            let Some(mut offsets) = chars::visible_offsets(&txn, &clause_text, loser.wrote) else {
                continue;
            };
            crate::sorting::sort(&mut offsets);
            offsets.dedup();
            // Delete from the end, so the offsets still to delete stay where they were.
            for (start, len) in stretches(&offsets).into_iter().rev() {
                clause_text.remove_range(&mut txn, start, len);
            }
            self.acceptances.remove(&mut txn, &loser.key);
            settled += 1;
        }
        Ok(settled)
    }
}

/// The server's rules for acceptances: coordinators record one while the text may change, under
/// `proposal@client`, for a proposal on that clause, naming the characters their own update
/// writes into the clause's text; they settle (remove) one the same way; one is never changed.
impl Agreement {
    pub(crate) fn judge_acceptance(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", A::ROOT.name, e.key);
        ctx.allow(&what, Action::EditText)?;
        if e.replaces {
            return Err(forbid(&what, "an acceptance is never changed"));
        }
        ctx.is_writer(&what, A::BY.name, e.str(&A::BY))?;
        if let Some(at) = e.num(&A::AT) {
            ctx.claimed_time(&what, at)?;
        }
        let proposal = e.str(&A::PROPOSAL).unwrap_or_default();
        let clause = e.str(&A::CLAUSE).unwrap_or_default();
        let wrote = match e.values(&A::WROTE).next() {
            Some(Judged::Bytes(bytes)) => chars::decode(bytes),
            _ => None,
        };
        let Some([run]) = wrote.as_deref() else {
            return Err(forbid(&what, "an acceptance names one run of characters"));
        };
        if *e.key != *format!("{proposal}@{}", run.client) {
            return Err(forbid(
                &what,
                "an acceptance is recorded under its proposal",
            ));
        }
        match self.remark_facts(ctx, proposal) {
            Some(p) if p.kind == Some(RemarkKind::Proposal) && p.clause == clause => {}
            _ => {
                return Err(forbid(
                    &what,
                    "an acceptance is of a proposal on its clause",
                ))
            }
        }
        // The characters it names are in that clause's text (empty wording names none).
        if run.len > 0 {
            let id = crate::wire::Id {
                client: run.client,
                clock: run.clock,
            };
            if ctx.clause_holding(id).as_deref() != Some(clause) {
                return Err(forbid(
                    &what,
                    "an acceptance names characters of its clause",
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn judge_acceptance_removal(&self, ctx: &Ctx, key: &str) -> Result<(), Refusal> {
        ctx.allow(&format!("{}/{key}", A::ROOT.name), Action::EditText)
    }
}

/// Sorted offsets as `(start, len)` stretches of consecutive ones.
fn stretches(offsets: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &o in offsets {
        match out.last_mut() {
            Some((start, len)) if *start + *len == o => *len += 1,
            _ => out.push((o, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_join_consecutive_offsets() {
        assert_eq!(stretches(&[]), vec![]);
        assert_eq!(stretches(&[0, 1, 2, 5, 7, 8]), vec![(0, 3), (5, 1), (7, 2)]);
    }
}
