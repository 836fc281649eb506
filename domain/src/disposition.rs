//! The coordinators' disposition of a remark: what was decided and why. Stored apart from the
//! remark (keyed by its id) because the remark belongs to its author and the disposition to
//! the coordinators.

use crate::fields::{number, string, submap};
use crate::guard::{forbid, Ctx, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, disposition as D, remark as R, Val};
use crate::{Agreement, DomainError, Participant};
use serde::{Deserialize, Serialize};
use yrs::{Map, MapRef, ReadTxn, Transact};

/// What the coordinators decided about a remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispositionValue {
    /// Taken into the text as proposed.
    Accepted,
    /// Taken in part or in other words.
    PartlyAccepted,
    /// Not taken.
    Rejected,
    /// Read and noted; nothing to change.
    Noted,
    /// A question that has been answered.
    Answered,
}

impl DispositionValue {
    /// Every value, in the order a coordinator chooses from.
    pub const ALL: [DispositionValue; 5] = [
        DispositionValue::Accepted,
        DispositionValue::PartlyAccepted,
        DispositionValue::Rejected,
        DispositionValue::Noted,
        DispositionValue::Answered,
    ];

    /// Stable key used in the document and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            DispositionValue::Accepted => "accepted",
            DispositionValue::PartlyAccepted => "partly_accepted",
            DispositionValue::Rejected => "rejected",
            DispositionValue::Noted => "noted",
            DispositionValue::Answered => "answered",
        }
    }

    /// Parses [`DispositionValue::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// A disposition as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Disposition {
    pub value: DispositionValue,
    pub motivation: String,
    /// The coordinator who gave it.
    pub by: String,
    pub at_ms: f64,
}

impl Agreement {
    /// Gives a remark a disposition with a motivation (coordinators only). A later
    /// disposition replaces an earlier one.
    pub fn set_disposition(
        &self,
        actor: &Participant,
        remark: &str,
        value: DispositionValue,
        motivation: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Dispose)?;
        let mut txn = self.doc.transact_mut();
        if !self.remarks.contains_key(&txn, remark) {
            return Err(DomainError::UnknownRemark(remark.to_string()));
        }
        self.write_disposition(&mut txn, actor, remark, value, motivation, now_ms);
        Ok(())
    }

    pub(crate) fn write_disposition(
        &self,
        txn: &mut yrs::TransactionMut,
        actor: &Participant,
        remark: &str,
        value: DispositionValue,
        motivation: &str,
        now_ms: f64,
    ) {
        let entry = schema::entry(
            &D::ROOT,
            vec![
                (&D::VALUE, Val::Str(value.key())),
                (&D::MOTIVATION, Val::Str(motivation.trim())),
                (&D::BY, Val::Str(&actor.id)),
                (&D::AT, Val::Num(now_ms)),
            ],
        );
        self.dispositions.insert(txn, remark, entry);
    }

    /// The server's rule for a disposition: coordinators give it, in their own name, to a
    /// remark that exists.
    pub(crate) fn judge_disposition(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", D::ROOT.name, e.key);
        ctx.allow(&what, Action::Dispose)?;
        ctx.is_writer(&what, D::BY.name, e.str(&D::BY))?;
        if let Some(at) = e.num(&D::AT) {
            ctx.claimed_time(&what, at)?;
        }
        if !self.entry_exists(ctx, R::ROOT.name, &e.key) {
            return Err(forbid(
                &what,
                &DomainError::UnknownRemark(e.key.to_string()).to_string(),
            ));
        }
        Ok(())
    }
}

/// Reads the disposition of `remark` from the `dispositions` root map.
pub(crate) fn read<T: ReadTxn>(
    dispositions: &MapRef,
    txn: &T,
    remark: &str,
) -> Option<Disposition> {
    let m = submap(dispositions, txn, remark)?;
    Some(Disposition {
        value: DispositionValue::from_key(&string(&m, txn, D::VALUE.name))?,
        motivation: string(&m, txn, D::MOTIVATION.name),
        by: string(&m, txn, D::BY.name),
        at_ms: number(&m, txn, D::AT.name),
    })
}
