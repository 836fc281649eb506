//! A replica's update listener ([`Agreement::on_update`]): what the socket and the device copy
//! send and keep of every transaction.

use samrad_domain::yrs::Transact;
use samrad_domain::{demo, Agreement, Role};
use std::cell::RefCell;
use std::rc::Rc;

const NOW: f64 = 1_800_000_000_000.0;

type Seen = Rc<RefCell<Vec<Vec<u8>>>>;

fn recorder() -> (Seen, impl Fn(&[u8]) + 'static) {
    let seen = Seen::default();
    let sink = seen.clone();
    (seen, move |u: &[u8]| sink.borrow_mut().push(u.to_vec()))
}

/// The listener gets, byte for byte, the update yrs itself emits for each transaction that
/// changed something — a local write, a remote update applied — and none for one that changed
/// nothing; once switched off it gets nothing more.
#[test]
fn the_listener_gets_each_changing_transaction_as_yrs_encodes_it_until_switched_off() {
    let seed = demo::agreement(1, NOW).expect("demo").encode_state();
    let server = Agreement::load(1, &seed).expect("server replica");
    let app = Agreement::load(0x77, &seed).expect("app replica");
    let (ours, listener) = recorder();
    app.on_update("socket", listener).expect("listening");
    let yrs_own = Seen::default();
    let sink = yrs_own.clone();
    app.doc()
        .observe_update_v1("probe", move |_, e| {
            sink.borrow_mut().push(e.update.clone())
        })
        .expect("probe");
    let member = demo::participants()
        .into_iter()
        .find(|p| p.role == Role::Member)
        .expect("a member");
    let clause = app.clauses()[0].id.clone();
    app.add_remark(&clause, &member, "Här skriven", NOW)
        .expect("local remark");
    let before = server.state_vector();
    server
        .add_remark(&clause, &member, "Från servern", NOW)
        .expect("remote remark");
    app.apply_update(&server.encode_diff(&before).expect("diff"))
        .expect("remote applied");
    drop(app.doc().transact_mut());
    assert_eq!(ours.borrow().len(), 2, "a local and a remote transaction");
    assert_eq!(*ours.borrow(), *yrs_own.borrow());

    app.off_update("socket");
    app.add_remark(&clause, &member, "Efteråt", NOW)
        .expect("another remark");
    assert_eq!(ours.borrow().len(), 2, "nothing once switched off");
    assert_eq!(yrs_own.borrow().len(), 3);
}

/// Switched off while a whole agreement is applied (the socket's listener, as the agreement
/// first arrives), the listener must cost nothing: yrs keeps the slot of an unsubscribed
/// update listener until the next subscription and re-encodes every transaction while any
/// slot exists — at real size a second copy of the whole 12 MB agreement, for nobody. So the
/// listener must not live in yrs's update slots: a yrs update listener under the same key
/// takes no place of ours.
#[test]
fn the_listener_lives_outside_the_update_slots_yrs_encodes_for() {
    let app = demo::agreement(1, NOW).expect("demo");
    let (ours, listener) = recorder();
    app.on_update("socket", listener).expect("listening");
    app.doc()
        .observe_update_v1("socket", |_, _| {})
        .expect("a yrs listener under the same key");
    let member = demo::participants()
        .into_iter()
        .find(|p| p.role == Role::Member)
        .expect("a member");
    let clause = app.clauses()[0].id.clone();
    app.add_remark(&clause, &member, "Skriven", NOW)
        .expect("remark");
    assert_eq!(
        ours.borrow().len(),
        1,
        "ours was replaced: it is a yrs update slot"
    );
}
