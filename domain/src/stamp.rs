//! Stamps: what only the server knows about a remark or an answer — when it stored it, and the
//! phase and latest version then.
//!
//! A writer's bytes cannot be rewritten (they are the writer's CRDT items), and a time or phase
//! the writer claims is only what their replica said — perhaps offline for days, perhaps lying.
//! So when the server's guard integrates an update that creates a remark or an answer, the
//! server writes a companion entry under the same key in the `stamps` root, as its own client,
//! in the same stored update (guard.rs, `Guard::integrate`). Only the server writes there (the
//! guard refuses anyone else). Readers present the stamp: [`crate::Remark::created_ms`] is when
//! the server stored the remark, [`crate::Remark::phase`] and `version` are the server's then,
//! and an answer's `sent_ms` is when the server received it. The writer's claimed time is kept
//! beside it (`written_ms`); the guard refuses one in the future or before the agreement.
//!
//! A replica that has not heard back yet (its own remark, still unsent) shows its own values
//! until the stamp arrives; entries written before stamps existed keep theirs.

use crate::fields::{number, opt_string, string, strings, submap};
use crate::schema::{self, stamp, Root, Val};
use crate::{Agreement, Phase};
use yrs::{Map, MapRef, ReadTxn, TransactionMut};

/// What the server recorded when it stored an entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stamp {
    pub stored_ms: f64,
    pub phase: Phase,
    pub version: Option<String>,
}

/// Whether new entries of `root` are stamped.
pub(crate) fn stamped(root: &Root) -> bool {
    root.name == schema::remark::ROOT.name || root.name == schema::answer::ROOT.name
}

impl Agreement {
    /// Stamps each of `entries` (keys of stamped roots) as stored at `now_ms`, in `phase` with
    /// `version` the latest.
    pub(crate) fn write_stamps(
        &self,
        txn: &mut TransactionMut,
        entries: &[String],
        now_ms: f64,
        phase: Phase,
        version: Option<&str>,
    ) {
        for key in entries {
            let mut fields = vec![
                (&stamp::STORED, Val::Num(now_ms)),
                (&stamp::PHASE, Val::Str(phase.key())),
            ];
            if let Some(version) = version {
                fields.push((&stamp::VERSION, Val::Str(version)));
            }
            self.stamps
                .insert(txn, key.as_str(), schema::entry(&stamp::ROOT, fields));
        }
    }
}

/// The stamp of the entry `key` in the `stamps` root map, if the server has written one.
pub(crate) fn read<T: ReadTxn>(stamps: &MapRef, txn: &T, key: &str) -> Option<Stamp> {
    let m = submap(stamps, txn, key)?;
    Some(Stamp {
        stored_ms: number(&m, txn, stamp::STORED.name),
        phase: Phase::from_key(&string(&m, txn, stamp::PHASE.name))?,
        version: opt_string(&m, txn, stamp::VERSION.name),
    })
}

/// Phase stamps live in the `stamps` root beside the entries' own, under a key no entry id
/// takes (entry ids hold no colon): `phase:<phase>`.
const PHASE_PREFIX: &str = "phase:";

/// The key of the stamp saying when `phase` last began.
pub(crate) fn phase_key(phase: Phase) -> String {
    format!("{PHASE_PREFIX}{}", phase.key())
}

/// The key of the `n`th change of phase the server recorded (from 0), kept beside each phase's
/// latest start so that a phase entered twice — a remiss reopened after compiling began —
/// keeps both starts. No phase's key is a number, so these never meet [`phase_key`]'s.
fn phase_log_key(n: usize) -> String {
    format!("{PHASE_PREFIX}{n}")
}

/// Whether a key of the `stamps` root is a phase's stamp (read with the meta, not an entry).
pub(crate) fn is_phase_key(key: &str) -> bool {
    key.starts_with(PHASE_PREFIX)
}

/// When a phase began, as the server recorded it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhaseStart {
    pub phase: Phase,
    pub began_ms: f64,
}

impl Agreement {
    /// Stamps that `phase` began at `now_ms`: the server's record of a phase change, written
    /// when it stores the change. A phase entered again takes the later time.
    /// The change is also added to the log of changes ([`Agreement::phase_history`]).
    /// A phase that closes a remiss carries the organisations it went to (`recipients`).
    pub(crate) fn write_phase_stamp(
        &self,
        txn: &mut TransactionMut,
        phase: Phase,
        now_ms: f64,
        recipients: Option<&[String]>,
    ) {
        let fields = || {
            let mut fields = vec![
                (&stamp::STORED, Val::Num(now_ms)),
                (&stamp::PHASE, Val::Str(phase.key())),
            ];
            if let Some(recipients) = recipients {
                fields.push((&stamp::RECIPIENTS, Val::Strings(recipients)));
            }
            fields
        };
        self.stamps.insert(
            txn,
            phase_key(phase).as_str(),
            schema::entry(&stamp::ROOT, fields()),
        );
        // Only the server writes stamps, one update at a time: the next free number is its own.
        let next = (0..)
            .find(|n| self.stamps.get(txn, &phase_log_key(*n)).is_none())
            .unwrap_or_default();
        self.stamps.insert(
            txn,
            phase_log_key(next).as_str(),
            schema::entry(&stamp::ROOT, fields()),
        );
    }

    /// When each phase last began, as the server recorded it, in the order of the phases.
    /// A phase begun before the server kept these, or never, has none.
    pub fn phase_starts(&self) -> Vec<PhaseStart> {
        use yrs::Transact;
        let txn = self.doc.transact();
        Phase::ALL
            .into_iter()
            .filter_map(|phase| {
                let stamp = read(&self.stamps, &txn, &phase_key(phase))?;
                (stamp.phase == phase).then_some(PhaseStart {
                    phase,
                    began_ms: stamp.stored_ms,
                })
            })
            .collect()
    }

    /// The latest consultation the server recorded: when it began, and when the phase after it
    /// began — `None` while it is still open. What the remiss page says once the answers are
    /// being compiled, so the coordinator sees when the last round ran.
    pub fn last_consultation(&self) -> Option<(f64, Option<f64>)> {
        let history = self.phase_history();
        let at = history
            .iter()
            .rposition(|start| start.phase == Phase::Consultation)?;
        Some((
            history[at].began_ms,
            history.get(at + 1).map(|s| s.began_ms),
        ))
    }

    /// The organisations the latest closed remiss went to, as the server recorded them when the
    /// phase after it began; `None` while none has closed, or for one closed before the server
    /// kept them.
    pub fn last_remiss_recipients(&self) -> Option<Vec<String>> {
        use yrs::Transact;
        let txn = self.doc.transact();
        let log: Vec<Stamp> = (0..)
            .map_while(|n| read(&self.stamps, &txn, &phase_log_key(n)))
            .collect();
        let at = log.iter().rposition(|s| s.phase == Phase::Consultation)?;
        let closing = submap(&self.stamps, &txn, &phase_log_key(at + 1))?;
        closing
            .get(&txn, stamp::RECIPIENTS.name)
            .map(|_| strings(&closing, &txn, stamp::RECIPIENTS.name))
    }

    /// Every change of phase the server recorded, in time order: a phase entered again shows
    /// each time. A phase stamped before the log was kept shows once, at its latest start.
    pub fn phase_history(&self) -> Vec<PhaseStart> {
        use yrs::Transact;
        let txn = self.doc.transact();
        let mut history: Vec<PhaseStart> = (0..)
            .map_while(|n| read(&self.stamps, &txn, &phase_log_key(n)))
            .map(|stamp| PhaseStart {
                phase: stamp.phase,
                began_ms: stamp.stored_ms,
            })
            .collect();
        drop(txn);
        for latest in self.phase_starts() {
            if !history.contains(&latest) {
                history.push(latest);
            }
        }
        crate::sorting::sort_by(&mut history, |a, b| a.began_ms.total_cmp(&b.began_ms));
        history
    }
}
