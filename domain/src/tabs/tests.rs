use super::*;
use crate::demo;
use crate::test_support::{server_replica, Storage, NOW};
use std::cell::RefCell;
use std::rc::Rc;

/// One tab: its replica, its part in the exchange, its device copy's bookkeeping, and the
/// messages it posted that the other tabs have not read yet.
struct Tab {
    agreement: Agreement,
    tabs: Tabs,
    copy: DeviceCopy,
    outbox: Rc<RefCell<Vec<Vec<u8>>>>,
    shown_acks: Option<Acks>,
}

impl Tab {
    /// A page load opening the device copy in `storage` as `client`; it says hello.
    fn open(client: u64, storage: &Storage) -> Tab {
        let opened = storage.open(client);
        let outbox = Rc::new(RefCell::new(Vec::new()));
        let tab = Tab {
            agreement: opened.agreement,
            tabs: Tabs::new(),
            copy: opened.copy,
            outbox: outbox.clone(),
            shown_acks: None,
        };
        if let TabEffect::Post(hello) = tab.tabs.opened(&tab.agreement) {
            outbox.borrow_mut().push(hello);
        }
        tab
    }

    /// Writes a remark on clause `number`; the change is posted, and kept if this tab writes.
    fn remark(&mut self, number: &str, body: &str, storage: &mut Storage) {
        let clause = clause(&self.agreement, number);
        let before = self.agreement.doc().transact().state_vector();
        self.agreement
            .add_remark(&clause, &demo::participants()[1], body, NOW)
            .expect("remark");
        let update = self
            .agreement
            .doc()
            .transact()
            .encode_state_as_update_v1(&before);
        if self.tabs.writes() {
            let client = self.agreement.doc().client_id().get();
            storage.apply(self.copy.own_change(client, &update));
        }
        if let TabEffect::Post(bytes) = self.tabs.own_change(&update) {
            self.outbox.borrow_mut().push(bytes);
        }
    }

    /// Reads `bytes` from another tab and does what it says.
    fn read(&mut self, bytes: &[u8], storage: &mut Storage) {
        let copy = Some(&mut self.copy);
        let (effects, writes) = self
            .tabs
            .receive(&self.agreement, copy, bytes)
            .expect("reads");
        storage.apply(writes);
        for effect in effects {
            match effect {
                TabEffect::Post(b) => self.outbox.borrow_mut().push(b),
                TabEffect::Apply(update) => self.agreement.apply_update(&update).expect("applies"),
                TabEffect::Acks(acks) => self.shown_acks = Some(acks),
            }
        }
    }

    fn bodies(&self, number: &str) -> Vec<String> {
        let clause = clause(&self.agreement, number);
        self.agreement
            .remarks_of(&clause)
            .into_iter()
            .map(|r| r.body)
            .collect()
    }
}

fn clause(agreement: &Agreement, number: &str) -> String {
    agreement
        .chapters()
        .into_iter()
        .flat_map(|c| c.clauses)
        .find(|c| c.number == number)
        .map(|c| c.id)
        .expect("clause")
}

/// Delivers every posted message to every other open tab until nothing moves.
fn deliver(tabs: &mut [&mut Tab], storage: &mut Storage) {
    loop {
        let mut moved = false;
        for from in 0..tabs.len() {
            let posted: Vec<Vec<u8>> = tabs[from].outbox.borrow_mut().drain(..).collect();
            for bytes in posted {
                moved = true;
                for (to, tab) in tabs.iter_mut().enumerate() {
                    if to != from {
                        tab.read(&bytes, storage);
                    }
                }
            }
        }
        if !moved {
            return;
        }
    }
}

/// The server's agreement kept on the device, as a first online visit leaves it.
fn stored_agreement() -> Storage {
    let replica = server_replica(10);
    let mut storage = Storage::default();
    storage.apply(DeviceCopy::empty().flush(&replica));
    storage
}

#[test]
fn a_remark_written_offline_in_one_tab_is_shown_in_the_other_and_kept_once() {
    let mut storage = stored_agreement();
    let mut a = Tab::open(101, &storage);
    let mut b = Tab::open(202, &storage);
    a.tabs.became_writer();
    deliver(&mut [&mut a, &mut b], &mut storage);
    a.remark("3.1", "Från flik A.", &mut storage);
    b.remark("3.1", "Från flik B.", &mut storage);
    deliver(&mut [&mut a, &mut b], &mut storage);
    for tab in [&a, &b] {
        let mut bodies = tab.bodies("3.1");
        bodies.sort();
        assert_eq!(bodies, ["Från flik A.", "Från flik B."]);
    }
    // The writer kept B's change as it came, and both tabs know it waits for the server.
    let reopened = storage.open(303);
    let mut bodies: Vec<String> = reopened
        .agreement
        .remarks_of(&clause(&reopened.agreement, "3.1"))
        .into_iter()
        .map(|r| r.body)
        .collect();
    bodies.sort();
    assert_eq!(bodies, ["Från flik A.", "Från flik B."], "each kept once");
    let shown = b.shown_acks.clone().expect("the writer told B");
    assert_eq!(shown.writing_order(), [101, 202]);
    assert_eq!(storage.acks.as_ref().map(Acks::pending), Some(2));
}

#[test]
fn a_tab_that_opens_later_is_given_what_the_open_ones_hold() {
    let mut storage = stored_agreement();
    let mut a = Tab::open(101, &storage);
    // A writes without a writer present (its change reaches no copy yet).
    a.remark("1.1", "Innan C öppnades.", &mut storage);
    a.outbox.borrow_mut().clear();
    let mut c = Tab::open(303, &storage);
    assert!(c.bodies("1.1").is_empty());
    deliver(&mut [&mut a, &mut c], &mut storage);
    assert_eq!(c.bodies("1.1"), ["Innan C öppnades."]);
}

#[test]
fn when_the_writing_tab_closes_another_takes_over_and_loses_nothing() {
    let mut storage = stored_agreement();
    let mut a = Tab::open(101, &storage);
    let mut b = Tab::open(202, &storage);
    a.tabs.became_writer();
    deliver(&mut [&mut a, &mut b], &mut storage);
    a.remark("2.2", "A skrev.", &mut storage);
    deliver(&mut [&mut a, &mut b], &mut storage);
    // A's last change was written to the copy and relayed; then A closes.
    let flushed = a.copy.flush(&a.agreement);
    storage.apply(flushed);
    drop(a);
    // B takes over: it reads what was stored since it opened, then compacts its replica.
    let from = b.copy.next_key();
    let newer: Vec<(u64, Vec<u8>)> = storage
        .records
        .range(from..)
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    assert!(!newer.is_empty(), "A stored records after B opened");
    let last = storage.records.keys().next_back().copied();
    let update = b
        .copy
        .take_over(last, storage.records.len(), newer, storage.acks.clone());
    if let Some(update) = update {
        b.agreement.apply_update(&update).expect("applies");
    }
    b.tabs.became_writer();
    b.remark("2.2", "B skrev efter A.", &mut storage);
    storage.apply(b.copy.flush(&b.agreement));
    assert_eq!(
        storage.records.len(),
        1,
        "compacted: the whole state in place of A's records"
    );
    let reopened = storage.open(404);
    let mut bodies: Vec<String> = reopened
        .agreement
        .remarks_of(&clause(&reopened.agreement, "2.2"))
        .into_iter()
        .map(|r| r.body)
        .collect();
    bodies.sort();
    assert_eq!(bodies, ["A skrev.", "B skrev efter A."]);
    assert!(reopened.damaged.is_empty());
    assert_eq!(
        reopened.copy.acks().writing_order(),
        [101, 202],
        "A's change still waits"
    );
}

#[test]
fn messages_read_back_as_written_and_a_foreign_one_is_refused() {
    let acks = Acks {
        stored: [(7, 3)].into_iter().collect(),
        waiting: vec![(7, 5)],
    };
    for message in [
        TabMessage::Change(vec![1, 2, 3]),
        TabMessage::Hello(vec![0]),
        TabMessage::CatchUp(vec![]),
        TabMessage::Acks(acks),
    ] {
        assert_eq!(
            TabMessage::decode(&message.encode()).expect("reads"),
            message
        );
    }
    assert!(TabMessage::decode(&[]).is_err());
    assert!(TabMessage::decode(&[9, 1]).is_err());
}
