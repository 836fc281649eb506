//! Benchmarks on a large agreement, and a replay of the automerge-paper editing trace.
//!
//! The large agreement (built in `large/`, shared with the compilation's benchmark): 12
//! chapters × 10 clauses, 20 organisations (a member each, who is its respondent, and a jurist
//! in every fourth), 20,000 coordinator text edits spread over the clauses, interleaved with
//! 3,000 remarks (2,000 on clauses — 70 % on ranges, mixed comments, questions and proposals —
//! and 1,000 replies), 4 named versions, then the consultation: every organisation drafts a
//! stance on every clause and half send answers.
//!
//! Run with `cargo bench -p samrad-domain`. Benchmarks build with the workspace's release
//! profile (the server's); `--profile wasm-release` builds them as the app's code is. The trace
//! ships with the repository in `benches/data/` (CC BY 4.0, see its README); `SAMRAD_TRACE`
//! points at another copy. A missing or unreadable trace fails the run: it is never skipped.
//!
//! `cargo bench -p samrad-domain -- --test` (the test suite's quick pass) builds the same
//! agreement and replays the same trace, checking every result, but runs each measurement
//! once and leaves out the timings printed beside them (the trace is then replayed once, not
//! three times).

#![allow(clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use samrad_domain::yrs::{Doc, GetString, Text, Transact};
use samrad_domain::{doc_options, Agreement, Phase, Role};
use std::hint::black_box;
use std::io::Read;
use std::time::{Duration, Instant};

mod large;

use large::person;

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

fn large_agreement(c: &mut Criterion) {
    let started = Instant::now();
    let big = large::build(&large::README);
    println!(
        "large agreement: encoded state {} bytes after clauses and participants, \
         {} after the edits, remarks and versions, {} after the stances and answers",
        big.size_structure,
        big.size_history,
        big.state.len()
    );
    let a = Agreement::load(2, &big.state).unwrap();
    let remarks: usize = a
        .find_remarks(&Default::default())
        .iter()
        .map(|r| 1 + r.replies.len())
        .sum();
    println!(
        "large agreement: built in {:.2?}; {} clauses, {} remarks and replies, {} versions, \
         {} organisations × {} clauses in the stance matrix",
        started.elapsed(),
        a.clauses().len(),
        remarks,
        a.versions().len(),
        a.stance_matrix().organisations.len(),
        a.stance_matrix().clauses.len(),
    );
    println!("large agreement: encoded state {} bytes", big.state.len());
    println!(
        "large agreement: remarks_of on the busiest clause ({} remarks and replies)",
        big.busy_remarks
    );

    let mut group = c.benchmark_group("large_agreement");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("load", |b| {
        b.iter(|| Agreement::load(3, black_box(&big.state)).unwrap())
    });
    group.bench_function("remarks_of", |b| {
        b.iter(|| a.remarks_of(black_box(&big.busy_clause)))
    });
    group.bench_function("stance_matrix", |b| b.iter(|| a.stance_matrix()));

    // Text is frozen during the consultation; the keystroke is typed while merging.
    let m = Agreement::load(4, &big.state).unwrap();
    let karin = &big.coordinator;
    m.set_phase(karin, Phase::Merging, None).unwrap();
    let clause = big.busy_clause.clone();
    let at = m.clause_len(&clause).unwrap() / 2;
    group.bench_function("keystroke", |b| {
        b.iter_custom(|iters| {
            // Typing at an advancing cursor; every 200 characters the typed run is deleted
            // again (untimed), so the clause does not grow with the number of iterations.
            let mut timed = Duration::ZERO;
            let mut typed = 0;
            for _ in 0..iters {
                let t = Instant::now();
                m.edit_clause_text(karin, &clause, at + typed, 0, "x")
                    .unwrap();
                timed += t.elapsed();
                typed += 1;
                if typed == 200 {
                    m.edit_clause_text(karin, &clause, at, typed, "").unwrap();
                    typed = 0;
                }
            }
            timed
        })
    });
    group.finish();
}

// -------------------------------------------------------------------------------------------
// The automerge-paper trace

struct Trace {
    start: String,
    end: String,
    /// (position, deleted, inserted), positions in UTF-16 units.
    patches: Vec<(u32, u32, String)>,
}

/// Whether criterion runs in its test mode (`-- --test`): every measurement once, to check
/// that the benchmarks still build and run.
fn quick() -> bool {
    std::env::args().any(|a| a == "--test")
}

fn read_trace() -> Trace {
    let path = std::env::var("SAMRAD_TRACE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/benches/data/automerge-paper.json.gz"
        )
        .into()
    });
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        panic!(
            "automerge-paper: cannot open the trace at {path}: {e} (it ships with the \
             repository in domain/benches/data; SAMRAD_TRACE names another copy)"
        )
    });
    let mut json = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut json)
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
    let (start, end) = (text("startContent"), text("endContent"));
    let mut patches = Vec::new();
    for txn in value["txns"].as_array().unwrap() {
        for patch in txn["patches"].as_array().unwrap() {
            let pos = patch[0].as_u64().unwrap() as u32;
            let del = patch[1].as_u64().unwrap() as u32;
            let ins = patch[2].as_str().unwrap().to_string();
            patches.push((pos, del, ins));
        }
    }
    // The trace counts positions in Unicode characters, the domain in UTF-16 units: they are
    // the same as long as no character lies outside the Basic Multilingual Plane.
    let bmp = |s: &str| s.chars().all(|c| c.len_utf16() == 1);
    assert!(
        bmp(&start) && bmp(&end) && patches.iter().all(|(_, _, ins)| bmp(ins)),
        "the trace has characters outside the BMP; positions would need converting"
    );
    println!(
        "automerge-paper: {} patches ({} deleting), {} characters at the end, ASCII only: {}",
        patches.len(),
        patches.iter().filter(|p| p.1 > 0).count(),
        end.chars().count(),
        end.is_ascii() && patches.iter().all(|p| p.2.is_ascii()),
    );
    Trace {
        start,
        end,
        patches,
    }
}

fn replay(trace: &Trace) -> Agreement {
    let karin = person("p-karin".into(), "Region Norrvik".into(), Role::Coordinator);
    let a = Agreement::new(7);
    let chapter = a.add_chapter("1", "Artikel");
    let clause = a.add_clause(&chapter, "1.1", "Text", &trace.start).unwrap();
    for (pos, del, ins) in &trace.patches {
        a.edit_clause_text(&karin, &clause, *pos, *del, ins)
            .unwrap();
    }
    let text = a.clause(&clause).unwrap().text;
    assert!(
        text == trace.end,
        "the replayed text differs from endContent"
    );
    assert_eq!(utf16_len(&text), utf16_len(&trace.end));
    a
}

fn automerge_paper(c: &mut Criterion) {
    let trace = read_trace();
    if !quick() {
        print_trace_timings(&trace);
    }
    let mut group = c.benchmark_group("automerge_paper");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("replay", |b| b.iter(|| replay(black_box(&trace))));
    group.finish();
}

/// One replay timed on its own, loading its state, and the same edits on a bare yrs text.
fn print_trace_timings(trace: &Trace) {
    let t = Instant::now();
    let a = replay(trace);
    let elapsed = t.elapsed();
    let state = a.encode_state();
    println!(
        "automerge-paper: replayed {} edits into one clause in {:.2?} ({:.2} µs per edit); \
         final encoded state {} bytes; matches endContent",
        trace.patches.len(),
        elapsed,
        elapsed.as_secs_f64() * 1e6 / trace.patches.len() as f64,
        state.len(),
    );
    let t = Instant::now();
    let loaded = Agreement::load(8, &state).unwrap();
    println!(
        "automerge-paper: loading that state takes {:.2?}",
        t.elapsed()
    );
    drop(loaded);

    // For scale: the same edits straight on a yrs text with the same document options,
    // without the domain's permission check and clause lookup around each edit.
    let doc = Doc::with_options(doc_options(9));
    let text = doc.get_or_insert_text("text");
    let t = Instant::now();
    text.insert(&mut doc.transact_mut(), 0, &trace.start);
    for (pos, del, ins) in &trace.patches {
        let mut txn = doc.transact_mut();
        if *del > 0 {
            text.remove_range(&mut txn, *pos, *del);
        }
        if !ins.is_empty() {
            text.insert(&mut txn, *pos, ins);
        }
    }
    let elapsed = t.elapsed();
    assert!(text.get_string(&doc.transact()) == trace.end);
    println!(
        "automerge-paper: the same edits on a bare yrs text take {elapsed:.2?} ({:.2} µs per edit)",
        elapsed.as_secs_f64() * 1e6 / trace.patches.len() as f64,
    );
}

criterion_group!(benches, large_agreement, automerge_paper);
criterion_main!(benches);
