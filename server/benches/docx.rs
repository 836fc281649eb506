//! Word export and import of a large agreement: 12 chapters × 10 clauses of Markdown text and
//! 3,000 remarks (a third answered), cut as a version and edited after it (the fixture of the
//! DOCX tests). Measures writing the version as a DOCX with and without its remarks, and
//! reading such a document back as a draft; prints the documents' sizes.
//!
//! Run with `cargo bench -p samrad-server --bench docx`.

#![allow(clippy::unwrap_used)]

#[path = "../tests/capabilities/drafts.rs"]
mod drafts;

use criterion::{criterion_group, criterion_main, Criterion};
use samrad_server::docx::{self, ExportOptions, Lang};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn word(c: &mut Criterion) {
    let started = Instant::now();
    let (agreement, version) = drafts::large_agreement(3_000);
    println!("large agreement built in {:.2?}", started.elapsed());
    let options = |remarks| ExportOptions {
        lang: Lang::Sv,
        remarks,
        now_ms: drafts::NOW,
    };
    let plain = agreement.version_text(Some(&version), false).unwrap();
    let with = agreement.version_text(Some(&version), true).unwrap();
    let threads: usize = with.remarks.values().map(Vec::len).sum();
    let comments: usize = with
        .remarks
        .values()
        .flatten()
        .map(|r| 1 + r.replies.len())
        .sum();
    let plain_docx = docx::export(&plain, &options(false)).unwrap();
    let with_docx = docx::export(&with, &options(true)).unwrap();
    println!(
        "docx: {} clauses; {} bytes without remarks, {} bytes with {threads} remarks as {comments} comments",
        plain.clause_count(),
        plain_docx.len(),
        with_docx.len()
    );

    let mut group = c.benchmark_group("docx");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("version_text", |b| {
        b.iter(|| {
            agreement
                .version_text(Some(black_box(&version)), true)
                .unwrap()
        })
    });
    group.bench_function("export", |b| {
        b.iter(|| docx::export(black_box(&plain), &options(false)).unwrap())
    });
    group.bench_function("export_with_remarks", |b| {
        b.iter(|| docx::export(black_box(&with), &options(true)).unwrap())
    });
    group.bench_function("import", |b| {
        b.iter(|| docx::import(black_box(&plain_docx)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, word);
criterion_main!(benches);
