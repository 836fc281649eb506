//! Named versions ("Utkast 15 januari"): a yrs snapshot (state vector + delete set) stored in
//! the document itself, so every replica can read any clause as it was. This is why replicas
//! never garbage-collect deleted text (see agreement.rs).
//!
//! A snapshot names a state by its state vector: for each writer, "everything up to this
//! clock". That is only the state the coordinator saw when the replica holds each writer's
//! changes without a gap. yrs 0.28.1 integrates a peer's update even when earlier updates of
//! that peer are missing (the missing clocks become a "skip"), reports that peer's clock as
//! where the gap starts, and does not count the gap as a missing update. So a cut is
//! refused while the replica holds changes past such a gap (or still parks updates it cannot
//! place); once the missing changes have arrived the same cut succeeds, so nothing is lost by
//! waiting.
//!
//! Reading a version never trusts the stored state vector blindly: a clock of 0 names nothing
//! (versions cut with a gap before this check may hold one, and yrs would underflow on it),
//! and a clock past what this replica holds without a gap is refused as not arrived yet.

use crate::fields::{buffer, entries, number, string};
use crate::guard::{forbid, Ctx, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::proposal::{word_diff, DiffPart};
use crate::schema::{self, version as V, Val};
use crate::{ids, Agreement, DomainError, Participant};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};
use yrs::{Map, ReadTxn, Snapshot, StateVector, Transact, Update};

/// A named version.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub id: String,
    pub name: String,
    pub created_ms: f64,
    pub by: String,
    /// The coordinator's note on the version, if any.
    pub note: Option<String>,
}

/// Longest note a version may carry (characters).
pub const MAX_VERSION_NOTE: usize = 1000;

impl Agreement {
    /// Cuts a named version of the agreement as it stands (coordinators only).
    pub fn cut_version(
        &self,
        actor: &Participant,
        name: &str,
        now_ms: f64,
    ) -> Result<String, DomainError> {
        self.cut_noted_version(actor, name, None, now_ms)
    }

    /// Cuts a named version with the coordinator's note on it (an empty note is none).
    pub fn cut_noted_version(
        &self,
        actor: &Participant,
        name: &str,
        note: Option<&str>,
        now_ms: f64,
    ) -> Result<String, DomainError> {
        self.check(actor, Action::CutVersion)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::Empty);
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > MAX_VERSION_NOTE) {
            return Err(DomainError::TooLong(MAX_VERSION_NOTE));
        }
        let mut txn = self.doc.transact_mut();
        // A replica still waiting for some of a peer's changes holds later ones it either
        // parks or has placed past a gap; a snapshot then would name a state nobody saw.
        if txn.has_missing_updates() || holds_changes_past_a_gap(&txn)? {
            return Err(DomainError::MissingChanges);
        }
        // The snapshot is taken before the version entry is written: it is the state named.
        let snapshot = txn.snapshot().encode_v1();
        let id = ids::fresh('v', &txn);
        let mut fields = vec![
            (&V::NAME, Val::Str(name)),
            (&V::CREATED, Val::Num(now_ms)),
            (&V::BY, Val::Str(&actor.id)),
            (&V::SNAPSHOT, Val::Bytes(snapshot)),
        ];
        if let Some(note) = note {
            fields.push((&V::NOTE, Val::Str(note)));
        }
        let entry = schema::entry(&V::ROOT, fields);
        self.versions.insert(&mut txn, id.as_str(), entry);
        Ok(id)
    }

    /// The newest version if the text still reads as it did when that version was cut
    /// (chapters, clauses, numbers, headings and wording); `None` when no version is cut or
    /// the text has changed since. What goes on remiss is a version — the compilation answers
    /// it — so sending the text out with `None` here needs a version cut first.
    pub fn version_as_text_reads(&self) -> Result<Option<Version>, DomainError> {
        let Some(newest) = self.versions().pop() else {
            return Ok(None);
        };
        let then = self.at_version(&newest.id)?.chapters();
        Ok((then == self.chapters()).then_some(newest))
    }

    /// Every named version, oldest first.
    pub fn versions(&self) -> Vec<Version> {
        self.versions_in(&self.doc.transact())
    }

    fn versions_in<T: ReadTxn>(&self, txn: &T) -> Vec<Version> {
        let mut all: Vec<Version> = entries(&self.versions, txn)
            .into_iter()
            .map(|(id, m)| Version {
                name: string(&m, txn, V::NAME.name),
                created_ms: number(&m, txn, V::CREATED.name),
                by: string(&m, txn, V::BY.name),
                note: Some(string(&m, txn, V::NOTE.name)).filter(|n| !n.is_empty()),
                id,
            })
            .collect();
        crate::sorting::sort_by(&mut all, |a, b| {
            a.created_ms
                .total_cmp(&b.created_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        all
    }

    pub(crate) fn latest_version_in<T: ReadTxn>(&self, txn: &T) -> Option<String> {
        self.versions_in(txn).pop().map(|v| v.id)
    }

    pub(crate) fn latest_version(&self) -> Option<String> {
        self.latest_version_in(&self.doc.transact())
    }

    /// The server's rule for a version: coordinators cut it, in their own name, naming a
    /// state the server has (or gets with the same update).
    pub(crate) fn judge_version(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", V::ROOT.name, e.key);
        ctx.allow(&what, Action::CutVersion)?;
        if e.replaces {
            return Err(forbid(&what, "a version is never changed"));
        }
        ctx.is_writer(&what, V::BY.name, e.str(&V::BY))?;
        if let Some(at) = e.num(&V::CREATED) {
            ctx.claimed_time(&what, at)?;
        }
        if e.str(&V::NAME).is_none_or(|n| n.trim().is_empty()) {
            return Err(forbid(&what, &DomainError::Empty.to_string()));
        }
        if e.str(&V::NOTE)
            .is_some_and(|n| n.chars().count() > MAX_VERSION_NOTE)
        {
            return Err(forbid(&what, "a version's note is too long"));
        }
        for value in e.values(&V::SNAPSHOT) {
            let named = match value {
                Judged::Bytes(bytes) => Snapshot::decode_v1(bytes).ok(),
                _ => None,
            };
            let Some(named) = named else {
                return Err(forbid(&what, "a version's snapshot must decode"));
            };
            // The version names what the server has, and what its writer wrote before it.
            let held = self.doc.transact().state_vector();
            for (client, clock) in named.state_map.iter() {
                let own = client.get() == e.id.client && *clock <= e.id.clock;
                if *clock > held.get(client) && !own {
                    return Err(forbid(&what, "a version names changes the server lacks"));
                }
            }
        }
        Ok(())
    }

    /// The agreement as it was at `version`, as a read-only replica.
    pub fn at_version(&self, version: &str) -> Result<Agreement, DomainError> {
        let txn = self.doc.transact();
        let m = crate::fields::submap(&self.versions, &txn, version)
            .ok_or_else(|| DomainError::UnknownVersion(version.to_string()))?;
        let bytes = buffer(&m, &txn, "snapshot")
            .ok_or_else(|| DomainError::UnknownVersion(version.to_string()))?;
        let stored = Snapshot::decode_v1(&bytes).map_err(|e| DomainError::Decode(e.to_string()))?;
        // yrs reads the snapshot's clocks as positions in this replica's history and panics on
        // one it cannot find: keep only clocks this replica holds without a gap.
        let held = txn.state_vector();
        let mut named = StateVector::default();
        for (client, clock) in stored.state_map.iter() {
            if *clock == 0 {
                continue;
            }
            if *clock > held.get(client) {
                return Err(DomainError::MissingChanges);
            }
            named.set_max(*client, *clock);
        }
        let snapshot = Snapshot::new(named, stored.delete_set);
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

/// Whether the replica holds some writer's changes past a gap in that writer's history.
///
/// The state vector stops at a gap, so the probe asks for everything from one unit before
/// each writer's state-vector clock (from the start for a writer at 0): without a gap that is
/// one unit per writer; with one, the changes past it are there, beyond the state vector.
/// yrs keeps its record of gaps private, so this is read from an encoded diff; that costs a
/// pass over the document (a diff always carries the whole delete set), once per cut.
fn holds_changes_past_a_gap<T: ReadTxn>(txn: &T) -> Result<bool, DomainError> {
    let held = txn.state_vector();
    let mut probe = StateVector::default();
    for (client, clock) in held.iter() {
        if *clock > 0 {
            probe.set_max(*client, clock - 1);
        }
    }
    let diff = Update::decode_v1(&txn.encode_state_as_update_v1(&probe))
        .map_err(|e| DomainError::Decode(e.to_string()))?;
    Ok(diff
        .insertions(true)
        .iter()
        .any(|(client, ranges)| ranges.iter().any(|r| r.end > held.get(client))))
}
