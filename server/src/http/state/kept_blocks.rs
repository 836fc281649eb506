//! The stored log's compressed blocks, per agreement, kept between requests for the stored
//! state: made in the background after a page was sent a log no blocks were kept for (never
//! making a page wait), then used for the pages after it with the rows appended since
//! compressed per request — until the log is compacted anew (its rows are others) or the rows
//! appended outgrow a quarter of it, when they are made anew.

use super::deflated::{gzip_member, Deflated};
use flate2::CompressError;
use samrad_domain::wire::join_log;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many agreements' blocks are kept (a real consultation's are about 1 MB).
const KEEP_AGREEMENTS: usize = 32;

/// The first `rows` rows of an agreement's log, compressed.
pub(super) struct LogBlocks {
    rows: usize,
    /// Which rows: a SHA-256 of them (a collision would send a page an agreement it does not
    /// have, so not the CRC-32 the gzip trailer needs).
    digest: [u8; 32],
    /// How many bytes of the log they hold.
    bytes: usize,
    deflated: Deflated,
}

/// A log answered from kept blocks.
pub(super) struct Gzipped {
    pub body: Vec<u8>,
    /// The rows appended since the blocks were made outgrew a quarter of them: make them anew.
    pub outgrown: bool,
}

impl LogBlocks {
    fn make(rows: &[Vec<u8>]) -> Result<LogBlocks, CompressError> {
        let log = join_log(rows);
        Ok(LogBlocks {
            rows: rows.len(),
            digest: digest(rows),
            bytes: log.len(),
            deflated: Deflated::new(&log)?,
        })
    }

    /// The log `rows` gzipped, if these are the blocks of its first rows (a log compacted
    /// anew is not: its first row is another).
    pub(super) fn gzip(&self, rows: &[Vec<u8>]) -> Option<Result<Gzipped, CompressError>> {
        let (head, tail) = rows.split_at_checked(self.rows)?;
        if digest(head) != self.digest {
            return None;
        }
        let tail = join_log(tail);
        let outgrown = tail.len() > self.bytes / 4;
        Some(gzip_member(&self.deflated, &tail).map(|body| Gzipped { body, outgrown }))
    }
}

/// The rows' identity: each row's length and bytes, in order.
fn digest(rows: &[Vec<u8>]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for row in rows {
        hash.update((row.len() as u64).to_le_bytes());
        hash.update(row);
    }
    hash.finalize().into()
}

/// Every agreement's kept blocks.
#[derive(Clone, Default)]
pub(crate) struct KeptBlocks {
    inner: Arc<Mutex<Kept>>,
}

#[derive(Default)]
struct Kept {
    entries: HashMap<String, Entry>,
    /// A count of uses across agreements: the least recently used goes first.
    tick: u64,
    /// Whether blocks are being made: one agreement's at a time, so a server whose many
    /// agreements are opened at once spends one core on it, not all.
    making: bool,
}

/// One agreement's blocks.
struct Entry {
    used: u64,
    blocks: Arc<LogBlocks>,
}

impl KeptBlocks {
    /// The blocks kept for `agreement`, if made.
    pub(super) fn get(&self, agreement: &str) -> Option<Arc<LogBlocks>> {
        let mut kept = self.inner.lock().ok()?;
        kept.tick += 1;
        let tick = kept.tick;
        let entry = kept.entries.get_mut(agreement)?;
        entry.used = tick;
        Some(entry.blocks.clone())
    }

    /// Makes the blocks of `rows` for `agreement` in the background, unless blocks are being
    /// made already (a later page asks again); they replace those kept before.
    pub(super) fn make(&self, agreement: &str, rows: Arc<Vec<Vec<u8>>>) {
        if !self.begin() {
            return;
        }
        // Cleared however the task ends (a panic included).
        let making = Making(self.clone());
        let agreement = agreement.to_string();
        tokio::task::spawn_blocking(move || {
            let made = LogBlocks::make(&rows);
            let Ok(mut kept) = making.0.inner.lock() else {
                return;
            };
            match made {
                Ok(blocks) => kept.keep(agreement, blocks),
                Err(e) => {
                    tracing::warn!(agreement, error = %e, "compressing the stored log failed")
                }
            }
        });
    }

    fn begin(&self) -> bool {
        let Ok(mut kept) = self.inner.lock() else {
            return false;
        };
        !std::mem::replace(&mut kept.making, true)
    }
}

impl Kept {
    fn keep(&mut self, agreement: String, blocks: LogBlocks) {
        tracing::debug!(
            agreement,
            bytes = blocks.bytes,
            compressed = blocks.deflated.compressed_len(),
            "stored log compressed"
        );
        if self.entries.len() >= KEEP_AGREEMENTS && !self.entries.contains_key(&agreement) {
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                self.entries.remove(&oldest);
            }
        }
        self.tick += 1;
        let entry = Entry {
            used: self.tick,
            blocks: Arc::new(blocks),
        };
        self.entries.insert(agreement, entry);
    }
}

/// Blocks being made; dropped when the making ends.
struct Making(KeptBlocks);

impl Drop for Making {
    fn drop(&mut self) {
        if let Ok(mut kept) = self.0.inner.lock() {
            kept.making = false;
        }
    }
}

#[cfg(test)]
mod tests;
