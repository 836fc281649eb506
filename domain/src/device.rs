//! The device copy of an agreement, sans I/O: what the app keeps in the browser's storage so
//! an agreement opens at once — also with no network — and nothing written is lost with the
//! page. The storage edge (the app's `live/device.rs`) only moves the records this decides on.
//!
//! Adapted from the design of y-indexeddb (`src/y-indexeddb.js`): one database per agreement,
//! every update appended as a record under an increasing key, and past a threshold one record
//! holding the whole state in place of the older ones. Its known faults are avoided: opening
//! appends nothing (the copy does not grow on every reopen); the records are framed with a
//! checksum, so a damaged one is skipped with a notice instead of hanging the load; and beside
//! the records the copy keeps how far the server has acknowledged storing each of the
//! person's own replicas ([`Acks`]), so the app can say what is stored and what still waits.

use crate::{Agreement, DomainError};
use crc::{Crc, Table, CRC_32_ISO_HDLC};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use yrs::block::ClientID;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector, Transact, Update};

/// Past this many records since the last whole state, the next flush compacts them into one.
pub const COMPACT_AFTER: usize = 200;

/// The first byte of every record: a record from another format or a damaged one is told apart.
const MAGIC: u8 = 0x53;
/// The record format's version, after [`MAGIC`].
const VERSION: u8 = 1;
/// Magic, version, kind, CRC-32 of the payload.
const HEADER: usize = 7;

/// What one record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// One update (own or received).
    Update = 0,
    /// The whole state, written by a compaction.
    State = 1,
}

/// A record the load skipped, for the app to mention.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// The record is shorter than its header, or its header is not this format's.
    #[error("record {0} is not a Samråd record")]
    Unframed(u64),
    /// The payload does not match its checksum (or could not be decrypted).
    #[error("record {0} is damaged")]
    Checksum(u64),
    /// The payload is framed correctly but the agreement could not take it.
    #[error("record {0} could not be applied: {1}")]
    Unreadable(u64, String),
}

/// How far the server has acknowledged storing each of the person's own replicas on this
/// device, and their changes it has not acknowledged yet. Kept beside the records, so a copy
/// opened again — also offline, by a later page — tells which remarks are unsaved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acks {
    /// Client id → the server's clock for it, as last heard.
    pub stored: BTreeMap<u64, u32>,
    /// Own changes not yet acknowledged: client id and the clock just after the change.
    pub waiting: Vec<(u64, u32)>,
}

impl Acks {
    /// Own changes the server has not acknowledged storing.
    pub fn pending(&self) -> usize {
        self.waiting.len()
    }

    /// The person's replicas with changes waiting, in the order they first wrote (earliest
    /// first): the order their writing is sent in when it takes several frames.
    pub fn writing_order(&self) -> Vec<u64> {
        let mut order: Vec<u64> = Vec::new();
        for (client, _) in &self.waiting {
            if !order.contains(client) {
                order.push(*client);
            }
        }
        order
    }

    /// These acknowledgements together with `other`'s (kept by another tab): the furthest
    /// clock heard for each replica, and every change still waiting by either.
    pub fn merge(&mut self, other: Acks) {
        for (client, clock) in other.stored {
            let known = self.stored.entry(client).or_default();
            *known = (*known).max(clock);
        }
        for entry in other.waiting {
            if !self.waiting.contains(&entry) {
                self.waiting.push(entry);
            }
        }
        let stored = &self.stored;
        self.waiting
            .retain(|(c, end)| stored.get(c).is_none_or(|clock| end > clock));
    }

    /// Whether the own change made as `client` at `clock` still waits for the server.
    pub fn unsaved(&self, client: u64, clock: u32) -> bool {
        let stored = self.stored.get(&client).copied().unwrap_or(0);
        clock >= stored
            && self
                .waiting
                .iter()
                .any(|(c, end)| *c == client && clock < *end)
    }
}

/// What the storage edge must write.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Store `record` under `key`.
    Append { key: u64, record: Vec<u8> },
    /// Store `record` (the whole state) under `key` and delete every record below it, in one
    /// transaction.
    Compact { key: u64, record: Vec<u8> },
    /// Store the acknowledgements.
    Acks(Acks),
}

/// An agreement loaded from the device.
#[derive(Debug)]
pub struct Opened {
    pub agreement: Agreement,
    pub copy: DeviceCopy,
    /// Records skipped, each with why.
    pub damaged: Vec<Damage>,
}

/// The device copy's bookkeeping for one open agreement.
#[derive(Debug)]
pub struct DeviceCopy {
    /// The key the next record is stored under.
    next_key: u64,
    /// Records stored since the last whole state.
    records: usize,
    /// What the stored records hold, so a flush writes only what is new.
    stored: StateVector,
    acks: Acks,
}

/// Frames `payload` as a record of `kind`.
pub fn frame(kind: RecordKind, payload: &[u8]) -> Vec<u8> {
    let mut record = Vec::with_capacity(HEADER + payload.len());
    record.extend_from_slice(&[MAGIC, VERSION, kind as u8]);
    record.extend_from_slice(&checksum(payload).to_le_bytes());
    record.extend_from_slice(payload);
    record
}

/// The payload's CRC-32 (ISO-HDLC, as zlib computes it), sixteen bytes at a time. Its tables
/// (16 KB) are built on the first use rather than compiled in: as data they are incompressible
/// bytes every first visit downloads, and building them takes microseconds.
fn checksum(payload: &[u8]) -> u32 {
    static CRC32: OnceLock<Crc<u32, Table<16>>> = OnceLock::new();
    CRC32
        .get_or_init(|| Crc::<u32, Table<16>>::new(&CRC_32_ISO_HDLC))
        .checksum(payload)
}

/// The payload of the record stored under `key`, checked.
pub fn unframe(key: u64, record: &[u8]) -> Result<(RecordKind, &[u8]), Damage> {
    if record.len() < HEADER || record[0] != MAGIC || record[1] != VERSION {
        return Err(Damage::Unframed(key));
    }
    let kind = match record[2] {
        0 => RecordKind::Update,
        1 => RecordKind::State,
        _ => return Err(Damage::Unframed(key)),
    };
    let sum = u32::from_le_bytes([record[3], record[4], record[5], record[6]]);
    let payload = &record[HEADER..];
    if checksum(payload) != sum {
        return Err(Damage::Checksum(key));
    }
    Ok((kind, payload))
}

impl DeviceCopy {
    /// A copy of an agreement not stored on this device yet.
    pub fn empty() -> Self {
        DeviceCopy {
            next_key: 1,
            records: 0,
            stored: StateVector::default(),
            acks: Acks::default(),
        }
    }

    /// Loads the stored `records` (key and bytes, in any order) into a replica writing as
    /// `client_id`, in one transaction. A damaged record is skipped and reported; the rest
    /// load. Nothing is written back: opening does not grow the copy.
    pub fn open(
        client_id: u64,
        mut records: Vec<(u64, Vec<u8>)>,
        acks: Option<Acks>,
    ) -> Result<Opened, DomainError> {
        crate::sorting::sort_by_key(&mut records, |(key, _)| *key);
        let agreement = Agreement::new(client_id);
        let mut damaged = Vec::new();
        let mut updates = Vec::with_capacity(records.len());
        for (key, bytes) in &records {
            match unframe(*key, bytes).and_then(|(_, payload)| {
                Update::decode_v1(payload).map_err(|e| Damage::Unreadable(*key, e.to_string()))
            }) {
                Ok(update) => updates.push(update),
                Err(damage) => damaged.push(damage),
            }
        }
        if !updates.is_empty() {
            let merged = Update::merge_updates(updates);
            agreement
                .doc()
                .transact_mut()
                .apply_update(merged)
                .map_err(|e| DomainError::Apply(e.to_string()))?;
        }
        let stored = agreement.doc().transact().state_vector();
        let copy = DeviceCopy {
            next_key: records.last().map_or(1, |(key, _)| key + 1),
            records: records.len(),
            stored,
            acks: acks.unwrap_or_default(),
        };
        Ok(Opened {
            agreement,
            copy,
            damaged,
        })
    }

    /// An own change `update`, made as `client`, as it commits: appended at once, so closing
    /// the page right after typing loses nothing.
    pub fn own_change(&mut self, client: u64, update: &[u8]) -> Vec<Write> {
        let mut writes = vec![self.append(RecordKind::Update, update)];
        if let Some(end) = own_end(client, update) {
            // Own changes are appended in order, so the records hold all of ours below `end`.
            self.stored.set_max(ClientID::new(client), end);
            self.acks.waiting.push((client, end));
            writes.push(Write::Acks(self.acks.clone()));
        }
        writes
    }

    /// A change another tab of the person made, as it arrives: appended at once (that tab does
    /// not write the copy), and waiting for the server like an own change.
    pub fn other_tab_change(&mut self, update: &[u8]) -> Vec<Write> {
        let mut writes = vec![self.append(RecordKind::Update, update)];
        let Ok(decoded) = Update::decode_v1(update) else {
            return writes;
        };
        let mut waits = false;
        for (client, ranges) in decoded.insertions(true).iter() {
            let start = ranges.iter().map(|r| r.start).min().unwrap_or(0);
            let Some(end) = ranges.iter().map(|r| r.end).max() else {
                continue;
            };
            // The records hold the writer's changes below `end` only if none is missing before.
            if start <= self.stored.get(client) {
                self.stored.set_max(*client, end);
            }
            self.acks.waiting.push((client.get(), end));
            waits = true;
        }
        if waits {
            writes.push(Write::Acks(self.acks.clone()));
        }
        writes
    }

    /// This tab starts writing the copy after another did. `last_key` and `count` say what the
    /// copy holds now, `newer` are the records stored since this tab opened it (key and bytes,
    /// keys from [`DeviceCopy::next_key`] on), `acks` the acknowledgements as stored. Returns
    /// what the newer records hold, for the replica to take in before anything is written:
    /// then the next flush stores the replica whole in place of the other tab's records.
    pub fn take_over(
        &mut self,
        last_key: Option<u64>,
        count: usize,
        newer: Vec<(u64, Vec<u8>)>,
        acks: Option<Acks>,
    ) -> Option<Vec<u8>> {
        if let Some(last) = last_key {
            self.next_key = self.next_key.max(last + 1);
        }
        self.records = count;
        if let Some(acks) = acks {
            self.acks.merge(acks);
        }
        if newer.is_empty() {
            return None;
        }
        self.records = COMPACT_AFTER;
        let updates: Vec<Update> = newer
            .iter()
            .filter_map(|(key, bytes)| unframe(*key, bytes).ok())
            .filter_map(|(_, payload)| Update::decode_v1(payload).ok())
            .collect();
        Some(Update::merge_updates(updates).encode_v1())
    }

    /// The key the next record goes under (records from another tab come at or after it).
    pub fn next_key(&self) -> u64 {
        self.next_key
    }

    /// Shows acknowledgements another tab keeps (this tab does not write the copy).
    pub fn set_acks(&mut self, acks: Acks) {
        self.acks = acks;
    }

    /// Writes what `agreement` holds beyond the stored records (received changes, gathered
    /// rather than written one by one), or, past [`COMPACT_AFTER`] records, the whole state in
    /// their place. `None` when nothing is new.
    pub fn flush(&mut self, agreement: &Agreement) -> Option<Write> {
        let txn = agreement.doc().transact();
        let now = txn.state_vector();
        if self.records >= COMPACT_AFTER {
            let state = txn.encode_state_as_update_v1(&StateVector::default());
            drop(txn);
            let key = self.next_key;
            self.next_key += 1;
            self.records = 1;
            self.stored = now;
            return Some(Write::Compact {
                key,
                record: frame(RecordKind::State, &state),
            });
        }
        if now == self.stored {
            return None;
        }
        let diff = txn.encode_state_as_update_v1(&self.stored);
        drop(txn);
        self.stored = now;
        Some(self.append(RecordKind::Update, &diff))
    }

    /// Keeps the agreement's stored log as a first visit fetched it ([`Fetched`]): each row
    /// is already an update, so nothing is encoded again — encoding a real consultation's
    /// agreement anew costs as much as a third of applying it, on the page's main thread. The
    /// replica may have moved on since it was applied (the socket's answer, own writes): the
    /// next [`DeviceCopy::flush`] writes what came after. Nothing is kept (that flush writes
    /// the whole state) when the copy holds records already, when the replica held something
    /// before the rows (a frame that came first), or when the rows are more than a compaction
    /// would leave.
    pub fn keep_fetched(&mut self, fetched: &Fetched) -> Vec<Write> {
        let Some(applied) = &fetched.applied else {
            return Vec::new();
        };
        if self.records > 0 || self.stored != StateVector::default() {
            return Vec::new();
        }
        let rows = fetched.rows();
        if rows.len() >= COMPACT_AFTER {
            return Vec::new();
        }
        let writes = rows
            .iter()
            .map(|row| self.append(RecordKind::Update, row))
            .collect();
        self.stored = applied.clone();
        writes
    }

    /// Replaces the whole copy with `agreement` (a replica loaded afresh from the server after
    /// it refused a change: the refused change must not be loaded and sent again).
    pub fn replace(&mut self, agreement: &Agreement) -> Write {
        self.records = COMPACT_AFTER;
        self.acks.waiting.clear();
        self.stored = StateVector::default();
        self.flush(agreement)
            .unwrap_or(Write::Acks(self.acks.clone()))
    }

    /// The server's clock for `client` is `clock`: own changes below it are stored. Returns
    /// the acknowledgements to keep if that settled anything.
    pub fn acknowledged(&mut self, client: u64, clock: u32) -> Option<Write> {
        let known = self.acks.stored.get(&client).copied().unwrap_or(0);
        let own = self.acks.waiting.iter().any(|(c, _)| *c == client);
        if clock <= known || !own {
            return None;
        }
        self.acks.stored.insert(client, clock);
        self.acks
            .waiting
            .retain(|(c, end)| *c != client || *end > clock);
        let waiting: Vec<u64> = self.acks.waiting.iter().map(|(c, _)| *c).collect();
        // Keep the clocks of replicas with changes waiting (or just settled) only.
        self.acks
            .stored
            .retain(|c, _| *c == client || waiting.contains(c));
        Some(Write::Acks(self.acks.clone()))
    }

    /// The own replicas with changes waiting, so the edge asks the server about each.
    pub fn waiting_clients(&self) -> Vec<u64> {
        let mut clients: Vec<u64> = self.acks.waiting.iter().map(|(c, _)| *c).collect();
        crate::sorting::sort(&mut clients);
        clients.dedup();
        clients
    }

    /// The acknowledgements as kept.
    pub fn acks(&self) -> &Acks {
        &self.acks
    }

    /// Records stored since the last whole state.
    pub fn records(&self) -> usize {
        self.records
    }

    fn append(&mut self, kind: RecordKind, payload: &[u8]) -> Write {
        let key = self.next_key;
        self.next_key += 1;
        self.records += 1;
        Write::Append {
            key,
            record: frame(kind, payload),
        }
    }
}

/// The clock just after what `update` inserts as `client` (`None` if it inserts nothing as
/// it, e.g. only deletes). Read from the update's insertion ranges, not its state vector,
/// which only counts clients whose blocks start at clock 0.
fn own_end(client: u64, update: &[u8]) -> Option<u32> {
    let update = Update::decode_v1(update).ok()?;
    update
        .insertions(true)
        .iter()
        .filter(|(c, _)| c.get() == client)
        .flat_map(|(_, ranges)| ranges.iter().map(|r| r.end).collect::<Vec<_>>())
        .max()
}

/// The agreement's stored log as a first visit fetched it (`wire::join_log`'s body), applied
/// to a replica that held nothing: kept by the device copy as it came
/// ([`DeviceCopy::keep_fetched`]), once the page may write the copy.
#[derive(Debug)]
pub struct Fetched {
    body: Vec<u8>,
    /// The replica's state right after the rows were applied; `None` if it held something
    /// before (a frame that came first): the rows alone are not what it holds then.
    applied: Option<StateVector>,
}

impl Fetched {
    fn rows(&self) -> Vec<&[u8]> {
        crate::wire::split_log(&self.body).unwrap_or_default()
    }
}

impl Agreement {
    /// Applies a fetched log (`body`, see `wire::join_log`) in one transaction, to be kept by
    /// the device copy as it came. A body that cannot be decoded applies nothing.
    pub fn apply_fetched(&self, body: Vec<u8>) -> Result<Fetched, DomainError> {
        let rows = crate::wire::split_log(&body).map_err(|e| DomainError::Decode(e.to_string()))?;
        // A change that came first makes the replica hold more than the rows do.
        let held_nothing = self.holds_nothing();
        self.apply_stored(&rows)?;
        let applied = held_nothing.then(|| self.doc.transact().state_vector());
        Ok(Fetched { body, applied })
    }
}

#[cfg(test)]
mod tests;
