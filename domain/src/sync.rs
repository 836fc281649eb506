//! The client side of the standard y-websocket protocol, sans I/O: bytes in, frames out. The
//! app's websocket code and the server's tests only move the frames this produces.
//!
//! Flow (as in y-protocols): on connect the client sends SyncStep1 (its state vector) and its
//! presence; the server answers SyncStep2 (what the client lacks) and its own SyncStep1, which
//! the client answers with SyncStep2. After that both sides send `Update` frames as they happen.

use crate::{Agreement, DomainError};
use yrs::sync::{Awareness, DefaultProtocol, Message, Protocol, SyncMessage};
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};
use yrs::{ReadTxn, Transact};

/// A client connection's protocol state: the agreement plus presence.
pub struct SyncClient {
    awareness: Awareness,
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
        let replies = DefaultProtocol
            .handle(&mut self.awareness, frame)
            .map_err(|e| DomainError::Decode(e.to_string()))?;
        Ok(replies.into_iter().map(|m| m.encode_v1()).collect())
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
