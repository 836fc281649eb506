//! The room driven with byte frames only, by `samrad_domain::SyncClient`s: no sockets.

use super::*;
use samrad_domain::{demo, Role, SyncClient};
#[allow(unused_imports)]
use std::collections::HashMap;
use std::collections::VecDeque;

const NOW: f64 = 1_800_000_000_000.0;

/// A client replica connected to the room, with the frames the room has sent it.
struct Peer {
    conn: ConnId,
    who: Participant,
    agreement: Agreement,
    client: SyncClient,
    inbox: VecDeque<Vec<u8>>,
}

impl Peer {
    /// Connection `conn` of demo participant number `who`, writing as `client_id`.
    fn new(conn: u64, client_id: u64, who: usize) -> Peer {
        let agreement = Agreement::new(client_id);
        let client = SyncClient::new(&agreement, || NOW as u64);
        Peer {
            conn: ConnId(conn),
            who: demo::participants()[who].clone(),
            agreement,
            client,
            inbox: VecDeque::new(),
        }
    }

    /// Runs `edit` on the local replica and returns the update frame announcing it.
    fn edit(&self, edit: impl FnOnce(&Agreement)) -> Vec<u8> {
        let before = self.agreement.doc().transact().state_vector();
        edit(&self.agreement);
        let update = self
            .agreement
            .doc()
            .transact()
            .encode_state_as_update_v1(&before);
        SyncClient::update_frame(&update)
    }
}

fn demo_room() -> Room {
    let seed = demo::agreement(SERVER_CLIENT_ID, NOW).expect("demo builds");
    Room::load([seed.encode_state()], HashMap::new()).expect("room loads")
}

/// The demo agreement's room with `peers` connected in order, each synced.
fn joined(mut peers: Vec<Peer>) -> (Room, Vec<Peer>) {
    let mut room = demo_room();
    for i in 0..peers.len() {
        connect(&mut room, &mut peers, i);
    }
    (room, peers)
}

fn route(peers: &mut [Peer], sends: Vec<(Target, Vec<u8>)>) {
    for (target, frame) in sends {
        for peer in peers.iter_mut() {
            let wanted = match target {
                Target::Only(c) => peer.conn == c,
                Target::AllBut(c) => peer.conn != c,
            };
            if wanted {
                peer.inbox.push_back(frame.clone());
            }
        }
    }
}

/// Sends `frame` from peer `from`, then delivers frames both ways until nothing moves.
/// Returns the updates the room asked to store.
fn send(room: &mut Room, peers: &mut [Peer], from: usize, frame: Vec<u8>) -> Vec<Vec<u8>> {
    let mut stored = Vec::new();
    let mut outgoing = VecDeque::from([(from, frame)]);
    loop {
        while let Some((i, frame)) = outgoing.pop_front() {
            let effects = room
                .receive(peers[i].conn, &frame, NOW)
                .expect("room accepts");
            stored.extend(effects.to_store);
            route(peers, effects.to_send);
        }
        for (i, peer) in peers.iter_mut().enumerate() {
            while let Some(frame) = peer.inbox.pop_front() {
                for reply in peer.client.receive(&frame).expect("client accepts") {
                    outgoing.push_back((i, reply));
                }
            }
        }
        if outgoing.is_empty() {
            return stored;
        }
    }
}

fn connect(room: &mut Room, peers: &mut [Peer], i: usize) -> Vec<Vec<u8>> {
    let sends = room
        .join(peers[i].conn, peers[i].who.clone())
        .expect("joins");
    route(peers, sends);
    let hello = peers[i].client.hello();
    send(room, peers, i, hello)
}

/// Peer `i` announces its presence `json` to the room.
fn announce(room: &mut Room, peers: &mut [Peer], i: usize, json: &str) -> Vec<Vec<u8>> {
    let frame = peers[i].client.set_presence(json).expect("presence");
    send(room, peers, i, frame)
}

fn clause_id(agreement: &Agreement, number: &str) -> String {
    agreement
        .chapters()
        .into_iter()
        .flat_map(|c| c.clauses)
        .find(|c| c.number == number)
        .map(|c| c.id)
        .expect("clause exists")
}

#[test]
fn two_clients_converge_through_the_room_and_the_log_reproduces_it() {
    let mut room = demo_room();
    let initial = room.state();
    let mut peers = vec![Peer::new(1, 100, 1), Peer::new(2, 200, 0)];
    for i in 0..2 {
        let stored = connect(&mut room, &mut peers, i);
        assert!(stored.is_empty(), "an empty client adds nothing");
    }
    assert_eq!(peers[0].agreement.chapters(), peers[1].agreement.chapters());
    let clause = clause_id(&peers[0].agreement, "3.1");
    let people = demo::participants();

    let frame = peers[0].edit(|a| {
        a.add_remark(&clause, &people[1], "Lägg till ungdomsråd.", NOW)
            .expect("remark");
    });
    let mut stored = send(&mut room, &mut peers, 0, frame);
    let seen_by_b = peers[1].agreement.remarks_of(&clause);
    assert_eq!(seen_by_b.len(), 1, "B sees A's remark");
    assert_eq!(seen_by_b[0].body, "Lägg till ungdomsråd.");

    let remark = seen_by_b[0].id.clone();
    let frame = peers[1].edit(|a| {
        a.reply(&remark, &people[0], "Instämmer.", NOW + 1.0)
            .expect("reply");
    });
    stored.extend(send(&mut room, &mut peers, 1, frame));
    let seen_by_a = peers[0].agreement.remarks_of(&clause);
    assert_eq!(seen_by_a[0].replies.len(), 1, "A sees B's reply");
    assert_eq!(seen_by_a[0].replies[0].body, "Instämmer.");
    assert_eq!(stored.len(), 2, "one stored update per change");

    // The stored log alone rebuilds the same document.
    let reloaded =
        Room::load(std::iter::once(initial).chain(stored), HashMap::new()).expect("reload");
    let replica = Agreement::new(9);
    replica.apply_update(&reloaded.state()).expect("apply");
    assert_eq!(replica.remarks_of(&clause), seen_by_a);
}

#[test]
fn a_client_offline_edit_is_stored_on_connect() {
    let (mut room, mut peers) = joined(vec![Peer::new(1, 100, 2)]);
    let clause = clause_id(&peers[0].agreement, "1.1");
    room.leave(ConnId(1));
    // Edited while disconnected: the room learns it from the client's SyncStep2.
    let _ = peers[0].edit(|a| {
        a.add_remark(&clause, &demo::participants()[2], "Offline.", NOW)
            .expect("remark");
    });
    let stored = connect(&mut room, &mut peers, 0);
    assert_eq!(stored.len(), 1, "the client's missing change is stored");
}

#[test]
fn malformed_frames_are_refused_and_change_nothing() {
    let (mut room, peers) = joined(vec![Peer::new(1, 100, 1)]);
    let clause = clause_id(&peers[0].agreement, "2.1");
    let good = peers[0].edit(|a| {
        a.add_remark(&clause, &demo::participants()[1], "Bra.", NOW)
            .expect("remark");
    });
    let before = room.state();

    let truncated = good[..good.len() - 1].to_vec();
    let mut trailing = good.clone();
    trailing.push(0);
    let mut good_then_garbage = good.clone();
    good_then_garbage.extend([0, 2, 5, 1, 2, 3, 4, 5]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("custom tag", vec![0x7f, 1, 2]),
        ("auth message", vec![2, 0, 4, b'n', b'o', b'p', b'e']),
        ("garbage update", vec![0, 2, 5, 1, 2, 3, 4, 5]),
        ("unknown sync step", vec![0, 9, 0]),
        ("truncated update", truncated),
        ("trailing byte", trailing),
        ("good update then garbage", good_then_garbage),
    ];
    for (name, frame) in cases {
        let result = room.receive(ConnId(1), &frame, NOW);
        println!("{name}: {result:?}");
        assert!(result.is_err(), "{name} must be refused");
        assert_eq!(room.state(), before, "{name} must not change the room");
    }

    // The good frame alone is accepted, so the refusals above were about the bytes.
    let effects = room.receive(ConnId(1), &good, NOW).expect("good frame");
    assert!(effects.to_store.is_some());
    assert_ne!(room.state(), before);
}

#[test]
fn a_redundant_update_is_neither_stored_nor_relayed() {
    let (mut room, peers) = joined(vec![Peer::new(1, 100, 0), Peer::new(2, 200, 1)]);
    let clause = clause_id(&peers[0].agreement, "1.2");
    let frame = peers[0].edit(|a| {
        a.add_remark(&clause, &demo::participants()[0], "En gång.", NOW)
            .expect("remark");
    });
    let first = room.receive(ConnId(1), &frame, NOW).expect("first");
    assert!(first.to_store.is_some());
    assert_eq!(first.bind, vec![(100, demo::participants()[0].id.clone())]);
    assert_eq!(
        first.to_send.len(),
        3,
        "relay to others; the server's stamp and 'stored' to the sender"
    );
    assert_eq!(first.to_send[0].0, Target::AllBut(ConnId(1)));
    assert_eq!(first.to_send[1].0, Target::Only(ConnId(1)));
    assert_eq!(first.to_send[2].0, Target::Only(ConnId(1)));
    let again = room.receive(ConnId(2), &frame, NOW).expect("again");
    assert_eq!(again, Effects::default());
}

#[test]
fn presence_is_relayed_and_removed_when_its_connection_leaves() {
    let (mut room, mut peers) = joined(vec![Peer::new(1, 100, 0), Peer::new(2, 200, 1)]);
    announce(&mut room, &mut peers, 0, r#"{"name":"Karin"}"#);
    let seen = peers[1].client.presence();
    assert!(
        seen.iter()
            .any(|(id, json)| *id == 100 && json.contains("Karin")),
        "{seen:?}"
    );

    let removal = room.leave(ConnId(1));
    assert_eq!(removal.len(), 1);
    route(&mut peers, removal);
    send(&mut room, &mut peers, 1, vec![3]); // an awareness query makes B process its inbox
    let seen = peers[1].client.presence();
    assert!(!seen.iter().any(|(id, _)| *id == 100), "{seen:?}");
    assert_eq!(room.connections(), 1);
}

#[test]
fn frames_from_unknown_connections_are_refused() {
    let mut room = demo_room();
    let hello = Peer::new(1, 100, 0).client.hello();
    assert_eq!(
        room.receive(ConnId(7), &hello, NOW),
        Err(RoomError::UnknownConnection)
    );
}

#[test]
fn a_forged_remark_is_refused_and_changes_nothing() {
    let (mut room, peers) = joined(vec![Peer::new(1, 100, 1), Peer::new(2, 200, 2)]);
    let clause = clause_id(&peers[0].agreement, "1.1");
    let sara = demo::participants()[2].clone();
    // Erik's client writes a remark in Sara's name.
    let frame = peers[0].edit(|a| {
        a.add_remark(&clause, &sara, "Juristerna avstyrker.", NOW)
            .expect("local write");
    });
    let before = room.state();
    let refused = room.receive(ConnId(1), &frame, NOW);
    println!("forged author: {refused:?}");
    assert!(matches!(
        refused,
        Err(RoomError::Refused(Refusal::Forbidden { .. }))
    ));
    // Judged before anything was applied: the room is as it was, without reloading.
    assert_eq!(room.state(), before);
    room.leave(ConnId(1));
    // Somebody joining now gets nothing of it.
    let mut late = vec![Peer::new(3, 300, 0)];
    connect(&mut room, &mut late, 0);
    assert!(
        late[0].agreement.remarks_of(&clause).is_empty(),
        "nothing of it kept"
    );

    // Sara herself, on the same room, still writes.
    let frame = peers[1].edit(|a| {
        a.add_remark(&clause, &sara, "Vi återkommer.", NOW)
            .expect("remark");
    });
    let effects = room.receive(ConnId(2), &frame, NOW).expect("honest write");
    assert!(effects.to_store.is_some());
    assert_eq!(room.agreement().remarks_of(&clause)[0].author, sara.id);
}

#[test]
fn what_is_relayed_is_what_the_room_integrated_with_the_servers_stamp() {
    let (mut room, mut peers) = joined(vec![Peer::new(1, 100, 1), Peer::new(2, 200, 0)]);
    let clause = clause_id(&peers[0].agreement, "2.4");
    let erik = demo::participants()[1].clone();
    peers[0]
        .agreement
        .add_remark(&clause, &erik, "Ny.", NOW - 60_000.0)
        .expect("remark");
    // The whole replica as one update: everything but the remark is known to the room.
    let whole = SyncClient::update_frame(&peers[0].agreement.encode_state());
    let stored_at = NOW + 1_000.0;
    let effects = room
        .receive(ConnId(1), &whole, stored_at)
        .expect("accepted");
    let stored = effects.to_store.expect("stored");
    println!(
        "sent {} bytes, stored and relayed {}",
        whole.len(),
        stored.len()
    );
    assert!(
        stored.len() * 10 < whole.len(),
        "only what was new is stored"
    );
    let relayed: Vec<&Vec<u8>> = effects
        .to_send
        .iter()
        .filter(|(t, _)| *t == Target::AllBut(ConnId(1)))
        .map(|(_, f)| f)
        .collect();
    assert_eq!(relayed, vec![&Room::update_frame(&stored)]);
    // The writer is sent the server's part: the stamp.
    route(&mut peers, effects.to_send);
    for peer in peers.iter_mut() {
        while let Some(frame) = peer.inbox.pop_front() {
            peer.client.receive(&frame).expect("client accepts");
        }
    }
    for peer in &peers {
        let remark = peer.agreement.remarks_of(&clause)[0].clone();
        assert_eq!(
            remark.created_ms, stored_at,
            "shown as stored by the server"
        );
        assert_eq!(remark.written_ms, NOW - 60_000.0);
    }
}

/// A client relays everybody's presence when it reconnects. After the server restarted, the
/// member's id relayed so must not become the jurist's: the member, back from writing offline,
/// writes under it (found by the offline end-to-end test).
/// A document write binds its client id like a presence: the member's first remark binds
/// client 100 to him (in `Effects::bind`, stored with it). The jurist's honest-looking remark —
/// her own name, organisation and role — under client 100 is refused and changes nothing, in
/// this room and in one loaded from the stored log and bindings after a restart, where the
/// member still writes under his own id.
#[test]
fn a_remark_under_anothers_bound_client_id_is_refused_before_and_after_a_restart() {
    let seed = demo::agreement(SERVER_CLIENT_ID, NOW)
        .expect("demo")
        .encode_state();
    let mut room = Room::load([seed.clone()], HashMap::new()).expect("room");
    let erik = Peer::new(1, 100, 1);
    let sara = Peer::new(2, 100, 2);
    room.join(erik.conn, erik.who.clone()).expect("joins");
    room.join(sara.conn, sara.who.clone()).expect("joins");
    erik.agreement.apply_update(&seed).expect("copy");
    let clause = clause_id(&erik.agreement, "1.1");
    let frame = erik.edit(|a| {
        a.add_remark(&clause, &erik.who, "Eriks synpunkt.", NOW)
            .expect("remark");
    });
    let effects = room.receive(erik.conn, &frame, NOW).expect("his own id");
    assert_eq!(effects.bind, vec![(100, erik.who.id.clone())]);
    let bindings: HashMap<u64, String> = effects.bind.into_iter().collect();
    let log: Vec<Vec<u8>> = std::iter::once(seed).chain(effects.to_store).collect();

    // The jurist's replica, holding all the room holds, writes as client 100.
    sara.agreement.apply_update(&room.state()).expect("copy");
    let forged = sara.edit(|a| {
        a.add_remark(&clause, &sara.who, "Under hans klient-id.", NOW)
            .expect("remark");
    });
    let state = room.state();
    let refused = room.receive(sara.conn, &forged, NOW);
    println!("under another's client id: {refused:?}");
    assert_eq!(
        refused,
        Err(RoomError::Refused(Refusal::ForeignClient(100)))
    );
    assert_eq!(room.state(), state, "nothing of it applied");

    // The server restarts: the room is loaded from the log and the stored bindings.
    let mut room = Room::load(&log, bindings).expect("reloaded");
    room.join(sara.conn, sara.who.clone()).expect("joins");
    room.join(erik.conn, erik.who.clone()).expect("joins");
    let refused = room.receive(sara.conn, &forged, NOW);
    println!("after the restart: {refused:?}");
    assert_eq!(
        refused,
        Err(RoomError::Refused(Refusal::ForeignClient(100)))
    );
    let again = erik.edit(|a| {
        a.add_remark(&clause, &erik.who, "Eriks andra synpunkt.", NOW)
            .expect("remark");
    });
    let effects = room
        .receive(erik.conn, &again, NOW)
        .expect("his own id after the restart");
    assert!(effects.to_store.is_some());
}

#[test]
fn relayed_presence_never_takes_anothers_client_id_across_a_restart() {
    let seed = demo::agreement(SERVER_CLIENT_ID, NOW)
        .expect("demo")
        .encode_state();
    let mut room = Room::load([seed.clone()], HashMap::new()).expect("room");
    let mut peers = vec![Peer::new(1, 100, 1), Peer::new(2, 200, 2)];
    connect(&mut room, &mut peers, 0);
    connect(&mut room, &mut peers, 1);
    let mut bindings = HashMap::new();
    for i in 0..2 {
        let frame = peers[i].client.set_presence("{}").expect("presence");
        let effects = room.receive(peers[i].conn, &frame, NOW).expect("presence");
        bindings.extend(effects.bind);
        route(&mut peers, effects.to_send);
    }
    for peer in peers.iter_mut() {
        while let Some(frame) = peer.inbox.pop_front() {
            peer.client.receive(&frame).expect("client accepts");
        }
    }
    assert!(peers[1].client.presence().iter().any(|(id, _)| *id == 100));
    // The member writes while the server is down.
    let clause = clause_id(&peers[0].agreement, "1.1");
    let offline = peers[0].edit(|a| {
        a.add_remark(&clause, &demo::participants()[1], "Offline.", NOW)
            .expect("remark");
    });
    // The server restarts; the jurist reconnects first, relaying the member's presence too.
    let mut room = Room::load([seed], bindings).expect("reloaded");
    for peer in peers.iter_mut() {
        peer.inbox.clear();
    }
    room.join(ConnId(2), peers[1].who.clone()).expect("joins");
    let hello = peers[1].client.hello();
    let effects = room.receive(ConnId(2), &hello, NOW).expect("hello");
    assert!(
        effects.bind.is_empty(),
        "nobody's id is taken: {:?}",
        effects.bind
    );
    room.join(ConnId(1), peers[0].who.clone()).expect("joins");
    let effects = room
        .receive(ConnId(1), &offline, NOW)
        .expect("the member's own id");
    assert!(effects.to_store.is_some());
}

#[test]
fn caps_on_messages_presence_connections_and_client_ids() {
    let mut room = demo_room();
    let erik = demo::participants()[1].clone();
    let mut peers = vec![Peer::new(1, 100, 1)];
    connect(&mut room, &mut peers, 0);
    let before = room.state();

    let many_queries = vec![3u8; MAX_MESSAGES_PER_FRAME + 1];
    let two_state_vectors = [peers[0].client.hello(), peers[0].client.hello()].concat();
    let mut five_presences = Vec::new();
    for id in 500..505u64 {
        let mut client = SyncClient::new(&Agreement::new(id), || NOW as u64);
        five_presences.extend(client.set_presence("{}").expect("presence"));
    }
    // Five replicas' remarks in one frame: five fresh client ids.
    let mut five_writers = Vec::new();
    for id in 600..605u64 {
        let a = Agreement::load(id, &before).expect("copy");
        let c = clause_id(&a, "1.1");
        a.add_remark(&c, &erik, "Många.", NOW).expect("remark");
        five_writers.extend(SyncClient::update_frame(
            &a.encode_diff(&room.agreement().state_vector())
                .expect("diff"),
        ));
    }
    for (what, frame) in [
        ("nine messages", many_queries),
        ("two state vectors", two_state_vectors),
        ("five presences", five_presences),
        ("five new client ids", five_writers),
    ] {
        let refused = room.receive(ConnId(1), &frame, NOW);
        println!("{what}: {refused:?}");
        assert!(matches!(refused, Err(RoomError::TooMany(_))), "{what}");
        assert_eq!(room.state(), before, "{what} changed the room");
    }

    for n in 2..=MAX_CONNECTIONS_PER_PARTICIPANT as u64 {
        room.join(ConnId(n), erik.clone()).expect("joins");
    }
    let refused = room.join(ConnId(99), erik.clone());
    assert!(matches!(refused, Err(RoomError::TooMany(_))), "{refused:?}");
    assert_eq!(
        refused.map(|_| ()).expect_err("refused").close_code(),
        crate::ws::close::POLICY
    );
}

#[test]
fn a_value_nested_a_million_levels_deep_is_refused_before_yrs_reads_it() {
    let mut room = demo_room();
    room.join(ConnId(1), demo::participants()[3].clone())
        .expect("joins");
    let before = room.state();
    let mut update = vec![1, 1, 0x90, 0x03, 0, 0x20 | 8, 1, 4];
    update.extend(b"meta");
    update.push(5);
    update.extend(b"title");
    update.push(1);
    for _ in 0..1_000_000 {
        update.extend([117, 1]);
    }
    update.extend([126, 0]);
    let frame = SyncClient::update_frame(&update);
    let refused = room.receive(ConnId(1), &frame, NOW);
    assert!(
        matches!(refused, Err(RoomError::TooLarge(_))),
        "{refused:?}"
    );
    assert_eq!(
        refused.expect_err("refused").close_code(),
        crate::ws::close::TOO_BIG
    );
    assert_eq!(room.state(), before);
}

#[test]
fn presence_carries_the_session_identity_and_never_anothers_client_id() {
    let (mut room, mut peers) = joined(vec![Peer::new(1, 100, 0), Peer::new(2, 200, 1)]);
    // Karin announces herself, binding client 100.
    announce(&mut room, &mut peers, 0, r#"{"clause":"c1"}"#);
    // Erik claims to be Karin by name …
    announce(
        &mut room,
        &mut peers,
        1,
        r#"{"name":"Karin Lindqvist","organisation":"Region Norrvik"}"#,
    );
    let seen = peers[0].client.presence();
    let erik = seen
        .iter()
        .find(|(id, _)| *id == 200)
        .expect("Erik present");
    assert!(
        erik.1.contains("Erik Johansson") && erik.1.contains("Strandviks kommun"),
        "{erik:?}"
    );
    let karin = seen
        .iter()
        .find(|(id, _)| *id == 100)
        .expect("Karin present");
    assert!(
        karin.1.contains(r#""clause":"c1""#),
        "own fields are kept: {karin:?}"
    );

    // … and by Karin's client id: the entry is dropped, nothing relayed.
    let mut forged = Peer::new(2, 100, 1);
    let frame = forged
        .client
        .set_presence(r#"{"name":"Karin Lindqvist"}"#)
        .expect("presence");
    let effects = room.receive(ConnId(2), &frame, NOW).expect("frame read");
    assert!(effects.to_send.is_empty(), "{:?}", effects.to_send);
    let _ = &mut forged;
}

// A bounded fuzz run over the untrusted input path: arbitrary bytes, and valid frames with
// bytes flipped, cut or appended. Nothing may panic; a refused frame leaves the room as it was;
// an accepted one is stored whole. (The cargo-fuzz targets' inputs are replayed by the fuzz
// crate's own tests.)
mod fuzz {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    fn valid_frame() -> Vec<u8> {
        let peer = Peer::new(1, 100, 1);
        let seed = demo::agreement(SERVER_CLIENT_ID, NOW).expect("demo");
        peer.agreement
            .apply_update(&seed.encode_state())
            .expect("copy");
        let clause = clause_id(&peer.agreement, "2.2");
        peer.edit(|a| {
            a.add_remark(&clause, &demo::participants()[1], "Fuzz", NOW)
                .expect("remark");
        })
    }

    /// A lib0 varint.
    fn var(mut value: u64) -> Vec<u8> {
        let mut out = Vec::new();
        while value >= 0x80 {
            out.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        out.push(value as u8);
        out
    }

    /// `tag` followed by `body` as a length-prefixed buffer.
    fn message(tag: &[u8], body: &[u8]) -> Vec<u8> {
        [tag, &var(body.len() as u64), body].concat()
    }

    // Found by `cargo fuzz run room_frame` (fuzz/): client ids wider than 53 bits and clocks
    // past 32 bits panicked in yrs' decoder (a debug assertion and an overflow; release builds
    // silently alias the id or wrap the clock): the first seven frames below panicked the room
    // before the decoder checked them on the way in. The last four ask yrs to reserve room for
    // millions of entries in a few bytes (an out-of-memory abort under the fuzzer's allocator
    // limit, gigabytes of address space per frame otherwise).
    #[test]
    fn regressions_found_by_cargo_fuzz() {
        let wide = 1u64 << 53;
        let update = |body: &[u8]| message(&[0, 2], body);
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "block client",
                update(&[&[1, 1][..], &var(wide), &[0, 4, 1, b'x']].concat()),
            ),
            (
                "left origin (the fuzzer's find)",
                update(&[&[1, 1, 5, 0, 0x84][..], &var(wide + 100), &[0]].concat()),
            ),
            (
                "parent id",
                update(&[&[1, 1, 5, 0, 0x04, 0][..], &var(wide), &[0, 1, b'x']].concat()),
            ),
            (
                "delete set client",
                update(&[&[0, 1][..], &var(wide), &[1, 0, 1]].concat()),
            ),
            (
                "state vector client",
                message(&[0, 0], &[&[1][..], &var(wide), &[0]].concat()),
            ),
            (
                "presence client",
                message(&[1], &[&[1][..], &var(wide), &[0, 2, b'{', b'}']].concat()),
            ),
            (
                "block clocks past 2^32 (the fuzzer's second find)",
                update(&[&[1, 1, 5][..], &var(u64::from(u32::MAX) - 1), &[0, 5, 0]].concat()),
            ),
            (
                "deleted range past 2^32",
                update(&[&[0, 1, 5, 1][..], &var(u64::from(u32::MAX)), &[5]].concat()),
            ),
            (
                "client sections beyond the bytes (the fuzzer's third find)",
                update(&[var(1 << 30), vec![0]].concat()),
            ),
            (
                "blocks beyond the bytes",
                update(&[&[1][..], &var(1 << 28), &[5, 0, 0]].concat()),
            ),
            (
                "Any values beyond the bytes (the fuzzer's fourth find)",
                update(&[&[1, 1, 5, 0, 0x08, 1, 1, b'x'][..], &var(1 << 30), &[0]].concat()),
            ),
            (
                "state vector count beyond its bytes",
                message(&[0, 0], &var(1 << 31)),
            ),
            (
                "a presence clock at its maximum, which overflowed when its connection left (found by the structure-aware room_frame target)",
                message(&[1], &[&[1][..], &var(500), &var(u64::from(u32::MAX)), &[2, b'{', b'}']].concat()),
            ),
        ];
        for (name, frame) in cases {
            let mut room = demo_room();
            room.join(ConnId(1), demo::participants()[1].clone())
                .expect("joins");
            let before = room.state();
            let result = room.receive(ConnId(1), &frame, NOW);
            println!("{name}: {result:?}");
            assert!(
                matches!(result, Err(RoomError::Decode(_))),
                "{name} must be refused as undecodable, got {result:?}"
            );
            assert_eq!(room.state(), before, "{name} must not change the room");
        }
    }

    /// Handles `frame` as the room thread would and checks what the room claims: a refused
    /// frame left the room exactly as it was (no reload hides anything here), and an accepted
    /// one stored exactly what the room gained — a room loaded from the log before it plus what
    /// was stored equals the live room.
    fn honest_outcome(frame: &[u8]) -> Result<(), TestCaseError> {
        let seed = demo::agreement(SERVER_CLIENT_ID, NOW)
            .expect("demo")
            .encode_state();
        let mut room = Room::load([seed.clone()], HashMap::new()).expect("room");
        room.join(ConnId(1), demo::participants()[1].clone())
            .expect("joins");
        let before = room.state();
        match room.receive(ConnId(1), frame, NOW) {
            Ok(effects) => {
                let log: Vec<Vec<u8>> = std::iter::once(seed).chain(effects.to_store).collect();
                let reloaded = Room::load(&log, HashMap::new()).expect("the log loads");
                prop_assert_eq!(
                    reloaded.agreement().doc().transact().snapshot(),
                    room.agreement().doc().transact().snapshot()
                );
                prop_assert_eq!(reloaded.agreement().clauses(), room.agreement().clauses());
            }
            Err(RoomError::Apply(e)) => {
                return Err(TestCaseError::fail(format!("integration went wrong: {e}")))
            }
            Err(_) => prop_assert_eq!(room.state(), before),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_change_nothing_or_are_stored_whole(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            honest_outcome(&bytes)?;
        }

        #[test]
        fn mutated_frames_change_nothing_or_are_stored_whole(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
            cut in proptest::option::of(any::<prop::sample::Index>()),
            tail in prop_oneof![Just(Vec::new()), proptest::collection::vec(any::<u8>(), 1..16)],
        ) {
            // Often whole (no cut, no tail), so the accepted branch is exercised too.
            let mut frame = valid_frame();
            for (at, byte) in flips {
                let i = at.index(frame.len());
                frame[i] = byte;
            }
            if let Some(cut) = cut {
                frame.truncate(cut.index(frame.len() + 1));
            }
            frame.extend(tail);
            honest_outcome(&frame)?;
        }
    }
}

#[test]
fn a_newly_invited_participant_is_registered_once_by_the_server() {
    let mut room = demo_room();
    let ingrid = Participant {
        id: "p-ingrid".into(),
        name: "Ingrid Berg".into(),
        organisation: "Ekby kommun".into(),
        role: Role::Jurist,
    };
    // Demo participants are in the document already: nothing to write.
    for known in demo::participants() {
        assert_eq!(room.admit(&known), None, "{} is known", known.name);
    }
    let update = room.admit(&ingrid).expect("a new participant is written");
    assert!(room.agreement().participants().contains(&ingrid));
    assert_eq!(room.admit(&ingrid), None, "registered once");
    // The update alone carries the registration to a replica that has the rest.
    let replica = Agreement::load(
        7,
        &demo::agreement(SERVER_CLIENT_ID, NOW)
            .expect("demo")
            .encode_state(),
    )
    .expect("replica");
    replica.apply_update(&update).expect("applies");
    assert!(replica.participants().contains(&ingrid));
}

/// Six page loads on one device, each offline, each under its own client id and opened from
/// what the earlier ones wrote (as the device copy does): a remark each, the second answering
/// the first, the sixth rewording the fifth's. When the network returns, the last page's
/// replica sends it all — more new client ids than one frame may bring — and every frame is
/// accepted: nothing handed back, and the cap on new ids per frame still stands.
#[test]
fn the_writing_of_six_offline_page_loads_is_accepted_in_portions() {
    let mut room = demo_room();
    let erik = demo::participants()[1].clone();
    let mut state = room.state();
    let clause = clause_id(&Agreement::load(9, &state).expect("loads"), "2.1");
    let mut remarks: Vec<String> = Vec::new();
    let pages: Vec<u64> = (1..=6).map(|n| 700 + n).collect();
    for (n, &page) in pages.iter().enumerate() {
        let a = Agreement::load(page, &state).expect("the device copy opens");
        let body = format!("Sidan {}.", n + 1);
        let id = match n {
            1 => a.reply(&remarks[0], &erik, &body, NOW),
            _ => a.add_remark(&clause, &erik, &body, NOW),
        };
        remarks.push(id.expect("written").to_string());
        if n == 5 {
            a.edit_remark(&erik, &remarks[4], "Sidan 5, omskriven.", None, NOW)
                .expect("reworded");
        }
        state = a.encode_state();
    }
    let mut peers = vec![Peer::new(1, pages[5], 1)];
    peers[0].agreement = Agreement::load(pages[5], &state).expect("loads");
    peers[0].client = SyncClient::new(&peers[0].agreement, || NOW as u64);
    peers[0].client.set_order(pages.clone());
    let stored = connect(&mut room, &mut peers, 0);
    assert_eq!(stored.len(), 2, "six new client ids: two portions");
    let fresh = Agreement::load(9, &room.state()).expect("loads");
    let bodies: Vec<String> = fresh
        .remarks_of(&clause)
        .into_iter()
        .flat_map(|r| std::iter::once(r.body.clone()).chain(r.replies.into_iter().map(|r| r.body)))
        .collect();
    for n in [1, 2, 3, 4, 6] {
        assert!(
            bodies.contains(&format!("Sidan {n}.")),
            "page {n}: {bodies:?}"
        );
    }
    assert!(
        bodies.contains(&"Sidan 5, omskriven.".to_string()),
        "{bodies:?}"
    );
    assert!(peers[0].client.saved(), "everything acknowledged");
}

/// Two tabs of one person: what one writes reaches the other through the room only once it is
/// stored, so the other's client learns the server holds it — the tab that writes the device
/// copy marks the other tab's changes saved from that.
#[test]
fn a_relayed_update_tells_the_other_tab_the_server_holds_it() {
    let (mut room, mut peers) = joined(vec![Peer::new(1, 100, 1), Peer::new(2, 200, 1)]);
    let clause = clause_id(&peers[0].agreement, "1.2");
    let erik = demo::participants()[1].clone();
    let frame = peers[0].edit(|a| {
        a.add_remark(&clause, &erik, "Från den första fliken.", NOW)
            .expect("remark");
    });
    assert_eq!(peers[1].client.server_clock(100), 0);
    send(&mut room, &mut peers, 0, frame);
    let written = peers[0].agreement.doc().transact().state_vector();
    let clock = written.get(&yrs::block::ClientID::new(100));
    assert!(clock > 0);
    assert_eq!(peers[1].client.server_clock(100), clock);
}

/// A newcomer holding nothing gets the whole document as one frame, encoded once (from the one
/// stored row of a compacted log) until the document changes: after a participant's remark,
/// and after a write of the server's own, the next newcomer's frame holds it.
#[test]
fn a_newcomer_gets_the_whole_document_as_it_stands_after_every_change() {
    let mut room = demo_room();
    let mut peers = vec![
        Peer::new(1, 100, 1),
        Peer::new(2, 200, 0),
        Peer::new(3, 300, 2),
    ];
    connect(&mut room, &mut peers[..1], 0);
    let clause = clause_id(&peers[0].agreement, "3.1");
    let people = demo::participants();
    let frame = peers[0].edit(|a| {
        a.add_remark(&clause, &people[1], "Efter den första.", NOW)
            .expect("remark");
    });
    // Only the connected take part in each exchange: a newcomer learns only from its join.
    assert_eq!(
        send(&mut room, &mut peers[..1], 0, frame).len(),
        1,
        "stored"
    );
    connect(&mut room, &mut peers[..2], 1);
    assert_eq!(
        peers[1].agreement.remarks_of(&clause).len(),
        1,
        "the next newcomer gets the remark"
    );
    let ingrid = Participant {
        id: "p-ingrid".into(),
        name: "Ingrid Berg".into(),
        organisation: "Ekby kommun".into(),
        role: Role::Jurist,
    };
    assert!(room.admit(&ingrid).is_some(), "the server writes");
    connect(&mut room, &mut peers, 2);
    assert!(
        peers[2].agreement.participants().contains(&ingrid),
        "the next newcomer gets the server's write"
    );
    // Asked twice with nothing between, the same frame (and the same document) both times.
    let asked = |room: &mut Room| room.step2(&StateVector::default());
    assert_eq!(asked(&mut room), asked(&mut room));
    let whole = Agreement::new(9);
    whole.apply_update(&room.state()).expect("applies");
    assert_eq!(whole.participants(), peers[2].agreement.participants());
    assert_eq!(
        whole.remarks_of(&clause),
        peers[2].agreement.remarks_of(&clause)
    );
}

/// A newcomer answered from the stored row before the room was built is sent what changed
/// since the load when its join is handled; after a reload the room cannot tell what changed
/// (a deletion stored meanwhile moves no state vector), so it sends the difference anyway.
#[test]
fn a_reloaded_room_sends_early_newcomers_the_difference_from_the_first_load() {
    let room = demo_room();
    let loaded = room.state_vector();
    assert_eq!(room.since_loaded(&loaded), None, "nothing changed");
    let reloaded = demo_room().reloaded();
    let frame = reloaded.since_loaded(&loaded).expect("the difference");
    assert_eq!(frame[..2], [0, 1], "a SyncStep2");
}
