//! Every input the fuzzers keep — the corpus they grew and every input that ever found a
//! fault — replayed through both target bodies on each `cargo test`: a fault fixed stays fixed,
//! and a change that breaks what a kept input reaches is caught without nightly.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["corpus", "crashes"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if let Ok(bytes) = std::fs::read(&path) {
                out.push((path.display().to_string(), bytes));
            }
        }
    }
    out.sort();
    out
}

/// Replays on a thread with a large stack: an input may nest its own values (not the bytes
/// sent: the harness's description of them) hundreds deep, and a debug build's frames are big.
fn replay(target: &'static str, body: fn(&[u8]) -> Result<(), String>) {
    let run = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || replay_here(target, body))
        .expect("a thread");
    if let Err(panic) = run.join() {
        std::panic::resume_unwind(panic);
    }
}

fn replay_here(target: &str, body: fn(&[u8]) -> Result<(), String>) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no kept inputs for {target}");
    let mut findings = Vec::new();
    for (name, bytes) in &inputs {
        if let Err(finding) = body(bytes) {
            findings.push(format!("{name}: {finding}"));
        }
    }
    println!("{target}: {} inputs replayed", inputs.len());
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn every_kept_room_frame_input_passes() {
    replay("room_frame", samrad_fuzz::room_frame_bytes);
}

#[test]
fn every_kept_apply_update_input_passes() {
    replay("apply_update", samrad_fuzz::apply_update_bytes);
}

/// Prints what a kept input is and the update it makes: `SAMRAD_INPUT=path cargo test -p
/// samrad-fuzz --test replay explain -- --ignored --nocapture`.
#[test]
#[ignore]
fn explain() {
    use arbitrary::{Arbitrary, Unstructured};
    let Ok(path) = std::env::var("SAMRAD_INPUT") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("input");
    if path.contains("apply_update") {
        let input = samrad_fuzz::Judged::arbitrary_take_rest(Unstructured::new(&bytes));
        println!("{input:#?}");
        if let Ok(input) = input {
            let a = samrad_domain::Agreement::load(
                1,
                &samrad_domain::demo::agreement(1, 0.0)
                    .expect("demo")
                    .encode_state(),
            )
            .expect("demo");
            let world = samrad_fuzz::world::World::of(&a);
            let update = samrad_fuzz::world::update(&input.update, &world, &[100, 101, 102]);
            println!(
                "{:#?}",
                samrad_domain::wire::parse_update(&update, samrad_domain::wire::Limits::PEER)
            );
            println!("{:?}", samrad_fuzz::apply_update(&input));
        }
    } else {
        let input = samrad_fuzz::Script::arbitrary_take_rest(Unstructured::new(&bytes));
        println!("{input:#?}");
        if let Ok(input) = input {
            println!("{:?}", samrad_fuzz::room_frame(&input));
        }
    }
}

/// How fast the bodies run over the kept inputs (release: `cargo test --release -p samrad-fuzz
/// --test replay speed -- --ignored --nocapture`).
#[test]
#[ignore]
fn speed() {
    for (target, body) in [
        (
            "apply_update",
            samrad_fuzz::apply_update_bytes as fn(&[u8]) -> Result<(), String>,
        ),
        ("room_frame", samrad_fuzz::room_frame_bytes),
    ] {
        let inputs = inputs(target);
        let started = std::time::Instant::now();
        for (_, bytes) in &inputs {
            let _ = body(bytes);
        }
        println!(
            "{target}: {} inputs in {:?}",
            inputs.len(),
            started.elapsed()
        );
    }
}
