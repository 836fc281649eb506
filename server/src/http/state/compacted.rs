//! The stored log's compressed blocks, per agreement, kept between requests for the stored
//! state: made in the background after a page was sent a log no blocks were kept for (never
//! making that page wait), then used for every page after it until the log is compacted anew
//! — the rows appended meanwhile are compressed per request.

use super::deflated::{gzip_member, Deflated};
use axum::body::Bytes;
use flate2::CompressError;
use samrad_domain::wire::join_log;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many agreements' blocks are kept (a real consultation's are about 1 MB).
const KEEP_AGREEMENTS: usize = 32;

/// The first `rows` rows of an agreement's log, compressed.
pub(super) struct LogBlocks {
    rows: usize,
    deflated: Deflated,
}

impl LogBlocks {
    /// The log `rows` gzipped, if these are the blocks of its first rows (a log compacted
    /// anew is not: its first row is another).
    pub(super) fn gzip(&self, rows: &[Vec<u8>]) -> Option<Result<Vec<u8>, CompressError>> {
        let (head, tail) = rows.split_at_checked(self.rows)?;
        self.deflated
            .holds(&join_log(head))
            .then(|| gzip_member(&self.deflated, &join_log(tail)))
    }
}

/// Every agreement's kept blocks.
#[derive(Clone, Default)]
pub(crate) struct CompactedBlocks {
    kept: Arc<Mutex<HashMap<String, Kept>>>,
}

/// One agreement's blocks (none while they are being made) and when they were last used (a
/// count of uses across agreements).
struct Kept {
    used: u64,
    blocks: Option<Arc<LogBlocks>>,
}

impl CompactedBlocks {
    /// The blocks kept for `agreement`, if made.
    pub(super) fn get(&self, agreement: &str) -> Option<Arc<LogBlocks>> {
        let mut kept = self.kept.lock().ok()?;
        let tick = next_tick(&kept);
        let entry = kept.get_mut(agreement)?;
        entry.used = tick;
        entry.blocks.clone()
    }

    /// Makes the blocks of `log` (the join of `rows` rows) in the background, unless they are
    /// being made already; they replace those kept before.
    pub(super) fn make(&self, agreement: &str, rows: usize, log: Bytes) {
        if !self.begin(agreement) {
            return;
        }
        let (this, agreement) = (self.clone(), agreement.to_string());
        tokio::task::spawn_blocking(move || {
            let made = Deflated::new(&log).map(|deflated| LogBlocks { rows, deflated });
            let Ok(mut kept) = this.kept.lock() else {
                return;
            };
            match made {
                Ok(blocks) => {
                    tracing::debug!(
                        agreement,
                        bytes = log.len(),
                        compressed = blocks.deflated.compressed_len(),
                        "stored log compressed"
                    );
                    if let Some(entry) = kept.get_mut(&agreement) {
                        entry.blocks = Some(Arc::new(blocks));
                    }
                }
                Err(e) => {
                    tracing::warn!(agreement, error = %e, "compressing the stored log failed");
                    kept.remove(&agreement);
                }
            }
        });
    }

    /// Marks `agreement`'s blocks as being made; false if they already are.
    fn begin(&self, agreement: &str) -> bool {
        let Ok(mut kept) = self.kept.lock() else {
            return false;
        };
        if kept.get(agreement).is_some_and(|k| k.blocks.is_none()) {
            return false;
        }
        if kept.len() >= KEEP_AGREEMENTS && !kept.contains_key(agreement) {
            let oldest = kept
                .iter()
                .min_by_key(|(_, k)| k.used)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                kept.remove(&oldest);
            }
        }
        let used = next_tick(&kept);
        kept.insert(agreement.to_string(), Kept { used, blocks: None });
        true
    }
}

fn next_tick(kept: &HashMap<String, Kept>) -> u64 {
    kept.values().map(|k| k.used + 1).max().unwrap_or(0)
}
