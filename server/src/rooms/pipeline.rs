//! A room's changes on their way to disk, and what waits for them.
//!
//! The room thread never stops while a change is stored. It hands the store's committer a
//! batch (every change it has integrated since the last batch went out), and goes on reading
//! commands while that commit is under way; the committer's message saying the batch is on
//! disk wakes it (`store/commit.rs`: no thread in between). Changes integrated meanwhile make
//! the next batch, so a busy room pays one commit per batch rather than one per keystroke, and
//! presence, which is never stored, is not stuck behind anybody's fsync.
//!
//! Store-before-relay still holds, per change: what a change lets out (its relay, the writer's
//! stamps and "saved" state vector, its notices and deadlines) is [`Held`] until the batch
//! holding it has committed, and so is anything that reads the document while something before
//! it is unstored (the state diff answering a connection's state vector, the state vector a new
//! connection starts from) — the document then holds changes nobody may see yet. Held entries
//! come out in the order they were made, so the log's order is the relay order. Only presence,
//! which does not read the document, goes out at once.
//!
//! A batch that fails to store leaves the room's memory ahead of its log: the caller reloads the
//! room (as it always did after a failed append), dropping every entry still held.

use super::Target;
use crate::store::{Append, Store, StoreError};
use samrad_domain::Notice;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

/// What one decision of the room lets out once everything before it (and its own change, if
/// any) is stored.
#[derive(Debug, Default)]
pub(super) struct Held {
    /// The change to store (bindings and update), if any.
    pub append: Option<Append>,
    /// Frames to send once stored.
    pub frames: Vec<(Target, Vec<u8>)>,
    /// Notices the change gives, to store and send after it.
    pub notices: Vec<Notice>,
    /// The open deadlines, when the change set them.
    pub deadlines: Option<Vec<(String, f64)>>,
    /// When the update behind the change was read from its socket (for `timing.rs`).
    pub arrived: Option<std::time::Instant>,
}

/// The committer's word on a batch.
pub(super) type Outcome = oneshot::Receiver<Result<(), StoreError>>;

/// A commit under way and the entries it releases.
type Storing = (Outcome, Vec<Held>);

/// The batch being stored and the entries waiting behind it. Invariant: nothing waits unless a
/// batch is being stored.
pub(super) struct Pipeline {
    store: Store,
    storing: Option<Storing>,
    queued: Vec<Held>,
}

impl Pipeline {
    pub(super) fn new(store: Store) -> Pipeline {
        Pipeline {
            store,
            storing: None,
            queued: Vec::new(),
        }
    }

    /// Whether nothing is being stored or waiting: the room's document is exactly its log.
    pub(super) fn idle(&self) -> bool {
        self.storing.is_none()
    }

    /// The commit under way, to wait on beside the room's commands.
    pub(super) fn storing(&mut self) -> Option<&mut Outcome> {
        self.storing.as_mut().map(|(task, _)| task)
    }

    /// Adds `held` behind everything before it. Returns what may go out now: `held` itself when
    /// it has nothing to store and nothing waits before it.
    pub(super) fn push(&mut self, held: Held) -> Vec<Held> {
        if self.storing.is_some() {
            self.queued.push(held);
            Vec::new()
        } else if held.append.is_none() {
            vec![held]
        } else {
            self.start(vec![held]);
            Vec::new()
        }
    }

    /// Takes the outcome of the commit under way (`stored`, from [`Pipeline::storing`]):
    /// returns the entries it releases, in order, and starts the next batch. On a failure
    /// nothing is released; the caller reloads the room and [`Pipeline::abandon`]s the rest.
    pub(super) fn stored(
        &mut self,
        stored: Result<(), StoreError>,
    ) -> Result<Vec<Held>, StoreError> {
        let Some((_, mut released)) = self.storing.take() else {
            return Ok(Vec::new());
        };
        stored?;
        let next = std::mem::take(&mut self.queued);
        if next.iter().any(|h| h.append.is_some()) {
            self.start(next);
        } else {
            released.extend(next);
        }
        Ok(released)
    }

    /// Waits until everything is stored (before a change the room stores on its own, before
    /// compacting, at shutdown); returns what that releases, in order.
    pub(super) fn settle(&mut self, runtime: &Runtime) -> Result<Vec<Held>, StoreError> {
        let mut released = Vec::new();
        while let Some(task) = self.storing() {
            let stored = runtime.block_on(task);
            released.extend(self.stored(joined(stored))?);
        }
        Ok(released)
    }

    /// Waits for the commit under way, whatever it gives, and drops everything held: the room
    /// is about to be reloaded from the store.
    pub(super) fn abandon(&mut self, runtime: &Runtime) {
        if let Some((task, _)) = self.storing.take() {
            let _ = runtime.block_on(task);
        }
        self.queued.clear();
    }

    fn start(&mut self, mut batch: Vec<Held>) {
        let appends: Vec<Append> = batch.iter_mut().filter_map(|h| h.append.take()).collect();
        let (tell, told) = oneshot::channel();
        self.store.append_then(appends, move |outcome| {
            // The room may be gone (reloaded, stopped); then nobody waits for the word.
            let _ = tell.send(outcome);
        });
        self.storing = Some((told, batch));
    }
}

/// The committer's word on a batch (a word never sent vouches for nothing).
pub(super) fn joined(
    outcome: Result<Result<(), StoreError>, oneshot::error::RecvError>,
) -> Result<(), StoreError> {
    outcome.map_err(|_| StoreError::Commit("the committer dropped the batch".into()))?
}
