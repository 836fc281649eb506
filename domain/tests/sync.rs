//! The client's view of what the server has stored: remarks written here wait until the
//! server's state vector covers them.

use samrad_domain::yrs::sync::{Message, SyncMessage};
use samrad_domain::yrs::updates::decoder::Decode;
use samrad_domain::yrs::updates::encoder::Encode;
use samrad_domain::yrs::StateVector;
use samrad_domain::{demo, written_at, Agreement, Role, SyncClient};

const NOW: f64 = 1_800_000_000_000.0;

#[test]
fn a_remark_counts_as_stored_once_the_server_holds_its_clock() {
    let seed = demo::agreement(1, NOW).expect("demo").encode_state();
    let server = Agreement::load(1, &seed).expect("server replica");
    let app = Agreement::load(0x77, &seed).expect("app replica");
    let mut client = SyncClient::new(&app, || NOW as u64);
    let erik = demo::participants()
        .into_iter()
        .find(|p| p.role == Role::Member)
        .expect("a member");
    let clause = app.clauses()[0].id.clone();
    let remark = app
        .add_remark(&clause, &erik, "Offline skriven", NOW)
        .expect("remark");
    let (client_id, clock) = written_at(&remark).expect("made here");
    assert_eq!(client_id, 0x77);
    assert_eq!(
        client.stored_clock(),
        0,
        "nothing confirmed before the server speaks"
    );
    assert!(clock >= client.stored_clock(), "so the remark waits");

    // The server has not got it yet: its state vector says so.
    let ack = |sv: Vec<u8>| {
        let sv = StateVector::decode_v1(&sv).expect("state vector");
        Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
    };
    client.receive(&ack(server.state_vector())).expect("step 1");
    assert_eq!(client.stored_clock(), 0);

    // It stores the remark and acknowledges with its new state vector.
    server
        .apply_update(&app.encode_diff(&server.state_vector()).expect("diff"))
        .expect("server applies");
    client.receive(&ack(server.state_vector())).expect("ack");
    assert!(clock < client.stored_clock(), "stored now");
    assert!(client.saved());
}

#[test]
fn a_fresh_replica_is_complete_only_once_the_servers_step_two_arrives() {
    let server = demo::agreement(1, NOW).expect("demo");
    let fresh = Agreement::new(0x99);
    let mut client = SyncClient::new(&fresh, || NOW as u64);
    let sv = StateVector::decode_v1(&server.state_vector()).expect("state vector");
    // The server's own SyncStep1 may come first: it says what the server has, not the data.
    client
        .receive(&Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1())
        .expect("step 1");
    assert!(!client.synced());
    assert!(fresh.clauses().is_empty());
    let all = server
        .encode_diff(&fresh.state_vector())
        .expect("everything");
    client
        .receive(&Message::Sync(SyncMessage::SyncStep2(all)).encode_v1())
        .expect("step 2");
    assert!(client.synced());
    assert_eq!(fresh.clauses().len(), server.clauses().len());
}
