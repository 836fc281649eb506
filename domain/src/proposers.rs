//! Who may propose wording: the agreement's own setting (`meta.proposers`), chosen by a
//! coordinator. Reading it, writing it and the server's rule for it live here; what it means
//! for each role and phase is `permission::may_under`.

use crate::fields::strings;
use crate::guard::{forbid, Judged, Refusal};
use crate::schema::{self, meta as M, Val};
use crate::{Action, Agreement, DomainError, Participant, Proposers};
use yrs::{Map, ReadTxn, Transact};

impl Agreement {
    /// The roles that may propose wording (the default until a coordinator chooses).
    pub fn proposers(&self) -> Proposers {
        self.proposers_in(&self.doc.transact())
    }

    pub(crate) fn proposers_in<T: ReadTxn>(&self, txn: &T) -> Proposers {
        if !self.meta.contains_key(txn, M::PROPOSERS.name) {
            return Proposers::DEFAULT;
        }
        let keys = strings(&self.meta, txn, M::PROPOSERS.name);
        // A stored value always passed the guard; anything else reads as the default.
        Proposers::from_keys(keys.iter().map(String::as_str)).unwrap_or_default()
    }

    /// Chooses which roles may propose wording (coordinators, in any phase they manage).
    pub fn set_proposers(
        &self,
        actor: &Participant,
        proposers: Proposers,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let keys = proposers.keys();
        let mut txn = self.doc.transact_mut();
        schema::set(
            &mut txn,
            &M::ROOT,
            &self.meta,
            &M::PROPOSERS,
            Val::Strings(&keys),
        );
        Ok(())
    }
}

/// The server's rule for the setting (its writer is a coordinator, judged with all of `meta`):
/// a list of distinct roles that may write, never removed.
pub(crate) fn judge_proposers(what: &str, value: Option<&Judged>) -> Result<(), Refusal> {
    match value {
        Some(Judged::Strings(keys)) if Proposers::from_keys(keys.iter().copied()).is_some() => {
            Ok(())
        }
        Some(_) => Err(forbid(
            what,
            "the proposers are distinct roles among member, jurist and coordinator",
        )),
        None => Err(forbid(
            what,
            "the choice of proposers is changed, not removed",
        )),
    }
}
