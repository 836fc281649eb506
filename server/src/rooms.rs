//! The registry of live rooms, one thread per agreement.
//!
//! A yrs `Awareness` is not `Send` (its observers are not, without yrs' `sync` feature, which
//! the shared domain crate cannot take), so each [`Room`] lives on its own thread and is driven
//! by commands over a bounded channel. That thread is also the one place where the room's order
//! is decided: it applies a frame, appends the change to the store (blocking, fsynced) and only
//! then hands the resulting frames to the connections' outboxes. Store-before-relay therefore
//! holds by construction, and updates are stored in the order they were relayed.
//!
//! Rooms are loaded lazily on first connection and unloaded once they have had no connection
//! for the idle period ([`DEFAULT_IDLE`], [`Rooms::idle_after`]). One agreement must never be
//! split across two rooms: each would relay only to its own connections, and one compacting
//! its log would delete rows the other appended. What prevents it:
//! - **A room thread touches the store only while its entry is in the registry, and an
//!   agreement has at most one entry.** (Entries carry a generation, so a thread only ever
//!   removes its own.)
//! - Every [`RoomHandle`] (a sender into the room's queue) is handed out by [`Rooms::get`]
//!   under the registry lock.
//! - An idle room first compacts its log while still registered (a join arriving meanwhile is
//!   simply served), then takes the registry lock and removes its entry only if its queue is
//!   empty and no handle exists but the registry's own: nobody can then send it anything, and
//!   after the lock is released it never touches the store again; its thread just ends.
//!   Otherwise (a connection holds a handle, its `Join` perhaps still on the way, or a leaving
//!   connection has not dropped its handle yet) the room stays and tries again shortly.
//!
//! So a join racing an unload either got its handle before the removal, and the room stays to
//! serve it, or finds no entry and starts a fresh room, which loads a log that the old one has
//! finished with.
//!
//! The room thread waits for commands on its own single-threaded tokio runtime (timers only),
//! which gives it a receive with a timeout without tying it to the server's runtime.
//!
//! A refused frame closes its sender only (with the room's close code and reason): it was
//! judged before anything was applied, so the room is as it was and nothing is reloaded. If the
//! store fails, or yrs integrates an accepted update differently from what was judged (or
//! panics on it), memory and disk may differ. The room then reloads itself from the store and
//! closes every connection; clients reconnect and resend what the server lacks (their
//! SyncStep2), which is judged and stored on the way in.

use crate::room::{ConnId, Effects, Room, RoomError, Target};
use crate::store::{Append, Store, StoreError};
use crate::ws::close;
use axum::body::Bytes;
use samrad_domain::{Agreement, DomainError, InboxMessage, Notice, Participant, Touched};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, watch};

mod loading;
mod pipeline;
mod presence;
#[cfg(test)]
mod tests;
pub(crate) mod timing;

use pipeline::{joined, Held, Pipeline};
use presence::Inbox;

/// How long presence changes gather before they go out together (see `rooms/presence.rs`).
const PRESENCE_EVERY: Duration = Duration::from_millis(40);

/// Commands a room thread queues before it blocks the sender (backpressure on floods).
const COMMAND_QUEUE: usize = 256;

/// How long a room without connections stays loaded, by default.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(5 * 60);

/// How soon an idle room tries again to unload when a handle was still out (typically a
/// connection that has just left and is about to drop it, or one about to join).
const UNLOAD_RETRY: Duration = Duration::from_millis(50);

/// Log rows after which the room folds its log into one snapshot, so loading stays fast.
pub const COMPACT_AFTER: u64 = 500;

/// What a connection's socket loop is asked to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    /// A binary protocol frame.
    Frame(Bytes),
    /// A stored change's relay: a binary protocol frame, with the times its socket loop needs
    /// to say how long the relay took (`rooms/timing.rs`).
    Relay(Bytes, Relayed),
    /// Close the socket with this code and reason.
    Close(u16, String),
}

impl Outgoing {
    /// The frame to write, if this is one.
    pub fn frame(&self) -> Option<&Bytes> {
        match self {
            Outgoing::Frame(frame) | Outgoing::Relay(frame, _) => Some(frame),
            Outgoing::Close(..) => None,
        }
    }
}

/// When a relayed update was read from its sender's socket and when it was stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relayed {
    read: std::time::Instant,
    stored: std::time::Instant,
}

impl Relayed {
    /// Counts a relay written to a recipient's socket now.
    pub fn written(&self) {
        timing::WRITTEN.add(self.stored.elapsed());
        timing::WHOLE.add(self.read.elapsed());
    }
}

/// What a connection asks of its room.
#[derive(Debug)]
pub enum Command {
    /// A new connection; frames for it go to `outbox`.
    Join {
        /// The connection.
        conn: ConnId,
        /// The signed-in participant behind it.
        participant: Participant,
        /// Where its frames go. A full outbox drops the connection (it is too far behind).
        outbox: mpsc::Sender<Outgoing>,
    },
    /// A binary frame the connection sent.
    Frame {
        /// The sender.
        conn: ConnId,
        /// The frame as received.
        frame: Bytes,
        /// When it was read from the socket.
        at: std::time::Instant,
    },
    /// The connection is gone.
    Leave {
        /// The connection.
        conn: ConnId,
    },
    /// Something to tell one participant's open connections about their inbox (a notice the
    /// deadline timer stored, or notices marked read on another device).
    Tell {
        /// Whose connections.
        participant: String,
        /// What to tell them.
        message: InboxMessage,
    },
    /// A change the server makes on a participant's behalf (a coordinator's import of a new
    /// draft): a domain operation, run in the room's order, stored and relayed like any update.
    Write {
        /// The operation; it decides (and refuses) as the domain does.
        write: ServerWrite,
        /// Told the verdict once the change is stored.
        done: oneshot::Sender<Result<(), WriteError>>,
    },
}

/// A domain operation the server runs in a room on `by`'s behalf (see [`Command::Write`]). It
/// returns what it did that its changes alone do not say (a new draft read in), for the
/// notices; `Touched::default()` when its changes say it all.
#[allow(clippy::type_complexity)]
pub struct ServerWrite {
    /// Who asked for it: named as who did it, and not told about it.
    pub by: Participant,
    pub run: Box<dyn FnOnce(&Agreement) -> Result<Touched, DomainError> + Send>,
}

impl std::fmt::Debug for ServerWrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerWrite")
    }
}

/// Why a server-made change did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The domain refused it; nothing was written.
    #[error(transparent)]
    Refused(DomainError),
    /// It could not be stored, so it was dropped.
    #[error("the change could not be stored")]
    NotStored,
    /// The room stopped before it got to the change.
    #[error("the agreement's room is not running")]
    Stopped,
}

/// No connection: connection ids start at 1, so "all but this" reaches everyone.
const NOBODY: ConnId = ConnId(0);

/// A handle to one room's thread.
#[derive(Debug, Clone)]
pub struct RoomHandle {
    tx: mpsc::Sender<Command>,
    /// Presence frames, taken at the room's next tick (see `rooms/presence.rs`).
    presence: Arc<Inbox>,
}

impl RoomHandle {
    /// Queues a command; `false` if the room thread has stopped.
    pub async fn send(&self, command: Command) -> bool {
        self.tx.send(command).await.is_ok()
    }

    /// Hands the room a frame `conn` sent: presence waits in the room's inbox for its next
    /// tick, anything else (or presence finding the inbox full) is queued as
    /// [`Command::Frame`]. `false` if the room thread has stopped.
    pub async fn frame(&self, conn: ConnId, frame: Bytes) -> bool {
        let frame = if Inbox::takes(&frame) {
            match self.presence.put(conn, frame) {
                Ok(()) => return !self.tx.is_closed(),
                Err(full) => full,
            }
        } else {
            frame
        };
        let at = std::time::Instant::now();
        self.send(Command::Frame { conn, frame, at }).await
    }
}

/// A fresh connection id, unique in the process.
pub fn next_conn_id() -> ConnId {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    ConnId(NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A registered room: the registry's own handle (never used to send; it only keeps the queue
/// open), its thread, and the generation that tells this room from a later one of the same
/// agreement.
struct Entry {
    handle: RoomHandle,
    thread: JoinHandle<()>,
    generation: u64,
}

/// How many rooms are loaded now, and how many were ever started (for tests and metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoomStats {
    /// Rooms registered right now.
    pub live: usize,
    /// Room threads started since the registry was made (loads and reloads after unloading).
    pub started: u64,
}

/// All live rooms, keyed by agreement id.
#[derive(Clone)]
pub struct Rooms {
    store: Store,
    rooms: Arc<Mutex<HashMap<String, Entry>>>,
    /// How long a room without connections stays loaded.
    idle: Duration,
    /// The size quota of each agreement's stored log.
    quota: u64,
    /// Generations handed out; also the count of rooms ever started.
    generations: Arc<AtomicU64>,
    /// Bumped when sessions may have been revoked; every sync connection re-checks its own.
    sessions: Arc<watch::Sender<u64>>,
    /// Woken when a room has stored notices (the mailer waits on it).
    told: Arc<tokio::sync::Notify>,
    /// Where a room being loaded waits, between reading its log and building it, while a test
    /// holds it (see [`Rooms::hold_building`]).
    #[cfg(test)]
    building: Arc<crate::store::gate::Gate>,
}

impl std::fmt::Debug for Rooms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rooms")
    }
}

/// What an idle room's attempt to unload came to.
enum Unload {
    /// The entry is gone; the thread may end.
    Done,
    /// A handle is out or a command is queued: keep serving.
    Busy,
    /// The entry is no longer this room's (the registry is shutting down): keep serving until
    /// the queue closes.
    NotRegistered,
}

impl Rooms {
    /// An empty registry over `store`, unloading rooms after [`DEFAULT_IDLE`].
    pub fn new(store: Store) -> Rooms {
        let (sessions, _) = watch::channel(0);
        Rooms {
            store,
            rooms: Arc::new(Mutex::new(HashMap::new())),
            idle: DEFAULT_IDLE,
            quota: crate::room::DEFAULT_QUOTA,
            generations: Arc::new(AtomicU64::new(0)),
            sessions: Arc::new(sessions),
            told: Arc::default(),
            #[cfg(test)]
            building: Arc::default(),
        }
    }

    /// For tests: rooms being loaded wait after reading their log, before building the room,
    /// until the hold is dropped.
    #[cfg(test)]
    pub(crate) fn hold_building(&self) -> crate::store::gate::Hold {
        self.building.hold()
    }

    /// What rooms wake when they have stored notices.
    pub fn told(&self) -> Arc<tokio::sync::Notify> {
        self.told.clone()
    }

    /// The same registry, unloading rooms after `idle` without connections. Applies to rooms
    /// started from now on; call it before the first [`Rooms::get`].
    pub fn idle_after(mut self, idle: Duration) -> Rooms {
        // Never zero: a room retrying to unload must not spin.
        self.idle = idle.max(Duration::from_millis(1));
        self
    }

    /// The same registry, with `quota` bytes as each agreement's log size limit (for rooms
    /// loaded from now on).
    pub fn with_quota(mut self, quota: u64) -> Rooms {
        self.quota = quota;
        self
    }

    fn lock(&self) -> std::io::Result<MutexGuard<'_, HashMap<String, Entry>>> {
        self.rooms
            .lock()
            .map_err(|_| std::io::Error::other("room registry poisoned"))
    }

    /// The room of `agreement`, starting its thread (which loads the log) if needed. Commands
    /// sent before the load finishes simply wait in the queue. The room stays loaded at least
    /// as long as the returned handle (or a clone) exists.
    pub fn get(&self, agreement: &str) -> std::io::Result<RoomHandle> {
        let mut rooms = self.lock()?;
        if let Some(entry) = rooms.get(agreement) {
            // A room whose thread died (its log could not be loaded) is started afresh.
            if !entry.handle.tx.is_closed() {
                return Ok(entry.handle.clone());
            }
        }
        let (tx, rx) = mpsc::channel(COMMAND_QUEUE);
        let presence = Arc::new(Inbox::default());
        let generation = self.generations.fetch_add(1, Ordering::Relaxed) + 1;
        let (registry, id, inbox) = (self.clone(), agreement.to_string(), presence.clone());
        let thread = std::thread::Builder::new()
            .name(format!("room-{agreement}"))
            .spawn(move || run_room(&registry, &id, generation, (rx, &inbox)))?;
        let handle = RoomHandle { tx, presence };
        rooms.insert(
            agreement.to_string(),
            Entry {
                handle: handle.clone(),
                thread,
                generation,
            },
        );
        Ok(handle)
    }

    /// Starts loading `agreement`'s room, if it is not loaded, without waiting: called when a
    /// participant signs in or their page asks who they are, so the log is read while the
    /// browser is still fetching and starting the app, not after its socket opens. An unused
    /// room unloads after the idle period like any other.
    pub fn warm(&self, agreement: &str) {
        if let Err(error) = self.get(agreement) {
            tracing::warn!(agreement, %error, "starting the room early failed");
        }
    }

    /// How many rooms are loaded, and how many were ever started.
    pub fn stats(&self) -> RoomStats {
        RoomStats {
            live: self.lock().map(|rooms| rooms.len()).unwrap_or(0),
            started: self.generations.load(Ordering::Relaxed),
        }
    }

    /// Tells every open sync connection to re-check its session now. Call it after revoking
    /// sessions; expiry is caught by the periodic check ([`crate::WsConfig::session_every`]).
    pub fn sessions_changed(&self) {
        self.sessions.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// A receiver that changes whenever [`Rooms::sessions_changed`] is called.
    pub fn session_changes(&self) -> watch::Receiver<u64> {
        self.sessions.subscribe()
    }

    /// The unload handshake, on the room's thread: removes the room's entry if nobody can reach
    /// the room any more. See the module header for why this keeps an agreement in one room.
    fn try_unload(&self, agreement: &str, generation: u64, rx: &mpsc::Receiver<Command>) -> Unload {
        let Ok(mut rooms) = self.lock() else {
            return Unload::NotRegistered;
        };
        let Some(entry) = rooms.get(agreement).filter(|e| e.generation == generation) else {
            return Unload::NotRegistered;
        };
        // Handles are only cloned under this lock, and the registry's own is the one left:
        // nothing is queued and nothing can be sent any more.
        if entry.handle.tx.strong_count() > 1 || !rx.is_empty() {
            return Unload::Busy;
        }
        rooms.remove(agreement);
        Unload::Done
    }

    /// Removes the room's entry after its thread failed, so the next join starts afresh and
    /// the live count is right.
    fn forget(&self, agreement: &str, generation: u64) {
        if let Ok(mut rooms) = self.lock() {
            if rooms
                .get(agreement)
                .is_some_and(|e| e.generation == generation)
            {
                rooms.remove(agreement);
            }
        }
    }

    /// The room of `agreement` if it is loaded (nobody connected otherwise, so there is no one
    /// to tell anything live).
    pub fn loaded(&self, agreement: &str) -> Option<RoomHandle> {
        let rooms = self.lock().ok()?;
        rooms
            .get(agreement)
            .filter(|e| !e.handle.tx.is_closed())
            .map(|e| e.handle.clone())
    }

    /// Stops every room once its queue is drained (all queued updates stored) and waits for
    /// the threads. Call after the connections have ended.
    pub fn shutdown(&self) {
        let entries: Vec<Entry> = match self.rooms.lock() {
            Ok(mut rooms) => rooms.drain().map(|(_, e)| e).collect(),
            Err(_) => return,
        };
        let threads: Vec<JoinHandle<()>> = entries.into_iter().map(|e| e.thread).collect();
        timing::log();
        // Dropping the registry's handles closes each queue once the connections' are gone too.
        for thread in threads {
            let _ = thread.join();
        }
    }
}

/// Why a room thread's loop ended.
#[derive(Debug, PartialEq, Eq)]
enum Exit {
    /// Every handle was dropped (server shutdown).
    Closed,
    /// The room unloaded itself after being idle; its entry is gone.
    Unloaded,
    /// The room could not be (re)loaded.
    Failed,
}

/// A room thread: serves the room until it is closed, unloaded or fails.
fn run_room(rooms: &Rooms, agreement: &str, generation: u64, queue: Queue<'_>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build();
    let exit = match runtime {
        Ok(runtime) => serve_room(rooms, agreement, generation, &runtime, queue),
        Err(error) => {
            tracing::error!(agreement, %error, "starting the room's runtime failed");
            Exit::Failed
        }
    };
    tracing::debug!(agreement, generation, ?exit, "room stopped");
    if exit == Exit::Failed {
        rooms.forget(agreement, generation);
    }
}

/// What a room is sent: commands, and presence frames waiting for its tick.
type Queue<'a> = (mpsc::Receiver<Command>, &'a Inbox);

/// What waiting for the next command gave.
enum Next {
    Command(Command),
    /// The commit under way has finished.
    Stored(Result<(), StoreError>),
    /// The presence gathered is due.
    Presence,
    /// Presence frames wait in the inbox: set the tick.
    Nudged,
    /// Every handle is gone.
    Closed,
    /// Nothing came within the wait.
    Quiet,
}

/// Waits for the next command, at most `wait` if given, for the commit under way, or until the
/// gathered presence is `due`.
fn next(
    runtime: &tokio::runtime::Runtime,
    (rx, inbox): (&mut mpsc::Receiver<Command>, &Inbox),
    wait: Option<Duration>,
    pipeline: &mut Pipeline,
    due: Option<tokio::time::Instant>,
) -> Next {
    let storing = pipeline.storing();
    runtime.block_on(async {
        let stored = async {
            match storing {
                Some(task) => task.await,
                None => std::future::pending().await,
            }
        };
        let received = async {
            let received = match wait {
                Some(wait) => match tokio::time::timeout(wait, rx.recv()).await {
                    Ok(received) => received,
                    Err(_) => return Next::Quiet,
                },
                None => rx.recv().await,
            };
            received.map_or(Next::Closed, Next::Command)
        };
        tokio::select! {
            // What a finished commit releases goes out before anything newer is read.
            biased;
            stored = stored => Next::Stored(joined(stored)),
            _ = tokio::time::sleep_until(due.unwrap_or_else(tokio::time::Instant::now)), if due.is_some() => Next::Presence,
            // Once the tick is set, the frames simply wait for it.
            _ = inbox.nudged(), if due.is_none() => Next::Nudged,
            next = received => next,
        }
    })
}

/// What the loop does after handling a command.
enum Flow {
    Go,
    Exit(Exit),
}

/// One room being served: its document, its connections' outboxes, and its changes on their way
/// to disk.
struct Serving<'a> {
    rooms: &'a Rooms,
    agreement: &'a str,
    runtime: &'a tokio::runtime::Runtime,
    room: Room,
    outboxes: HashMap<ConnId, mpsc::Sender<Outgoing>>,
    pipeline: Pipeline,
    /// Rows in the stored log, counting those on their way.
    rows: u64,
    /// Presence changes gathered for the next tick, and when it is.
    presence: presence::Batch,
    due: Option<tokio::time::Instant>,
    /// Connections answered from the stored row before the room was built (`rooms/loading.rs`),
    /// whose join is still to be handled, and the state vector the room was loaded with.
    early: std::collections::HashSet<ConnId>,
    loaded: yrs::StateVector,
    /// When the update being handled was read from its socket.
    arrived: Option<std::time::Instant>,
}

/// The room's loop: loads the log, then serves commands; unloads after `rooms.idle` without
/// connections.
fn serve_room(
    rooms: &Rooms,
    agreement: &str,
    generation: u64,
    runtime: &tokio::runtime::Runtime,
    (mut rx, inbox): Queue<'_>,
) -> Exit {
    let store = &rooms.store;
    let Some((room, meanwhile)) = loading::load(rooms, agreement, &mut rx) else {
        return Exit::Failed;
    };
    let loaded = room.state_vector();
    // The timer reads the open deadlines from the store: keep them as the document says.
    if let Err(e) = store.set_deadlines(agreement, &room.agreement().open_deadlines()) {
        tracing::warn!(agreement, error = %e, "storing deadlines failed");
    }
    let mut serving = Serving {
        rooms,
        agreement,
        runtime,
        room,
        outboxes: HashMap::new(),
        pipeline: Pipeline::new(store.clone()),
        rows: store.log_length(agreement).unwrap_or(0),
        presence: presence::Batch::default(),
        due: None,
        early: meanwhile.answered,
        loaded,
        arrived: None,
    };
    // What came while the room was built, as if it had just arrived.
    for command in meanwhile.commands {
        if let Flow::Exit(exit) = serving.command(command) {
            return exit;
        }
    }
    // After a refused unload, the next attempt comes sooner than a whole idle period.
    let mut wait = rooms.idle;
    loop {
        let idle = serving.room.connections() == 0;
        let due = serving.due;
        let flow = match next(
            runtime,
            (&mut rx, inbox),
            idle.then_some(wait),
            &mut serving.pipeline,
            due,
        ) {
            Next::Command(command) => {
                wait = rooms.idle;
                serving.command(command)
            }
            Next::Presence => serving.tick(&mut rx, inbox),
            Next::Nudged => {
                let tick = tokio::time::Instant::now() + PRESENCE_EVERY;
                serving.due.get_or_insert(tick);
                Flow::Go
            }
            Next::Stored(stored) => {
                let released = serving.pipeline.stored(stored);
                serving.released(released)
            }
            Next::Closed => {
                serving.close();
                return Exit::Closed;
            }
            Next::Quiet => match serving.quiet(generation, &rx) {
                Some(Unload::Done) => return Exit::Unloaded,
                Some(Unload::Busy) => {
                    wait = UNLOAD_RETRY.min(rooms.idle);
                    Flow::Go
                }
                Some(Unload::NotRegistered) => {
                    wait = rooms.idle;
                    Flow::Go
                }
                None => Flow::Go,
            },
        };
        if let Flow::Exit(exit) = flow {
            return exit;
        }
    }
}

impl Serving<'_> {
    /// Handles one command.
    fn command(&mut self, command: Command) -> Flow {
        match command {
            Command::Join {
                conn,
                participant,
                outbox,
            } => self.join(conn, participant, outbox),
            Command::Leave { conn } => {
                self.outboxes.remove(&conn);
                let removal = self.room.leave(conn);
                self.send_now(removal);
                Flow::Go
            }
            Command::Tell {
                participant,
                message,
            } => {
                tell(&self.room, &mut self.outboxes, &participant, &message);
                Flow::Go
            }
            Command::Write { write, done } => {
                if let Flow::Exit(exit) = self.settle() {
                    let _ = done.send(Err(WriteError::Stopped));
                    return Flow::Exit(exit);
                }
                let (verdict, flow) = self.write(write);
                let _ = done.send(verdict);
                flow
            }
            Command::Frame { conn, frame, at } => {
                timing::QUEUED.add(at.elapsed());
                self.arrived = Some(at);
                let flow = self.frame(conn, &frame);
                self.arrived = None;
                flow
            }
        }
    }

    /// Runs a server-made change: stores its update, relays it to every connection, then tells
    /// whom it concerns as a participant's change would (notices, deadlines). Reloads the room
    /// from the store if the change could not be stored, or if a refused operation wrote
    /// something anyway.
    fn write(&mut self, write: ServerWrite) -> (Result<(), WriteError>, Flow) {
        let agreement = self.agreement;
        let ServerWrite { by, run } = write;
        match self.room.write(run) {
            (Ok(_), written) if written.update.is_none() => (Ok(()), Flow::Go),
            (Ok(said), written) => {
                let update = written.update.unwrap_or_default();
                if let Err(e) = self.rooms.store.append_bound(agreement, &[], Some(&update)) {
                    tracing::error!(agreement, error = %e, "storing a server-made change failed");
                    return (Err(WriteError::NotStored), self.reload());
                }
                self.rows += 1;
                let frame = Room::update_frame(&update);
                dispatch(&mut self.outboxes, vec![(Target::AllBut(NOBODY), frame)]);
                let mut touched = written.touched;
                touched.add(said);
                let outboxes = &mut self.outboxes;
                tell_about(&self.room, self.rooms, agreement, outboxes, &by, &touched);
                (Ok(()), Flow::Go)
            }
            (Err(refusal), written) if written.update.is_none() => {
                (Err(WriteError::Refused(refusal)), Flow::Go)
            }
            (Err(refusal), _) => {
                tracing::error!(agreement, %refusal, "a refused server-made change wrote to the room");
                (Err(WriteError::Refused(refusal)), self.reload())
            }
        }
    }

    fn join(
        &mut self,
        conn: ConnId,
        participant: Participant,
        outbox: mpsc::Sender<Outgoing>,
    ) -> Flow {
        // Someone invited from the app enters the document on first connecting; the
        // registration is stored before anyone sees it, like every other update (and after
        // every change before it, which may reload the room: so that first).
        if !self.room.admitted(&participant) {
            if let Flow::Exit(exit) = self.settle() {
                return Flow::Exit(exit);
            }
        }
        if let Some(update) = self.room.admit(&participant) {
            if let Err(e) = self
                .rooms
                .store
                .append_bound(self.agreement, &[], Some(&update))
            {
                tracing::error!(agreement = self.agreement, error = %e, "storing a registration failed");
                // The joining connection is dropped (never added); it reconnects.
                return self.reload();
            }
            self.rows += 1;
            let frame = Room::update_frame(&update);
            // Everyone already here; the newcomer gets it with the initial sync.
            dispatch(&mut self.outboxes, vec![(Target::AllBut(conn), frame)]);
        }
        let early = self.early.remove(&conn);
        match self.room.join(conn, participant) {
            Ok(mut hello) => {
                if early {
                    // It holds the document as loaded: it also needs what changed since
                    // (its own registration, changes handled before its join).
                    let since = self.room.since_loaded(&self.loaded);
                    hello.extend(since.map(|frame| (Target::Only(conn), frame)));
                }
                self.outboxes.insert(conn, outbox);
                let effects = Effects {
                    to_send: hello,
                    ..Effects::default()
                };
                self.effects(effects)
            }
            Err(e) => {
                tracing::warn!(agreement = self.agreement, ?conn, error = %e, "connection refused");
                let _ = outbox.try_send(Outgoing::Close(e.close_code(), e.to_string()));
                Flow::Go
            }
        }
    }

    fn frame(&mut self, conn: ConnId, frame: &[u8]) -> Flow {
        let agreement = self.agreement;
        match receive(&mut self.room, conn, frame) {
            Ok(effects) => self.effects(effects),
            // A connection dropped by a reload may still have frames in flight.
            Err(RoomError::UnknownConnection) => Flow::Go,
            Err(e @ RoomError::Apply(_)) => {
                tracing::error!(agreement, ?conn, error = %e, "integration went wrong");
                // The sender is refused, so it does not resend the same frame on
                // reconnecting; everybody else reconnects to the reloaded room.
                if let Some(outbox) = self.outboxes.remove(&conn) {
                    let reason = format!("refused: {e}");
                    let _ = outbox.try_send(Outgoing::Close(close::POLICY, reason));
                }
                self.reload()
            }
            Err(e) => {
                // Judged before anything was applied: only the sender is closed, and the
                // others never saw the frame.
                let participant = self.room.writer(conn).map(|p| p.id.clone());
                tracing::warn!(agreement, ?conn, ?participant, error = %e, "frame refused");
                if let Some(outbox) = self.outboxes.remove(&conn) {
                    let reason = match &e {
                        RoomError::Refused(refusal) => refusal.to_string(),
                        other => other.to_string(),
                    };
                    let _ = outbox.try_send(Outgoing::Close(e.close_code(), reason));
                }
                let removal = self.room.leave(conn);
                self.send_now(removal);
                Flow::Go
            }
        }
    }

    /// Sends presence at once and queues the rest behind the changes on their way to disk (see
    /// `pipeline.rs`); sends whatever that releases.
    fn effects(&mut self, effects: Effects) -> Flow {
        let (now, mut held) = hold(self.agreement, effects);
        if held.append.is_some() {
            held.arrived = self.arrived;
        }
        self.send_now(now);
        if held.append.is_none() && held.frames.is_empty() {
            return Flow::Go;
        }
        if held.append.as_ref().is_some_and(|a| a.update.is_some()) {
            self.rows += 1;
        }
        let released = self.pipeline.push(held);
        self.released(Ok(released))
    }

    /// Sends frames that wait for no store: presence relayed to the others joins the next tick's
    /// batch, the rest goes out at once.
    fn send_now(&mut self, frames: Vec<(Target, Vec<u8>)>) {
        let mut direct = Vec::new();
        for (target, frame) in frames {
            match target {
                Target::AllBut(from) if self.presence.add(from, &frame) => {
                    self.due
                        .get_or_insert_with(|| tokio::time::Instant::now() + PRESENCE_EVERY);
                }
                _ => direct.push((target, frame)),
            }
        }
        dispatch(&mut self.outboxes, direct);
    }

    /// The presence tick: takes the presence frames waiting in the inbox — after every command
    /// already queued, so a connection's join is handled before its first presence — and sends
    /// what the tick gathered. A tick that took frames sets the next one (the inbox does not
    /// nudge a room that keeps ticking, see [`Inbox::take`]).
    fn tick(&mut self, rx: &mut mpsc::Receiver<Command>, inbox: &Inbox) -> Flow {
        while let Ok(command) = rx.try_recv() {
            if let Flow::Exit(exit) = self.command(command) {
                return Flow::Exit(exit);
            }
        }
        let frames = inbox.take();
        let again = !frames.is_empty();
        for (conn, frame) in frames {
            if let Flow::Exit(exit) = self.frame(conn, &frame) {
                return Flow::Exit(exit);
            }
        }
        self.send_presence();
        if again {
            self.due = Some(tokio::time::Instant::now() + PRESENCE_EVERY);
        }
        Flow::Go
    }

    /// Sends the presence gathered since the last tick, one frame per connection.
    fn send_presence(&mut self) {
        self.due = None;
        let frames = self.presence.frames(self.outboxes.keys().copied());
        for (conn, frame) in frames {
            let full = self
                .outboxes
                .get(&conn)
                .is_some_and(|outbox| outbox.try_send(Outgoing::Frame(frame)).is_err());
            if full {
                // Too far behind to catch up incrementally (see `dispatch`).
                self.outboxes.remove(&conn);
            }
        }
    }

    /// Sends what stored changes release, in order; reloads the room if storing failed.
    fn released(&mut self, released: Result<Vec<Held>, StoreError>) -> Flow {
        let released = match released {
            Ok(released) => released,
            Err(e) => {
                tracing::error!(agreement = self.agreement, error = %e, "storing an update failed");
                return self.reload();
            }
        };
        let (store, agreement) = (&self.rooms.store, self.agreement);
        for held in released {
            let relayed = held.arrived.map(|read| {
                timing::STORED.add(read.elapsed());
                Relayed {
                    read,
                    stored: std::time::Instant::now(),
                }
            });
            dispatch_relayed(&mut self.outboxes, held.frames, relayed);
            if inform(
                &self.room,
                store,
                agreement,
                &mut self.outboxes,
                held.notices,
            ) {
                self.rooms.told.notify_one();
            }
            if let Some(deadlines) = held.deadlines {
                if let Err(e) = store.set_deadlines(agreement, &deadlines) {
                    tracing::warn!(agreement, error = %e, "storing deadlines failed");
                }
            }
        }
        if self.rows > COMPACT_AFTER && self.pipeline.idle() {
            self.compact();
        }
        Flow::Go
    }

    /// Waits until every change is stored and sends what that releases.
    fn settle(&mut self) -> Flow {
        let released = self.pipeline.settle(self.runtime);
        self.released(released)
    }

    /// Folds the log into one snapshot; only when nothing is on its way to disk, so the room's
    /// state is exactly the log's.
    fn compact(&mut self) {
        match self.rooms.store.compact(self.agreement, &self.room.state()) {
            Ok(()) => self.rows = 1,
            Err(e) => {
                tracing::warn!(agreement = self.agreement, error = %e, "compaction failed");
            }
        }
    }

    /// The server is stopping: stores everything accepted, then folds the log into one row as an
    /// idle unload does, so the next start loads one row (fast, and servable as stored) instead
    /// of every change since the last compaction. The fold is one transaction: a stop cut short
    /// (the shutdown's grace period over, or a crash) leaves the old rows as they were.
    fn close(&mut self) {
        let released = self.pipeline.settle(self.runtime);
        if let Flow::Exit(_) = self.released(released) {
            return;
        }
        if self.rows > 1 && self.pipeline.idle() {
            self.compact();
        }
    }

    /// No command within the idle period, and no connection: compacts, then tries to unload.
    /// `None` if storing failed and the room was reloaded.
    fn quiet(&mut self, generation: u64, rx: &mpsc::Receiver<Command>) -> Option<Unload> {
        if let Flow::Exit(_) = self.settle() {
            return None;
        }
        if self.rows > 1 {
            // Everything relayed is stored; fold the log while still registered, so the next
            // load is fast.
            self.compact();
        }
        Some(self.rooms.try_unload(self.agreement, generation, rx))
    }

    /// Drops every held entry and connection and reloads the document from the store.
    fn reload(&mut self) -> Flow {
        self.pipeline.abandon(self.runtime);
        match reload(self.rooms, self.agreement, &mut self.outboxes) {
            Some(fresh) => {
                self.room = fresh.reloaded();
                self.rows = self.rooms.store.log_length(self.agreement).unwrap_or(0);
                Flow::Go
            }
            None => Flow::Exit(Exit::Failed),
        }
    }
}

/// Splits a decision of the room into what goes out now — presence, when nothing is stored with
/// it — and what is held until it and everything before it is stored.
fn hold(agreement: &str, effects: Effects) -> (Vec<(Target, Vec<u8>)>, Held) {
    let Effects {
        bind,
        to_store,
        to_send,
        notices,
        deadlines,
    } = effects;
    let append = (to_store.is_some() || !bind.is_empty()).then(|| Append {
        agreement: agreement.to_string(),
        bindings: bind,
        update: to_store,
    });
    let (now, frames) = if append.is_some() {
        (Vec::new(), to_send)
    } else {
        to_send
            .into_iter()
            .partition(|(_, frame)| !Room::reads_document(frame))
    };
    let held = Held {
        append,
        frames,
        notices,
        deadlines,
        arrived: None,
    };
    (now, held)
}

/// The notices and deadlines a stored server-made change by `by` gives, stored and sent as a
/// participant's change's are.
fn tell_about(
    room: &Room,
    rooms: &Rooms,
    agreement: &str,
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
    by: &Participant,
    touched: &Touched,
) {
    if touched.is_empty() {
        return;
    }
    let notices = room.agreement().notices(by, touched);
    if inform(room, &rooms.store, agreement, outboxes, notices) {
        rooms.told.notify_one();
    }
    if touched.deadlines {
        let deadlines = room.agreement().open_deadlines();
        if let Err(e) = rooms.store.set_deadlines(agreement, &deadlines) {
            tracing::warn!(agreement, error = %e, "storing deadlines failed");
        }
    }
}

/// Stores the notices a stored change gave, then sends each to its recipient's connections;
/// returns whether any was stored. A notice that cannot be stored is lost (the change itself
/// is stored), and said so in the log.
fn inform(
    room: &Room,
    store: &Store,
    agreement: &str,
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
    notices: Vec<Notice>,
) -> bool {
    if notices.is_empty() {
        return false;
    }
    match store.add_notices(agreement, &notices, now_ms() as i64) {
        Ok(items) => {
            let any = !items.is_empty();
            for item in items {
                let participant = item.notice.recipient.clone();
                tell(room, outboxes, &participant, &InboxMessage::New { item });
            }
            any
        }
        Err(e) => {
            tracing::error!(agreement, error = %e, "storing notices failed");
            false
        }
    }
}

/// Sends an inbox message to every connection of `participant` in the room.
fn tell(
    room: &Room,
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
    participant: &str,
    message: &InboxMessage,
) {
    let frame = message.frame();
    let frames = room
        .connections_of(participant)
        .into_iter()
        .map(|conn| (Target::Only(conn), frame.clone()))
        .collect();
    dispatch(outboxes, frames);
}

/// Handles a frame. The room catches panics where it knows what they mean (judging: the frame
/// is refused; integrating: the room must reload); a panic anywhere else (presence, framing) is
/// caught here as [`RoomError::Apply`], so the room is reloaded from the store instead of the
/// thread dying and taking every connection of the agreement with it.
fn receive(room: &mut Room, conn: ConnId, frame: &[u8]) -> Result<Effects, RoomError> {
    std::panic::catch_unwind(AssertUnwindSafe(|| room.receive(conn, frame, now_ms())))
        .unwrap_or_else(|_| Err(RoomError::Apply("handling the frame panicked".into())))
}

/// Milliseconds since the epoch, for deadlines.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0)
}

/// Drops every connection (asking it to reconnect) and reloads the room from the store.
fn reload(
    rooms: &Rooms,
    agreement: &str,
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
) -> Option<Room> {
    for (_, outbox) in outboxes.drain() {
        let _ = outbox.try_send(Outgoing::Close(
            close::RESTART,
            "room reloaded, please reconnect".into(),
        ));
    }
    loading::load_now(rooms, agreement)
}

/// Hands frames to outboxes. An outbox that is full belongs to a client too far behind to
/// catch up incrementally: it is dropped, which closes that socket; the client resyncs on
/// reconnect.
fn dispatch(
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
    frames: Vec<(Target, Vec<u8>)>,
) {
    dispatch_relayed(outboxes, frames, None);
}

/// [`dispatch`], for the frames a stored update released (`relayed`: its times).
fn dispatch_relayed(
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
    frames: Vec<(Target, Vec<u8>)>,
    relayed: Option<Relayed>,
) {
    for (target, frame) in frames {
        let frame = Bytes::from(frame);
        let mut behind = Vec::new();
        for (conn, outbox) in outboxes.iter() {
            let wanted = match target {
                Target::Only(c) => *conn == c,
                Target::AllBut(c) => *conn != c,
            };
            let outgoing = match relayed {
                Some(relayed) => Outgoing::Relay(frame.clone(), relayed),
                None => Outgoing::Frame(frame.clone()),
            };
            if wanted && outbox.try_send(outgoing).is_err() {
                behind.push(*conn);
            }
        }
        for conn in behind {
            outboxes.remove(&conn);
        }
    }
}
