//! The consultation's phase and deadlines. The phase decides what each role may do
//! ([`crate::permission::may`]); the deadline (plus any extension granted to one organisation)
//! decides until when an organisation may draft and send its answer.

use crate::fields::{entries, opt_number, string};
use crate::permission::Action;
use crate::{Agreement, DomainError, Participant};
use serde::{Deserialize, Serialize};
use yrs::{Map, MapPrelim, ReadTxn, Transact};

/// Where the consultation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The working group drafts; the reference group comments.
    Drafting,
    /// The version is out on remiss / høring; organisations answer.
    Consultation,
    /// Coordinators merge the answers into the text.
    Merging,
    /// Done; nothing more is written.
    Closed,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 4] = [
        Phase::Drafting,
        Phase::Consultation,
        Phase::Merging,
        Phase::Closed,
    ];

    /// Stable key used in the document and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Drafting => "drafting",
            Phase::Consultation => "consultation",
            Phase::Merging => "merging",
            Phase::Closed => "closed",
        }
    }

    /// Parses [`Phase::key`].
    pub fn from_key(key: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == key)
    }
}

impl Agreement {
    /// The current phase (drafting until a coordinator says otherwise).
    pub fn phase(&self) -> Phase {
        self.phase_in(&self.doc.transact())
    }

    pub(crate) fn phase_in<T: ReadTxn>(&self, txn: &T) -> Phase {
        Phase::from_key(&string(&self.meta, txn, "phase")).unwrap_or(Phase::Drafting)
    }

    /// The consultation deadline for everyone, if set (ms since the epoch).
    pub fn deadline(&self) -> Option<f64> {
        opt_number(&self.meta, &self.doc.transact(), "deadline_ms")
    }

    /// The deadline that applies to `organisation`: its extension if it has one.
    pub fn deadline_for(&self, organisation: &str) -> Option<f64> {
        let txn = self.doc.transact();
        entries(&self.extensions, &txn)
            .into_iter()
            .find(|(org, _)| org == organisation)
            .and_then(|(_, m)| opt_number(&m, &txn, "deadline_ms"))
            .or_else(|| opt_number(&self.meta, &txn, "deadline_ms"))
    }

    /// Moves the consultation to `phase`, optionally with a deadline (coordinators only).
    pub fn set_phase(
        &self,
        actor: &Participant,
        phase: Phase,
        deadline_ms: Option<f64>,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let mut txn = self.doc.transact_mut();
        self.meta.insert(&mut txn, "phase", phase.key());
        match deadline_ms {
            Some(d) => {
                self.meta.insert(&mut txn, "deadline_ms", d);
            }
            None => {
                self.meta.remove(&mut txn, "deadline_ms");
            }
        }
        Ok(())
    }

    /// Gives one organisation a later deadline (e.g. for its political body's meeting).
    pub fn extend_deadline(
        &self,
        actor: &Participant,
        organisation: &str,
        deadline_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let mut txn = self.doc.transact_mut();
        self.extensions.insert(
            &mut txn,
            organisation,
            MapPrelim::from([
                ("deadline_ms", yrs::In::from(deadline_ms)),
                ("by", yrs::In::from(actor.id.as_str())),
            ]),
        );
        Ok(())
    }

    /// Refuses `action` unless `actor`'s role may perform it in the current phase.
    pub(crate) fn check(&self, actor: &Participant, action: Action) -> Result<(), DomainError> {
        let phase = self.phase();
        if crate::permission::may(actor.role, phase, action) {
            Ok(())
        } else {
            Err(DomainError::NotAllowed {
                role: actor.role,
                action,
                phase,
            })
        }
    }

    /// Refuses a stance write after `organisation`'s deadline.
    pub(crate) fn check_deadline(
        &self,
        organisation: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        match self.deadline_for(organisation) {
            Some(deadline) if now_ms > deadline => Err(DomainError::DeadlinePassed {
                organisation: organisation.to_string(),
                deadline_ms: deadline,
            }),
            _ => Ok(()),
        }
    }
}
