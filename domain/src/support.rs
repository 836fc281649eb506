//! Support or opposition on a proposal: one per participant, keyed `proposal/participant`, so
//! a participant's choice is an entry only they write and changing it overwrites it.

use crate::fields::{string, submap};
use crate::guard::{forbid, Ctx, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, support as S, Val};
use crate::{Agreement, DomainError, Participant, RemarkKind};
use serde::{Deserialize, Serialize};
use yrs::{Map, Transact};

/// A participant's position on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    For,
    Against,
}

impl Support {
    /// Stable key used in the document.
    pub fn key(self) -> &'static str {
        match self {
            Support::For => "for",
            Support::Against => "against",
        }
    }

    /// Parses [`Support::key`].
    pub fn from_key(key: &str) -> Option<Support> {
        [Support::For, Support::Against]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// How a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SupportCount {
    pub for_: usize,
    pub against: usize,
}

fn key(proposal: &str, participant: &str) -> String {
    format!("{proposal}/{participant}")
}

impl Agreement {
    /// Sets (or with `None` clears) `actor`'s support for a proposal.
    pub fn set_support(
        &self,
        actor: &Participant,
        proposal: &str,
        support: Option<Support>,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Support)?;
        match self.remark(proposal) {
            None => return Err(DomainError::UnknownRemark(proposal.to_string())),
            Some(r) if r.kind != RemarkKind::Proposal => {
                return Err(DomainError::NotAProposal(proposal.to_string()))
            }
            Some(r) if r.withdrawn => return Err(DomainError::Withdrawn(proposal.to_string())),
            Some(_) => {}
        }
        let mut txn = self.doc.transact_mut();
        let k = key(proposal, &actor.id);
        match support {
            Some(s) => {
                let entry = schema::entry(
                    &S::ROOT,
                    vec![
                        (&S::PROPOSAL, Val::Str(proposal)),
                        (&S::PARTICIPANT, Val::Str(&actor.id)),
                        (&S::VALUE, Val::Str(s.key())),
                    ],
                );
                self.supports.insert(&mut txn, k.as_str(), entry);
            }
            None => {
                self.supports.remove(&mut txn, &k);
            }
        }
        Ok(())
    }

    /// Support and opposition on a proposal.
    pub fn support_count(&self, proposal: &str) -> SupportCount {
        self.with_index(|ix, _| ix.supports.count(proposal))
    }

    /// `participant`'s position on a proposal, if any.
    pub fn support_of(&self, proposal: &str, participant: &str) -> Option<Support> {
        let txn = self.doc.transact();
        let m = submap(&self.supports, &txn, &key(proposal, participant))?;
        Support::from_key(&string(&m, &txn, S::VALUE.name))
    }

    /// The server's rule for a support: one sets only one's own, under its key, on a proposal
    /// that exists and is not withdrawn, while the phase allows supporting.
    pub(crate) fn judge_support(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", S::ROOT.name, e.key);
        ctx.allow(&what, Action::Support)?;
        let (proposal, participant) = e.key.split_once('/').unwrap_or((&e.key, ""));
        if participant != ctx.writer.id {
            return Err(forbid(&what, "one sets only one's own support"));
        }
        ctx.is_writer(&what, S::PARTICIPANT.name, e.str(&S::PARTICIPANT))?;
        if e.str(&S::PROPOSAL) != Some(proposal) {
            return Err(forbid(&what, "a support names its proposal"));
        }
        match self.remark_facts(ctx, proposal) {
            None => Err(forbid(
                &what,
                &DomainError::UnknownRemark(proposal.into()).to_string(),
            )),
            Some(p) if p.kind != Some(RemarkKind::Proposal) => Err(forbid(
                &what,
                &DomainError::NotAProposal(proposal.into()).to_string(),
            )),
            Some(p) if p.withdrawn => Err(forbid(
                &what,
                &DomainError::Withdrawn(proposal.into()).to_string(),
            )),
            Some(_) => Ok(()),
        }
    }

    /// Clearing a support: one's own only.
    pub(crate) fn judge_support_removal(&self, ctx: &Ctx, key: &str) -> Result<(), Refusal> {
        let what = format!("{}/{key}", S::ROOT.name);
        ctx.allow(&what, Action::Support)?;
        match key.split_once('/') {
            Some((_, participant)) if participant == ctx.writer.id => Ok(()),
            _ => Err(forbid(&what, "one clears only one's own support")),
        }
    }
}
