//! Named versions ("Utkast 15 januari"): a yrs snapshot (state vector + delete set) stored in
//! the document itself, so every replica can read any clause as it was. This is why replicas
//! never garbage-collect deleted text (see agreement.rs).

use crate::fields::{buffer, entries, number, string};
use crate::permission::Action;
use crate::proposal::{word_diff, DiffPart};
use crate::{ids, Agreement, DomainError, Participant};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};
use yrs::{Any, Map, MapPrelim, ReadTxn, Snapshot, Transact};

/// A named version.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub id: String,
    pub name: String,
    pub created_ms: f64,
    pub by: String,
}

impl Agreement {
    /// Cuts a named version of the agreement as it stands (coordinators only).
    pub fn cut_version(
        &self,
        actor: &Participant,
        name: &str,
        now_ms: f64,
    ) -> Result<String, DomainError> {
        self.check(actor, Action::CutVersion)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::Empty);
        }
        let mut txn = self.doc.transact_mut();
        // A replica still waiting for some of a peer's changes holds later ones it cannot place
        // yet; a snapshot then would name a state nobody saw. Wait until they have arrived.
        if txn.has_missing_updates() {
            return Err(DomainError::Busy(
                "some changes from others have not arrived yet; try again in a moment".into(),
            ));
        }
        // The snapshot is taken before the version entry is written: it is the state named.
        let snapshot = txn.snapshot().encode_v1();
        let id = ids::fresh('v', &txn);
        self.versions.insert(
            &mut txn,
            id.as_str(),
            MapPrelim::from([
                ("name", yrs::In::from(name)),
                ("created_ms", yrs::In::from(now_ms)),
                ("by", yrs::In::from(actor.id.as_str())),
                ("snapshot", yrs::In::Any(Any::Buffer(snapshot.into()))),
            ]),
        );
        Ok(id)
    }

    /// Every named version, oldest first.
    pub fn versions(&self) -> Vec<Version> {
        self.versions_in(&self.doc.transact())
    }

    fn versions_in<T: ReadTxn>(&self, txn: &T) -> Vec<Version> {
        let mut all: Vec<Version> = entries(&self.versions, txn)
            .into_iter()
            .map(|(id, m)| Version {
                name: string(&m, txn, "name"),
                created_ms: number(&m, txn, "created_ms"),
                by: string(&m, txn, "by"),
                id,
            })
            .collect();
        all.sort_by(|a, b| {
            a.created_ms
                .total_cmp(&b.created_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        all
    }

    pub(crate) fn latest_version_in<T: ReadTxn>(&self, txn: &T) -> Option<String> {
        self.versions_in(txn).pop().map(|v| v.id)
    }

    /// The agreement as it was at `version`, as a read-only replica.
    pub fn at_version(&self, version: &str) -> Result<Agreement, DomainError> {
        let txn = self.doc.transact();
        let m = crate::fields::submap(&self.versions, &txn, version)
            .ok_or_else(|| DomainError::UnknownVersion(version.to_string()))?;
        let bytes = buffer(&m, &txn, "snapshot")
            .ok_or_else(|| DomainError::UnknownVersion(version.to_string()))?;
        let snapshot =
            Snapshot::decode_v1(&bytes).map_err(|e| DomainError::Decode(e.to_string()))?;
        let mut encoder = EncoderV1::new();
        txn.encode_state_from_snapshot(&snapshot, &mut encoder)
            .map_err(|e| DomainError::Decode(e.to_string()))?;
        // Client id 0 never writes: this replica is only read.
        Agreement::load(0, &encoder.to_vec())
    }

    /// A clause's text at `version` (`None` = now).
    pub fn clause_text_at(
        &self,
        clause: &str,
        version: Option<&str>,
    ) -> Result<String, DomainError> {
        let agreement = match version {
            Some(v) => self.at_version(v)?,
            None => self.clone(),
        };
        agreement
            .clause(clause)
            .map(|c| c.text)
            .ok_or_else(|| DomainError::UnknownClause(clause.to_string()))
    }

    /// Word diff of a clause between two versions (`None` = now). A clause that did not exist
    /// yet reads as empty.
    pub fn clause_diff(
        &self,
        clause: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<DiffPart>, DomainError> {
        let read = |v| match self.clause_text_at(clause, v) {
            Err(DomainError::UnknownClause(_)) => Ok(String::new()),
            other => other,
        };
        Ok(word_diff(&read(from)?, &read(to)?))
    }
}
