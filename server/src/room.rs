//! One agreement's live document, sans I/O: byte frames in, frames to send and an update to
//! persist out. The server side of the y-websocket protocol, built on `yrs::sync` types.
//!
//! Invariants:
//! - A frame is decoded completely before anything is applied, so a malformed frame is refused
//!   with the room unchanged (the one exception is yrs refusing an update half-way through
//!   integration; see [`RoomError::Apply`]).
//! - A document change is reported in [`Effects::to_store`] in the same call that relays it; the
//!   caller persists it before sending anything, so nobody ever sees an unstored change.
//! - Each connection owns the awareness (presence) client ids it announced; leaving removes
//!   them, and everybody else is told.

use samrad_domain::Agreement;
use std::collections::{HashMap, HashSet};
use thiserror::Error;
use yrs::block::ClientID;
use yrs::encoding::read::Cursor;
use yrs::sync::{Awareness, AwarenessUpdate, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector, Transact, Update};

#[cfg(test)]
mod tests;

/// The room's own yrs client id. The room never writes to the document, so it cannot clash
/// with the (equally fixed) id the demo was seeded with.
pub const SERVER_CLIENT_ID: u64 = 1;

/// A connection to a room, unique within the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId(pub u64);

/// Who a frame goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Only this connection.
    Only(ConnId),
    /// Every connection in the room except this one.
    AllBut(ConnId),
}

/// What handling a frame asks the caller to do, in this order.
#[derive(Debug, Default, PartialEq)]
pub struct Effects {
    /// A v1 update to append to the agreement's log before sending anything; present only if
    /// the frame changed the document.
    pub to_store: Option<Vec<u8>>,
    /// Frames to send.
    pub to_send: Vec<(Target, Vec<u8>)>,
}

/// Why a room refuses a frame or cannot load.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RoomError {
    /// The bytes are not a sequence of y-websocket messages.
    #[error("undecodable message: {0}")]
    Decode(String),
    /// The frame ends in the middle of a message (or carries trailing bytes).
    #[error("truncated message or trailing bytes")]
    Truncated,
    /// The frame holds no message at all.
    #[error("empty frame")]
    Empty,
    /// A message type a client may not send (auth, or a custom tag).
    #[error("message type {0} is not accepted from clients")]
    Unsupported(u8),
    /// yrs rejected an update while integrating it; parts of it may be integrated in memory but
    /// were not reported for storage, so the caller must reload the room from the store.
    #[error("the update could not be applied: {0}")]
    Apply(String),
    /// A stored update could not be loaded.
    #[error("a stored update is unreadable: {0}")]
    Load(String),
    /// The connection has not joined this room (or was dropped from it).
    #[error("unknown connection")]
    UnknownConnection,
}

/// A decoded client message other than a document update, ready to act on.
enum Step {
    Step1(StateVector),
    Presence(AwarenessUpdate),
    Query,
}

/// A frame, decoded: its document updates (SyncStep2 or Update) and its other messages.
struct Decoded {
    updates: Vec<Update>,
    steps: Vec<Step>,
}

/// An agreement's document plus everyone's presence, and who is connected.
pub struct Room {
    awareness: Awareness,
    /// Connection → the awareness client ids it has announced.
    conns: HashMap<ConnId, HashSet<ClientID>>,
}

impl std::fmt::Debug for Room {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Room")
            .field("conns", &self.conns.len())
            .finish()
    }
}

impl Room {
    /// A room whose document is the merge of `updates` (the agreement's stored log).
    pub fn load<I, B>(updates: I) -> Result<Room, RoomError>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let agreement = Agreement::new(SERVER_CLIENT_ID);
        for update in updates {
            agreement
                .apply_update(update.as_ref())
                .map_err(|e| RoomError::Load(e.to_string()))?;
        }
        Ok(Room {
            awareness: Awareness::new(agreement.doc().clone()),
            conns: HashMap::new(),
        })
    }

    /// The whole document as one v1 update (what a fresh client would end up with).
    pub fn state(&self) -> Vec<u8> {
        self.awareness
            .doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// How many connections are in the room.
    pub fn connections(&self) -> usize {
        self.conns.len()
    }

    /// Adds a connection; returns what to send it: our state vector (SyncStep1), so it answers
    /// with what we lack, and everybody's presence.
    pub fn join(&mut self, conn: ConnId) -> Vec<(Target, Vec<u8>)> {
        self.conns.entry(conn).or_default();
        let sv = self.awareness.doc().transact().state_vector();
        let mut out = vec![(
            Target::Only(conn),
            Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1(),
        )];
        if let Ok(update) = self.awareness.update() {
            if !update.clients.is_empty() {
                out.push((Target::Only(conn), Message::Awareness(update).encode_v1()));
            }
        }
        out
    }

    /// Handles one frame from `conn`.
    pub fn receive(&mut self, conn: ConnId, frame: &[u8]) -> Result<Effects, RoomError> {
        if !self.conns.contains_key(&conn) {
            return Err(RoomError::UnknownConnection);
        }
        let Decoded { updates, steps } = decode(frame)?;
        let mut effects = Effects::default();

        // All document updates of the frame in one transaction: one stored row, one relay.
        if !updates.is_empty() {
            if let Some(update) = self.apply(updates)? {
                let relay = Message::Sync(SyncMessage::Update(update.clone())).encode_v1();
                effects.to_store = Some(update);
                effects.to_send.push((Target::AllBut(conn), relay));
            }
        }

        for step in steps {
            match step {
                Step::Step1(sv) => {
                    let diff = self
                        .awareness
                        .doc()
                        .transact()
                        .encode_state_as_update_v1(&sv);
                    let reply = Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1();
                    effects.to_send.push((Target::Only(conn), reply));
                }
                Step::Query => {
                    if let Ok(update) = self.awareness.update() {
                        effects
                            .to_send
                            .push((Target::Only(conn), Message::Awareness(update).encode_v1()));
                    }
                }
                Step::Presence(update) => {
                    let owned = self.conns.entry(conn).or_default();
                    for (id, entry) in &update.clients {
                        if entry.json.as_ref() == "null" {
                            owned.remove(id);
                        } else {
                            owned.insert(*id);
                        }
                    }
                    let relay = Message::Awareness(update.clone()).encode_v1();
                    // `None`: nothing new (a stale clock), so nothing to tell the others.
                    if let Ok(Some(_changed)) = self.awareness.apply_update_summary(update) {
                        effects.to_send.push((Target::AllBut(conn), relay));
                    }
                }
            }
        }
        Ok(effects)
    }

    /// Removes a connection and its presence; returns the removal notice for everybody else.
    pub fn leave(&mut self, conn: ConnId) -> Vec<(Target, Vec<u8>)> {
        let Some(owned) = self.conns.remove(&conn) else {
            return Vec::new();
        };
        let owned: Vec<ClientID> = owned.into_iter().collect();
        for id in &owned {
            self.awareness.remove_state(*id);
        }
        match self.awareness.update_with_clients(owned) {
            Ok(update) if !update.clients.is_empty() => {
                vec![(Target::AllBut(conn), Message::Awareness(update).encode_v1())]
            }
            _ => Vec::new(),
        }
    }

    /// Applies updates in one transaction; returns the v1 update of what actually changed.
    fn apply(&mut self, updates: Vec<Update>) -> Result<Option<Vec<u8>>, RoomError> {
        let mut txn = self.awareness.doc().transact_mut();
        for update in updates {
            txn.apply_update(update)
                .map_err(|e| RoomError::Apply(e.to_string()))?;
        }
        txn.commit();
        // The same test yrs uses before emitting an update event: a redundant update (already
        // known, or only pending on missing parts) changes nothing and is neither stored nor sent.
        let changed = !txn.delete_set().is_empty() || txn.after_state() != txn.before_state();
        Ok(changed.then(|| txn.encode_update_v1()))
    }
}

/// Decodes every message of a frame, refusing the whole frame if any part is bad.
fn decode(frame: &[u8]) -> Result<Decoded, RoomError> {
    let mut decoder = DecoderV1::new(Cursor::new(frame));
    let mut updates = Vec::new();
    let mut steps = Vec::new();
    let mut consumed = 0;
    for message in MessageReader::new(&mut decoder) {
        let message = message.map_err(|e| RoomError::Decode(e.to_string()))?;
        consumed += message.encode_v1().len();
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => steps.push(Step::Step1(sv)),
            Message::Sync(SyncMessage::SyncStep2(bytes) | SyncMessage::Update(bytes)) => {
                let update =
                    Update::decode_v1(&bytes).map_err(|e| RoomError::Decode(e.to_string()))?;
                updates.push(update);
            }
            Message::Awareness(update) => steps.push(Step::Presence(update)),
            Message::AwarenessQuery => steps.push(Step::Query),
            Message::Auth(_) => return Err(RoomError::Unsupported(yrs::sync::protocol::MSG_AUTH)),
            Message::Custom(tag, _) => return Err(RoomError::Unsupported(tag)),
        }
    }
    // MessageReader treats "ran out of bytes" as the end, so a truncated last message would
    // otherwise vanish silently. Re-encoding is canonical, so the lengths must add up.
    if consumed != frame.len() {
        return Err(RoomError::Truncated);
    }
    if updates.is_empty() && steps.is_empty() {
        return Err(RoomError::Empty);
    }
    Ok(Decoded { updates, steps })
}
