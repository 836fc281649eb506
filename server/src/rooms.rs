//! The registry of live rooms, one thread per agreement.
//!
//! A yrs `Awareness` is not `Send` (its observers are not, without yrs' `sync` feature, which
//! the shared domain crate cannot take), so each [`Room`] lives on its own thread and is driven
//! by commands over a bounded channel. That thread is also the one place where the room's order
//! is decided: it applies a frame, appends the change to the store (blocking, fsynced) and only
//! then hands the resulting frames to the connections' outboxes. Store-before-relay therefore
//! holds by construction, and updates are stored in the order they were relayed.
//!
//! Rooms are loaded lazily on first connection and stay loaded: evicting an idle room would
//! race with a connection joining it and split one agreement across two rooms.
//!
//! If the store fails, or yrs rejects an update mid-way, memory and disk may differ. The room
//! then reloads itself from the store and closes every connection; clients reconnect and
//! resend what the server lacks (their SyncStep2), which is stored on the way in.

use crate::room::{ConnId, Room, RoomError, Target};
use crate::store::Store;
use axum::body::Bytes;
use samrad_domain::Participant;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::mpsc;

/// Commands a room thread queues before it blocks the sender (backpressure on floods).
const COMMAND_QUEUE: usize = 256;

/// Log rows after which the room folds its log into one snapshot, so loading stays fast.
pub const COMPACT_AFTER: u64 = 500;

/// What a connection's socket loop is asked to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    /// A binary protocol frame.
    Frame(Bytes),
    /// Close the socket with this code and reason.
    Close(u16, String),
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
    },
    /// The connection is gone.
    Leave {
        /// The connection.
        conn: ConnId,
    },
}

/// A handle to one room's thread.
#[derive(Debug, Clone)]
pub struct RoomHandle {
    tx: mpsc::Sender<Command>,
}

impl RoomHandle {
    /// Queues a command; `false` if the room thread has stopped.
    pub async fn send(&self, command: Command) -> bool {
        self.tx.send(command).await.is_ok()
    }
}

/// A fresh connection id, unique in the process.
pub fn next_conn_id() -> ConnId {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    ConnId(NEXT.fetch_add(1, Ordering::Relaxed))
}

struct Entry {
    handle: RoomHandle,
    thread: JoinHandle<()>,
}

/// All live rooms, keyed by agreement id.
#[derive(Clone)]
pub struct Rooms {
    store: Store,
    rooms: Arc<Mutex<HashMap<String, Entry>>>,
}

impl std::fmt::Debug for Rooms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rooms")
    }
}

impl Rooms {
    /// An empty registry over `store`.
    pub fn new(store: Store) -> Rooms {
        Rooms {
            store,
            rooms: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The room of `agreement`, starting its thread (which loads the log) if needed. Commands
    /// sent before the load finishes simply wait in the queue.
    pub fn get(&self, agreement: &str) -> std::io::Result<RoomHandle> {
        let mut rooms = self
            .rooms
            .lock()
            .map_err(|_| std::io::Error::other("room registry poisoned"))?;
        if let Some(entry) = rooms.get(agreement) {
            // A room whose thread died (its log could not be loaded) is started afresh.
            if !entry.handle.tx.is_closed() {
                return Ok(entry.handle.clone());
            }
        }
        let (tx, rx) = mpsc::channel(COMMAND_QUEUE);
        let (store, id) = (self.store.clone(), agreement.to_string());
        let thread = std::thread::Builder::new()
            .name(format!("room-{agreement}"))
            .spawn(move || run_room(&store, &id, rx))?;
        let handle = RoomHandle { tx };
        rooms.insert(
            agreement.to_string(),
            Entry {
                handle: handle.clone(),
                thread,
            },
        );
        Ok(handle)
    }

    /// Stops every room once its queue is drained (all queued updates stored) and waits for
    /// the threads. Call after the connections have ended.
    pub fn shutdown(&self) {
        let entries: Vec<Entry> = match self.rooms.lock() {
            Ok(mut rooms) => rooms.drain().map(|(_, e)| e).collect(),
            Err(_) => return,
        };
        let threads: Vec<JoinHandle<()>> = entries.into_iter().map(|e| e.thread).collect();
        // Dropping the registry's handles closes each queue once the connections' are gone too.
        for thread in threads {
            let _ = thread.join();
        }
    }
}

/// A room thread: loads the log, then serves commands until every handle is dropped.
fn run_room(store: &Store, agreement: &str, mut rx: mpsc::Receiver<Command>) {
    let Some(mut room) = load(store, agreement) else {
        return;
    };
    let mut rows = store.log_length(agreement).unwrap_or(0);
    let mut outboxes: HashMap<ConnId, mpsc::Sender<Outgoing>> = HashMap::new();
    while let Some(command) = rx.blocking_recv() {
        match command {
            Command::Join {
                conn,
                participant,
                outbox,
            } => {
                outboxes.insert(conn, outbox);
                dispatch(&mut outboxes, room.join(conn, participant));
            }
            Command::Leave { conn } => {
                outboxes.remove(&conn);
                dispatch(&mut outboxes, room.leave(conn));
            }
            Command::Frame { conn, frame } => match room.receive(conn, &frame, now_ms()) {
                Ok(effects) => {
                    if effects.to_store.is_some() || !effects.bind.is_empty() {
                        let stored = store.append_bound(
                            agreement,
                            &effects.bind,
                            effects.to_store.as_deref(),
                        );
                        if let Err(e) = stored {
                            tracing::error!(agreement, error = %e, "storing an update failed");
                            let Some(fresh) = reload(store, agreement, &mut outboxes) else {
                                return;
                            };
                            room = fresh;
                            continue;
                        }
                        rows += u64::from(effects.to_store.is_some());
                    }
                    dispatch(&mut outboxes, effects.to_send);
                    if rows > COMPACT_AFTER {
                        // Everything relayed is stored; the room's state is exactly the log's.
                        match store.compact(agreement, &room.state()) {
                            Ok(()) => rows = 1,
                            Err(e) => tracing::warn!(agreement, error = %e, "compaction failed"),
                        }
                    }
                }
                // A connection dropped by a reload may still have frames in flight.
                Err(RoomError::UnknownConnection) => {}
                Err(RoomError::Refused(refusal)) => {
                    // Only the offender is closed; the others never saw the update.
                    tracing::warn!(agreement, ?conn, %refusal, "update refused");
                    if let Some(outbox) = outboxes.remove(&conn) {
                        let _ = outbox.try_send(Outgoing::Close(1008, refusal.to_string()));
                    }
                    let leave = room.leave(conn);
                    let reloaded = store
                        .load_updates(agreement)
                        .map_err(|e| e.to_string())
                        .and_then(|updates| room.reload(updates).map_err(|e| e.to_string()));
                    match reloaded {
                        Ok(fresh) => room = fresh,
                        Err(error) => {
                            tracing::error!(agreement, %error, "reloading after a refusal failed");
                            let Some(fresh) = reload(store, agreement, &mut outboxes) else {
                                return;
                            };
                            room = fresh;
                            continue;
                        }
                    }
                    dispatch(&mut outboxes, leave);
                }
                Err(e @ RoomError::Quota(_)) => {
                    tracing::warn!(agreement, ?conn, error = %e, "quota reached");
                    if let Some(outbox) = outboxes.remove(&conn) {
                        let _ = outbox.try_send(Outgoing::Close(1009, e.to_string()));
                    }
                    dispatch(&mut outboxes, room.leave(conn));
                }
                Err(e @ RoomError::Apply(_)) => {
                    tracing::warn!(agreement, ?conn, error = %e, "update rejected mid-way");
                    let Some(fresh) = reload(store, agreement, &mut outboxes) else {
                        return;
                    };
                    room = fresh;
                }
                Err(e) => {
                    tracing::info!(agreement, ?conn, error = %e, "closing on a bad frame");
                    if let Some(outbox) = outboxes.remove(&conn) {
                        let _ = outbox.try_send(Outgoing::Close(1007, e.to_string()));
                    }
                    dispatch(&mut outboxes, room.leave(conn));
                }
            },
        }
    }
}

/// Milliseconds since the epoch, for deadlines.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0)
}

fn load(store: &Store, agreement: &str) -> Option<Room> {
    let room = store
        .load_updates(agreement)
        .and_then(|updates| Ok((updates, store.client_bindings(agreement)?)))
        .map_err(|e| e.to_string())
        .and_then(|(updates, bindings)| Room::load(updates, bindings).map_err(|e| e.to_string()));
    match room {
        Ok(room) => Some(room),
        Err(error) => {
            tracing::error!(agreement, %error, "loading the room failed");
            None
        }
    }
}

/// Drops every connection (asking it to reconnect) and reloads the room from the store.
fn reload(
    store: &Store,
    agreement: &str,
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
) -> Option<Room> {
    for (_, outbox) in outboxes.drain() {
        let _ = outbox.try_send(Outgoing::Close(
            1012,
            "room reloaded, please reconnect".into(),
        ));
    }
    load(store, agreement)
}

/// Hands frames to outboxes. An outbox that is full belongs to a client too far behind to
/// catch up incrementally: it is dropped, which closes that socket; the client resyncs on
/// reconnect.
fn dispatch(
    outboxes: &mut HashMap<ConnId, mpsc::Sender<Outgoing>>,
    frames: Vec<(Target, Vec<u8>)>,
) {
    for (target, frame) in frames {
        let frame = Bytes::from(frame);
        let mut behind = Vec::new();
        for (conn, outbox) in outboxes.iter() {
            let wanted = match target {
                Target::Only(c) => *conn == c,
                Target::AllBut(c) => *conn != c,
            };
            if wanted && outbox.try_send(Outgoing::Frame(frame.clone())).is_err() {
                behind.push(*conn);
            }
        }
        for conn in behind {
            outboxes.remove(&conn);
        }
    }
}
