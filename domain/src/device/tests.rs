use super::*;
use crate::test_support::{server_replica, Storage, NOW};
use crate::{demo, written_at};
use std::cell::RefCell;
use std::rc::Rc;

fn member() -> crate::Participant {
    demo::participants()[1].clone()
}

/// A page's replica holding the server's state, its copy stored, with own changes appended
/// as they commit.
fn first_visit(client: u64) -> (Agreement, Rc<RefCell<DeviceCopy>>, Rc<RefCell<Storage>>) {
    let replica = server_replica(client);
    let storage = Rc::new(RefCell::new(Storage::default()));
    let copy = Rc::new(RefCell::new(DeviceCopy::empty()));
    let write = copy.borrow_mut().flush(&replica);
    storage.borrow_mut().apply(write);
    let (c, s) = (copy.clone(), storage.clone());
    replica
        .on_update("device", move |update| {
            s.borrow_mut()
                .apply(c.borrow_mut().own_change(client, update));
        })
        .expect("observe");
    (replica, copy, storage)
}

fn remark(replica: &Agreement, body: &str) -> String {
    let clause = replica.clause_ids()[0].clone();
    replica
        .add_remark(&clause, &member(), body, NOW)
        .expect("remark")
}

#[test]
fn own_remarks_survive_the_page_and_are_marked_unsaved() {
    let (replica, copy, storage) = first_visit(0x71);
    let ids: Vec<String> = (0..3)
        .map(|i| remark(&replica, &format!("Synpunkt {i}")))
        .collect();
    assert_eq!(copy.borrow().acks().pending(), 3);
    drop(replica);

    // A later page (new client id) opens the copy: the remarks are there, still unsaved.
    let opened = storage.borrow().open(0x72);
    assert!(opened.damaged.is_empty());
    for id in &ids {
        assert!(opened.agreement.remark(id).is_some(), "{id} loaded");
        let (client, clock) = written_at(id).expect("own id");
        assert!(opened.copy.acks().unsaved(client, clock), "{id} unsaved");
    }
    assert_eq!(opened.copy.acks().pending(), 3);
    assert_eq!(opened.copy.waiting_clients(), vec![0x71]);
}

#[test]
fn the_servers_acknowledgement_settles_what_it_covers() {
    let (replica, copy, storage) = first_visit(0x71);
    let first = remark(&replica, "Först");
    let second = remark(&replica, "Sedan");
    let (_, clock) = written_at(&second).expect("own id");
    // The server has stored the first remark only: its clock for us ends where the second
    // begins.
    let write = copy.borrow_mut().acknowledged(0x71, clock);
    storage.borrow_mut().apply(write);
    let acks = storage.borrow().acks.clone().expect("kept");
    let (c, k) = written_at(&first).expect("own id");
    assert!(!acks.unsaved(c, k));
    assert!(acks.unsaved(0x71, clock));
    assert_eq!(acks.pending(), 1);
    // An acknowledgement that says nothing new writes nothing.
    assert_eq!(copy.borrow_mut().acknowledged(0x71, clock), None);
    assert_eq!(copy.borrow_mut().acknowledged(0x99, 40), None, "not ours");
}

#[test]
fn opening_writes_nothing_so_the_copy_does_not_grow() {
    let (replica, _, storage) = first_visit(0x71);
    remark(&replica, "En");
    let before = storage.borrow().records.len();
    for client in 0x80..0x85 {
        let mut opened = storage.borrow().open(client);
        assert_eq!(opened.copy.flush(&opened.agreement), None);
    }
    assert_eq!(storage.borrow().records.len(), before);
}

#[test]
fn received_changes_are_flushed_as_one_difference() {
    let (replica, copy, storage) = first_visit(0x71);
    // A colleague's remark arrives from the server.
    let colleague = Agreement::new(0x90);
    colleague
        .apply_update(&replica.encode_state())
        .expect("state");
    let clause = colleague.clause_ids()[0].clone();
    let theirs = colleague
        .add_remark(&clause, &demo::participants()[2], "Juristens", NOW)
        .expect("remark");
    replica
        .apply_update(
            &colleague
                .encode_diff(&replica.state_vector())
                .expect("diff"),
        )
        .expect("apply");
    let write = copy.borrow_mut().flush(&replica).expect("something new");
    assert!(matches!(write, Write::Append { .. }));
    storage.borrow_mut().apply([write]);
    assert_eq!(copy.borrow_mut().flush(&replica), None, "nothing twice");
    assert!(storage
        .borrow()
        .open(0x72)
        .agreement
        .remark(&theirs)
        .is_some());
}

#[test]
fn past_the_threshold_the_records_are_compacted_into_one_state() {
    let (replica, copy, storage) = first_visit(0x71);
    let ids: Vec<String> = (0..COMPACT_AFTER)
        .map(|i| remark(&replica, &format!("Nr {i}")))
        .collect();
    assert!(storage.borrow().records.len() > COMPACT_AFTER);
    let write = copy.borrow_mut().flush(&replica).expect("compaction");
    assert!(matches!(write, Write::Compact { .. }));
    storage.borrow_mut().apply([write]);
    assert_eq!(storage.borrow().records.len(), 1);
    assert_eq!(copy.borrow().records(), 1);
    // Writing goes on after the compaction, under later keys.
    let after = remark(&replica, "Efter");
    let opened = storage.borrow().open(0x72);
    for id in ids.iter().chain([&after]) {
        assert!(opened.agreement.remark(id).is_some(), "{id}");
    }
    assert_eq!(opened.copy.acks().pending(), COMPACT_AFTER + 1);
}

#[test]
fn a_damaged_record_is_skipped_with_a_notice_and_the_rest_loads() {
    let (replica, _, storage) = first_visit(0x71);
    let kept = remark(&replica, "Hel");
    let hurt = remark(&replica, "Skadad");
    let keys: Vec<u64> = storage.borrow().records.keys().copied().collect();
    let (k_hurt, k_cut) = (keys[keys.len() - 1], keys[keys.len() - 2]);
    // A flipped byte in the last remark's record, and a record cut short.
    if let Some(r) = storage.borrow_mut().records.get_mut(&k_hurt) {
        let last = r.len() - 1;
        r[last] ^= 0x40;
    }
    storage
        .borrow_mut()
        .records
        .insert(k_cut + 1000, vec![MAGIC, VERSION]);
    // Framed correctly but not an update.
    storage
        .borrow_mut()
        .records
        .insert(k_cut + 1001, frame(RecordKind::Update, &[0xff; 9]));
    let opened = storage.borrow().open(0x72);
    assert_eq!(opened.damaged.len(), 3, "{:?}", opened.damaged);
    assert_eq!(opened.damaged[0], Damage::Checksum(k_hurt));
    assert_eq!(opened.damaged[1], Damage::Unframed(k_cut + 1000));
    assert!(matches!(opened.damaged[2], Damage::Unreadable(..)));
    assert!(opened.agreement.remark(&kept).is_some());
    assert!(opened.agreement.remark(&hurt).is_none());
    assert!(!opened.agreement.clause_ids().is_empty(), "the rest loaded");
}

#[test]
fn a_replica_loaded_afresh_replaces_the_copy() {
    let (replica, copy, storage) = first_visit(0x71);
    let refused = remark(&replica, "Vägrad");
    let fresh = server_replica(0x72);
    let write = copy.borrow_mut().replace(&fresh);
    storage
        .borrow_mut()
        .apply([write, Write::Acks(copy.borrow().acks().clone())]);
    assert_eq!(storage.borrow().records.len(), 1);
    let opened = storage.borrow().open(0x73);
    assert!(opened.agreement.remark(&refused).is_none());
    assert_eq!(opened.copy.acks().pending(), 0);
}

/// Records already on devices were framed with the same CRC-32 by another implementation: the
/// checksum must be exactly CRC-32/ISO-HDLC (its published check value), or every stored copy
/// would read as damaged after an update of the app.
#[test]
fn records_framed_before_still_read() {
    assert_eq!(checksum(b"123456789"), 0xCBF4_3926);
    // A record as the earlier build framed it: magic, version, kind 0, CRC-32 of "abc".
    let stored = [
        [MAGIC, VERSION, 0].as_slice(),
        &0x3524_41C2u32.to_le_bytes(),
        b"abc",
    ]
    .concat();
    assert_eq!(
        unframe(1, &stored),
        Ok((RecordKind::Update, b"abc".as_slice()))
    );
}

#[test]
fn the_fetched_log_is_kept_as_sent_and_opens_as_the_same_agreement() {
    // The server's log as a first visit fetches it: a compacted state and a later update.
    let server = server_replica(0x10);
    let compacted = server.encode_state();
    let before = server.state_vector();
    let late = remark(&server, "Efter komprimeringen");
    let tail = server.encode_diff(&before).expect("diff");
    let body = crate::wire::join_log(&[compacted, tail]);
    let page = Agreement::new(0x71);
    let fetched = page.apply_fetched(body).expect("apply");
    // The page moves on before its copy is written (the copy's writer lock comes later): the
    // server's answer brings a remark written meanwhile.
    let answered = remark(&server, "Under tiden");
    page.apply_update(&server.encode_diff(&page.state_vector()).expect("diff"))
        .expect("answer");
    let mut copy = DeviceCopy::empty();
    let mut writes = copy.keep_fetched(&fetched);
    assert_eq!(writes.len(), 2, "one record per row, none encoded anew");
    writes.extend(copy.flush(&page));
    assert_eq!(writes.len(), 3, "what came after the rows is flushed");
    assert!(copy.flush(&page).is_none(), "nothing left to flush");
    let storage = RefCell::new(Storage::default());
    storage.borrow_mut().apply(writes);
    let opened = storage.borrow().open(0x72);
    assert!(
        opened.agreement.remark(&answered).is_some(),
        "what came after the rows is kept too"
    );
    assert!(opened.damaged.is_empty());
    assert_eq!(opened.agreement.state_vector(), server.state_vector());
    assert!(
        opened.agreement.remark(&late).is_some(),
        "the log's later row is kept too"
    );

    // A frame relayed before the fetched agreement is applied is in the replica but not in
    // the rows (read before it was written): nothing is kept as fetched, and the flush writes
    // the whole state, that change with it. Tried with a new remark (it lands in the empty
    // replica at once) and with an edit of a clause's wording (it waits in the replica, as
    // missing what it edits, until the rows bring that).
    let coordinator = demo::participants()[0].clone();
    let clause = server.clause_ids()[0].clone();
    let relayed: [&dyn Fn(&Agreement); 2] = [
        &|server| {
            remark(server, "Före hälsningen");
        },
        &|server| {
            server
                .edit_clause_text(&coordinator, &clause, 0, 0, "Relä: ")
                .expect("edit");
        },
    ];
    for (n, change) in relayed.iter().enumerate() {
        let rows = crate::wire::join_log(&[server.encode_state()]);
        let then = server.state_vector();
        change(&server);
        let early = Agreement::new(0x73 + n as u64);
        early
            .apply_update(&server.encode_diff(&then).expect("diff"))
            .expect("relayed");
        let fetched = early.apply_fetched(rows).expect("apply");
        let mut copy = DeviceCopy::empty();
        assert!(copy.keep_fetched(&fetched).is_empty(), "change {n}");
        let storage = RefCell::new(Storage::default());
        storage.borrow_mut().apply(copy.flush(&early));
        let opened = storage.borrow().open(0x80 + n as u64);
        assert_eq!(
            opened.agreement.state_vector(),
            server.state_vector(),
            "change {n}"
        );
    }

    // A copy that holds records already keeps them; the next flush writes what is new.
    let mut kept = opened.copy;
    assert!(kept.keep_fetched(&fetched).is_empty());
}
