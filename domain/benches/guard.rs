//! What the server's guard costs on a large agreement: describing it when a room loads
//! (`Guard::new`, one pass over the whole state), and judging and integrating one remark and one
//! keystroke (which must cost in proportion to the change, not to the agreement).
//!
//! The agreement: 12 chapters × 10 clauses, 20 organisations, 20,000 coordinator keystrokes
//! spread over the clauses, 3,000 remarks (a third of them replies, half of the rest on ranges)
//! and every organisation's stance on every clause. Run with `cargo bench -p samrad-domain
//! --bench guard`.

#![allow(clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use samrad_domain::{
    Agreement, Guard, Participant, Phase, RemarkDraft, Role, StanceValue, Target, Writer,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

const NOW: f64 = 1_800_000_000_000.0;

fn person(n: usize, role: Role) -> Participant {
    Participant {
        id: format!("p-{n}"),
        name: format!("Person {n}"),
        organisation: format!("Kommun {}", n % 20),
        role,
    }
}

/// The large agreement, as the server stores it, and its coordinator and members.
fn large() -> (Agreement, Participant, Vec<Participant>) {
    let a = Agreement::new(1);
    a.set_title("Stort avtal");
    let karin = Participant {
        organisation: "Region".into(),
        ..person(0, Role::Coordinator)
    };
    a.register_participant(&karin);
    let members: Vec<Participant> = (1..=20).map(|n| person(n, Role::Jurist)).collect();
    for m in &members {
        a.register_participant(m);
        a.set_respondent(&karin, &m.organisation, &m.id).unwrap();
    }
    let mut clauses = Vec::new();
    for c in 0..12 {
        let chapter = a.add_chapter(&c.to_string(), "Kapitel");
        for k in 0..10 {
            let text = "Parterna ska gemensamt ansvara för uppföljning av avtalet årligen.";
            clauses.push(
                a.add_clause(&chapter, &format!("{c}.{k}"), "Rubrik", text)
                    .unwrap(),
            );
        }
    }
    for i in 0..20_000usize {
        let clause = &clauses[i % clauses.len()];
        let len = a.clause_len(clause).unwrap();
        a.edit_clause_text(&karin, clause, len / 2, 0, "x").unwrap();
    }
    let mut remarks = Vec::new();
    for i in 0..3_000usize {
        let who = &members[i % members.len()];
        let clause = &clauses[i % clauses.len()];
        if i % 3 == 2 && !remarks.is_empty() {
            let to: &String = &remarks[i % remarks.len()];
            a.reply(to, who, "Instämmer.", NOW).unwrap();
        } else {
            let target = if i % 2 == 0 {
                Target::Range { start: 0, end: 8 }
            } else {
                Target::Clause
            };
            let draft = RemarkDraft {
                target,
                ..RemarkDraft::comment(clause, "Förtydliga ansvaret.")
            };
            remarks.push(a.write_remark(who, draft, NOW).unwrap());
        }
    }
    a.set_phase(&karin, Phase::Consultation, Some(NOW + 1e9))
        .unwrap();
    for m in &members {
        for clause in &clauses {
            a.set_stance(m, clause, StanceValue::Supports, "", NOW)
                .unwrap();
        }
    }
    (a, karin, members)
}

fn bench(c: &mut Criterion) {
    let built = Instant::now();
    let (agreement, _karin, members) = large();
    let state = agreement.encode_state();
    println!(
        "large agreement: {} bytes, built in {:?}",
        state.len(),
        built.elapsed()
    );
    let mut group = c.benchmark_group("guard");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("describe a large agreement (room load)", |b| {
        b.iter(|| black_box(Guard::new(Agreement::load(1, &state).unwrap())))
    });
    let mut guard = Guard::new(Agreement::load(1, &state).unwrap());
    let erik = &members[3];
    let writer = Writer {
        participant: erik,
        now_ms: NOW,
        since_ms: 0.0,
    };
    let clause = agreement.clauses()[57].id.clone();
    let mut client = 1_000u64;
    group.bench_function("judge and integrate one remark", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                client += 1;
                // Written on a replica of the server's state, sent as the diff (not timed).
                let replica = Agreement::load(client, &guard.agreement().encode_state()).unwrap();
                let draft = RemarkDraft {
                    target: Target::Range { start: 0, end: 8 },
                    ..RemarkDraft::comment(&clause, "En synpunkt till.")
                };
                replica.write_remark(erik, draft, NOW).unwrap();
                let update = replica
                    .encode_diff(&guard.agreement().state_vector())
                    .unwrap();
                let started = Instant::now();
                black_box(guard.apply_as(&writer, &update, |c| c == client).unwrap());
                spent += started.elapsed();
            }
            spent
        })
    });
    group.finish();

    // The judging alone, a thousand times, away from the replica's set-up.
    let replica = Agreement::load(5, &state).unwrap();
    let judged = Guard::new(Agreement::load(1, &state).unwrap());
    replica
        .set_stance(erik, &clause, StanceValue::Opposes, "Nej.", NOW)
        .unwrap();
    let update = replica
        .encode_diff(&judged.agreement().state_vector())
        .unwrap();
    let started = Instant::now();
    for _ in 0..1_000 {
        black_box(judged.judge(&writer, &update, |c| c == 5).unwrap());
    }
    println!(
        "judging one stance on the large agreement: {:?} each",
        started.elapsed() / 1_000
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
