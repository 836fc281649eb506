//! Support or opposition on a proposal: one per participant, keyed `proposal/participant`, so
//! a participant's choice is an entry only they write and changing it overwrites it.

use crate::fields::string;
use crate::permission::Action;
use crate::{Agreement, DomainError, Participant, RemarkKind};
use serde::{Deserialize, Serialize};
use yrs::{Map, MapPrelim, Transact};

/// A participant's position on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    For,
    Against,
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
                self.supports.insert(
                    &mut txn,
                    k.as_str(),
                    MapPrelim::from([
                        ("proposal", yrs::In::from(proposal)),
                        ("participant", yrs::In::from(actor.id.as_str())),
                        (
                            "value",
                            yrs::In::from(if s == Support::For { "for" } else { "against" }),
                        ),
                    ]),
                );
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
        let m = crate::fields::submap(&self.supports, &txn, &key(proposal, participant))?;
        match string(&m, &txn, "value").as_str() {
            "for" => Some(Support::For),
            "against" => Some(Support::Against),
            _ => None,
        }
    }
}
