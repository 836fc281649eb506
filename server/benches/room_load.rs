//! Loading a room from its stored log, phase by phase: reading the rows, integrating them,
//! describing the state for the guard, and the first newcomer's whole state.
//!
//! `SAMRAD_LOAD_DB=path/to/samrad.db` measures a real store (the browser benchmark's fixture,
//! `scripts/bench.sh`); without it, a store is written here at a consultation's size.
//!
//! Run with `cargo bench -p samrad-server --bench room_load`.

#![allow(clippy::unwrap_used)]

use samrad_domain::Agreement;
use samrad_server::room::Room;
use samrad_server::store::Store;
use std::time::{Duration, Instant};

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    println!("room_load: {what:<44} {took:>10.2?}");
    (out, took)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test");
    let dir = tempfile::tempdir().unwrap();
    let (store, agreement) = match std::env::var("SAMRAD_LOAD_DB") {
        Ok(path) => {
            let copy = dir.path().join("samrad.db");
            std::fs::copy(&path, &copy).unwrap();
            let store = Store::open(&copy).unwrap();
            let id = store.agreements().unwrap()[0].0.clone();
            (store, id)
        }
        Err(_) => written(dir.path(), if quick { 2 } else { 40 }),
    };
    let rows = store.log_length(&agreement).unwrap();
    let (updates, _) = timed(&format!("reading {rows} rows"), || {
        store.load_updates(&agreement).unwrap()
    });
    let bytes: usize = updates.iter().map(Vec::len).sum();
    println!("room_load: {bytes} bytes stored");
    let bindings = store.client_bindings(&agreement).unwrap();
    let (replica, _) = timed("integrating them (no guard)", || {
        let a = Agreement::new(1);
        for u in &updates {
            a.apply_update(u).unwrap();
        }
        a
    });
    timed("describing the state for the guard", || {
        samrad_domain::Guard::new(replica)
    });
    let (room, _) = timed("Room::load (both)", || {
        Room::load(updates.iter(), bindings.clone()).unwrap()
    });
    let (state, _) = timed("a newcomer's whole state (encoding it)", || room.state());
    println!("room_load: whole state {} bytes", state.len());
    timed("integrating it as one row (a compacted log)", || {
        Agreement::load(3, &state).unwrap()
    });
    // What a page does with it: integrate it, its read index reading it whole once.
    timed("a page's replica: integrating, indexing", || {
        let page = Agreement::new(2);
        page.on_change("bench", |_| {});
        page.apply_update(&state).unwrap();
        page
    });
}

/// A store holding a consultation-sized agreement written as many small updates, as its
/// participants' keystrokes and remarks arrive.
fn written(dir: &std::path::Path, rounds: usize) -> (Store, String) {
    let store = Store::open(&dir.join("samrad.db")).unwrap();
    let seed = samrad_domain::demo::agreement(1, 1_800_000_000_000.0).unwrap();
    let id = samrad_domain::demo::AGREEMENT_ID.to_string();
    store.append_update(&id, &seed.encode_state()).unwrap();
    let people = samrad_domain::demo::participants();
    let clauses = seed.clause_ids();
    let mut rng = samrad_domain::fixture::Rng::new(7);
    for round in 0..rounds * 100 {
        let before = seed.state_vector();
        let who = &people[round % people.len()];
        let clause = &clauses[round % clauses.len()];
        let body = samrad_domain::fixture::sentence(&mut rng, 12);
        if seed
            .add_remark(clause, who, &body, 1_800_000_000_000.0 + round as f64)
            .is_ok()
        {
            store
                .append_update(&id, &seed.encode_diff(&before).unwrap())
                .unwrap();
        }
    }
    (store, id)
}
