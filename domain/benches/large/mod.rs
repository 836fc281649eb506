//! The large agreement the benchmarks measure, built the same way on every run.
//!
//! 12 chapters × 10 clauses; organisations with a member each (its respondent) and a jurist in
//! every fourth; coordinator text edits spread over the clauses; remarks (70 % on ranges, mixed
//! comments, questions and proposals) and replies; a named version every 250 rounds of edits;
//! then the consultation: every organisation drafts a stance on every clause and some send
//! their answers. A [`Plan`] says how many of each, and whether the remarks are written while
//! drafting (interleaved with the edits) or during the consultation, on the remiss version —
//! as a compilation quotes them — with the text then changed while merging.

#![allow(clippy::unwrap_used, dead_code)]

use samrad_domain::fixture::{sentence, word, Rng};
use samrad_domain::{
    Agreement, Participant, Phase, RemarkDraft, RemarkKind, Role, StanceValue, Target,
};

pub const NOW: f64 = 1_800_000_000_000.0;
pub const CHAPTERS: usize = 12;
pub const CLAUSES_PER_CHAPTER: usize = 10;

/// How large, and how the round goes.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub organisations: usize,
    /// Coordinator text edits while drafting.
    pub edits: usize,
    pub remarks: usize,
    pub replies: usize,
    /// Remarks during the consultation on the remiss version, rather than while drafting.
    pub remarks_on_remiss: bool,
    /// Every `n`-th organisation sends its answer (1: all, 2: half).
    pub answering_every: usize,
    /// Organisations (the last ones) that send nothing.
    pub silent: usize,
    /// Coordinator edits while merging, after the consultation.
    pub merging_edits: usize,
}

/// The agreement the README's figures are measured on: 20 organisations, half answering,
/// remarks while drafting.
pub const README: Plan = Plan {
    organisations: 20,
    edits: 20_000,
    remarks: 2_000,
    replies: 1_000,
    remarks_on_remiss: false,
    answering_every: 2,
    silent: 0,
    merging_edits: 0,
};

/// A consultation round at full size: 50 organisations answer on 120 clauses (6,000
/// stances; 47 send, 3 stay silent), 3,000 remarks and replies on the remiss version, every
/// fifth clause rewritten while merging (600 edits).
pub const ROUND: Plan = Plan {
    organisations: 50,
    edits: 20_000,
    remarks: 2_000,
    replies: 1_000,
    remarks_on_remiss: true,
    answering_every: 1,
    silent: 3,
    merging_edits: 600,
};

pub fn person(id: String, organisation: String, role: Role) -> Participant {
    Participant {
        name: id.clone(),
        id,
        organisation,
        role,
    }
}

/// The built agreement, encoded, and what the benchmarks need to know of it.
pub struct Big {
    pub state: Vec<u8>,
    pub coordinator: Participant,
    /// The clause with the most remarks.
    pub busy_clause: String,
    pub busy_remarks: usize,
    /// The version sent on remiss (the latest before the consultation).
    pub remiss_version: String,
    pub size_structure: usize,
    pub size_history: usize,
}

/// Who writes: the coordinator first, then each organisation's member (and jurist).
struct People {
    karin: Participant,
    members: Vec<Participant>,
    writers: Vec<Participant>,
}

fn people(a: &Agreement, plan: &Plan) -> People {
    let karin = person("p-karin".into(), "Region Norrvik".into(), Role::Coordinator);
    a.register_participant(&karin);
    let mut members = Vec::new();
    let mut writers = vec![karin.clone()];
    for o in 0..plan.organisations {
        let org = format!("Kommun {o:02}");
        let member = person(format!("p-member-{o:02}"), org.clone(), Role::Member);
        a.register_participant(&member);
        a.set_respondent(&karin, &org, &member.id).unwrap();
        writers.push(member.clone());
        members.push(member);
        if o % 4 == 0 {
            let jurist = person(format!("p-jurist-{o:02}"), org, Role::Jurist);
            a.register_participant(&jurist);
            writers.push(jurist);
        }
    }
    People {
        karin,
        members,
        writers,
    }
}

fn structure(a: &Agreement, rng: &mut Rng) -> Vec<String> {
    let mut clauses = Vec::new();
    for ch in 0..CHAPTERS {
        let chapter = a.add_chapter(&(ch + 1).to_string(), &format!("Kapitel {}", ch + 1));
        for cl in 0..CLAUSES_PER_CHAPTER {
            let text = format!("{} {}", sentence(rng, 20), sentence(rng, 20));
            let id = a
                .add_clause(&chapter, &format!("{}.{}", ch + 1, cl + 1), "Rubrik", &text)
                .unwrap();
            clauses.push(id);
        }
    }
    clauses
}

/// One coordinator edit on a random clause, keeping clauses around 300–500 characters:
/// mostly insert while short, delete while long.
fn edit(a: &Agreement, karin: &Participant, clauses: &[String], rng: &mut Rng) {
    let clause = &clauses[rng.below(clauses.len())];
    let len = a.clause_len(clause).unwrap();
    let delete = len > 500 || (len > 300 && rng.below(2) == 0);
    if delete {
        let n = 1 + rng.below(6) as u32;
        let at = rng.below((len - n) as usize) as u32;
        a.edit_clause_text(karin, clause, at, n, "").unwrap();
    } else {
        let word = format!("{} ", word(rng));
        let at = rng.below(len as usize + 1) as u32;
        a.edit_clause_text(karin, clause, at, 0, &word).unwrap();
    }
}

/// One remark by a random writer who may write its kind.
fn remark(a: &Agreement, p: &People, clauses: &[String], rng: &mut Rng, now: f64) -> String {
    let clause = clauses[rng.below(clauses.len())].clone();
    let len = a.clause_len(&clause).unwrap();
    let kind = match rng.below(10) {
        0..=4 => RemarkKind::Comment,
        5..=6 => RemarkKind::Question,
        _ => RemarkKind::Proposal,
    };
    let author = loop {
        let w = &p.writers[rng.below(p.writers.len())];
        if kind != RemarkKind::Proposal || w.role != Role::Member {
            break w.clone();
        }
    };
    let target = if rng.below(10) < 7 {
        let start = rng.below(len.saturating_sub(40).max(1) as usize) as u32;
        Target::Range {
            start,
            end: start + 5 + rng.below(35) as u32,
        }
    } else {
        Target::Clause
    };
    let draft = RemarkDraft {
        clause,
        kind,
        target,
        body: sentence(rng, 12),
        proposed_text: (kind == RemarkKind::Proposal).then(|| sentence(rng, 6)),
        mentions: Vec::new(),
    };
    a.write_remark(&author, draft, now).unwrap()
}

fn reply(a: &Agreement, p: &People, roots: &[String], rng: &mut Rng, now: f64) {
    let to = &roots[rng.below(roots.len())];
    let author = &p.writers[rng.below(p.writers.len())];
    a.reply(to, author, &sentence(rng, 8), now).unwrap();
}

/// Builds the agreement `plan` describes.
pub fn build(plan: &Plan) -> Big {
    let mut rng = Rng(0x5eed_0000_0000_0001);
    let a = Agreement::new(1);
    a.set_title("Samverkansavtal om hälso- och sjukvård 2027–2030");
    let p = people(&a, plan);
    let clauses = structure(&a, &mut rng);
    let size_structure = a.encode_state().len();
    let mut w = Writing {
        roots: Vec::new(),
        now: NOW - 1e9,
    };
    let rounds = plan.edits / 20;
    for step in 0..rounds {
        for _ in 0..20 {
            edit(&a, &p.karin, &clauses, &mut rng);
        }
        if !plan.remarks_on_remiss {
            remarks_and_replies(&a, &p, &clauses, plan, &mut w, &mut rng);
        }
        if (step + 1) % 250 == 0 {
            let name = format!("Utkast {}", (step + 1) / 250);
            a.cut_version(&p.karin, &name, w.now).unwrap();
        }
    }
    let (remiss_version, size_history) = if plan.remarks_on_remiss {
        let remiss = a.cut_version(&p.karin, "Remissversion", w.now).unwrap();
        a.set_phase(&p.karin, Phase::Consultation, Some(NOW + 1e10))
            .unwrap();
        for _ in 0..rounds {
            remarks_and_replies(&a, &p, &clauses, plan, &mut w, &mut rng);
        }
        (remiss, a.encode_state().len())
    } else {
        let size_history = a.encode_state().len();
        a.set_phase(&p.karin, Phase::Consultation, Some(NOW + 1e10))
            .unwrap();
        (a.versions().last().unwrap().id.clone(), size_history)
    };
    consult(&a, &p, &clauses, plan, &mut rng);
    if plan.merging_edits > 0 {
        a.set_phase(&p.karin, Phase::Merging, Some(NOW + 1e10))
            .unwrap();
        // Merging rewrites every fifth clause; the others stay as sent.
        let merged: Vec<String> = clauses.iter().step_by(5).cloned().collect();
        for _ in 0..plan.merging_edits {
            edit(&a, &p.karin, &merged, &mut rng);
        }
    }
    finish(a, p.karin, remiss_version, size_structure, size_history)
}

/// The state of the remarks being written: the top-level ones so far, and the clock.
struct Writing {
    roots: Vec<String>,
    now: f64,
}

/// One round's share of the remarks and replies.
fn remarks_and_replies(
    a: &Agreement,
    p: &People,
    clauses: &[String],
    plan: &Plan,
    w: &mut Writing,
    rng: &mut Rng,
) {
    let rounds = plan.edits / 20;
    for _ in 0..plan.remarks / rounds {
        w.now += 60_000.0;
        let id = remark(a, p, clauses, rng, w.now);
        w.roots.push(id);
    }
    for _ in 0..plan.replies / rounds {
        w.now += 60_000.0;
        reply(a, p, &w.roots, rng, w.now);
    }
}

/// Every organisation drafts a stance on every clause; the answering ones send.
fn consult(a: &Agreement, p: &People, clauses: &[String], plan: &Plan, rng: &mut Rng) {
    for (o, member) in p.members.iter().enumerate() {
        for clause in clauses {
            let value = StanceValue::ALL[rng.below(4)];
            a.set_stance(member, clause, value, &sentence(rng, 4), NOW)
                .unwrap();
        }
        let silent = o >= plan.organisations - plan.silent;
        if o % plan.answering_every == 0 && !silent {
            a.send_answer(member, NOW).unwrap();
        }
    }
}

fn finish(
    a: Agreement,
    coordinator: Participant,
    remiss_version: String,
    size_structure: usize,
    size_history: usize,
) -> Big {
    let counts = a.counts();
    let (busy_clause, busy) = counts
        .iter()
        .max_by_key(|(id, c)| (c.remarks + c.replies, (*id).clone()))
        .map(|(id, c)| (id.clone(), c.remarks + c.replies))
        .unwrap();
    Big {
        state: a.encode_state(),
        coordinator,
        busy_clause,
        busy_remarks: busy,
        remiss_version,
        size_structure,
        size_history,
    }
}
