//! Tabs of one person sharing one agreement on one device, sans I/O: messages in, effects out.
//! The app's edge (`live/tabs.rs`) carries the messages over a BroadcastChannel and elects the
//! tab that writes the device copy with a Web Lock; it only does what this decides.
//!
//! Each tab is its own replica under its own client id (two live replicas never share one).
//! What one tab writes reaches the others at once as it commits — also offline, when the
//! server cannot relay it — and a tab that opens asks the open ones for what it lacks. A
//! relayed change is not sent to the server by the tab that receives it: its writer sends it,
//! and if the writer closes before the network returns, the others' next SyncStep2 carries it
//! (the server stores each block once).
//!
//! One tab at a time writes the device copy — the one holding the lock — so two tabs never
//! store records under the same keys or overwrite each other's acknowledgements. It keeps the
//! other tabs' changes at once, as they arrive, and tells them the acknowledgements it keeps.
//! When it closes, the lock passes to another tab, which first loads whatever the copy holds
//! that it lacks ([`DeviceCopy::take_over`]).

use crate::device::{Acks, DeviceCopy};
use crate::{Agreement, DomainError};
use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact};

const CHANGE: u8 = 0;
const HELLO: u8 = 1;
const CATCH_UP: u8 = 2;
const ACKS: u8 = 3;

/// A message between tabs.
#[derive(Debug, Clone, PartialEq)]
pub enum TabMessage {
    /// A change the sending tab made, as it committed.
    Change(Vec<u8>),
    /// A tab opened, holding this state vector: the others answer with what it lacks.
    Hello(Vec<u8>),
    /// What the tab that said hello lacked.
    CatchUp(Vec<u8>),
    /// The device copy's acknowledgements, from the tab that writes it.
    Acks(Acks),
}

impl TabMessage {
    /// The message as bytes: a tag, then its payload.
    pub fn encode(&self) -> Vec<u8> {
        let (tag, payload) = match self {
            TabMessage::Change(u) => (CHANGE, u.clone()),
            TabMessage::Hello(sv) => (HELLO, sv.clone()),
            TabMessage::CatchUp(u) => (CATCH_UP, u.clone()),
            TabMessage::Acks(acks) => (ACKS, serde_json::to_vec(acks).unwrap_or_default()),
        };
        let mut bytes = Vec::with_capacity(payload.len() + 1);
        bytes.push(tag);
        bytes.extend(payload);
        bytes
    }

    /// Reads a message; one of another format (a tab of another version) is an error.
    pub fn decode(bytes: &[u8]) -> Result<TabMessage, DomainError> {
        let bad = |what: &str| DomainError::Decode(format!("tab message: {what}"));
        let (&tag, payload) = bytes.split_first().ok_or_else(|| bad("empty"))?;
        let payload = payload.to_vec();
        match tag {
            CHANGE => Ok(TabMessage::Change(payload)),
            HELLO => Ok(TabMessage::Hello(payload)),
            CATCH_UP => Ok(TabMessage::CatchUp(payload)),
            ACKS => crate::json::from_bytes(&payload)
                .map(TabMessage::Acks)
                .map_err(|e| bad(&e.to_string())),
            _ => Err(bad("unknown kind")),
        }
    }
}

/// What the edge must do.
#[derive(Debug, Clone, PartialEq)]
pub enum TabEffect {
    /// Post these bytes to the other tabs.
    Post(Vec<u8>),
    /// Apply this update to the replica as a change from elsewhere: shown, kept by the writing
    /// tab, not sent to the server by this tab.
    Apply(Vec<u8>),
    /// Show these acknowledgements (this tab does not write the copy).
    Acks(Acks),
}

/// One tab's part in the exchange.
#[derive(Debug, Default)]
pub struct Tabs {
    writer: bool,
}

impl Tabs {
    /// A tab that does not (yet) write the device copy.
    pub fn new() -> Self {
        Tabs::default()
    }

    /// Whether this tab writes the device copy.
    pub fn writes(&self) -> bool {
        self.writer
    }

    /// This tab now holds the lock: it writes the device copy from now on.
    pub fn became_writer(&mut self) {
        self.writer = true;
    }

    /// A tab opened with `agreement` loaded: it asks the others for what it lacks.
    pub fn opened(&self, agreement: &Agreement) -> TabEffect {
        let sv = agreement.state_vector();
        TabEffect::Post(TabMessage::Hello(sv).encode())
    }

    /// This tab's own change, as it commits: the others get it at once.
    pub fn own_change(&self, update: &[u8]) -> TabEffect {
        TabEffect::Post(TabMessage::Change(update.to_vec()).encode())
    }

    /// The writing tab's acknowledgements changed: the others show them too.
    pub fn acks(&self, acks: &Acks) -> Option<TabEffect> {
        self.writer
            .then(|| TabEffect::Post(TabMessage::Acks(acks.clone()).encode()))
    }

    /// A message from another tab. `copy` is this tab's device copy, if it keeps one: the
    /// writing tab keeps the other tabs' changes in it at once, and says what it now waits for.
    pub fn receive(
        &self,
        agreement: &Agreement,
        copy: Option<&mut DeviceCopy>,
        bytes: &[u8],
    ) -> Result<(Vec<TabEffect>, Vec<crate::device::Write>), DomainError> {
        let mut effects = Vec::new();
        let mut writes = Vec::new();
        match TabMessage::decode(bytes)? {
            TabMessage::Change(update) => {
                if let (true, Some(copy)) = (self.writer, copy) {
                    writes = copy.other_tab_change(&update);
                    effects.push(TabEffect::Post(
                        TabMessage::Acks(copy.acks().clone()).encode(),
                    ));
                }
                effects.insert(0, TabEffect::Apply(update));
            }
            TabMessage::CatchUp(update) => effects.push(TabEffect::Apply(update)),
            TabMessage::Hello(sv) => {
                let sv =
                    StateVector::decode_v1(&sv).map_err(|e| DomainError::Decode(e.to_string()))?;
                let txn = agreement.doc().transact();
                let ours = txn.state_vector();
                if ours.iter().any(|(client, clock)| *clock > sv.get(client)) {
                    let diff = txn.encode_state_as_update_v1(&sv);
                    effects.push(TabEffect::Post(TabMessage::CatchUp(diff).encode()));
                }
                // A tab that opened after the writer's last word learns the acknowledgements.
                if let (true, Some(copy)) = (self.writer, copy) {
                    effects.push(TabEffect::Post(
                        TabMessage::Acks(copy.acks().clone()).encode(),
                    ));
                }
            }
            TabMessage::Acks(acks) if !self.writer => effects.push(TabEffect::Acks(acks)),
            TabMessage::Acks(_) => {}
        }
        Ok((effects, writes))
    }
}

#[cfg(test)]
mod tests;
