//! Group commit: appends to the agreements' logs that arrive while one commit is being written
//! go to disk together, in the next transaction and under its one fsync.
//!
//! Every room thread stores each change before it relays it ([`Store::append_bound`] returns
//! once the change is on disk), and with `synchronous=FULL` each commit costs an fsync — a few
//! milliseconds on this kind of disk, whatever it holds. With one commit per append, rooms
//! queue behind each other's fsyncs and a busy server stores a few hundred changes a second.
//! Here the appends wait in one queue instead; the first waiter that finds no commit under way
//! becomes the leader, takes everything queued (its own append first among them), writes it in
//! one transaction and wakes the others with the outcome, and the next waiter leads the next
//! group (the writer queue of LevelDB's `DBImpl::Write`). A commit therefore carries as many
//! appends as arrived during the previous one, and no append waits for more than the commit
//! under way and its own.
//!
//! What each caller is told is exactly what happened to its own append: `Ok` after the
//! transaction holding it has committed (so store-before-relay holds per change, as before),
//! else the error. If a group's transaction fails, nothing of it was stored, and each of its
//! appends is written again in a transaction of its own, so one bad append fails only itself.

use super::{Store, StoreError};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

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

/// The queue of appends waiting for a commit.
///
/// Each caller waits on its own condition variable, woken only when its appends' outcomes are
/// in or when it is first in line to lead: with a hundred rooms waiting, one shared signal per
/// commit would wake all of them to find out that one should lead.
#[derive(Debug, Default)]
pub(super) struct Queue {
    state: Mutex<State>,
    appends: AtomicU64,
    commits: AtomicU64,
}

/// An append in line, with its ticket and its caller's signal.
type Waiting = (u64, Append, Arc<Condvar>);

#[derive(Debug, Default)]
struct State {
    /// Tickets handed out, in arrival order.
    next: u64,
    /// Appends not yet taken by a leader, with their tickets and their caller's signal.
    waiting: VecDeque<Waiting>,
    /// Outcomes of committed groups not yet collected by their callers.
    outcomes: HashMap<u64, Result<(), String>>,
    /// Whether a leader is writing a group now.
    leading: bool,
}

impl Queue {
    pub(super) fn stats(&self) -> CommitStats {
        CommitStats {
            appends: self.appends.load(Ordering::Relaxed),
            commits: self.commits.load(Ordering::Relaxed),
        }
    }

    /// Appends queued and not yet taken by a leader.
    #[cfg(test)]
    pub(super) fn waiting(&self) -> usize {
        self.state.lock().map_or(0, |s| s.waiting.len())
    }

    fn lock(&self) -> Result<MutexGuard<'_, State>, StoreError> {
        self.state.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Queues `appends`, in order, and returns once the transactions holding them have
    /// committed, writing such a transaction itself whenever no other caller is writing one.
    /// The first failure is returned; appends of the batch before it are stored, and those
    /// after it are stored or not as their own groups went.
    pub(super) fn append(&self, store: &Store, appends: Vec<Append>) -> Result<(), StoreError> {
        let signal = Arc::new(Condvar::new());
        let mut state = self.lock()?;
        let first = state.next;
        state.next += appends.len() as u64;
        for (i, append) in appends.into_iter().enumerate() {
            state
                .waiting
                .push_back((first + i as u64, append, signal.clone()));
        }
        let mut pending: Vec<u64> = (first..state.next).collect();
        let mut failed = None;
        loop {
            pending.retain(|ticket| match state.outcomes.remove(ticket) {
                Some(outcome) => {
                    if let (Err(e), None) = (outcome, &failed) {
                        failed = Some(e);
                    }
                    false
                }
                None => true,
            });
            if pending.is_empty() {
                return failed.map_or(Ok(()), |e| Err(StoreError::Commit(e)));
            }
            if state.leading {
                state = signal.wait(state).map_err(|_| StoreError::Poisoned)?;
                continue;
            }
            // No commit under way and ours not yet written: it is still queued (a leader hands
            // out the outcome of everything it took), so lead the next group.
            state.leading = true;
            let group = take_group(&mut state.waiting);
            drop(state);
            Leading {
                queue: self,
                outcomes: vec![Err("the commit was interrupted".into()); group.len()],
                group: &group,
            }
            .write(store);
            // Dropping `Leading` posted the group's outcomes, ours among them.
            state = self.lock()?;
        }
    }
}

/// Takes the longest prefix of the queue that fits one group (at least one append).
fn take_group(waiting: &mut VecDeque<Waiting>) -> Vec<Waiting> {
    let mut bytes = 0;
    let mut group = Vec::new();
    while let Some((_, next, _)) = waiting.front() {
        let more = next.bytes();
        if !group.is_empty() && (group.len() == MAX_GROUP || bytes + more > MAX_GROUP_BYTES) {
            break;
        }
        bytes += more;
        group.extend(waiting.pop_front());
    }
    group
}

/// A leader writing one group. Dropping it (after writing, or while unwinding from a panic in
/// SQLite's bindings) posts each append's outcome and hands leadership on, so no caller ever
/// waits for a leader that is gone.
struct Leading<'a> {
    queue: &'a Queue,
    group: &'a [Waiting],
    /// One per append of the group.
    outcomes: Vec<Result<(), String>>,
}

impl Leading<'_> {
    fn write(mut self, store: &Store) {
        let appends: Vec<&Append> = self.group.iter().map(|(_, a, _)| a).collect();
        let count = |commits: u64, appends: usize| {
            self.queue.commits.fetch_add(commits, Ordering::Relaxed);
            self.queue
                .appends
                .fetch_add(appends as u64, Ordering::Relaxed);
        };
        match store.write_group(&appends) {
            Ok(()) => {
                count(1, appends.len());
                self.outcomes.fill(Ok(()));
            }
            Err(e) if appends.len() == 1 => self.outcomes[0] = Err(e.to_string()),
            // One bad append must not fail the others grouped with it by chance: each is
            // written again on its own, in order, and told its own outcome.
            Err(_) => {
                for (i, append) in appends.iter().enumerate() {
                    self.outcomes[i] = store.write_group(&[append]).map_err(|e| e.to_string());
                    if self.outcomes[i].is_ok() {
                        count(1, 1);
                    }
                }
            }
        }
    }
}

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        // A poisoned queue means a caller panicked while holding it; its state is still
        // consistent (every change to it is a single step), so carry on with it.
        let mut state = self
            .queue
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for ((ticket, _, _), outcome) in self.group.iter().zip(self.outcomes.drain(..)) {
            state.outcomes.insert(*ticket, outcome);
        }
        state.leading = false;
        // Wake the callers whose outcomes are in, and whoever is first in line: it leads next.
        let next = state.waiting.front().map(|(_, _, signal)| signal.clone());
        drop(state);
        let mut told: Option<&Arc<Condvar>> = None;
        for (_, _, signal) in self.group {
            if !told.is_some_and(|t| Arc::ptr_eq(t, signal)) {
                signal.notify_one();
                told = Some(signal);
            }
        }
        if let Some(next) = next {
            next.notify_one();
        }
    }
}
