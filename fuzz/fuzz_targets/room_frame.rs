//! Arbitrary bytes as y-websocket frames into the demo agreement's room, handled as the room
//! thread handles them. Two connections (the header byte's low and high nibble pick their
//! demo participants) send the frames in turn. Checked on every frame:
//! - nothing panics;
//! - a frame refused before anything is applied (undecodable, truncated, empty, unsupported)
//!   leaves the document exactly as it was;
//! - whatever the room accepts is reported for storage, so the stored log alone rebuilds the
//!   room's document, also after refusals and the reloads they cause.

#![no_main]

use libfuzzer_sys::fuzz_target;
use samrad_fuzz::{participant, seed_state, split, NOW};
use samrad_server::room::{ConnId, Room, RoomError};
use std::collections::HashMap;
use yrs::{ReadTxn, Snapshot, Transact};

fn snapshot(room: &Room) -> Snapshot {
    room.agreement().doc().transact().snapshot()
}

fn load(log: &[Vec<u8>]) -> Room {
    match Room::load(log, HashMap::new()) {
        Ok(room) => room,
        Err(e) => panic!("the stored log no longer loads: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let (header, frames) = split(data);
    let people = [participant(header & 0x0f), participant(header >> 4)];
    let mut log = vec![seed_state().to_vec()];
    let mut room = load(&log);
    for (i, who) in people.iter().enumerate() {
        room.join(ConnId(i as u64), who.clone());
    }
    for (n, frame) in frames.iter().enumerate() {
        let conn = ConnId((n % 2) as u64);
        let before = snapshot(&room);
        match room.receive(conn, frame, NOW) {
            Ok(effects) => {
                log.extend(effects.to_store);
            }
            // As the room thread: the connection is closed and the room reloaded from the log.
            Err(RoomError::Refused(_) | RoomError::Apply(_)) => {
                room.leave(conn);
                room = match room.reload(&log) {
                    Ok(room) => room,
                    Err(e) => panic!("reloading from the log failed: {e}"),
                };
                room.join(conn, people[conn.0 as usize].clone());
            }
            Err(RoomError::Quota(_)) => unreachable!("the quota is far away"),
            Err(RoomError::UnknownConnection) => unreachable!("both connections are in"),
            Err(
                e @ (RoomError::Decode(_)
                | RoomError::Truncated
                | RoomError::Empty
                | RoomError::Unsupported(_)
                | RoomError::Load(_)),
            ) => {
                assert_eq!(
                    snapshot(&room),
                    before,
                    "refused ({e}) yet the document changed"
                );
                room.leave(conn);
                room.join(conn, people[conn.0 as usize].clone());
            }
        }
        assert_eq!(
            snapshot(&load(&log)),
            snapshot(&room),
            "the stored log and the room differ after frame {n}"
        );
    }
});
