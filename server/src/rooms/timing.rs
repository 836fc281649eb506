//! How long a document update spends in the server before it may be relayed, per stage, for
//! the throughput benchmark: from the socket's read to the room taking it (`queued`: the
//! command queue and the room thread's wake-up), and to its commit being on disk (`stored`:
//! judging, integrating, the group commit and its fsync), then from stored to written to each
//! recipient's socket (`written`: the outboxes, the socket tasks' wake-up, the write itself),
//! and the whole way from read to written. What the load tool measures beyond `whole` is the
//! loopback and its own event loop. Logged when the rooms shut down.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Bucket width.
const STEP_US: u64 = 100;
/// Buckets: 0.1 ms each up to 1 s; the last counts everything longer.
const BUCKETS: usize = 10_001;

/// A latency histogram shared by every room thread (an atomic add per update).
pub(crate) struct Stage {
    counts: [AtomicU64; BUCKETS],
}

impl Stage {
    const fn new() -> Stage {
        Stage {
            counts: [const { AtomicU64::new(0) }; BUCKETS],
        }
    }

    pub(crate) fn add(&self, took: Duration) {
        let bucket = (took.as_micros() as u64 / STEP_US).min(BUCKETS as u64 - 1);
        self.counts[bucket as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// Count, p50, p99 and max in milliseconds (bucket upper bounds).
    pub(crate) fn summary(&self) -> (u64, f64, f64, f64) {
        let counts: Vec<u64> = self
            .counts
            .iter()
            .map(|c| c.load(Ordering::Relaxed))
            .collect();
        let n: u64 = counts.iter().sum();
        let at = |q: f64| {
            let rank = ((n as f64) * q).ceil().max(1.0) as u64;
            let mut seen = 0;
            for (i, c) in counts.iter().enumerate() {
                seen += c;
                if seen >= rank {
                    return (i as u64 + 1) as f64 * STEP_US as f64 / 1000.0;
                }
            }
            f64::NAN
        };
        (n, at(0.5), at(0.99), at(1.0))
    }
}

/// Read to taken by the room.
pub(super) static QUEUED: Stage = Stage::new();
/// Read to stored (the relay may go).
pub(super) static STORED: Stage = Stage::new();
/// Stored to written to a recipient's socket, per recipient.
pub(crate) static WRITTEN: Stage = Stage::new();
/// Read to written to a recipient's socket, per recipient.
pub(crate) static WHOLE: Stage = Stage::new();

/// Logs every stage.
pub(super) fn log() {
    let stages = [
        ("queued", &QUEUED),
        ("stored", &STORED),
        ("written", &WRITTEN),
        ("whole", &WHOLE),
    ];
    for (name, stage) in stages {
        let (n, p50, p99, max) = stage.summary();
        if n > 0 {
            tracing::info!(
                stage = name,
                n,
                p50,
                p99,
                max,
                "update time in the server (ms)"
            );
        }
    }
}
