//! The compilation and the stance matrix at the size of a real consultation round: 50
//! organisations × 120 clauses (6,000 stances drafted, 47 answers sent), 3,000 remarks and
//! replies written on the remiss version, the text then rewritten in places while merging
//! (see `large/`).
//!
//! Run with `cargo bench -p samrad-domain --bench compilation` (release profile: opt-level
//! "z" and LTO, as shipped).

#![allow(clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use samrad_domain::compilation::ArgumentSource;
use samrad_domain::{Agreement, Change, Phase, Role, StanceValue};
use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod large;

fn compilation(c: &mut Criterion) {
    let started = Instant::now();
    let big = large::build(&large::ROUND);
    let a = Agreement::load(2, &big.state).unwrap();
    println!(
        "consultation round: built in {:.2?}; encoded state {} bytes",
        started.elapsed(),
        big.state.len()
    );
    let t = Instant::now();
    let compilation = a.compilation(&big.remiss_version).unwrap();
    let first = t.elapsed();
    let clauses: Vec<_> = compilation
        .chapters
        .iter()
        .flat_map(|c| &c.clauses)
        .collect();
    let (motivations, remarks) =
        clauses
            .iter()
            .flat_map(|c| &c.arguments)
            .fold((0, 0), |(m, r), a| match a.source {
                ArgumentSource::Motivation { .. } => (m + 1, r),
                ArgumentSource::Remark { .. } => (m, r + 1),
            });
    let s = &compilation.summary;
    println!(
        "compilation: {} organisations consulted, {} answered; {} clauses ({} changed since the \
         remiss); {} stances counted, {} motivations and {} remarks quoted; first run {:.2?}",
        s.consulted,
        s.answered,
        clauses.len(),
        s.outcomes.changed,
        s.totals.answered(),
        motivations,
        remarks,
        first
    );
    // The machine may be shared: the CPU time this thread spends says what one compilation
    // costs whatever else runs; the benchmarks below say how long one takes as things are.
    cpu_mean("compilation", "each", || {
        black_box(a.compilation(&big.remiss_version).unwrap());
    });
    // Its two parts: reading the remiss version's text (the document as it stood then), and
    // building the compilation from that text (what a page opened again pays, the text kept).
    cpu_mean("compilation", "reading the remiss text", || {
        black_box(a.remiss_text(&big.remiss_version).unwrap());
    });
    let text = a.remiss_text(&big.remiss_version).unwrap();
    cpu_mean("compilation", "built from the kept text", || {
        black_box(a.kept_compilation_from(text.clone()).unwrap());
    });
    cpu_mean("stance overview", "each", || {
        black_box(a.stance_overview());
    });
    let json = serde_json::to_vec(&compilation).unwrap();
    println!("compilation: {} bytes of JSON", json.len());
    let overview = a.stance_overview();
    println!(
        "stance overview: {} organisations × {} clauses",
        overview.organisations.len(),
        overview.clauses().count()
    );

    let mut group = c.benchmark_group("consultation_round");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("compilation", |b| {
        b.iter(|| a.compilation(black_box(&big.remiss_version)).unwrap())
    });
    group.bench_function("compilation_json", |b| {
        b.iter(|| serde_json::to_vec(black_box(&compilation)).unwrap())
    });
    group.bench_function("stance_overview", |b| b.iter(|| a.stance_overview()));
    group.finish();
    overview_per_change(c, &a, &big);
}

/// What one change costs the stance overview: built whole again (what a view asking for the
/// overview on every change pays) against kept current from the change's keys. The changes:
/// one organisation's stance drafted on one clause, and an organisation sending its answer
/// (every clause's cell of its row).
fn overview_per_change(c: &mut Criterion, a: &Agreement, big: &large::Big) {
    a.set_phase(
        &big.coordinator,
        Phase::Consultation,
        Some(large::NOW + 1e10),
    )
    .unwrap();
    let member = large::person("p-member-07".into(), "Kommun 07".into(), Role::Member);
    let clause = a.clause_ids()[60].clone();
    let seen: Arc<Mutex<Vec<Change>>> = Arc::default();
    let sink = seen.clone();
    a.on_change("bench", move |changes| {
        sink.lock().unwrap().extend_from_slice(changes)
    });
    let take = || std::mem::take(&mut *seen.lock().unwrap());
    let mut flip = false;
    let mut draft = || {
        flip = !flip;
        let value = if flip {
            StanceValue::Opposes
        } else {
            StanceValue::Supports
        };
        a.set_stance(&member, &clause, value, "", large::NOW)
            .unwrap();
        take()
    };
    let mut at = large::NOW;
    let mut answer = || {
        at += 1.0;
        a.set_stance(&member, &clause, StanceValue::Opposes, &at.to_string(), at)
            .unwrap();
        a.send_answer(&member, at).unwrap();
        take()
    };
    let mut overview = a.stance_overview();
    let changes = draft();
    let update = overview.update(a, &changes);
    println!(
        "stance overview, one stance drafted: {} cells read again, {} row(s) and {} column(s) changed",
        update.cells_read,
        update.rows.len(),
        update.columns.len()
    );
    let changes = answer();
    let update = overview.update(a, &changes);
    println!(
        "stance overview, one answer sent: {} cells read again, {} row(s) and {} column(s) changed",
        update.cells_read,
        update.rows.len(),
        update.columns.len()
    );
    assert_eq!(overview, a.stance_overview());

    let mut group = c.benchmark_group("overview_per_change");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("stance_drafted/built_whole", |b| {
        b.iter_batched(&mut draft, |_| a.stance_overview(), BatchSize::PerIteration)
    });
    group.bench_function("stance_drafted/kept_current", |b| {
        b.iter_batched(
            &mut draft,
            |changes| overview.update(a, &changes),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("answer_sent/built_whole", |b| {
        b.iter_batched(
            &mut answer,
            |_| a.stance_overview(),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("answer_sent/kept_current", |b| {
        b.iter_batched(
            &mut answer,
            |changes| overview.update(a, &changes),
            BatchSize::PerIteration,
        )
    });
    group.finish();
    a.off_change("bench");
}

/// Prints the mean CPU time of ten runs of `f`: "{what}: 43 ms of CPU time {how} (mean of 10)".
fn cpu_mean(what: &str, how: &str, mut f: impl FnMut()) {
    let runs = 10;
    if let Some(cpu) = cpu_time(|| (0..runs).for_each(|_| f())) {
        let ms = cpu / f64::from(runs);
        println!("{what}: {ms:.0} ms of CPU time {how} (mean of {runs})");
    }
}

/// The CPU time (user + system, in ms) this thread spends in `f`, from Linux's
/// `/proc/thread-self/stat` (in clock ticks, 10 ms on Linux); `None` elsewhere.
fn cpu_time(f: impl FnOnce()) -> Option<f64> {
    let ticks = || -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        // Fields after the command name (which may hold spaces) start at its closing ')'.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let user: f64 = fields.get(11)?.parse().ok()?;
        let system: f64 = fields.get(12)?.parse().ok()?;
        Some(user + system)
    };
    let before = ticks()?;
    f();
    Some((ticks()? - before) * 10.0)
}

criterion_group!(benches, compilation);
criterion_main!(benches);
