//! The client side of the standard y-websocket protocol, sans I/O: bytes in, frames out. The
//! app's websocket code and the server's tests only move the frames this produces.
//!
//! Flow (as in y-protocols): on connect the client sends SyncStep1 (its state vector) and its
//! presence; the server answers SyncStep2 (what the client lacks) and its own SyncStep1, which
//! the client answers with SyncStep2. After that both sides send `Update` frames as they happen.
//!
//! Samråd's server also sends a SyncStep1 after it has stored a client's update: its state
//! vector then tells the client which of its own changes are safe on disk ("saved"). When the
//! server lacks nothing, this client does not answer it (a plain Yjs client would answer with
//! an empty SyncStep2, which is harmless).
//!
//! The server also tells a participant about their inbox in a message of its own type
//! ([`INBOX_MESSAGE`]); those are kept for [`SyncClient::take_inbox`].

mod portions;

pub use portions::NEW_CLIENTS_PER_FRAME;

use crate::{Agreement, DomainError, InboxMessage, INBOX_MESSAGE};
use yrs::encoding::read::Cursor;
use yrs::sync::{Awareness, DefaultProtocol, Message, MessageReader, Protocol, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::decoder::DecoderV1;
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};
use yrs::{ReadTxn, StateVector, Transact, Update};

/// A client connection's protocol state: the agreement plus presence.
pub struct SyncClient {
    awareness: Awareness,
    /// The server's state vector as last heard.
    server: Option<StateVector>,
    /// Local changes made since the server last confirmed storing all of ours.
    pending: usize,
    /// Whether the server's SyncStep2 — everything it had that we lacked — has arrived.
    synced: bool,
    /// Inbox messages the server sent, not yet taken.
    inbox: Vec<InboxMessage>,
    /// The person's replicas on this device in the order they wrote (see [`SyncClient::set_order`]).
    order: Vec<u64>,
}

impl std::fmt::Debug for SyncClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncClient")
            .field("client_id", &self.awareness.client_id())
            .finish()
    }
}

impl SyncClient {
    /// A protocol client over `agreement`. `clock` gives milliseconds since the epoch (the
    /// browser passes `Date.now`, native code the system clock).
    pub fn new(agreement: &Agreement, clock: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        SyncClient {
            awareness: Awareness::with_clock(agreement.doc().clone(), clock),
            server: None,
            pending: 0,
            synced: false,
            inbox: Vec::new(),
            order: Vec::new(),
        }
    }

    /// The frame to send first on every (re)connection: SyncStep1 with our state vector, and
    /// our presence if it is set.
    pub fn hello(&self) -> Vec<u8> {
        let mut encoder = EncoderV1::new();
        let sv = self.awareness.doc().transact().state_vector();
        Message::Sync(SyncMessage::SyncStep1(sv)).encode(&mut encoder);
        if self.awareness.local_state_raw().is_some() {
            if let Ok(update) = self.awareness.update() {
                Message::Awareness(update).encode(&mut encoder);
            }
        }
        encoder.to_vec()
    }

    /// Handles one frame from the server; returns the frames to send back.
    pub fn receive(&mut self, frame: &[u8]) -> Result<Vec<Vec<u8>>, DomainError> {
        let mut decoder = DecoderV1::new(Cursor::new(frame));
        let mut replies = Vec::new();
        for message in MessageReader::new(&mut decoder) {
            let message = message.map_err(|e| DomainError::Decode(e.to_string()))?;
            if let Message::Sync(SyncMessage::SyncStep1(server)) = message {
                // Unsent writing of many earlier page loads goes in several frames (portions.rs).
                let lacking = {
                    let txn = self.awareness.doc().transact();
                    portions::lacking(&txn, &server, &self.order)
                };
                for diff in lacking {
                    replies.push(Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1());
                }
                self.server = Some(server);
                if self.saved() {
                    self.pending = 0;
                }
                continue;
            }
            if let Message::Custom(INBOX_MESSAGE, body) = &message {
                // A message this version cannot read is skipped: the list endpoint has it all.
                self.inbox.extend(InboxMessage::read(body));
                continue;
            }
            if let Message::Sync(SyncMessage::Update(update)) = &message {
                self.relayed(update);
            }
            let step2 = matches!(message, Message::Sync(SyncMessage::SyncStep2(_)));
            if let Some(reply) = DefaultProtocol
                .handle_message(&mut self.awareness, message)
                .map_err(|e| DomainError::Decode(e.to_string()))?
            {
                replies.push(reply.encode_v1());
            }
            self.synced |= step2;
        }
        Ok(replies)
    }

    /// The server relays an update only once it has stored it, so an update it relays moves
    /// its clock for the writers in it — another tab of this person among them, whose changes
    /// this replica's device copy keeps waiting until the server holds them.
    fn relayed(&mut self, update: &[u8]) {
        let (Some(server), Ok(update)) = (self.server.as_mut(), Update::decode_v1(update)) else {
            return;
        };
        for (client, ranges) in update.insertions(true).iter() {
            let start = ranges.iter().map(|r| r.start).min().unwrap_or(0);
            let end = ranges.iter().map(|r| r.end).max().unwrap_or(0);
            // Only a run that continues what the server is known to hold says where it ends.
            if start <= server.get(client) {
                server.set_max(*client, end);
            }
        }
    }

    /// The inbox messages received since last asked, oldest first.
    pub fn take_inbox(&mut self) -> Vec<InboxMessage> {
        std::mem::take(&mut self.inbox)
    }

    /// Whether the replica holds everything the server had when this connection began (its
    /// SyncStep2 has been applied). A replica loaded afresh is complete only from then on.
    pub fn synced(&self) -> bool {
        self.synced
    }

    /// The person's replicas on this device (client ids) in the order they first wrote: when
    /// the server lacks the writing of more of them than one frame may bring, the earliest
    /// writers' go first, so a later page load's reply finds the remark it answers.
    pub fn set_order(&mut self, clients: Vec<u64>) {
        self.order = clients;
    }

    /// Counts a local change the server has yet to confirm (call as it is sent or queued).
    pub fn note_local_change(&mut self) {
        self.pending += 1;
    }

    /// Local changes not yet confirmed as stored by the server.
    pub fn pending(&self) -> usize {
        if self.saved() {
            0
        } else {
            self.pending.max(1)
        }
    }

    /// Whether the server has confirmed storing every change this replica made.
    pub fn saved(&self) -> bool {
        let doc = self.awareness.doc();
        let own = doc.client_id();
        let ours = doc.transact().state_vector().get(&own);
        ours == 0 || self.server.as_ref().is_some_and(|sv| sv.get(&own) >= ours)
    }

    /// How far the server has confirmed storing this replica's changes: its clock for our
    /// client id (0 before it has told us). A change made at a clock below it is stored.
    pub fn stored_clock(&self) -> u32 {
        let own = self.awareness.doc().client_id();
        self.server.as_ref().map_or(0, |sv| sv.get(&own))
    }

    /// The server's clock for `client` as last heard (0 before it has told us): changes made
    /// as `client` below it are stored. The device copy asks this for the person's earlier
    /// replicas whose changes a later page sends.
    pub fn server_clock(&self, client: u64) -> u32 {
        self.server
            .as_ref()
            .map_or(0, |sv| sv.get(&yrs::block::ClientID::new(client)))
    }

    /// Wraps a local document update (from [`Agreement::on_update`]) as a frame.
    pub fn update_frame(update: &[u8]) -> Vec<u8> {
        Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1()
    }

    /// Sets our presence (a JSON object) and returns the awareness frame announcing it.
    pub fn set_presence(&mut self, json: &str) -> Result<Vec<u8>, DomainError> {
        self.awareness.set_local_state_raw(json);
        self.awareness
            .update()
            .map(|u| Message::Awareness(u).encode_v1())
            .map_err(|e| DomainError::Decode(e.to_string()))
    }

    /// Everybody's presence as last heard, ours included: (client id, JSON).
    pub fn presence(&self) -> Vec<(u64, String)> {
        self.awareness
            .iter()
            .filter_map(|(id, state)| state.data.map(|d| (id.get(), d.to_string())))
            .collect()
    }
}
