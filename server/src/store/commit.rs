//! Group commit: appends to the agreements' logs that arrive while one commit is being written
//! go to disk together, in the next transaction and under its one fsync.
//!
//! Every change is stored before it is relayed, and with `synchronous=FULL` each commit costs
//! an fsync — a few milliseconds on this kind of disk, whatever it holds. With one commit per
//! append, rooms queue behind each other's fsyncs and a busy server stores a few hundred
//! changes a second. Here the appends wait in one queue instead, and one committer thread
//! writes them: it takes everything queued, writes it in one transaction, tells each caller
//! its outcome, and takes what arrived meanwhile (the writer queue of LevelDB's
//! `DBImpl::Write`, with the leader made a thread of its own). A commit therefore carries as
//! many appends as arrived during the previous one, and no append waits for more than the
//! commit under way and its own.
//!
//! The committer tells each caller directly: a room thread hands its batch over and goes on
//! working, and the committer's message wakes it when the batch is on disk — one hand-off
//! each way, no thread in between (see `rooms/pipeline.rs`). A caller that must block
//! ([`Queue::append`]) waits for the same message. The thread is started by the first append
//! and ends after [`IDLE`] without work, so a store nobody writes to holds no thread.
//!
//! What each caller is told is exactly what happened to its own appends: `Ok` after the
//! transaction holding them has committed (so store-before-relay holds per change), else the
//! error. If a group's transaction fails, nothing of it was stored, and each of its appends is
//! written again in a transaction of its own, so one bad append fails only itself.

use super::{Store, StoreError};
use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long the committer thread waits for work before it ends (the next append starts one).
const IDLE: Duration = Duration::from_secs(1);

/// Most appends in one transaction, so a flood cannot build a commit that keeps everyone
/// waiting.
const MAX_GROUP: usize = 1024;

/// Most bytes of updates in one transaction (a first append larger than this still goes
/// alone).
const MAX_GROUP_BYTES: usize = 8 * 1024 * 1024;

/// One change to one agreement's log: client-id bindings and an update, stored together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Append {
    /// The agreement whose log it goes to.
    pub agreement: String,
    /// Client ids newly bound to a participant.
    pub bindings: Vec<(u64, String)>,
    /// The v1 update, if the change has one (a presence can bind a client id alone).
    pub update: Option<Vec<u8>>,
}

impl Append {
    fn bytes(&self) -> usize {
        self.update.as_ref().map_or(0, Vec::len)
    }
}

/// How many appends were stored in how many commits (for tests and metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitStats {
    /// Appends stored.
    pub appends: u64,
    /// Transactions committed for them.
    pub commits: u64,
}

/// Told the outcome of a batch of appends, once, by the committer thread.
pub type Tell = Box<dyn FnOnce(Result<(), StoreError>) + Send>;

/// Appends handed over together, and whom to tell.
struct Batch {
    appends: Vec<Append>,
    tell: Tell,
}

impl Batch {
    fn bytes(&self) -> usize {
        self.appends.iter().map(Append::bytes).sum()
    }
}

/// The queue of batches waiting for the committer.
#[derive(Default)]
pub(super) struct Queue {
    state: Mutex<State>,
    /// Signals the committer that a batch is queued.
    work: Condvar,
    appends: AtomicU64,
    commits: AtomicU64,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Queue")
    }
}

#[derive(Default)]
struct State {
    /// Batches not yet taken by the committer, in arrival order.
    waiting: VecDeque<Batch>,
    /// Whether a committer thread is running (it clears this itself, under the lock, as it
    /// ends).
    running: bool,
}

impl Queue {
    pub(super) fn stats(&self) -> CommitStats {
        CommitStats {
            appends: self.appends.load(Ordering::Relaxed),
            commits: self.commits.load(Ordering::Relaxed),
        }
    }

    /// Appends queued and not yet taken by the committer.
    #[cfg(test)]
    pub(super) fn waiting(&self) -> usize {
        self.lock().waiting.iter().map(|b| b.appends.len()).sum()
    }

    /// The state; a poisoned lock is taken over (every change to the state is a single step,
    /// so it is consistent whoever panicked).
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues `appends`, in order, and returns once the transactions holding them have
    /// committed. The first failure is returned; appends before it are stored, and those after
    /// it are stored or not as their own groups went.
    pub(super) fn append(&self, store: &Store, appends: Vec<Append>) -> Result<(), StoreError> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.submit(
            store,
            appends,
            Box::new(move |outcome| {
                let _ = tx.send(outcome);
            }),
        );
        rx.recv()
            .map_err(|_| StoreError::Commit("the committer stopped".into()))?
    }

    /// Queues `appends`, in order, and returns at once; `tell` is called with their outcome
    /// (as [`Queue::append`] returns it) on the committer thread once they are stored.
    pub(super) fn submit(&self, store: &Store, appends: Vec<Append>, tell: Tell) {
        if appends.is_empty() {
            return tell(Ok(()));
        }
        let mut state = self.lock();
        state.waiting.push_back(Batch { appends, tell });
        if state.running {
            self.work.notify_one();
            return;
        }
        let committer = store.clone();
        let started = std::thread::Builder::new()
            .name("store-commit".into())
            .spawn(move || commit_loop(&committer));
        match started {
            Ok(_) => state.running = true,
            Err(e) => {
                // Nothing runs to take the queue, so everything in it is ours alone.
                let failed: Vec<Batch> = state.waiting.drain(..).collect();
                drop(state);
                for batch in failed {
                    (batch.tell)(Err(StoreError::Commit(format!(
                        "starting the committer failed: {e}"
                    ))));
                }
            }
        }
    }

    /// The next group, waiting for one up to [`IDLE`]; `None` (and the thread is no longer
    /// counted as running) after that long without work.
    fn next_group(&self) -> Option<Vec<Batch>> {
        let mut state = self.lock();
        while state.waiting.is_empty() {
            let (next, waited) = self
                .work
                .wait_timeout(state, IDLE)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state = next;
            if waited.timed_out() && state.waiting.is_empty() {
                state.running = false;
                return None;
            }
        }
        Some(take_group(&mut state.waiting))
    }
}

/// The committer thread: writes groups until it has been idle for [`IDLE`].
fn commit_loop(store: &Store) {
    let queue = &store.appends;
    while let Some(group) = queue.next_group() {
        // A panic in SQLite's bindings fails this group, not the thread everyone waits on.
        let outcomes = std::panic::catch_unwind(AssertUnwindSafe(|| write(store, queue, &group)))
            .unwrap_or_else(|_| vec![Err("the commit panicked".into()); group.len()]);
        for (batch, outcome) in group.into_iter().zip(outcomes) {
            (batch.tell)(outcome.map_err(StoreError::Commit));
        }
    }
}

/// Takes the longest prefix of the queue that fits one group (at least one batch).
fn take_group(waiting: &mut VecDeque<Batch>) -> Vec<Batch> {
    let (mut appends, mut bytes) = (0, 0);
    let mut group = Vec::new();
    while let Some(next) = waiting.front() {
        let (more, more_bytes) = (next.appends.len(), next.bytes());
        if !group.is_empty() && (appends + more > MAX_GROUP || bytes + more_bytes > MAX_GROUP_BYTES)
        {
            break;
        }
        appends += more;
        bytes += more_bytes;
        group.extend(waiting.pop_front());
    }
    group
}

/// Writes one group in one transaction; returns each batch's outcome (its first failure).
fn write(store: &Store, queue: &Queue, group: &[Batch]) -> Vec<Result<(), String>> {
    let count = |commits: u64, appends: usize| {
        queue.commits.fetch_add(commits, Ordering::Relaxed);
        queue.appends.fetch_add(appends as u64, Ordering::Relaxed);
    };
    let all: Vec<&Append> = group.iter().flat_map(|b| &b.appends).collect();
    match store.write_group(&all) {
        Ok(()) => {
            count(1, all.len());
            vec![Ok(()); group.len()]
        }
        Err(e) if all.len() == 1 => vec![Err(e.to_string())],
        // One bad append must not fail the others grouped with it by chance: each is written
        // again on its own, in order, and its batch told its own outcome.
        Err(_) => group
            .iter()
            .map(|batch| {
                let mut outcome = Ok(());
                for append in &batch.appends {
                    match store.write_group(&[append]) {
                        Ok(()) => count(1, 1),
                        Err(e) if outcome.is_ok() => outcome = Err(e.to_string()),
                        Err(_) => {}
                    }
                }
                outcome
            })
            .collect(),
    }
}
