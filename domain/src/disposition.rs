//! The coordinators' disposition of a remark: what was decided and why. Stored apart from the
//! remark (keyed by its id) because the remark belongs to its author and the disposition to
//! the coordinators.

use crate::fields::{number, string, submap};
use crate::permission::Action;
use crate::{Agreement, DomainError, Participant};
use serde::{Deserialize, Serialize};
use yrs::{Map, MapPrelim, MapRef, ReadTxn, Transact};

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
        self.dispositions.insert(
            txn,
            remark,
            MapPrelim::from([
                ("value", yrs::In::from(value.key())),
                ("motivation", yrs::In::from(motivation.trim())),
                ("by", yrs::In::from(actor.id.as_str())),
                ("at_ms", yrs::In::from(now_ms)),
            ]),
        );
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
        value: DispositionValue::from_key(&string(&m, txn, "value"))?,
        motivation: string(&m, txn, "motivation"),
        by: string(&m, txn, "by"),
        at_ms: number(&m, txn, "at_ms"),
    })
}
