//! Presence relayed in small batches: each connection gets one frame per tick with everything
//! the others' presence did since the last, instead of one frame per change; and presence
//! frames come in the same way, taken by the room at its tick instead of waking it one by one.
//!
//! Ten people in an agreement, each announcing where they are ten times a second, make every
//! connection receive ninety presence frames a second: one system call each on the server, one
//! message each for the client. Presence is a last-writer-wins map (per client id, the highest
//! clock wins), so the changes of one short tick merge into one awareness update losslessly
//! for the reader: each client id's newest state, removals included. Presence is never stored,
//! so a batch waits for nothing but its tick.
//!
//! On the way in, the same hundred frames a second would wake the room's thread a hundred
//! times (a thread switch each, on a server with a thread per agreement). They wait in the
//! room's [`Inbox`] instead: the first frame after a quiet spell nudges the room, which sets the
//! next tick, and at the tick the room judges every frame waiting (each through the room as any
//! frame) and sends the batch; while frames keep coming the room keeps ticking without being
//! nudged again. Only presence-looking frames (an awareness message first) take
//! this way; the room decodes and judges them in full like every other frame.
//!
//! A connection never gets its own presence back (as with one relay per change): the batch's
//! frame is shared by everyone who sent nothing in it, and each sender gets its own without
//! its entries.

use super::ConnId;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use tokio::sync::Notify;
use yrs::block::ClientID;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

/// Presence frames waiting in an [`Inbox`] before a sender is made to wait its turn in the
/// room's command queue (bounded like it, so a flood meets backpressure).
const INBOX_FRAMES: usize = 4096;

/// Presence frames on their way to a room, taken at its next tick.
#[derive(Debug, Default)]
pub(crate) struct Inbox {
    waiting: Mutex<Waiting>,
    /// Wakes the room to set its tick when the first frame after a tick arrives.
    nudge: Notify,
}

#[derive(Debug, Default)]
struct Waiting {
    frames: Vec<(ConnId, Bytes)>,
    /// Whether the room has been nudged since it last took the frames.
    nudged: bool,
}

impl Inbox {
    fn lock(&self) -> MutexGuard<'_, Waiting> {
        // Every change to the queue is a single step: consistent whoever panicked.
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `frame` goes this way: it starts with a presence message.
    pub(crate) fn takes(frame: &[u8]) -> bool {
        frame.first() == Some(&yrs::sync::protocol::MSG_AWARENESS)
    }

    /// Queues `from`'s frame for the room's next tick; gives it back when the inbox is full
    /// (the caller then queues it as a command, and waits for room there).
    pub(crate) fn put(&self, from: ConnId, frame: Bytes) -> Result<(), Bytes> {
        let mut waiting = self.lock();
        if waiting.frames.len() >= INBOX_FRAMES {
            return Err(frame);
        }
        waiting.frames.push((from, frame));
        if !std::mem::replace(&mut waiting.nudged, true) {
            drop(waiting);
            self.nudge.notify_one();
        }
        Ok(())
    }

    /// Takes every waiting frame, in arrival order. A room that took some ticks again (it sets
    /// its next tick at once), so frames arriving meanwhile wait for that tick without waking
    /// it; only after a tick that found nothing does the next frame nudge the room. Under steady
    /// presence a room thus wakes once a tick instead of twice (a nudge, then the tick).
    pub(super) fn take(&self) -> Vec<(ConnId, Bytes)> {
        let mut waiting = self.lock();
        let frames = std::mem::take(&mut waiting.frames);
        waiting.nudged = !frames.is_empty();
        frames
    }

    /// Resolves when a frame has arrived since the room last took them (a nudge given while
    /// nobody waited is kept for the next wait).
    pub(super) async fn nudged(&self) {
        self.nudge.notified().await;
    }
}

/// The presence changes of one tick: per client id, the newest entry and the connection it
/// came from.
#[derive(Debug, Default)]
pub(super) struct Batch {
    entries: HashMap<ClientID, (AwarenessUpdateEntry, ConnId)>,
}

impl Batch {
    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds the presence frame `frame` (as the room relays it) that `from` sent; `false` if it
    /// is not a presence frame, which the caller then sends as it is.
    pub(super) fn add(&mut self, from: ConnId, frame: &[u8]) -> bool {
        let Ok(Message::Awareness(update)) = Message::decode_v1(frame) else {
            return false;
        };
        for (id, entry) in update.clients {
            match self.entries.get(&id) {
                Some((newer, _)) if newer.clock > entry.clock => {}
                _ => {
                    self.entries.insert(id, (entry, from));
                }
            }
        }
        true
    }

    /// The frames for `conns` (everyone in the room): one shared by those who sent nothing in
    /// this batch, one for each sender without its own entries. Empties the batch.
    pub(super) fn frames(&mut self, conns: impl Iterator<Item = ConnId>) -> Vec<(ConnId, Frame)> {
        let entries = std::mem::take(&mut self.entries);
        let mut senders: Vec<ConnId> = entries.values().map(|(_, from)| *from).collect();
        senders.sort();
        senders.dedup();
        let all = frame(&entries, None);
        conns
            .filter_map(|conn| {
                let frame = if senders.binary_search(&conn).is_ok() {
                    frame(&entries, Some(conn))?
                } else {
                    all.clone()?
                };
                Some((conn, frame))
            })
            .collect()
    }
}

/// An encoded frame, shared between recipients.
pub(super) type Frame = axum::body::Bytes;

/// The awareness frame of `entries`, leaving out those `but` sent; `None` if nothing is left.
fn frame(
    entries: &HashMap<ClientID, (AwarenessUpdateEntry, ConnId)>,
    but: Option<ConnId>,
) -> Option<Frame> {
    let clients: HashMap<ClientID, AwarenessUpdateEntry> = entries
        .iter()
        .filter(|(_, (_, from))| Some(*from) != but)
        .map(|(id, (entry, _))| (*id, entry.clone()))
        .collect();
    if clients.is_empty() {
        return None;
    }
    Some(
        Message::Awareness(AwarenessUpdate { clients })
            .encode_v1()
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presence(entries: &[(u64, u32, &str)]) -> Vec<u8> {
        let clients = entries
            .iter()
            .map(|(id, clock, json)| {
                let entry = AwarenessUpdateEntry {
                    clock: *clock,
                    json: (*json).into(),
                };
                (ClientID::new(*id), entry)
            })
            .collect();
        Message::Awareness(AwarenessUpdate { clients }).encode_v1()
    }

    /// What `frame` says, per client id: (clock, json).
    fn read(frame: &[u8]) -> Vec<(u64, u32, String)> {
        let Ok(Message::Awareness(update)) = Message::decode_v1(frame) else {
            panic!("not presence: {frame:?}");
        };
        let mut out: Vec<_> = update
            .clients
            .into_iter()
            .map(|(id, e)| (id.get(), e.clock, e.json.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_tick_sends_each_client_ids_newest_state_once_and_nobody_their_own() {
        let (a, b, watcher) = (ConnId(1), ConnId(2), ConnId(3));
        let mut batch = Batch::default();
        assert!(batch.add(a, &presence(&[(10, 1, r#"{"at":1}"#)])));
        assert!(batch.add(b, &presence(&[(20, 4, r#"{"at":"b"}"#)])));
        assert!(batch.add(a, &presence(&[(10, 2, r#"{"at":2}"#)])));
        // A late, older clock does not replace the newer state; a removal is kept like any.
        assert!(batch.add(a, &presence(&[(10, 1, r#"{"at":1}"#)])));
        assert!(batch.add(b, &presence(&[(21, 7, "null")])));
        assert!(!batch.add(a, &[0, 2, 0]), "an update is not presence");

        let frames: HashMap<ConnId, Frame> = batch
            .frames([a, b, watcher].into_iter())
            .into_iter()
            .collect();
        assert!(batch.is_empty());
        assert_eq!(
            read(&frames[&watcher]),
            [
                (10, 2, r#"{"at":2}"#.into()),
                (20, 4, r#"{"at":"b"}"#.into()),
                (21, 7, "null".into())
            ]
        );
        assert_eq!(
            read(&frames[&a]),
            [(20, 4, r#"{"at":"b"}"#.into()), (21, 7, "null".into())]
        );
        assert_eq!(read(&frames[&b]), [(10, 2, r#"{"at":2}"#.into())]);
    }

    #[test]
    fn a_room_that_keeps_ticking_is_nudged_again_only_after_a_tick_that_found_nothing() {
        use futures_util::FutureExt;
        let inbox = Inbox::default();
        let frame = || Bytes::from(presence(&[(10, 1, "{}")]));
        assert!(inbox.put(ConnId(1), frame()).is_ok());
        assert!(
            inbox.nudged().now_or_never().is_some(),
            "the first frame nudges"
        );
        assert_eq!(inbox.take().len(), 1);
        // The room took a frame and so ticks again: a frame now waits for that tick.
        assert!(inbox.put(ConnId(1), frame()).is_ok());
        assert!(
            inbox.nudged().now_or_never().is_none(),
            "no nudge while ticking"
        );
        assert_eq!(inbox.take().len(), 1);
        assert!(inbox.take().is_empty(), "a tick that finds nothing");
        assert!(inbox.put(ConnId(1), frame()).is_ok());
        assert!(
            inbox.nudged().now_or_never().is_some(),
            "nudged after a quiet tick"
        );
    }

    #[test]
    fn a_sole_sender_gets_nothing_back() {
        let mut batch = Batch::default();
        batch.add(ConnId(1), &presence(&[(10, 1, "{}")]));
        let frames = batch.frames([ConnId(1), ConnId(2)].into_iter());
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].0, ConnId(2));
    }
}
