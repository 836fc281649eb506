//! Writes seed inputs for both fuzz targets: frames and updates a real client sends (hello,
//! remarks, presence, a reply, a stale and a foreign update), so fuzzing starts from deep in
//! the protocol instead of from nothing.
//!
//! `cargo +nightly run --manifest-path fuzz/Cargo.toml --example seeds` (writes fuzz/seeds/).

use samrad_domain::{demo, Agreement, SyncClient};
use samrad_fuzz::{join, seed_state, NOW};
use std::path::Path;
use yrs::{ReadTxn, Transact};

/// A client replica of the demo agreement writing as `client_id`.
fn replica(client_id: u64) -> Agreement {
    let agreement = Agreement::new(client_id);
    agreement
        .apply_update(seed_state())
        .expect("demo state applies");
    agreement
}

/// Runs `edit` and returns the v1 update it made.
fn edit(agreement: &Agreement, edit: impl FnOnce(&Agreement)) -> Vec<u8> {
    let before = agreement.doc().transact().state_vector();
    edit(agreement);
    agreement
        .doc()
        .transact()
        .encode_state_as_update_v1(&before)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir).expect("seed dir");
    std::fs::write(dir.join(name), bytes).expect("write seed");
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let people = demo::participants();
    // Header nibbles index demo::participants(): 0 coordinator … as the demo orders them.
    let erik = 1u8;
    let agreement = replica(100);
    let clause = agreement.chapters()[1].clauses[0].id.clone();
    let remark = edit(&agreement, |a| {
        a.add_remark(&clause, &people[usize::from(erik)], "Fuzz", NOW)
            .expect("remark");
    });
    let remark_id = agreement.remarks_of(&clause)[0].id.clone();
    let reply = edit(&agreement, |a| {
        a.reply(&remark_id, &people[usize::from(erik)], "Svar", NOW + 1.0)
            .expect("reply");
    });
    let forged = edit(&replica(200), |a| {
        a.add_remark(&clause, &people[0], "Förfalskad", NOW)
            .expect("local write");
    });
    let mut client = SyncClient::new(&agreement, || NOW as u64);
    let hello = client.hello();
    let presence = client
        .set_presence(r#"{"clause":"c1","typing":true}"#)
        .expect("presence");

    let frames = root.join("room_frame");
    let frame = SyncClient::update_frame;
    write(&frames, "hello", &join(erik, &[hello.clone()]));
    write(
        &frames,
        "remark",
        &join(erik, &[hello.clone(), frame(&remark)]),
    );
    write(
        &frames,
        "remark_reply_presence",
        &join(erik, &[frame(&remark), frame(&reply), presence.clone()]),
    );
    write(
        &frames,
        "reply_without_remark",
        &join(erik, &[frame(&reply)]),
    );
    write(
        &frames,
        "stale_twice",
        &join(erik | erik << 4, &[frame(&remark), frame(&remark)]),
    );
    write(&frames, "forged_author", &join(erik, &[frame(&forged)]));
    write(&frames, "query", &join(erik, &[vec![3]]));

    let updates = root.join("apply_update");
    write(&updates, "remark", &[&[erik][..], &remark].concat());
    write(
        &updates,
        "reply_without_remark",
        &[&[erik][..], &reply].concat(),
    );
    write(
        &updates,
        "forged_author",
        &[&[erik | 0x10][..], &forged].concat(),
    );
    println!("seeds written to {}", root.display());
}
