//! Loading a room, and answering newcomers while it is built.
//!
//! At a real consultation's size, building a room — integrating the stored log and the guard's
//! description of the document — takes several hundred milliseconds, reading the log a tenth
//! of that. An agreement's log is almost always one compacted row (idle rooms and a stopping
//! server fold it), and that row is exactly what a newcomer holding nothing is sent. So once
//! the row is read, a helper thread takes the room's queue while the room thread builds the
//! room. It first decodes the row (tens of milliseconds) for its state vector and deletions;
//! then a connection's first frame that only asks (a SyncStep1, no update) is answered when
//! its state vector holds nothing — with the stored row — or all of the row — with the row's
//! deletions: a page that applied the agreement fetched over HTTP holds that row. Anything
//! else — joins, writes, presence, the rest of that frame, a state vector holding part of the
//! row — is kept in order and handed to the built room, which handles it as if it had just
//! arrived. Writes are therefore judged only by the built room's guard, against its complete
//! description; the server's own SyncStep1 to a newcomer follows when its join is handled, as
//! the protocol allows.

use super::{Command, Outgoing, Rooms};
use crate::room::{ConnId, Room, MAX_CONNECTIONS_PER_PARTICIPANT};
use axum::body::Bytes;
use std::collections::{HashMap, HashSet};
use tokio::sync::{mpsc, oneshot};
use yrs::StateVector;

/// What arrived while the room was built: the commands to handle, in order, and the
/// connections already answered from the stored row (they hold the document as loaded).
#[derive(Debug, Default)]
pub(super) struct Meanwhile {
    pub commands: Vec<Command>,
    pub answered: HashSet<ConnId>,
}

/// An agreement's stored log and what goes with it, read but not yet integrated.
struct Read {
    updates: Vec<Vec<u8>>,
    bindings: HashMap<u64, String>,
    since: i64,
}

/// Loads `agreement`'s room. When its log is one row, newcomers are answered from it while
/// the room is built (see the module header); what arrived meanwhile is returned with the room.
pub(super) fn load(
    rooms: &Rooms,
    agreement: &str,
    rx: &mut mpsc::Receiver<Command>,
) -> Option<(Room, Meanwhile)> {
    let read = match read(rooms, agreement) {
        Ok(read) => read,
        Err(error) => {
            tracing::error!(agreement, %error, "reading the room's log failed");
            return None;
        }
    };
    let [row] = read.updates.as_slice() else {
        return build(rooms, agreement, read).map(|room| (room, Meanwhile::default()));
    };
    let row = Row::new(row);
    std::thread::scope(|scope| {
        let (built, told) = oneshot::channel();
        let answering = std::thread::Builder::new()
            .name(format!("room-{agreement}-early"))
            .spawn_scoped(scope, move || answer_meanwhile(rx, row, told));
        let answering = match answering {
            Ok(answering) => answering,
            Err(error) => {
                tracing::warn!(agreement, %error, "answering while loading failed to start");
                return build(rooms, agreement, read).map(|room| (room, Meanwhile::default()));
            }
        };
        let room = build(rooms, agreement, read);
        let _ = built.send(());
        // Commands it took and could not give back are lost with it: the room fails, so every
        // connection is closed and reconnects.
        let meanwhile = answering.join().ok()?;
        room.map(|room| (room, meanwhile))
    })
}

/// Loads `agreement`'s room on this thread, answering nobody meanwhile (a reload).
pub(super) fn load_now(rooms: &Rooms, agreement: &str) -> Option<Room> {
    match read(rooms, agreement) {
        Ok(read) => build(rooms, agreement, read),
        Err(error) => {
            tracing::error!(agreement, %error, "reading the room's log failed");
            None
        }
    }
}

/// Reads the log, the client-id bindings and when the agreement was created.
fn read(rooms: &Rooms, agreement: &str) -> Result<Read, crate::store::StoreError> {
    let store = &rooms.store;
    let updates = store.load_updates(agreement)?;
    let since = store.agreement_created(agreement)?.unwrap_or(0);
    let bindings = store.client_bindings(agreement)?;
    Ok(Read {
        updates,
        bindings,
        since,
    })
}

/// Integrates the log and describes it for the guard.
fn build(rooms: &Rooms, agreement: &str, read: Read) -> Option<Room> {
    #[cfg(test)]
    rooms.building.pass();
    let Read {
        updates,
        bindings,
        since,
    } = read;
    match Room::load(updates, bindings) {
        Ok(room) => Some(room.with_since(since as f64).with_quota(rooms.quota)),
        Err(error) => {
            tracing::error!(agreement, %error, "loading the room failed");
            None
        }
    }
}

/// The stored row, and what is made of it for newcomers while the room is built.
struct Row {
    /// The answer to a newcomer holding nothing: a SyncStep2 frame carrying the whole row,
    /// which is read from it too.
    whole: Bytes,
    /// The row's state vector and the answer to a newcomer holding all of it, once read from
    /// the row ([`Row::read_held`]); `None` before, or if the row is unreadable.
    held: Option<(StateVector, Bytes)>,
}

impl Row {
    fn new(row: &[u8]) -> Self {
        Self {
            whole: Bytes::from(Room::whole_frame(row)),
            held: None,
        }
    }

    /// Decodes the row for its state vector and deletions: tens of milliseconds at a real
    /// consultation's size, beside the build's hundreds.
    fn read_held(&mut self) {
        self.held = Room::held_frame(&self.whole).map(|(sv, frame)| (sv, Bytes::from(frame)));
    }

    /// The answer to a newcomer whose state vector is `sv`, if it can be given before the room
    /// is built: it holds nothing, or everything the row inserted. A state vector claiming
    /// more than the row holds (the newcomer's own changes, or a lie) is answered as the built
    /// room would: with the deletions only — whatever it lacks, it asked for by its claim.
    fn answer(&self, sv: &StateVector) -> Option<Bytes> {
        if *sv == StateVector::default() {
            return Some(self.whole.clone());
        }
        let (stored, frame) = self.held.as_ref()?;
        (sv >= stored).then(|| frame.clone())
    }
}

/// On the helper thread: takes the room's commands until the room is `built`, answering each
/// connection's first frame from `row` when that frame only asks (see [`Row::answer`]).
fn answer_meanwhile(
    rx: &mut mpsc::Receiver<Command>,
    mut row: Row,
    mut built: oneshot::Receiver<()>,
) -> Meanwhile {
    let mut meanwhile = Meanwhile::default();
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
        return meanwhile;
    };
    // Read before anything is taken: nearly every newcomer holds the row by now (a first
    // visit applies the agreement fetched over HTTP before its hello, a later one its device
    // copy), and its hello comes after the read, which the build outlasts.
    row.read_held();
    let mut early = Early::default();
    loop {
        // Past a queue's worth, commands wait in the queue again, which pushes back on senders.
        let room = meanwhile.commands.len() < super::COMMAND_QUEUE;
        let next = runtime.block_on(async {
            tokio::select! {
                biased;
                _ = &mut built => None,
                command = rx.recv(), if room => command,
            }
        });
        let Some(command) = next else {
            return meanwhile;
        };
        if let Some(command) = early.take(command, &row, &mut meanwhile.answered) {
            meanwhile.commands.push(command);
        }
    }
}

/// Who has joined while the room is built, and whose frames must wait in order.
#[derive(Default)]
struct Early {
    outboxes: HashMap<ConnId, mpsc::Sender<Outgoing>>,
    /// Connections per participant, against the room's cap (a join past it gets nothing
    /// early, and is refused when the built room handles it).
    per_participant: HashMap<String, usize>,
    /// Connections with a frame kept: their later frames are kept too, so none overtakes it.
    waiting: HashSet<ConnId>,
}

impl Early {
    /// Looks at one command; returns what the built room must still handle of it.
    fn take(
        &mut self,
        command: Command,
        row: &Row,
        answered: &mut HashSet<ConnId>,
    ) -> Option<Command> {
        match &command {
            Command::Join {
                conn,
                participant,
                outbox,
            } => {
                let open = self
                    .per_participant
                    .entry(participant.id.clone())
                    .or_default();
                *open += 1;
                if *open <= MAX_CONNECTIONS_PER_PARTICIPANT {
                    self.outboxes.insert(*conn, outbox.clone());
                }
            }
            Command::Frame { conn, frame, at } => {
                let (conn, at) = (*conn, *at);
                let first = !self.waiting.contains(&conn) && !answered.contains(&conn);
                let outbox = self.outboxes.get(&conn).filter(|_| first);
                let asked = outbox.and_then(|_| Room::answerable_unbuilt(frame));
                let answer = asked.as_ref().and_then(|(sv, _)| row.answer(sv));
                let sent = answer.is_some_and(|answer| {
                    outbox.is_some_and(|o| o.try_send(Outgoing::Frame(answer)).is_ok())
                });
                let (true, Some((_, rest))) = (sent, asked) else {
                    self.waiting.insert(conn);
                    return Some(command);
                };
                answered.insert(conn);
                return (!rest.is_empty()).then(|| Command::Frame {
                    conn,
                    frame: Bytes::from(rest),
                    at,
                });
            }
            Command::Leave { conn } => {
                self.outboxes.remove(conn);
            }
            Command::Tell { .. } | Command::Write { .. } => {}
        }
        Some(command)
    }
}
