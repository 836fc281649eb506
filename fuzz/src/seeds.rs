//! The agreements every run starts from, built once per process and stored: the demo agreement
//! as it is (`plain`); the demo taken through a consultation by its participants, each change
//! judged and integrated by a guard as the server does (`consulted`: an approved chapter, one
//! approved and reopened, a case number, who may propose, an edited remark's kept wording, an
//! answer with its decision, one recorded on an organisation's behalf, a coordinator's response,
//! a disposition — every root the schema declares holds something); and a fresh draft replaced
//! by a shorter one (`redrafted`: removed chapters and clauses) — each in every phase.
//!
//! A run starts from a copy decoded from the stored state with yrs' own decoder (these bytes
//! are the harness's own, not a peer's: the bounded reader is tested on what the inputs send),
//! guarded by a twin of a template guard, which shares the template's description of the
//! state instead of reading it again.

use crate::world::World;
use crate::NOW;
use samrad_domain::yrs::updates::decoder::Decode;
use samrad_domain::yrs::{Doc, Transact, Update};
use samrad_domain::{
    demo, doc_options, Agreement, Condition, Decision, DispositionValue, DomainError, Draft,
    DraftChapter, DraftClause, Guard, Participant, Phase, Proposers, RemarkDraft, RemarkKind,
    Reservation, ReservationKind, Role, Stance, StanceValue, Support, Writer,
};
use samrad_server::room::SERVER_CLIENT_ID;
use std::rc::Rc;
use std::sync::OnceLock;

const DAY: f64 = 86_400_000.0;

/// How many kinds of agreement runs start from (plain, consulted, redrafted).
const KINDS: usize = 3;

/// The kinds of agreement, each in every phase.
pub const SEEDS: usize = KINDS * Phase::ALL.len();

/// Which seed an input's `phase` byte picks: its phase, then its kind.
pub fn pick(phase: u8) -> usize {
    usize::from(phase) % SEEDS
}

/// The stored state of seed `n` (see [`pick`]).
pub fn state(n: usize) -> &'static [u8] {
    static STATES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let states = STATES.get_or_init(|| {
        (0..SEEDS)
            .map(|n| match build(n) {
                Ok(state) => state,
                Err(e) => panic!("seed {n} does not build: {e}"),
            })
            .collect()
    });
    &states[n % SEEDS]
}

fn build(n: usize) -> Result<Vec<u8>, String> {
    let phases = Phase::ALL.len();
    let agreement = match n / phases {
        0 => demo::agreement(SERVER_CLIENT_ID, NOW - DAY).map_err(|e| e.to_string())?,
        1 => consulted()?,
        _ => redrafted()?,
    };
    let karin = &demo::participants()[0];
    // Some phases cannot be reached from every other; the seed then stays where it is.
    let _ = agreement.set_phase(karin, Phase::ALL[n % phases], Some(NOW + 1e9));
    Ok(agreement.encode_state())
}

/// A replica of `state`, a state this process stored itself.
pub fn trusted(client: u64, state: &[u8]) -> Result<Agreement, String> {
    let doc = Doc::with_options(doc_options(client));
    let update = Update::decode_v1(state).map_err(|e| e.to_string())?;
    doc.transact_mut()
        .apply_update(update)
        .map_err(|e| e.to_string())?;
    Ok(Agreement::from_doc(doc))
}

/// A template guard of a seed and what inputs can aim at in it.
pub type Template = Rc<(Guard, World)>;

thread_local! {
    /// Per seed: a guard of it and its world. Judging only reads, so refused inputs — most of
    /// them — are judged on the template itself, without loading anything.
    static TEMPLATES: std::cell::RefCell<Vec<Option<Template>>> =
        std::cell::RefCell::new(vec![None; SEEDS]);
}

/// The template guard and world of seed `n`.
pub fn template(n: usize) -> Result<Template, String> {
    TEMPLATES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(found) = &cache[n % SEEDS] {
            return Ok(found.clone());
        }
        let agreement = trusted(SERVER_CLIENT_ID, state(n))?;
        let world = World::of(&agreement);
        let made = Rc::new((Guard::new(agreement), world));
        cache[n % SEEDS] = Some(made.clone());
        Ok(made)
    })
}

/// A fresh guard of seed `n`, to integrate into: a copy of the state, guarded by a twin of the
/// template.
pub fn fresh_guard(n: usize) -> Result<Guard, String> {
    let copy = trusted(SERVER_CLIENT_ID, state(n))?;
    template(n)?
        .0
        .twin(copy)
        .ok_or_else(|| "a copy of a seed differs from the seed".to_string())
}

/// `step`, done by `who` on their own replica and sent to `guard`, which judges and integrates
/// it as the server does (stamping, keeping replaced wordings).
fn honestly(
    guard: &mut Guard,
    who: &Participant,
    client: u64,
    step: impl FnOnce(&Agreement) -> Result<(), DomainError>,
) -> Result<(), String> {
    let replica =
        Agreement::load(client, &guard.agreement().encode_state()).map_err(|e| e.to_string())?;
    step(&replica).map_err(|e| format!("{} may not: {e}", who.name))?;
    let diff = replica
        .encode_diff(&guard.agreement().state_vector())
        .map_err(|e| e.to_string())?;
    let writer = Writer {
        participant: who,
        now_ms: NOW,
        since_ms: crate::SINCE,
    };
    let verdict = guard
        .judge(&writer, &diff, |c| c == client)
        .map_err(|e| format!("{}'s change is refused: {e}", who.name))?;
    guard.integrate(verdict, NOW).map_err(|e| e.to_string())?;
    Ok(())
}

/// The decision of a deciding body, with a reservation and a condition on `clause`.
fn decision(clause: &str) -> Decision {
    Decision {
        body: "Kommunstyrelsen".into(),
        date: "2027-01-08".into(),
        item: "§ 45".into(),
        reservations: vec![Reservation {
            party: "Vänsterpartiet".into(),
            kind: ReservationKind::Reservation,
            text: "Vi reserverar oss mot beslutet.".into(),
        }],
        conditions: vec![Condition {
            clause: clause.into(),
            text: "Med ändringen att sista punkten utgår.".into(),
        }],
    }
}

/// The demo, taken through a consultation by its participants.
fn consulted() -> Result<Agreement, String> {
    let demo = demo::agreement(SERVER_CLIENT_ID, NOW - DAY).map_err(|e| e.to_string())?;
    let mut guard = Guard::new(demo);
    let a = guard.agreement();
    let chapters: Vec<String> = a.chapters().into_iter().map(|c| c.id).collect();
    let clauses: Vec<String> = a.chapters()[2]
        .clauses
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let remark = a
        .remarks_of(&clauses[1])
        .first()
        .map(|r| r.id.clone())
        .ok_or("the demo has no remark on 3.2")?;
    let proposal = consult(&mut guard, &chapters, &clauses, &remark)?;
    compile(&mut guard, &clauses[0], &remark, &proposal)?;
    trusted(SERVER_CLIENT_ID, &guard.agreement().encode_state())
}

/// The consultation: the coordinator's settings and approvals, a member's edit, proposal and
/// answer with its decision, a support, an extension and a version. Returns the proposal.
fn consult(
    guard: &mut Guard,
    chapters: &[String],
    clauses: &[String],
    remark: &str,
) -> Result<String, String> {
    let people = demo::participants();
    let (karin, erik, sara) = (&people[0], &people[1], &people[2]);
    let (approved, reopened) = (chapters[0].clone(), chapters[1].clone());
    honestly(guard, karin, 50, |a| {
        a.set_phase(karin, Phase::Consultation, Some(NOW + DAY))?;
        a.set_case_number(karin, Some("RS 2026/0412"))?;
        a.set_proposers(karin, Proposers::DEFAULT.with(Role::Jurist, false))?;
        a.approve_chapters(
            karin,
            &[approved, reopened.clone()],
            "ASU",
            NOW - 2.0 * DAY,
            NOW,
        )
    })?;
    let reopen = |a: &Agreement| a.reopen_chapter(karin, &reopened, "Ny lagstiftning", NOW);
    honestly(guard, karin, 50, reopen)?;
    let edit = |a: &Agreement| a.edit_remark(erik, remark, "Ny lydelse.", None, NOW);
    honestly(guard, erik, 51, edit)?;
    let proposal = std::cell::RefCell::new(String::new());
    honestly(guard, erik, 51, |a| {
        let mut draft = RemarkDraft::comment(&clauses[clauses.len() - 1], "Tydligare.");
        draft.kind = RemarkKind::Proposal;
        draft.proposed_text = Some("Ny lydelse för punkten.".into());
        *proposal.borrow_mut() = a.write_remark(erik, draft, NOW)?;
        a.set_stance(erik, &clauses[0], StanceValue::ALL[0], "Bra.", NOW)?;
        a.send_answer_with(erik, Some(&decision(&clauses[0])), NOW)
            .map(|_| ())
    })?;
    let proposal = proposal.into_inner();
    let support = |a: &Agreement| a.set_support(sara, &proposal, Some(Support::For));
    honestly(guard, sara, 52, support)?;
    honestly(guard, karin, 50, |a| {
        a.extend_deadline(karin, &sara.organisation, NOW + 5.0 * DAY)?;
        a.cut_version(karin, "Remissversion", NOW).map(|_| ())
    })?;
    Ok(proposal)
}

/// The compilation: an answer recorded on an organisation's behalf with its decision, a
/// response, a disposition and an accepted proposal.
fn compile(guard: &mut Guard, clause: &str, remark: &str, proposal: &str) -> Result<(), String> {
    let people = demo::participants();
    let (karin, sara) = (&people[0], &people[2]);
    // Judged by the phase before the update: the phase moves on in an update of its own.
    let merging = |a: &Agreement| a.set_phase(karin, Phase::Merging, None);
    honestly(guard, karin, 50, merging)?;
    honestly(guard, karin, 50, |a| {
        let stance = Stance {
            value: StanceValue::ALL[1],
            motivation: "Per brev.".into(),
        };
        let answer = [(clause.to_string(), stance)];
        let org = &sara.organisation;
        a.record_answer(karin, org, &answer, Some(&decision(clause)), NOW)?;
        a.set_response(karin, clause, "Vi har ändrat punkten.", NOW)?;
        a.set_disposition(karin, remark, DispositionValue::ALL[0], "Ja.", NOW)?;
        a.accept_proposal(karin, proposal, "", NOW)
    })
}

/// A draft of `chapters` chapters, two clauses each.
pub fn draft(chapters: usize) -> Draft {
    Draft {
        title: "Överenskommelse".into(),
        chapters: (1..=chapters)
            .map(|n| DraftChapter {
                number: n.to_string(),
                title: format!("Kapitel {n}"),
                clauses: (1..=2)
                    .map(|m| DraftClause {
                        number: format!("{n}.{m}"),
                        heading: format!("Punkt {n}.{m}"),
                        text: format!("Text för punkt {n}.{m}."),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A fresh draft with the demo's participants, replaced by a shorter one.
fn redrafted() -> Result<Agreement, String> {
    let a = Agreement::from_draft(SERVER_CLIENT_ID, &draft(3)).map_err(|e| e.to_string())?;
    let people = demo::participants();
    for p in &people {
        a.register_participant(p);
    }
    let karin = &people[0];
    for p in &people[..3] {
        a.set_respondent(karin, &p.organisation, &p.id)
            .map_err(|e| e.to_string())?;
    }
    a.replace_draft(karin, &draft(2))
        .map_err(|e| e.to_string())?;
    Ok(a)
}
