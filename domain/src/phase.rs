//! The consultation's phase and deadlines. The phase decides what each role may do
//! ([`crate::permission::may`]); the deadline (plus any extension granted to one organisation)
//! decides until when an organisation may draft and send its answer.

use crate::fields::{entries, opt_number, string};
use crate::guard::{forbid, Ctx, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::proposers::judge_proposers;
use crate::schema::{self, extension as X, meta as M, Field, Val};
use crate::{Agreement, DomainError, Participant};
use serde::{Deserialize, Serialize};
use yrs::{Map, ReadTxn, Transact, TransactionMut};

/// Longest reason an extension may carry (characters).
pub const MAX_EXTENSION_REASON: usize = 500;

/// Longest id the remiss version may name (bytes): a version's id is a prefix, a client id
/// below 2^53 and a clock (`ids::fresh`), well under this.
const MAX_VERSION_ID: usize = 64;

/// One organisation's later deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    pub organisation: String,
    pub deadline_ms: f64,
    /// The coordinator who granted it.
    pub by: String,
    pub reason: Option<String>,
}

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
        Phase::from_key(&string(&self.meta, txn, M::PHASE.name)).unwrap_or(Phase::Drafting)
    }

    /// The consultation deadline for everyone, if set (ms since the epoch).
    pub fn deadline(&self) -> Option<f64> {
        opt_number(&self.meta, &self.doc.transact(), M::DEADLINE.name)
    }

    /// The deadline that applies to `organisation`: its extension if it has one.
    pub fn deadline_for(&self, organisation: &str) -> Option<f64> {
        let txn = self.doc.transact();
        entries(&self.extensions, &txn)
            .into_iter()
            .find(|(org, _)| org == organisation)
            .and_then(|(_, m)| opt_number(&m, &txn, X::DEADLINE.name))
            .or_else(|| opt_number(&self.meta, &txn, M::DEADLINE.name))
    }

    /// Moves the consultation to `phase`, optionally with a deadline (coordinators only).
    /// Opening a consultation this way says nothing of the version it answers: an earlier
    /// round's is forgotten (see [`Agreement::send_on_remiss`]); moving the deadline of the
    /// open one keeps it.
    pub fn set_phase(
        &self,
        actor: &Participant,
        phase: Phase,
        deadline_ms: Option<f64>,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let opens = phase == Phase::Consultation && self.phase() != Phase::Consultation;
        let mut txn = self.doc.transact_mut();
        self.write_phase(&mut txn, phase, deadline_ms);
        if opens {
            self.meta.remove(&mut txn, M::REMISS_VERSION.name);
        }
        Ok(())
    }

    fn write_phase(&self, txn: &mut TransactionMut, phase: Phase, deadline_ms: Option<f64>) {
        let meta = &M::ROOT;
        schema::set(txn, meta, &self.meta, &M::PHASE, Val::Str(phase.key()));
        let deadline = deadline_ms.map(Val::Num);
        schema::set_or_remove(txn, meta, &self.meta, &M::DEADLINE, deadline);
    }

    /// Sends the text on remiss until `deadline_ms` (coordinators only). What goes out is a
    /// version, which the compilation answers: with `cut_as`, one is cut under that name first
    /// unless the newest version still reads as the text does
    /// ([`Agreement::version_as_text_reads`]) — decided now, not when the coordinator began
    /// to confirm, so a co-coordinator's edit meanwhile is not sent out unversioned. Without a
    /// cut the answers are compiled against the newest version, which no longer reads as the
    /// text if it was changed since (the confirmation says so). That version is written down
    /// with the phase ([`Agreement::remiss_version`]): a later round's remarks and answers
    /// must not be read against an earlier round's version. Gives the id of the version cut,
    /// if one was; a refused cut sends nothing.
    pub fn send_on_remiss(
        &self,
        actor: &Participant,
        deadline_ms: f64,
        cut_as: Option<&str>,
        now_ms: f64,
    ) -> Result<Option<String>, DomainError> {
        self.check(actor, Action::Manage)?;
        let cut = match cut_as {
            Some(name) if self.version_as_text_reads()?.is_none() => {
                Some(self.cut_version(actor, name, now_ms)?)
            }
            _ => None,
        };
        let sent = cut.clone().or_else(|| self.versions().pop().map(|v| v.id));
        let mut txn = self.doc.transact_mut();
        self.write_phase(&mut txn, Phase::Consultation, Some(deadline_ms));
        let sent = sent.as_deref().map(Val::Str);
        schema::set_or_remove(&mut txn, &M::ROOT, &self.meta, &M::REMISS_VERSION, sent);
        Ok(cut)
    }

    /// The version the answers to the latest remiss are compiled against, as written when the
    /// text was sent; `None` if there was none, or the consultation was opened without
    /// saying (before this was written down, or by [`Agreement::set_phase`]; see
    /// [`Agreement::presumed_remiss_version`]).
    pub fn remiss_version(&self) -> Option<String> {
        Some(string(
            &self.meta,
            &self.doc.transact(),
            M::REMISS_VERSION.name,
        ))
        .filter(|id| !id.is_empty())
    }

    /// Gives one organisation a later deadline (e.g. for its political body's meeting).
    pub fn extend_deadline(
        &self,
        actor: &Participant,
        organisation: &str,
        deadline_ms: f64,
    ) -> Result<(), DomainError> {
        self.extend_deadline_because(actor, organisation, deadline_ms, None)
    }

    /// Gives one organisation a later deadline, saying why (an empty reason is none). A new
    /// extension for the same organisation takes the place of the earlier one.
    pub fn extend_deadline_because(
        &self,
        actor: &Participant,
        organisation: &str,
        deadline_ms: f64,
        reason: Option<&str>,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if reason.is_some_and(|r| r.chars().count() > MAX_EXTENSION_REASON) {
            return Err(DomainError::TooLong(MAX_EXTENSION_REASON));
        }
        let mut txn = self.doc.transact_mut();
        let mut fields = vec![
            (&X::DEADLINE, Val::Num(deadline_ms)),
            (&X::BY, Val::Str(&actor.id)),
        ];
        if let Some(reason) = reason {
            fields.push((&X::REASON, Val::Str(reason)));
        }
        let entry = schema::entry(&X::ROOT, fields);
        self.extensions.insert(&mut txn, organisation, entry);
        Ok(())
    }

    /// Every organisation's extension, by organisation.
    pub fn extensions(&self) -> Vec<Extension> {
        let txn = self.doc.transact();
        let mut all: Vec<Extension> = entries(&self.extensions, &txn)
            .into_iter()
            .map(|(organisation, m)| Extension {
                deadline_ms: opt_number(&m, &txn, X::DEADLINE.name).unwrap_or_default(),
                by: string(&m, &txn, X::BY.name),
                reason: Some(string(&m, &txn, X::REASON.name)).filter(|r| !r.is_empty()),
                organisation,
            })
            .collect();
        crate::sorting::sort_by(&mut all, |a, b| a.organisation.cmp(&b.organisation));
        all
    }

    /// Refuses `action` unless `actor`'s role may perform it in the current phase.
    pub(crate) fn check(&self, actor: &Participant, action: Action) -> Result<(), DomainError> {
        self.check_in(&self.doc.transact(), actor.role, action)
    }

    /// [`Agreement::check`] inside an open transaction, for a role: the phase's rule, then the
    /// agreement's own choice of who proposes wording.
    pub(crate) fn check_in<T: ReadTxn>(
        &self,
        txn: &T,
        role: crate::Role,
        action: Action,
    ) -> Result<(), DomainError> {
        let phase = self.phase_in(txn);
        if !crate::permission::may(role, phase, action) {
            return Err(DomainError::NotAllowed {
                role,
                action,
                phase,
            });
        }
        if !crate::permission::may_under(role, phase, self.proposers_in(txn), action) {
            return Err(DomainError::NotAProposer(role));
        }
        Ok(())
    }

    /// Whether `role` may do `action` now: what the app asks before it offers a control.
    pub fn may(&self, role: crate::Role, action: Action) -> bool {
        self.check_in(&self.doc.transact(), role, action).is_ok()
    }

    /// The server's rule for `meta`: coordinators manage it; only the deadline, the case
    /// number and the remiss version are ever removed; a case number is one short line; the
    /// remiss version is an id's length. It is not checked against the versions: it may
    /// arrive in one update with the version it names, and one naming no version is read as
    /// none.
    pub(crate) fn judge_meta(
        &self,
        ctx: &Ctx,
        field: &Field,
        value: Option<&Judged>,
    ) -> Result<(), Refusal> {
        let what = format!("{}/{}", M::ROOT.name, field.name);
        ctx.allow(&what, Action::Manage)?;
        let removable = [
            M::DEADLINE.name,
            M::CASE_NUMBER.name,
            M::REMISS_VERSION.name,
        ];
        if value.is_none() && !removable.contains(&field.name) {
            return Err(forbid(
                &what,
                "only the deadline, the case number and the remiss version are removed",
            ));
        }
        if field.name == M::PROPOSERS.name {
            return judge_proposers(&what, value);
        }
        if let (true, Some(Judged::Str(id))) = (field.name == M::REMISS_VERSION.name, value) {
            if id.is_empty() || id.len() > MAX_VERSION_ID {
                return Err(forbid(&what, "a remiss version is a version's id"));
            }
        }
        if let (true, Some(Judged::Str(case))) = (field.name == M::CASE_NUMBER.name, value) {
            if case.trim().is_empty() || !crate::agreement::valid_case_number(case) {
                return Err(forbid(&what, &DomainError::InvalidCaseNumber.to_string()));
            }
        }
        Ok(())
    }

    /// The server's rule for an organisation's later deadline: coordinators grant it, in
    /// their own name.
    pub(crate) fn judge_extension(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", X::ROOT.name, e.key);
        ctx.allow(&what, Action::Manage)?;
        if e.str(&X::REASON)
            .is_some_and(|r| r.chars().count() > MAX_EXTENSION_REASON)
        {
            return Err(forbid(&what, "an extension's reason is too long"));
        }
        ctx.is_writer(&what, X::BY.name, e.str(&X::BY))
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
