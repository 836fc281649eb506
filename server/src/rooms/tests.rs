//! Presence through the room's inbox: judged like every frame, relayed at the room's tick, and
//! never waiting for (or letting out) a change that is not yet stored.

use super::*;
use samrad_domain::{demo, SyncClient};
use yrs::sync::protocol::MSG_AWARENESS;

/// A store in `dir` holding the demo agreement, and its rooms; the agreement's state and now.
fn demo_room(dir: &std::path::Path) -> (Rooms, Store, Vec<u8>, i64) {
    let (store, seed, now) = crate::store::tests::demo_store(dir);
    (Rooms::new(store.clone()), store, seed, now)
}

/// Joins demo participant `who` as connection `conn`; returns its outbox.
async fn join(room: &RoomHandle, conn: u64, who: usize) -> mpsc::Receiver<Outgoing> {
    let (outbox, out) = mpsc::channel(64);
    let participant = demo::participants()[who].clone();
    let joined = room
        .send(Command::Join {
            conn: ConnId(conn),
            participant,
            outbox,
        })
        .await;
    assert!(joined);
    out
}

/// What arrives within `wait`: each frame's first byte (message type), or the close.
async fn seen(out: &mut mpsc::Receiver<Outgoing>, wait: Duration) -> Vec<Result<u8, u16>> {
    let mut seen = Vec::new();
    while let Ok(Some(next)) = tokio::time::timeout(wait, out.recv()).await {
        seen.push(match next {
            Outgoing::Frame(f) => Ok(f[0]),
            Outgoing::Close(code, _) => Err(code),
        });
    }
    seen
}

const WAIT: Duration = Duration::from_millis(400);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_through_the_inbox_reaches_the_others_while_a_change_waits_to_be_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rooms, store, seed, now) = demo_room(dir.path());
    let room = rooms.get(demo::AGREEMENT_ID).expect("room");
    let mut writer = join(&room, 901, 1).await;
    let mut watcher = join(&room, 902, 0).await;
    seen(&mut writer, WAIT).await;
    seen(&mut watcher, WAIT).await;
    // The watcher's presence client id is bound (and stored) before anything is held.
    let watching = samrad_domain::Agreement::new(0xc0);
    let mut presence = SyncClient::new(&watching, move || now as u64);
    let frame = presence
        .set_presence(r#"{"clause":null}"#)
        .expect("presence");
    assert!(room.frame(ConnId(902), frame.into()).await);
    assert_eq!(seen(&mut writer, WAIT).await, [Ok(MSG_AWARENESS)]);

    // The writer's remark is held at the store.
    let erik = demo::participants()[1].clone();
    let replica = samrad_domain::Agreement::load(0x5eed, &seed).expect("replica");
    let before = replica.state_vector();
    let clause = replica.clauses()[0].id.clone();
    replica
        .add_remark(&clause, &erik, "Formuleringen bör förtydligas.", now as f64)
        .expect("remark");
    let update = replica.encode_diff(&before).expect("diff");
    let hold = store.hold_appends();
    assert!(
        room.frame(ConnId(901), SyncClient::update_frame(&update).into())
            .await
    );
    let (reached, hold) =
        tokio::task::spawn_blocking(move || (hold.until_waiting(Duration::from_secs(10)), hold))
            .await
            .expect("task");
    assert!(reached, "the remark waits at the store");

    // Meanwhile the watcher's presence goes the inbox's way and reaches the writer, once, at
    // the tick; the watcher gets neither its own presence nor the unstored remark.
    let frame = presence
        .set_presence(r#"{"clause":"moved"}"#)
        .expect("presence");
    assert!(Inbox::takes(&frame));
    assert!(room.frame(ConnId(902), frame.into()).await);
    assert_eq!(seen(&mut writer, WAIT).await, [Ok(MSG_AWARENESS)]);
    assert_eq!(seen(&mut watcher, WAIT).await, []);

    drop(hold);
    let after = seen(&mut watcher, WAIT).await;
    assert_eq!(after, [Ok(0)], "the remark, once stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_presence_through_the_inbox_is_judged_and_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rooms, _store, _seed, now) = demo_room(dir.path());
    let room = rooms.get(demo::AGREEMENT_ID).expect("room");
    let mut forger = join(&room, 901, 1).await;
    let mut watcher = join(&room, 902, 0).await;
    seen(&mut forger, WAIT).await;
    seen(&mut watcher, WAIT).await;

    // One frame announcing more presences than a connection may hold, under fresh ids.
    let ids = crate::room::MAX_PRESENCE_PER_CONNECTION as u64 + 1;
    let clients = (0..ids)
        .map(|i| {
            let entry = yrs::sync::awareness::AwarenessUpdateEntry {
                clock: 1,
                json: format!(r#"{{"at":{now}}}"#).into(),
            };
            (yrs::block::ClientID::new(0xf00 + i), entry)
        })
        .collect();
    let forged = yrs::sync::Message::Awareness(yrs::sync::AwarenessUpdate { clients });
    let forged = yrs::updates::encoder::Encode::encode_v1(&forged);
    assert!(room.frame(ConnId(901), forged.into()).await);
    assert_eq!(seen(&mut forger, WAIT).await, [Err(close::POLICY)]);
    assert_eq!(seen(&mut watcher, WAIT).await, [], "nothing of it relayed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_arriving_right_after_a_tick_goes_out_at_the_next_tick_without_a_nudge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rooms, _store, _seed, now) = demo_room(dir.path());
    let room = rooms.get(demo::AGREEMENT_ID).expect("room");
    let mut mover = join(&room, 901, 1).await;
    let mut watcher = join(&room, 902, 0).await;
    seen(&mut mover, WAIT).await;
    seen(&mut watcher, WAIT).await;
    let moving = samrad_domain::Agreement::new(0xc1);
    let mut presence = SyncClient::new(&moving, move || now as u64);
    // Each frame is sent as soon as the tick relaying the one before has gone out: the room is
    // still ticking, so nothing nudges it, and every frame must reach the watcher all the same.
    for step in 0..5 {
        let frame = presence
            .set_presence(&format!(r#"{{"clause":"c{step}"}}"#))
            .expect("presence");
        assert!(room.frame(ConnId(901), frame.into()).await);
        let relayed = tokio::time::timeout(WAIT, watcher.recv()).await;
        assert!(
            matches!(relayed, Ok(Some(Outgoing::Frame(ref f))) if f[0] == MSG_AWARENESS),
            "step {step}: {relayed:?}"
        );
    }
    assert_eq!(
        seen(&mut mover, WAIT).await,
        [],
        "nobody gets their own back"
    );
}
