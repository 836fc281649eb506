//! The read index at a real consultation's size: 120 clauses, 3,000 remarks (half anchored, a
//! fifth with replies, a tenth proposals), 50 organisations with a stance on every clause and
//! 45 answers sent, 5,000 edits of clause history. What each view-sized query costs, what
//! keeping the index current costs per transaction (a remark arriving, a keystroke), building
//! it from scratch, and comparing two replicas when one replaces the other.
//!
//! Run with `cargo bench -p samrad-domain --bench index`.

#![allow(clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use samrad_domain::fixture::Rng;
use samrad_domain::yrs::{ReadTxn, Transact};
use samrad_domain::{
    Agreement, Participant, Phase, RemarkDraft, RemarkKind, Role, StanceValue, Target,
};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const NOW: f64 = 1_800_000_000_000.0;

fn person(id: &str, organisation: &str, role: Role) -> Participant {
    Participant {
        id: id.into(),
        name: id.into(),
        organisation: organisation.into(),
        role,
    }
}

struct Built {
    state: Vec<u8>,
    coordinator: Participant,
    writer: Participant,
    busy: String,
}

fn build() -> Built {
    let mut rng = Rng::new(0x1d3e_5eed);
    let a = Agreement::new(1);
    let karin = person("p-karin", "Region", Role::Coordinator);
    a.register_participant(&karin);
    let mut members = Vec::new();
    let mut writers = Vec::new();
    for o in 0..50 {
        let org = format!("Kommun {o:02}");
        let m = person(&format!("p-m{o}"), &org, Role::Member);
        let j = person(&format!("p-j{o}"), &org, Role::Jurist);
        a.register_participant(&m);
        a.register_participant(&j);
        a.set_respondent(&karin, &org, &m.id).unwrap();
        writers.push(m.clone());
        writers.push(j);
        members.push(m);
    }
    let text = "Parterna ska gemensamt ansvara för hälso- och sjukvård i hemmet enligt avtalet. "
        .repeat(7);
    let mut clauses = Vec::new();
    for ch in 0..12 {
        let chapter = a.add_chapter(&(ch + 1).to_string(), "Kapitel");
        for cl in 0..10 {
            let number = format!("{}.{}", ch + 1, cl + 1);
            clauses.push(a.add_clause(&chapter, &number, "Rubrik", &text).unwrap());
        }
    }
    for _ in 0..5_000 {
        let c = &clauses[rng.below(clauses.len())];
        let at = 10 * rng.below(50) as u32;
        a.edit_clause_text(&karin, c, at, 0, "x").unwrap();
        a.edit_clause_text(&karin, c, at, 1, "").unwrap();
    }
    let mut roots = Vec::new();
    for i in 0..3_000 {
        let author = writers[rng.below(writers.len())].clone();
        let proposal = author.role == Role::Jurist && i % 5 == 0;
        let target = if i % 2 == 0 {
            let start = 10 * rng.below(50) as u32;
            Target::Range {
                start,
                end: start + 8,
            }
        } else {
            Target::Clause
        };
        let draft = RemarkDraft {
            clause: clauses[rng.below(clauses.len())].clone(),
            kind: if proposal {
                RemarkKind::Proposal
            } else {
                RemarkKind::Comment
            },
            target,
            body: "Kommunen vill att ansvaret förtydligas.".into(),
            proposed_text: proposal.then(|| "ny lydelse".to_string()),
            mentions: Vec::new(),
        };
        roots.push(a.write_remark(&author, draft, NOW + i as f64).unwrap());
    }
    for (i, root) in roots.iter().enumerate().filter(|(i, _)| i % 5 == 0) {
        a.reply(root, &karin, "Vi tar med det.", NOW + 1e6 + i as f64)
            .unwrap();
    }
    a.set_phase(&karin, Phase::Consultation, Some(NOW + 1e10))
        .unwrap();
    for (o, m) in members.iter().enumerate() {
        for c in &clauses {
            a.set_stance(m, c, StanceValue::ALL[rng.below(4)], "", NOW)
                .unwrap();
        }
        if o < 45 {
            a.send_answer(m, NOW).unwrap();
        }
    }
    // Three named versions: a clause's history reads the clause at each.
    for v in 1..=3 {
        a.cut_version(&karin, &format!("Utkast {v}"), NOW + v as f64)
            .unwrap();
    }
    let counts = a.counts();
    let busy = counts
        .iter()
        .max_by_key(|(id, c)| (c.remarks, (*id).clone()))
        .map(|(id, _)| id.clone())
        .unwrap();
    Built {
        state: a.encode_state(),
        coordinator: karin,
        writer: members[1].clone(),
        busy,
    }
}

fn index(c: &mut Criterion) {
    let started = Instant::now();
    let built = build();
    println!(
        "index: agreement built in {:.2?}, encoded state {} bytes",
        started.elapsed(),
        built.state.len()
    );
    let t = Instant::now();
    let a = Agreement::load(2, &built.state).unwrap();
    let loaded = t.elapsed();
    let t = Instant::now();
    let _ = a.counts_of(&built.busy);
    println!(
        "index: loading takes {loaded:.2?}; building the index on the loaded replica {:.2?}",
        t.elapsed()
    );
    let heard = Arc::new(AtomicUsize::new(0));
    let count = heard.clone();
    a.on_change("bench", move |changes| {
        count.fetch_add(changes.len(), Ordering::Relaxed);
    });

    let mut group = c.benchmark_group("index");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    group.bench_function("build", |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for i in 0..iters {
                let fresh = Agreement::load(100 + i, &built.state).unwrap();
                let t = Instant::now();
                black_box(fresh.counts_of(&built.busy));
                timed += t.elapsed();
            }
            timed
        })
    });
    let busy = built.busy.clone();
    group.bench_function("remarks_of", |b| b.iter(|| a.remarks_of(black_box(&busy))));
    group.bench_function("remark_ids_of", |b| {
        b.iter(|| a.remark_ids_of(black_box(&busy)))
    });
    group.bench_function("counts_of", |b| b.iter(|| a.counts_of(black_box(&busy))));
    group.bench_function("anchored_ranges", |b| {
        b.iter(|| a.anchored_ranges(black_box(&busy)))
    });
    group.bench_function("sent_on", |b| b.iter(|| a.sent_on(black_box(&busy))));
    group.bench_function("stances_on", |b| b.iter(|| a.stances_on(black_box(&busy))));
    let first = a.remark_ids_of(&busy)[0].clone();
    group.bench_function("remark", |b| b.iter(|| a.remark(black_box(&first))));
    group.bench_function("competing_proposals", |b| {
        b.iter(|| a.competing_proposals(black_box(&busy)))
    });
    group.bench_function("clause_history", |b| {
        b.iter(|| a.clause_history(black_box(&busy)).unwrap())
    });
    let proposal = a
        .remarks_of(&busy)
        .into_iter()
        .find(|r| r.kind == RemarkKind::Proposal)
        .map(|r| r.id);
    if let Some(p) = proposal {
        group.bench_function("proposal_standing", |b| {
            b.iter(|| a.proposal_standing(black_box(&p)).unwrap())
        });
    }

    // A remark arriving from the server: decoding, integrating, indexing, the changes.
    let writer = Agreement::load(3, &built.state).unwrap();
    let mut n = 0.0;
    group.bench_function("remark_arrives", |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                n += 1.0;
                let before = writer.doc().transact().state_vector();
                writer
                    .add_remark(&busy, &built.writer, "Ännu en synpunkt.", NOW + 2e6 + n)
                    .unwrap();
                let update = writer.doc().transact().encode_state_as_update_v1(&before);
                let t = Instant::now();
                a.apply_update(&update).unwrap();
                timed += t.elapsed();
            }
            timed
        })
    });

    // A coordinator's keystroke while merging, with the index and a listener attached.
    let m = Agreement::load(4, &built.state).unwrap();
    m.set_phase(&built.coordinator, Phase::Merging, None)
        .unwrap();
    let _ = m.counts_of(&busy);
    m.on_change("bench", |_| {});
    group.bench_function("keystroke", |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            let mut typed = 0;
            for _ in 0..iters {
                let t = Instant::now();
                m.edit_clause_text(&built.coordinator, &busy, 100 + typed, 0, "x")
                    .unwrap();
                timed += t.elapsed();
                typed += 1;
                if typed == 200 {
                    m.edit_clause_text(&built.coordinator, &busy, 100, typed, "")
                        .unwrap();
                    typed = 0;
                }
            }
            timed
        })
    });

    // A replica loaded afresh in place of one with a few changes of its own.
    let old = Agreement::load(5, &built.state).unwrap();
    old.add_remark(&busy, &built.writer, "Inte sparad.", NOW + 3e6)
        .unwrap();
    let fresh = Agreement::load(6, &built.state).unwrap();
    let _ = (old.counts_of(&busy), fresh.counts_of(&busy));
    group.bench_function("changes_from", |b| b.iter(|| fresh.changes_from(&old)));
    group.finish();
    println!(
        "index: the listener heard {} changes",
        heard.load(Ordering::Relaxed)
    );
}

criterion_group!(benches, index);
criterion_main!(benches);
