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
            Outgoing::Frame(f) | Outgoing::Relay(f, _) => Ok(f[0]),
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

/// The demo agreement's room, started and held after reading its log, before it is built:
/// released when the hold is dropped.
async fn started_unbuilt(rooms: &Rooms) -> (RoomHandle, crate::store::gate::Hold) {
    let hold = rooms.hold_building();
    let room = rooms.get(demo::AGREEMENT_ID).expect("room");
    let (reached, hold) =
        tokio::task::spawn_blocking(move || (hold.until_waiting(Duration::from_secs(10)), hold))
            .await
            .expect("task");
    assert!(reached, "the room waits to be built");
    (room, hold)
}

/// Every frame (or the close) that arrives within `wait`.
async fn frames(out: &mut mpsc::Receiver<Outgoing>, wait: Duration) -> Vec<Result<Bytes, u16>> {
    let mut seen = Vec::new();
    while let Ok(Some(next)) = tokio::time::timeout(wait, out.recv()).await {
        seen.push(match next {
            Outgoing::Frame(f) | Outgoing::Relay(f, _) => Ok(f),
            Outgoing::Close(code, _) => Err(code),
        });
    }
    seen
}

/// A frame `from` (a replica of the seed) writing a remark on the first clause in `author`'s
/// name.
fn remark_frame(seed: &[u8], client: u64, author: usize, body: &str, now: i64) -> Vec<u8> {
    let replica = samrad_domain::Agreement::load(client, seed).expect("replica");
    let before = replica.state_vector();
    let clause = replica.clauses()[0].id.clone();
    let author = demo::participants()[author].clone();
    replica
        .add_remark(&clause, &author, body, now as f64)
        .expect("remark");
    SyncClient::update_frame(&replica.encode_diff(&before).expect("diff"))
}

/// While a room whose log is one row is being built, a newcomer holding nothing is sent that
/// row at once; writes arriving meanwhile wait for the built room's guard: a forged one is
/// refused (its sender closed, nothing stored or relayed), an honest one stored — and sent to
/// the early newcomer when its join is handled, so it ends with exactly what the room holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_is_answered_from_the_stored_row_while_writes_wait_for_the_guard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rooms, store, seed, now) = demo_room(dir.path());
    assert_eq!(store.log_length(demo::AGREEMENT_ID).expect("rows"), 1);
    let (room, hold) = started_unbuilt(&rooms).await;

    // Sara (2) writes a remark; Erik (1) forges one in Sara's name; then Ingrid, invited from
    // the app and not yet in the document, opens the page holding nothing: she is sent the row
    // as stored, without Sara's remark or her own registration.
    let mut honest = join(&room, 903, 2).await;
    let written = remark_frame(&seed, 0x5a5, 2, "Juristerna tillstyrker.", now);
    assert!(room.frame(ConnId(903), written.into()).await);
    let mut forger = join(&room, 902, 1).await;
    let forged = remark_frame(&seed, 0xf0f, 2, "Juristerna avstyrker.", now);
    assert!(room.frame(ConnId(902), forged.into()).await);
    let (outbox, mut reader) = mpsc::channel(64);
    let ingrid = samrad_domain::Participant {
        id: "p-ingrid".into(),
        name: "Ingrid Berg".into(),
        organisation: "Ekby kommun".into(),
        role: samrad_domain::Role::Member,
    };
    let conn = ConnId(901);
    let participant = ingrid.clone();
    let joining = Command::Join {
        conn,
        participant,
        outbox,
    };
    assert!(room.send(joining).await);
    let fresh = samrad_domain::Agreement::new(0xabc);
    let mut client = SyncClient::new(&fresh, move || now as u64);
    assert!(room.frame(ConnId(901), client.hello().into()).await);

    let early = frames(&mut reader, WAIT).await;
    assert_eq!(early.len(), 1, "one frame before the room is built");
    let Ok(whole) = &early[0] else {
        panic!("closed: {early:?}")
    };
    assert_eq!(whole[..2], [0, 1], "a SyncStep2");
    assert_eq!(whole.as_ref(), Room::whole_frame(&seed), "the stored row");
    assert!(
        seen(&mut forger, WAIT).await.is_empty(),
        "nothing judged yet"
    );
    assert!(seen(&mut honest, WAIT).await.is_empty());
    assert_eq!(store.log_length(demo::AGREEMENT_ID).expect("rows"), 1);

    drop(hold);
    let judged = seen(&mut forger, WAIT).await;
    assert_eq!(judged.last(), Some(&Err(close::POLICY)), "{judged:?}");
    assert!(!seen(&mut honest, WAIT).await.contains(&Err(close::POLICY)));
    for frame in [early, frames(&mut reader, WAIT).await].concat() {
        client.receive(&frame.expect("a frame")).expect("readable");
    }
    let clause = fresh.clauses()[0].id.clone();
    let bodies: Vec<String> = fresh
        .remarks_of(&clause)
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert_eq!(bodies, ["Juristerna tillstyrker."]);
    assert!(fresh.participants().contains(&ingrid), "her registration");
    let stored = samrad_domain::Agreement::new(0);
    for row in store.load_updates(demo::AGREEMENT_ID).expect("log") {
        stored.apply_update(&row).expect("row");
    }
    assert_eq!(stored.remarks_of(&clause).len(), 1, "the honest one stored");
    assert_eq!(fresh.state_vector(), stored.state_vector());
}

/// The row of `seed` with the first five characters of the first clause's wording deleted,
/// compacted into the log as its one row: a row whose state vector is the seed's (a deletion
/// inserts nothing) but which holds more. Gives the clause and its wording now.
fn delete_in_first_clause(store: &Store, seed: &[u8]) -> (String, String) {
    use yrs::{Map, Text, Transact};
    let edited = samrad_domain::Agreement::load(0x5e1, seed).expect("replica");
    let clause = edited.clauses()[0].id.clone();
    {
        let doc = edited.doc();
        let clauses = doc.get_or_insert_map("clauses");
        let mut txn = doc.transact_mut();
        let Some(yrs::Out::YMap(entry)) = clauses.get(&txn, &clause) else {
            panic!("the clause's entry")
        };
        let Some(yrs::Out::YText(text)) = entry.get(&txn, "text") else {
            panic!("the clause's wording")
        };
        text.remove_range(&mut txn, 0, 5);
    }
    let state = edited.encode_state();
    store.compact(demo::AGREEMENT_ID, &state).expect("compact");
    let wording = edited.clause(&clause).expect("clause").text;
    (clause, wording)
}

/// The SyncStep2 among `frames`, decoded: its update's state vector and deletions.
fn step2(frames: &[Result<Bytes, u16>]) -> (yrs::StateVector, yrs::IdSet) {
    use yrs::updates::decoder::Decode;
    let answer = frames
        .iter()
        .find_map(|f| f.as_ref().ok().filter(|f| f.starts_with(&[0, 1])))
        .expect("a SyncStep2");
    let Ok(yrs::sync::Message::Sync(yrs::sync::SyncMessage::SyncStep2(update))) =
        yrs::sync::Message::decode_v1(answer)
    else {
        panic!("a SyncStep2")
    };
    let update = yrs::Update::decode_v1(&update).expect("update");
    (update.state_vector(), update.delete_set().clone())
}

/// The hello of a page that applied the agreement fetched over HTTP (the stored row) is answered
/// while the room is built, with the row's deletions only — the same answer the built room
/// gives that hello — so it goes online without waiting, and what it lacked (a deletion stored
/// after it fetched) arrives with it. A hello holding only part of the row waits for the built
/// room; a forged one claiming far more than the row is answered as the built room would, with
/// the deletions only — it lies about itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_holding_the_fetched_row_is_answered_while_the_room_is_built() {
    use yrs::updates::decoder::Decode;
    use yrs::updates::encoder::Encode;
    let dir = tempfile::tempdir().expect("tempdir");
    let (rooms, store, seed, now) = demo_room(dir.path());
    let (clause, wording) = delete_in_first_clause(&store, &seed);
    assert_eq!(store.log_length(demo::AGREEMENT_ID).expect("rows"), 1);
    let (room, hold) = started_unbuilt(&rooms).await;

    // Fetched before the deletion: every item of the row, not its newest deletion.
    let fetched = samrad_domain::Agreement::load(0xabc, &seed).expect("fetched");
    assert_ne!(fetched.clause(&clause).expect("clause").text, wording);
    let mut client = SyncClient::new(&fetched, move || now as u64);
    let hello = client.hello();
    let mut holder = join(&room, 901, 0).await;
    assert!(room.frame(ConnId(901), hello.clone().into()).await);
    let row_sv = yrs::StateVector::decode_v1(&fetched.state_vector()).expect("sv");
    // The row less the last item of its busiest client.
    let partial = {
        let (&busiest, &clock) = row_sv.iter().max_by_key(|(_, c)| **c).expect("a client");
        let mut lower = yrs::StateVector::default();
        for (&c, &k) in row_sv.iter() {
            lower.set_max(c, if c == busiest { clock - 1 } else { k });
        }
        lower
    };
    let mut behind = join(&room, 902, 1).await;
    let asked = yrs::sync::Message::Sync(yrs::sync::SyncMessage::SyncStep1(partial));
    assert!(room.frame(ConnId(902), asked.encode_v1().into()).await);
    let forged_sv = {
        let mut sv = yrs::StateVector::default();
        for (&c, _) in row_sv.iter() {
            sv.set_max(c, u32::MAX);
        }
        sv.set_max(yrs::block::ClientID::new(0xdead), 7);
        sv
    };
    let mut liar = join(&room, 903, 2).await;
    let asked = yrs::sync::Message::Sync(yrs::sync::SyncMessage::SyncStep1(forged_sv));
    assert!(room.frame(ConnId(903), asked.encode_v1().into()).await);

    let early = frames(&mut holder, WAIT).await;
    assert_eq!(
        early.len(),
        1,
        "answered before the room is built: {early:?}"
    );
    let lied_to = frames(&mut liar, WAIT).await;
    assert_eq!(lied_to, early, "the same deletions");
    assert_eq!(
        seen(&mut behind, WAIT).await,
        [],
        "part of the row: it waits"
    );
    client
        .receive(early[0].as_ref().expect("a frame"))
        .expect("readable");
    assert_eq!(
        fetched.clause(&clause).expect("clause").text,
        wording,
        "the deletion came with the early answer"
    );

    drop(hold);
    let later = frames(&mut behind, WAIT).await;
    assert!(
        later
            .iter()
            .any(|f| matches!(f, Ok(f) if f.starts_with(&[0, 1]))),
        "the built room answers what it lacks: {later:?}"
    );
    // The built room answers the same hello on a new connection with the same deletions.
    let mut after = join(&room, 904, 3).await;
    assert!(room.frame(ConnId(904), hello.into()).await);
    let built = step2(&frames(&mut after, WAIT).await);
    assert_eq!(step2(&early), built, "no items, the same deletions");
    assert_eq!(built.0, yrs::StateVector::default());
    for frame in frames(&mut holder, WAIT).await {
        client.receive(&frame.expect("a frame")).expect("readable");
    }
    let stored = samrad_domain::Agreement::new(0);
    for row in store.load_updates(demo::AGREEMENT_ID).expect("log") {
        stored.apply_update(&row).expect("row");
    }
    assert_eq!(
        fetched.state_vector(),
        stored.state_vector(),
        "ends with what the room holds"
    );
    assert_eq!(fetched.clause(&clause).expect("clause").text, wording);
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

/// A stored update reaches the others as a relay carrying its times, and writing it to a socket
/// counts in the server's relay stages (`written`, `whole`), which the throughput benchmark
/// prints beside `queued` and `stored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_update_is_relayed_with_its_times_and_counted_once_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (rooms, _store, seed, now) = demo_room(dir.path());
    let room = rooms.get(demo::AGREEMENT_ID).expect("room");
    let mut writer = join(&room, 901, 1).await;
    let mut watcher = join(&room, 902, 0).await;
    seen(&mut writer, WAIT).await;
    seen(&mut watcher, WAIT).await;

    let written = remark_frame(&seed, 0x7e1, 1, "Tidsfristen bör förlängas.", now);
    assert!(room.frame(ConnId(901), written.into()).await);
    let relayed = tokio::time::timeout(WAIT, watcher.recv()).await;
    let Ok(Some(Outgoing::Relay(frame, times))) = relayed else {
        panic!("the stored remark was not relayed with its times: {relayed:?}");
    };
    assert_eq!(frame[..2], [0, 2], "an Update");
    let counted = |stage: &timing::Stage| stage.summary().0;
    let before = (counted(&timing::WRITTEN), counted(&timing::WHOLE));
    times.written();
    assert!(counted(&timing::WRITTEN) > before.0, "stored → written");
    assert!(counted(&timing::WHOLE) > before.1, "read → written");
}
