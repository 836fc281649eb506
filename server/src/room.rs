//! One agreement's live document, sans I/O: byte frames in, frames to send and an update to
//! persist out. The server side of the y-websocket protocol, built on `yrs::sync` types.
//!
//! Invariants:
//! - A frame is decoded completely (room/frame.rs) and every document update in it judged
//!   (`samrad_domain::Guard`) before anything is applied, so a refused frame leaves the room
//!   exactly as it was: nothing to roll back, nothing to reload. The one exception is yrs doing
//!   something other than what was judged while integrating an accepted update (or panicking
//!   there), reported as [`RoomError::Apply`]: the caller must then reload the room from the
//!   store.
//! - A panic while judging (a fault, on bytes nobody foresaw) refuses that frame only
//!   ([`Refusal::Internal`]): the document was only read, so the room and its other
//!   connections go on.
//! - A document change is reported in [`Effects::to_store`] in the same call that relays it; the
//!   caller persists it before sending anything, so nobody ever sees an unstored change. What is
//!   stored and relayed is what the room integrated (the writer's new items and deletions, and
//!   the server's stamps), never the writer's bytes as sent.
//! - Every yrs client id belongs to one participant. A connection's first use of a fresh client
//!   id — a document write or a presence — binds it to the connection's participant
//!   ([`Effects::bind`], stored with the update), for good: a client relays everybody's presence
//!   when it reconnects, and after a restart that must not hand somebody else's id to it. An
//!   update under somebody else's client id is refused; a presence under one is dropped.
//! - Presence identity comes from the session, not the client: name, organisation and role in
//!   a presence state are overwritten with the connection's participant.
//! - Bounded: messages per frame, presence entries per connection, connections and client ids
//!   per participant, new client ids per frame, bytes in the stored log (see the constants).

mod frame;

#[cfg(test)]
mod tests;

pub use frame::{MAX_MESSAGES_PER_FRAME, MAX_PRESENCE_BYTES};

use crate::ws::close;
use frame::{Decoded, Step};
use samrad_domain::{Agreement, Guard, Notice, Participant, Refusal, ServerWritten, Writer};
use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use thiserror::Error;
use yrs::block::ClientID;
use yrs::encoding::write::Write as _;
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::{Encode, Encoder as _, EncoderV1};
use yrs::{ReadTxn, StateVector, Transact};

/// The room's own yrs client id: the server writes as it (registering participants, stamps).
/// Nobody else may write under it: it is never bound to a participant, and an unbound id the
/// document already holds belongs to nobody who can claim it.
pub const SERVER_CLIENT_ID: u64 = 1;

/// Default size quota of one agreement's stored log.
pub const DEFAULT_QUOTA: u64 = 256 * 1024 * 1024;

/// Presence entries (client ids announced) one connection may hold: a tab has one.
pub const MAX_PRESENCE_PER_CONNECTION: usize = 4;

/// Open connections one participant may have to an agreement (tabs and devices).
pub const MAX_CONNECTIONS_PER_PARTICIPANT: usize = 16;

/// Fresh client ids one frame may bind (a replica writes under one). Declared in the domain,
/// whose sync client sends earlier page loads' writing in portions within it.
pub const MAX_NEW_CLIENTS_PER_FRAME: usize = samrad_domain::NEW_CLIENTS_PER_FRAME;

/// Client ids one participant may have written under, over the agreement's life: a browser
/// takes a fresh one per page load that writes, so this is thousands of writing sessions.
pub const MAX_CLIENTS_PER_PARTICIPANT: usize = 4096;

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
    /// Client ids newly bound to the sender's participant, to store with `to_store`.
    pub bind: Vec<(u64, String)>,
    /// A v1 update to append to the agreement's log before sending anything; present only if
    /// the frame changed the document.
    pub to_store: Option<Vec<u8>>,
    /// Frames to send.
    pub to_send: Vec<(Target, Vec<u8>)>,
    /// What the stored change tells whom (`samrad_domain::Agreement::notices`), to store after
    /// the update and then send to each recipient's connections.
    pub notices: Vec<Notice>,
    /// The open deadlines, when the change set the phase, a deadline or an extension.
    pub deadlines: Option<Vec<(String, f64)>>,
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
    /// A message is larger or deeper than the server reads (nesting, blocks, presence).
    #[error("too large: {0}")]
    TooLarge(String),
    /// Past a cap on messages, presence entries, connections or client ids.
    #[error("too many: {0}")]
    TooMany(String),
    /// yrs did something other than what was judged while integrating an accepted update, or
    /// panicked there; the room's document may differ from the store, so the caller must
    /// reload it.
    #[error("the update could not be applied: {0}")]
    Apply(String),
    /// A stored update could not be loaded.
    #[error("a stored update is unreadable: {0}")]
    Load(String),
    /// The connection has not joined this room (or was dropped from it).
    #[error("unknown connection")]
    UnknownConnection,
    /// The update breaks a rule; the connection is closed, nothing changed.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// Storing the update would take the agreement past its size quota.
    #[error("the agreement has reached its size limit of {0} bytes")]
    Quota(u64),
}

impl RoomError {
    /// The websocket close code this refusal ends its connection with.
    pub fn close_code(&self) -> u16 {
        match self {
            RoomError::Decode(_)
            | RoomError::Truncated
            | RoomError::Empty
            | RoomError::Refused(Refusal::Malformed(_)) => close::INVALID_DATA,
            RoomError::Unsupported(_) => close::UNSUPPORTED,
            RoomError::TooLarge(_)
            | RoomError::Quota(_)
            | RoomError::Refused(Refusal::TooLarge(_)) => close::TOO_BIG,
            RoomError::Refused(Refusal::Internal(_)) => close::INTERNAL,
            RoomError::Apply(_) | RoomError::Load(_) => close::RESTART,
            RoomError::TooMany(_) | RoomError::Refused(_) | RoomError::UnknownConnection => {
                close::POLICY
            }
        }
    }
}

/// A connection: who it is, and the presence client ids it has announced.
#[derive(Debug)]
struct Conn {
    writer: Participant,
    presence: HashSet<ClientID>,
}

/// An agreement's document plus everyone's presence, and who is connected.
pub struct Room {
    guard: Guard,
    awareness: Awareness,
    conns: HashMap<ConnId, Conn>,
    /// Client id → the participant whose document writes it carries (stored).
    bindings: HashMap<u64, String>,
    /// How many client ids each participant has bound.
    bound: HashMap<String, usize>,
    /// Bytes in the stored log, against `quota`.
    stored_bytes: u64,
    quota: u64,
    /// When the agreement was created: no writer may claim an earlier time.
    since_ms: f64,
    /// The SyncStep2 frame that brings a newcomer holding nothing the whole document, kept
    /// until the document changes: every page opened afresh asks for it, and at a real
    /// consultation's size encoding it is most of the server's part of opening.
    whole: Option<Vec<u8>>,
    /// Whether the document changed since the room was loaded.
    changed: bool,
}

impl std::fmt::Debug for Room {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Room")
            .field("conns", &self.conns.len())
            .finish()
    }
}

impl Room {
    /// A room whose document is the merge of `updates` (the agreement's stored log), with
    /// the stored client-id bindings.
    pub fn load<I, B>(updates: I, bindings: HashMap<u64, String>) -> Result<Room, RoomError>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let agreement = Agreement::new(SERVER_CLIENT_ID);
        let mut stored_bytes = 0;
        let mut rows = 0;
        let mut first = None;
        for update in updates {
            stored_bytes += update.as_ref().len() as u64;
            rows += 1;
            agreement
                .apply_update(update.as_ref())
                .map_err(|e| RoomError::Load(e.to_string()))?;
            if rows == 1 {
                first = Some(Room::whole_frame(update.as_ref()));
            }
        }
        let mut room = Room::guarded(Guard::new(agreement), stored_bytes, bindings);
        // A log of one row (a compacted one) that integrated whole is the document: a
        // newcomer's whole state is that row, with no need to encode it again.
        if rows == 1 && room.placed_whole() {
            room.whole = first;
        }
        Ok(room)
    }

    /// The SyncStep2 frame that gives a newcomer holding nothing `row`, an agreement's whole
    /// stored log when that is one (compacted) row: what [`Room::load`] keeps to serve them.
    pub fn whole_frame(row: &[u8]) -> Vec<u8> {
        Message::Sync(SyncMessage::SyncStep2(row.to_vec())).encode_v1()
    }

    /// What a newcomer already holding all of a stored row is sent before the room is built,
    /// from `whole` (the row's [`Room::whole_frame`]): a SyncStep2 carrying the row's
    /// deletions only — what the built room would answer such a state vector with
    /// (`encode_state_as_update` always carries the whole delete set) — with the row's state
    /// vector, to tell such a newcomer by. A page that applied the agreement fetched over HTTP
    /// (`/api/agreements/{id}/state`, the same row) says hello with that state vector, so it
    /// goes online without waiting for the build. `None` if the row cannot be read (the built
    /// room answers then, or fails to load). The row is read with the stored log's bounds, as
    /// the room reads it: it is decoded on a helper thread while the room is built. A stored row
    /// holds no change waiting for another (the guard refuses one, compaction encodes the
    /// integrated document), so its state vector says every item it holds.
    pub fn held_frame(whole: &[u8]) -> Option<(StateVector, Vec<u8>)> {
        let Ok(Message::Sync(SyncMessage::SyncStep2(row))) = Message::decode_v1(whole) else {
            return None;
        };
        let update = samrad_domain::wire::decode_update(&row).ok()?;
        let mut encoder = EncoderV1::new();
        // No blocks: the newcomer has every one.
        encoder.write_var(0u32);
        update.delete_set().encode(&mut encoder);
        let frame = Message::Sync(SyncMessage::SyncStep2(encoder.to_vec())).encode_v1();
        Some((update.state_vector(), frame))
    }

    /// Whether a newcomer's `frame` only asks: it opens with a SyncStep1 and carries no
    /// document update. If its state vector holds nothing or all of the stored row, the answer
    /// is a read of the row ([`Room::whole_frame`], [`Room::held_frame`]) that needs neither
    /// the integrated document nor the guard. Returns that state vector and the frame's other
    /// messages (presence, a presence query), re-encoded in order, for the built room to
    /// handle; `None` when the frame must wait whole (an update, or anything unreadable, which
    /// the built room refuses as it would have).
    pub fn answerable_unbuilt(frame: &[u8]) -> Option<(StateVector, Vec<u8>)> {
        let Decoded { updates, steps } = frame::decode(frame).ok()?;
        let mut steps = steps.into_iter();
        let held = match steps.next() {
            Some(Step::Step1(sv)) if updates.is_empty() => sv,
            _ => return None,
        };
        let mut rest = Vec::new();
        for step in steps {
            let message = match step {
                Step::Step1(sv) => Message::Sync(SyncMessage::SyncStep1(sv)),
                Step::Query => Message::AwarenessQuery,
                Step::Presence(update) => Message::Awareness(update),
            };
            rest.extend(message.encode_v1());
        }
        Some((held, rest))
    }

    /// What a newcomer answered from the stored row before the room was built
    /// ([`Room::answerable_unbuilt`]) lacks now, as a SyncStep2 frame: the changes made since
    /// the load (`loaded` is the state vector the room was loaded with), or `None` if none.
    pub fn since_loaded(&self, loaded: &StateVector) -> Option<Vec<u8>> {
        if !self.changed {
            return None;
        }
        let diff = self
            .awareness
            .doc()
            .transact()
            .encode_state_as_update_v1(loaded);
        Some(Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1())
    }

    /// The room was loaded again from the store (after a failed store or integration): what
    /// it holds may differ from the first load in ways a state vector does not show (deletions
    /// stored since), so newcomers answered from the first load get the difference.
    pub fn reloaded(mut self) -> Self {
        self.changed();
        self
    }

    /// The document changed: the newcomer's whole frame is out of date.
    fn changed(&mut self) {
        self.whole = None;
        self.changed = true;
    }

    /// The document's state vector.
    pub fn state_vector(&self) -> StateVector {
        self.awareness.doc().transact().state_vector()
    }

    /// Whether everything the document was given is placed (nothing waits for a missing part).
    fn placed_whole(&self) -> bool {
        let txn = self.awareness.doc().transact();
        txn.store().pending_update().is_none() && txn.store().pending_ds().is_none()
    }

    /// The SyncStep2 frame with what a newcomer holding `sv` lacks; the whole document,
    /// encoded once until it changes, for a newcomer holding nothing.
    fn step2(&mut self, sv: &StateVector) -> Vec<u8> {
        if *sv != StateVector::default() {
            let diff = self
                .awareness
                .doc()
                .transact()
                .encode_state_as_update_v1(sv);
            return Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1();
        }
        self.whole
            .get_or_insert_with(|| {
                let state = self
                    .awareness
                    .doc()
                    .transact()
                    .encode_state_as_update_v1(sv);
                Message::Sync(SyncMessage::SyncStep2(state)).encode_v1()
            })
            .clone()
    }

    /// A room over an agreement already guarded, its stored log `stored_bytes` long, with the
    /// stored client-id bindings.
    pub fn guarded(guard: Guard, stored_bytes: u64, bindings: HashMap<u64, String>) -> Room {
        let mut bound: HashMap<String, usize> = HashMap::new();
        for participant in bindings.values() {
            *bound.entry(participant.clone()).or_default() += 1;
        }
        Room {
            awareness: Awareness::new(guard.agreement().doc().clone()),
            guard,
            conns: HashMap::new(),
            bindings,
            bound,
            stored_bytes,
            quota: DEFAULT_QUOTA,
            since_ms: 0.0,
            whole: None,
            changed: false,
        }
    }

    /// Sets the size quota of the stored log.
    pub fn with_quota(mut self, quota: u64) -> Room {
        self.quota = quota;
        self
    }

    /// Sets when the agreement was created (ms since the epoch).
    pub fn with_since(mut self, since_ms: f64) -> Room {
        self.since_ms = since_ms;
        self
    }

    /// The same room with its document rebuilt from `updates` (after integration went wrong),
    /// keeping its connections, bindings and presence.
    pub fn reload<I, B>(self, updates: I) -> Result<Room, RoomError>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let mut fresh = Room::load(updates, self.bindings)?
            .with_quota(self.quota)
            .with_since(self.since_ms);
        if let Ok(presence) = self.awareness.update() {
            let _ = fresh.awareness.apply_update(presence);
        }
        fresh.conns = self.conns;
        Ok(fresh)
    }

    /// The agreement, read-only (tests and diagnostics).
    pub fn agreement(&self) -> &Agreement {
        self.guard.agreement()
    }

    /// The whole document as one v1 update (what a fresh client would end up with).
    pub fn state(&self) -> Vec<u8> {
        self.awareness
            .doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// The participant behind a connection.
    pub fn writer(&self, conn: ConnId) -> Option<&Participant> {
        self.conns.get(&conn).map(|c| &c.writer)
    }

    /// The connections of one participant (to tell them about their inbox).
    pub fn connections_of(&self, participant: &str) -> Vec<ConnId> {
        let mut conns: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| c.writer.id == participant)
            .map(|(id, _)| *id)
            .collect();
        conns.sort();
        conns
    }

    /// How many connections are in the room.
    pub fn connections(&self) -> usize {
        self.conns.len()
    }

    /// Whether the document names `participant` already, with the same name, organisation and
    /// role (so [`Room::admit`] writes nothing).
    pub fn admitted(&self, participant: &Participant) -> bool {
        self.agreement()
            .participants()
            .into_iter()
            .any(|p| p == *participant)
    }

    /// Registers `participant` in the document if it does not name them yet (someone invited
    /// from the app, connecting for the first time), so colleagues can see and @mention them.
    /// Returns the update, written as the server, to store and then relay to everyone; `None`
    /// when they are registered already with the same name, organisation and role.
    pub fn admit(&mut self, participant: &Participant) -> Option<Vec<u8>> {
        if self.admitted(participant) {
            return None;
        }
        let update = self
            .guard
            .write_as_server(|a, txn| a.register_participant_in(txn, participant))?;
        self.changed();
        self.stored_bytes += update.len() as u64;
        Some(update)
    }

    /// Runs a domain operation the server makes on a participant's behalf (a coordinator's
    /// import of a new draft), written as the server like [`Room::admit`]'s registration.
    /// Returns the operation's result and the update it wrote, if any, for the caller to store
    /// and then relay like any other. The domain's operations check before they write, so a
    /// refused one writes nothing; should one write and then fail, the caller reloads the room.
    pub fn write<T, E>(
        &mut self,
        write: impl FnOnce(&Agreement) -> Result<T, E>,
    ) -> (Result<T, E>, ServerWritten) {
        // Through the guard, which records what was written as its own (trusted) change and
        // reads it as changes, for the notices it gives.
        let (result, written) = self.guard.write_with(write);
        if let Some(u) = &written.update {
            self.changed();
            self.stored_bytes += u.len() as u64;
        }
        (result, written)
    }

    /// Whether `frame` (one the room made) depends on the document — an update, a state vector,
    /// a state diff — rather than presence alone. Such a frame may say something not yet
    /// stored, so it waits for the store; presence never does.
    pub fn reads_document(frame: &[u8]) -> bool {
        frame.first() != Some(&yrs::sync::protocol::MSG_AWARENESS)
    }

    /// The frame relaying a server-written update (see [`Room::admit`]) to every connection.
    pub fn update_frame(update: &[u8]) -> Vec<u8> {
        Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1()
    }

    /// Adds a connection; returns what to send it: our state vector (SyncStep1), so it answers
    /// with what we lack, and everybody's presence. Refused past
    /// [`MAX_CONNECTIONS_PER_PARTICIPANT`].
    pub fn join(
        &mut self,
        conn: ConnId,
        writer: Participant,
    ) -> Result<Vec<(Target, Vec<u8>)>, RoomError> {
        let open = self
            .conns
            .values()
            .filter(|c| c.writer.id == writer.id)
            .count();
        if open >= MAX_CONNECTIONS_PER_PARTICIPANT {
            return Err(RoomError::TooMany(format!(
                "a participant has at most {MAX_CONNECTIONS_PER_PARTICIPANT} connections open"
            )));
        }
        self.conns.insert(
            conn,
            Conn {
                writer,
                presence: HashSet::new(),
            },
        );
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
        Ok(out)
    }

    /// Handles one frame from `conn`, received at `now_ms`.
    pub fn receive(
        &mut self,
        conn: ConnId,
        frame: &[u8],
        now_ms: f64,
    ) -> Result<Effects, RoomError> {
        let writer = match self.conns.get(&conn) {
            Some(c) => c.writer.clone(),
            None => return Err(RoomError::UnknownConnection),
        };
        let Decoded { updates, steps } = frame::decode(frame)?;
        // Caps on presence are checked before anything of the frame takes effect; the fresh
        // ids it claims count against the frame's budget of new client ids.
        let claimed = self.check_presence(conn, &writer, &steps)?;
        let mut effects = Effects::default();
        // All document updates of the frame as one: one verdict, one stored row, one relay.
        if !updates.is_empty() {
            let update = if updates.len() == 1 {
                updates.into_iter().next().unwrap_or_default()
            } else {
                // Each was read with bounds by `frame::decode` before yrs merges them.
                yrs::merge_updates_v1(&updates).map_err(|e| RoomError::Decode(e.to_string()))?
            };
            if self.stored_bytes + update.len() as u64 > self.quota {
                return Err(RoomError::Quota(self.quota));
            }
            self.apply(conn, &writer, &update, now_ms, claimed, &mut effects)?;
        }
        for step in steps {
            match step {
                Step::Step1(sv) => {
                    let reply = self.step2(&sv);
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
                    let update = self.own_presence(conn, &writer, update, &mut effects.bind);
                    if update.clients.is_empty() {
                        continue;
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
        let Some(c) = self.conns.remove(&conn) else {
            return Vec::new();
        };
        let owned: Vec<ClientID> = c.presence.into_iter().collect();
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

    /// Whether the client id `client` may be used by `participant`: bound to them, or new to
    /// the document (and so theirs from now on).
    fn may_use(&self, client: u64, participant: &str, known: &StateVector) -> bool {
        match self.bindings.get(&client) {
            Some(owner) => owner == participant,
            // Written before bindings existed (the seeded demo), or the server's own: nobody's.
            None => known.get(&ClientID::new(client)) == 0,
        }
    }

    /// Binds the fresh client ids `fresh` to `writer`, within the caps: at most
    /// [`MAX_NEW_CLIENTS_PER_FRAME`] in one frame (`earlier` of them bound already by this
    /// frame), at most [`MAX_CLIENTS_PER_PARTICIPANT`] in all.
    fn check_fresh(
        &self,
        writer: &Participant,
        earlier: usize,
        fresh: usize,
    ) -> Result<(), RoomError> {
        if earlier + fresh > MAX_NEW_CLIENTS_PER_FRAME {
            return Err(RoomError::TooMany(format!(
                "a frame uses at most {MAX_NEW_CLIENTS_PER_FRAME} new client ids"
            )));
        }
        if self.bound.get(&writer.id).copied().unwrap_or(0) + earlier + fresh
            > MAX_CLIENTS_PER_PARTICIPANT
        {
            return Err(RoomError::TooMany(format!(
                "a participant uses at most {MAX_CLIENTS_PER_PARTICIPANT} client ids"
            )));
        }
        Ok(())
    }

    fn bind(&mut self, client: u64, writer: &Participant, bind: &mut Vec<(u64, String)>) {
        if self.bindings.insert(client, writer.id.clone()).is_none() {
            *self.bound.entry(writer.id.clone()).or_default() += 1;
            bind.push((client, writer.id.clone()));
        }
    }

    /// Judges and applies one update from `writer`, filling `effects` if it changed the
    /// document: the bindings it makes, the update to store and relay, the server's stamps for
    /// the writer, and the state vector telling the writer what is stored.
    fn apply(
        &mut self,
        conn: ConnId,
        writer: &Participant,
        update: &[u8],
        now_ms: f64,
        claimed: usize,
        effects: &mut Effects,
    ) -> Result<(), RoomError> {
        let known = self.awareness.doc().transact().state_vector();
        let judge = Writer {
            participant: writer,
            now_ms,
            since_ms: self.since_ms,
        };
        let owns = |c: u64| self.may_use(c, &writer.id, &known);
        let verdict =
            std::panic::catch_unwind(AssertUnwindSafe(|| self.guard.judge(&judge, update, owns)))
                .map_err(|_| {
                    RoomError::Refused(Refusal::Internal("judging the update failed".into()))
                })?
                .map_err(RoomError::Refused)?;
        let fresh: Vec<u64> = verdict
            .writers()
            .iter()
            .copied()
            .filter(|c| !self.bindings.contains_key(c))
            .collect();
        self.check_fresh(writer, claimed, fresh.len())?;
        if !verdict.changes() {
            return Ok(());
        }
        let integrated =
            std::panic::catch_unwind(AssertUnwindSafe(|| self.guard.integrate(verdict, now_ms)))
                .map_err(|_| RoomError::Apply("integrating the update panicked".into()))?
                .map_err(|e| RoomError::Apply(e.to_string()))?;
        let Some(stored) = integrated.update else {
            return Ok(());
        };
        self.changed();
        if !integrated.touched.is_empty() {
            effects.notices = self.agreement().notices(writer, &integrated.touched);
        }
        if integrated.touched.deadlines {
            effects.deadlines = Some(self.agreement().open_deadlines());
        }
        for client in fresh {
            self.bind(client, writer, &mut effects.bind);
        }
        self.stored_bytes += stored.len() as u64;
        effects.to_send.push((
            Target::AllBut(conn),
            Message::Sync(SyncMessage::Update(stored.clone())).encode_v1(),
        ));
        if let Some(stamps) = integrated.stamps {
            // The writer has the rest; it lacks only what the server wrote.
            effects.to_send.push((
                Target::Only(conn),
                Message::Sync(SyncMessage::Update(stamps)).encode_v1(),
            ));
        }
        effects.to_store = Some(stored);
        // Tells the sender what the server now holds, so it can say "saved". A client that
        // lacks nothing need not answer (Samråd's does not).
        let sv = self.awareness.doc().transact().state_vector();
        effects.to_send.push((
            Target::Only(conn),
            Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1(),
        ));
        Ok(())
    }

    /// Refuses a frame whose presence would take the connection past its cap, or bind more
    /// fresh ids than allowed; returns how many fresh ids it claims. Entries under somebody
    /// else's ids (a client relays everybody's presence) are dropped later, not counted.
    fn check_presence(
        &self,
        conn: ConnId,
        writer: &Participant,
        steps: &[Step],
    ) -> Result<usize, RoomError> {
        let Some(c) = self.conns.get(&conn) else {
            return Err(RoomError::UnknownConnection);
        };
        let known = self.awareness.doc().transact().state_vector();
        let mut added = HashSet::new();
        let mut fresh = HashSet::new();
        for step in steps {
            let Step::Presence(update) = step else {
                continue;
            };
            for (id, entry) in &update.clients {
                if entry.json.as_ref() == "null" || !self.may_use(id.get(), &writer.id, &known) {
                    continue;
                }
                if !c.presence.contains(id) {
                    added.insert(*id);
                }
                if !self.bindings.contains_key(&id.get()) {
                    fresh.insert(*id);
                }
            }
        }
        if c.presence.len() + added.len() > MAX_PRESENCE_PER_CONNECTION {
            return Err(RoomError::TooMany(format!(
                "a connection announces at most {MAX_PRESENCE_PER_CONNECTION} presences"
            )));
        }
        self.check_fresh(writer, 0, fresh.len())?;
        Ok(fresh.len())
    }

    /// Keeps only presence entries under client ids the writer may use (binding fresh ones),
    /// records them as this connection's, and stamps each with the writer's identity from the
    /// session.
    fn own_presence(
        &mut self,
        conn: ConnId,
        writer: &Participant,
        update: AwarenessUpdate,
        bind: &mut Vec<(u64, String)>,
    ) -> AwarenessUpdate {
        let known = self.awareness.doc().transact().state_vector();
        let mut clients = HashMap::new();
        for (id, mut entry) in update.clients {
            if !self.may_use(id.get(), &writer.id, &known) {
                continue;
            }
            if entry.json.as_ref() == "null" {
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.presence.remove(&id);
                }
            } else {
                self.bind(id.get(), writer, bind);
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.presence.insert(id);
                }
                let mut state: serde_json::Value =
                    serde_json::from_str(&entry.json).unwrap_or(serde_json::Value::Null);
                if !state.is_object() {
                    state = serde_json::json!({});
                }
                state["participant"] = writer.id.clone().into();
                state["name"] = writer.name.clone().into();
                state["organisation"] = writer.organisation.clone().into();
                state["role"] = writer.role.key().into();
                entry.json = state.to_string().into();
            }
            clients.insert(id, entry);
        }
        AwarenessUpdate { clients }
    }
}
