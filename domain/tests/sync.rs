//! The client's view of what the server has stored: remarks written here wait until the
//! server's state vector covers them.

use samrad_domain::yrs::sync::{Message, SyncMessage};
use samrad_domain::yrs::updates::decoder::Decode;
use samrad_domain::yrs::updates::encoder::Encode;
use samrad_domain::yrs::StateVector;
use samrad_domain::{demo, written_at, Agreement, Role, SyncClient};

const NOW: f64 = 1_800_000_000_000.0;

/// The server's acknowledgement: a SyncStep1 carrying its state vector.
fn ack(server: &Agreement) -> Vec<u8> {
    let sv = StateVector::decode_v1(&server.state_vector()).expect("state vector");
    Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
}

/// Two remarks written here wait — unsaved, counted as pending — until the server's state
/// vector covers them: not while the server is silent, not when it says it lacks them, not
/// when it has stored only the first; saved once it holds both.
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
    assert!(client.saved(), "nothing written here yet");
    assert_eq!(client.pending(), 0);

    let before_first = app.state_vector();
    let first = app
        .add_remark(&clause, &erik, "Offline skriven", NOW)
        .expect("remark");
    client.note_local_change();
    let first_update = app.encode_diff(&before_first).expect("diff");
    let (client_id, first_clock) = written_at(&first).expect("made here");
    assert_eq!(client_id, 0x77);

    // Before the server speaks: nothing is confirmed.
    assert_eq!(client.stored_clock(), 0);
    assert!(
        !client.saved(),
        "a remark the server has not confirmed is not saved"
    );
    assert_eq!(client.pending(), 1);

    // The server has not got it yet: its state vector says so.
    client.receive(&ack(&server)).expect("step 1");
    assert_eq!(client.stored_clock(), 0);
    assert!(!client.saved(), "the server lacks the remark");
    assert_eq!(client.pending(), 1);

    let second = app
        .add_remark(&clause, &erik, "Också offline", NOW)
        .expect("second remark");
    client.note_local_change();
    let (_, second_clock) = written_at(&second).expect("made here");
    assert!(first_clock < second_clock);
    assert_eq!(client.pending(), 2);

    // It stores the first remark only and acknowledges: the first is stored, the second waits.
    server.apply_update(&first_update).expect("server applies");
    client.receive(&ack(&server)).expect("ack of the first");
    assert!(first_clock < client.stored_clock(), "the first is stored");
    assert!(second_clock >= client.stored_clock(), "the second is not");
    assert!(!client.saved());
    assert_eq!(
        client.pending(),
        2,
        "counted until the server holds all of ours"
    );

    // It stores the rest and acknowledges with its new state vector.
    server
        .apply_update(&app.encode_diff(&server.state_vector()).expect("diff"))
        .expect("server applies");
    client.receive(&ack(&server)).expect("ack");
    assert!(second_clock < client.stored_clock(), "stored now");
    assert!(client.saved());
    assert_eq!(client.pending(), 0);
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
