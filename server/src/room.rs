//! One agreement's live document, sans I/O: byte frames in, frames to send and an update to
//! persist out. The server side of the y-websocket protocol, built on `yrs::sync` types.
//!
//! Invariants:
//! - A frame is decoded completely before anything is applied, so a malformed frame is refused
//!   with the room unchanged (the one exception is yrs refusing an update half-way through
//!   integration; see [`RoomError::Apply`]). Decoding checks what yrs takes on trust from the
//!   wire: client ids wider than 53 bits (which panic or alias in yrs), clocks past 32 bits
//!   (which overflow) and entry counts larger than the bytes can hold are refused before yrs
//!   acts on them (framing here, updates through `samrad_domain::wire`).
//! - A document change is reported in [`Effects::to_store`] in the same call that relays it; the
//!   caller persists it before sending anything, so nobody ever sees an unstored change.
//! - Each connection owns the awareness (presence) client ids it announced; leaving removes
//!   them, and everybody else is told.
//! - Every yrs client id belongs to one participant. A connection's first use of a fresh client
//!   id binds it to the connection's participant ([`Effects::bind`], stored with the update);
//!   an update or presence under somebody else's client id is refused.
//! - Every update is judged by [`Agreement::apply_as`] before it counts: the participant, role,
//!   phase and deadline decide. A refused update leaves the document suspect, so the caller
//!   reloads it from the store with [`Room::reload`]; it is never stored or relayed.
//! - Presence identity comes from the session, not the client: name, organisation and role in
//!   a presence state are overwritten with the connection's participant.

use samrad_domain::wire::{checked_client, decode_update};
use samrad_domain::{Agreement, Applied, Participant, Refusal};
use std::collections::{HashMap, HashSet};
use thiserror::Error;
use yrs::block::ClientID;
use yrs::encoding::read::{Cursor, Error as ReadError, Read};
use yrs::sync::protocol::{
    MSG_AWARENESS, MSG_QUERY_AWARENESS, MSG_SYNC, MSG_SYNC_STEP_1, MSG_SYNC_STEP_2, MSG_SYNC_UPDATE,
};
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
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
    /// Client ids newly bound to the sender's participant, to store with `to_store`.
    pub bind: Vec<(u64, String)>,
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
    /// The update breaks a rule; the caller must reload the room and close the connection.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// Storing the update would take the agreement past its size quota.
    #[error("the agreement has reached its size limit of {0} bytes")]
    Quota(u64),
}

/// A decoded client message other than a document update, ready to act on.
enum Step {
    Step1(StateVector),
    Presence(AwarenessUpdate),
    Query,
}

/// A frame, decoded: its document updates (SyncStep2 or Update, v1 bytes) and its other
/// messages.
struct Decoded {
    updates: Vec<Vec<u8>>,
    steps: Vec<Step>,
}

/// A connection: who it is, and the awareness client ids it has announced.
#[derive(Debug)]
struct Conn {
    writer: Participant,
    presence: HashSet<ClientID>,
}

/// Default size quota of one agreement's stored log.
pub const DEFAULT_QUOTA: u64 = 256 * 1024 * 1024;

/// An agreement's document plus everyone's presence, and who is connected.
pub struct Room {
    agreement: Agreement,
    awareness: Awareness,
    conns: HashMap<ConnId, Conn>,
    /// Client id → the participant it belongs to.
    bindings: HashMap<u64, String>,
    /// Bytes in the stored log, against `quota`.
    stored_bytes: u64,
    quota: u64,
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
        for update in updates {
            stored_bytes += update.as_ref().len() as u64;
            agreement
                .apply_update(update.as_ref())
                .map_err(|e| RoomError::Load(e.to_string()))?;
        }
        Ok(Room {
            awareness: Awareness::new(agreement.doc().clone()),
            agreement,
            conns: HashMap::new(),
            bindings,
            stored_bytes,
            quota: DEFAULT_QUOTA,
        })
    }

    /// Sets the size quota of the stored log.
    pub fn with_quota(mut self, quota: u64) -> Room {
        self.quota = quota;
        self
    }

    /// The same room with its document rebuilt from `updates` (after a refused update), keeping
    /// its connections, bindings and presence.
    pub fn reload<I, B>(self, updates: I) -> Result<Room, RoomError>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let mut fresh = Room::load(updates, self.bindings)?.with_quota(self.quota);
        if let Ok(presence) = self.awareness.update() {
            let _ = fresh.awareness.apply_update(presence);
        }
        fresh.conns = self.conns;
        Ok(fresh)
    }

    /// The agreement, read-only (tests and diagnostics).
    pub fn agreement(&self) -> &Agreement {
        &self.agreement
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

    /// Registers `participant` in the document if it does not name them yet (someone invited
    /// from the app, connecting for the first time), so colleagues can see and @mention them.
    /// Returns the update, written as the server, to store and then relay to everyone; `None`
    /// when they are registered already with the same name, organisation and role.
    pub fn admit(&mut self, participant: &Participant) -> Option<Vec<u8>> {
        let known = self
            .agreement
            .participants()
            .into_iter()
            .any(|p| p == *participant);
        if known {
            return None;
        }
        let before = self.awareness.doc().transact().state_vector();
        self.agreement.register_participant(participant);
        let update = self
            .awareness
            .doc()
            .transact()
            .encode_state_as_update_v1(&before);
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
    ) -> (Result<T, E>, Option<Vec<u8>>) {
        // Every transaction's own update, deletions included (a state vector misses those).
        let written: std::rc::Rc<std::cell::RefCell<Vec<Vec<u8>>>> = Default::default();
        let sink = written.clone();
        let observed = self
            .agreement
            .on_update("server-write", move |u| sink.borrow_mut().push(u.to_vec()));
        let before = self.awareness.doc().transact().state_vector();
        let result = write(&self.agreement);
        if observed.is_ok() {
            self.agreement.off_update("server-write");
        }
        // Without the observer's record: everything new since, with the whole delete set —
        // larger, equally valid.
        let since = || {
            Some(
                self.awareness
                    .doc()
                    .transact()
                    .encode_state_as_update_v1(&before),
            )
        };
        let updates = written.take();
        let update = match updates.len() {
            _ if observed.is_err() => since(),
            0 => None,
            1 => updates.into_iter().next(),
            _ => yrs::merge_updates_v1(&updates).ok().or_else(since),
        };
        if let Some(u) = &update {
            self.stored_bytes += u.len() as u64;
        }
        (result, update)
    }

    /// The frame relaying a server-written update (see [`Room::admit`]) to every connection.
    pub fn update_frame(update: &[u8]) -> Vec<u8> {
        Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1()
    }

    /// Adds a connection; returns what to send it: our state vector (SyncStep1), so it answers
    /// with what we lack, and everybody's presence.
    pub fn join(&mut self, conn: ConnId, writer: Participant) -> Vec<(Target, Vec<u8>)> {
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
        out
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
        let Decoded { updates, steps } = decode(frame)?;
        let mut effects = Effects::default();

        // All document updates of the frame as one: one verdict, one stored row, one relay.
        if !updates.is_empty() {
            let update = if updates.len() == 1 {
                updates.into_iter().next().unwrap_or_default()
            } else {
                yrs::merge_updates_v1(&updates).map_err(|e| RoomError::Decode(e.to_string()))?
            };
            if self.stored_bytes + update.len() as u64 > self.quota {
                return Err(RoomError::Quota(self.quota));
            }
            if let Some(bound) = self.apply_as(&writer, &update, now_ms)? {
                let relay = Message::Sync(SyncMessage::Update(update.clone())).encode_v1();
                self.stored_bytes += update.len() as u64;
                effects.bind = bound;
                effects.to_store = Some(update);
                effects.to_send.push((Target::AllBut(conn), relay));
                // Tells the sender what the server now holds, so it can say "saved". A client
                // that lacks nothing need not answer (Samråd's does not).
                let sv = self.awareness.doc().transact().state_vector();
                effects.to_send.push((
                    Target::Only(conn),
                    Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1(),
                ));
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
                    let update = self.own_presence(&writer, update, &mut effects.bind);
                    if update.clients.is_empty() {
                        continue;
                    }
                    if let Some(c) = self.conns.get_mut(&conn) {
                        for (id, entry) in &update.clients {
                            if entry.json.as_ref() == "null" {
                                c.presence.remove(id);
                            } else {
                                c.presence.insert(*id);
                            }
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

    /// Judges and applies one update from `writer`. Returns the client ids it newly binds to
    /// the writer if it changed the document, `None` if it changed nothing.
    fn apply_as(
        &mut self,
        writer: &Participant,
        update: &[u8],
        now_ms: f64,
    ) -> Result<Option<Vec<(u64, String)>>, RoomError> {
        let decoded = Update::decode_v1(update).map_err(|e| RoomError::Decode(e.to_string()))?;
        let known = self.awareness.doc().transact().state_vector();
        let mut fresh = Vec::new();
        for (client, clock) in written_upto(&decoded).iter() {
            let id = client.get();
            if *clock <= known.get(client) {
                continue; // already known: changes nothing, proves nothing
            }
            match self.bindings.get(&id) {
                Some(owner) if *owner == writer.id => {}
                // Somebody else's, or written before bindings existed (the seeded demo).
                Some(_) => return Err(RoomError::Refused(Refusal::ForeignClient(id))),
                None if known.get(client) > 0 => {
                    return Err(RoomError::Refused(Refusal::ForeignClient(id)))
                }
                None => fresh.push(id),
            }
        }
        let bindings = &self.bindings;
        let verdict = self.agreement.apply_as(writer, now_ms, update, |c| {
            fresh.contains(&c) || bindings.get(&c).is_some_and(|p| *p == writer.id)
        });
        match verdict {
            Ok(Applied::Changed) => {
                let bound: Vec<(u64, String)> =
                    fresh.into_iter().map(|c| (c, writer.id.clone())).collect();
                for (c, p) in &bound {
                    self.bindings.insert(*c, p.clone());
                }
                Ok(Some(bound))
            }
            Ok(Applied::Unchanged) => Ok(None),
            Err(refusal) => Err(RoomError::Refused(refusal)),
        }
    }

    /// Keeps only presence entries under the writer's own client ids (binding fresh ones) and
    /// stamps each with the writer's identity from the session.
    fn own_presence(
        &mut self,
        writer: &Participant,
        update: AwarenessUpdate,
        bind: &mut Vec<(u64, String)>,
    ) -> AwarenessUpdate {
        let known = self.awareness.doc().transact().state_vector();
        let mut clients = HashMap::new();
        for (id, mut entry) in update.clients {
            match self.bindings.get(&id.get()) {
                Some(owner) if *owner == writer.id => {}
                Some(_) => continue,
                None if known.get(&id) > 0 => continue,
                None => {
                    self.bindings.insert(id.get(), writer.id.clone());
                    bind.push((id.get(), writer.id.clone()));
                }
            }
            if entry.json.as_ref() != "null" {
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

/// The clock each client's blocks in `update` reach. Not `Update::state_vector`, which counts
/// only clients whose blocks start at clock 0: every later update of a client would then seem
/// to write under nobody's id, and the ownership check would pass it unseen.
fn written_upto(update: &Update) -> StateVector {
    let mut upto = StateVector::default();
    for (client, ranges) in update.insertions(true).iter() {
        if let Some(end) = ranges.iter().map(|r| r.end).max() {
            upto.set_max(*client, end);
        }
    }
    upto
}

/// Decodes every message of a frame, refusing the whole frame if any part is bad. The
/// y-websocket framing is read here rather than by yrs' `MessageReader` (which takes running
/// out of bytes for the end), so a cut-off message is refused and every client id is checked
/// before yrs sees it.
fn decode(frame: &[u8]) -> Result<Decoded, RoomError> {
    let mut cursor = Cursor::new(frame);
    let mut updates = Vec::new();
    let mut steps = Vec::new();
    while cursor.has_content() {
        let tag: u8 = cursor.read_var().map_err(wire)?;
        match tag {
            MSG_SYNC => {
                let kind: u8 = cursor.read_var().map_err(wire)?;
                if !matches!(kind, MSG_SYNC_STEP_1 | MSG_SYNC_STEP_2 | MSG_SYNC_UPDATE) {
                    return Err(RoomError::Decode(format!("unknown sync message {kind}")));
                }
                let body = cursor.read_buf().map_err(wire)?;
                if kind == MSG_SYNC_STEP_1 {
                    check_entries(body, 2, |c| {
                        let _clock: u32 = c.read_var()?;
                        Ok(())
                    })?;
                    steps.push(Step::Step1(StateVector::decode_v1(body).map_err(wire)?));
                } else {
                    // Decoded here too, so a malformed update refuses the frame before anything.
                    decode_update(body).map_err(wire)?;
                    updates.push(body.to_vec());
                }
            }
            MSG_AWARENESS => {
                let body = cursor.read_buf().map_err(wire)?;
                check_entries(body, 3, |c| {
                    let _clock: u32 = c.read_var()?;
                    c.read_string().map(|_| ())
                })?;
                let update = AwarenessUpdate::decode_v1(body).map_err(wire)?;
                steps.push(Step::Presence(update));
            }
            MSG_QUERY_AWARENESS => steps.push(Step::Query),
            // Auth and custom messages.
            tag => return Err(RoomError::Unsupported(tag)),
        }
    }
    if updates.is_empty() && steps.is_empty() {
        return Err(RoomError::Empty);
    }
    Ok(Decoded { updates, steps })
}

/// A read error as a refusal: running out of bytes means the frame was cut off.
fn wire(e: ReadError) -> RoomError {
    match e {
        ReadError::EndOfBuffer(_) => RoomError::Truncated,
        e => RoomError::Decode(e.to_string()),
    }
}

/// Checks a state vector or awareness update as yrs will read it: a count, then entries that
/// each start with a client id, the rest read by `rest`. The count must fit the bytes (each
/// entry takes at least `min_entry`), so yrs never reserves room for a count the frame cannot
/// hold.
fn check_entries(
    body: &[u8],
    min_entry: u64,
    rest: impl Fn(&mut Cursor<'_>) -> Result<(), ReadError>,
) -> Result<(), RoomError> {
    let mut cursor = Cursor::new(body);
    let count: u64 = cursor.read_var().map_err(wire)?;
    if count.saturating_mul(min_entry) > body.len() as u64 {
        return Err(RoomError::Decode(format!(
            "{count} entries cannot fit in {} bytes",
            body.len()
        )));
    }
    for _ in 0..count {
        checked_client(cursor.read_var().map_err(wire)?).map_err(wire)?;
        rest(&mut cursor).map_err(wire)?;
    }
    Ok(())
}
