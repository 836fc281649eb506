//! The compilation of the six-organisation consultation round (`demo::consultation`) against
//! its expected struct, written out in full — one organisation silent, one extended, one
//! answering on its behalf through the coordinator, one with a reservation, one board's
//! condition on a clause, the coordinators' responses — and the stance matrix over it.
#![allow(clippy::unwrap_used)]

use samrad_domain::compilation::{
    AnswerRecord, Argument, ArgumentSource, ChapterCompilation, ChapterSummary, ClauseCompilation,
    ClauseCondition, ClauseResponse, ClauseSummary, Compilation, ConsultedOrganisation, Handling,
    Introduction, MainPoint, MatrixFilter, Outcome, OutcomeCounts, OutcomeKind, PhaseSpan,
    Position, Recorded, StanceCounts, StanceGroup, Summary, VersionRef,
};
use samrad_domain::demo::consultation::{self, *};
use samrad_domain::{Agreement, DiffPart, DispositionValue, DomainError, Phase, RemarkKind};
use samrad_domain::{AnswerRevision, StanceValue};

// When things happened (UTC), beside the fixture's own constants.
const ERIK_REMARK_MS: f64 = 1_802_264_400_000.0; // 10 February 13:00
const SARA_PROPOSAL_MS: f64 = 1_803_483_000_000.0; // 24 February 15:30
const INGRID_REMARK_MS: f64 = 1_803_981_600_000.0; // 2 March 10:00
const INGRID_SENT_MS: f64 = 1_803_983_400_000.0; // 2 March 10:30
const ERIK_FIRST_MS: f64 = 1_804_676_400_000.0; // 10 March 11:00
const ERIK_SECOND_MS: f64 = 1_804_860_000_000.0; // 12 March 14:00
const SARA_SENT_MS: f64 = 1_805_025_600_000.0; // 14 March 12:00
const LINNEA_SENT_MS: f64 = 1_806_422_400_000.0; // 30 March 16:00, after the deadline

const SJOBYGDEN: &str = "Kommunalförbundet Sjöbygden";
const ROYRVIK: &str = "Røyrvik kommune";
const STRANDVIK: &str = "Strandviks kommun";
const ALVSBY: &str = "Älvsby kommun";
const ASELE: &str = "Åsele kommun";
const OSTRA: &str = "Östra Höglands kommun";

fn round() -> (Agreement, String) {
    consultation::agreement(1).unwrap()
}

fn id(a: &Agreement, number: &str) -> String {
    consultation::clause(a, number).unwrap()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Groups in the order supports, with changes, opposes, no remarks, not answered.
fn groups(lists: [&[&str]; 5]) -> Vec<StanceGroup> {
    Position::ALL
        .into_iter()
        .zip(lists)
        .map(|(position, organisations)| StanceGroup {
            position,
            organisations: names(organisations),
        })
        .collect()
}

fn counts(
    [supports, supports_with_changes, opposes, no_remarks, not_answered]: [usize; 5],
) -> StanceCounts {
    StanceCounts {
        supports,
        supports_with_changes,
        opposes,
        no_remarks,
        not_answered,
    }
}

fn motivation(org: &str, stance: StanceValue, answer: usize, at: f64, text: &str) -> Argument {
    Argument {
        organisation: org.into(),
        text: text.into(),
        written_ms: at,
        source: ArgumentSource::Motivation { stance, answer },
    }
}

/// A remark of the round as the compilation should quote it.
struct Said<'a> {
    organisation: &'a str,
    author: &'a str,
    kind: RemarkKind,
    at: f64,
    text: &'a str,
    quote: Option<&'a str>,
    proposed: Option<&'a str>,
    handled: (DispositionValue, &'a str),
}

/// `said`, quoted from the only remark of the round on clause `number` (its id looked up).
fn remark(a: &Agreement, number: &str, said: Said) -> Argument {
    let r = a
        .remarks_of(&id(a, number))
        .into_iter()
        .find(|r| r.phase == Phase::Consultation && r.role != samrad_domain::Role::Coordinator)
        .unwrap();
    Argument {
        organisation: said.organisation.into(),
        text: said.text.into(),
        written_ms: said.at,
        source: ArgumentSource::Remark {
            id: r.id,
            kind: said.kind,
            author: said.author.into(),
            quote: said.quote.map(str::to_string),
            proposed_text: said.proposed.map(str::to_string),
            disposition: Some(Handling {
                value: said.handled.0,
                motivation: said.handled.1.into(),
            }),
        },
    }
}

fn version(a: &Agreement, name: &str) -> VersionRef {
    let v = a.versions().into_iter().find(|v| v.name == name).unwrap();
    VersionRef {
        id: v.id,
        name: v.name,
        created_ms: v.created_ms,
        by: "Karin Lindqvist".into(),
    }
}

fn answered(org: &str, respondent: &str, sent: &[f64]) -> ConsultedOrganisation {
    ConsultedOrganisation {
        name: org.into(),
        respondent: Some(respondent.into()),
        extension_ms: None,
        answers: sent
            .iter()
            .enumerate()
            .map(|(i, at)| AnswerRecord {
                number: i + 1,
                sent_ms: *at,
                sent_by: respondent.into(),
                on_behalf: None,
                decision: None,
            })
            .collect(),
    }
}

/// `o` with the decision of its last answer.
fn decided(
    mut o: ConsultedOrganisation,
    decision: samrad_domain::Decision,
) -> ConsultedOrganisation {
    if let Some(last) = o.answers.last_mut() {
        last.decision = Some(decision);
    }
    o
}

fn expected_introduction(a: &Agreement) -> Introduction {
    Introduction {
        case_number: Some(CASE_NUMBER.into()),
        phase: Phase::Merging,
        remiss_version: version(a, REMISS_VERSION),
        versions: vec![
            version(a, "Utkast 15 januari"),
            version(a, REMISS_VERSION),
            version(a, "Utkast 12 april"),
        ],
        deadline_ms: Some(DEADLINE_MS),
        phases: vec![
            PhaseSpan {
                phase: Phase::Drafting,
                began_ms: None,
                first_ms: DRAFTING_REMARK_MS,
                last_ms: DRAFTING_REMARK_MS,
                entries: 1,
            },
            // Six remarks and replies (the withdrawn one and the coordinator's included) and
            // six answers (one recorded by the coordinator).
            PhaseSpan {
                phase: Phase::Consultation,
                began_ms: None,
                first_ms: ERIK_REMARK_MS,
                last_ms: LINNEA_SENT_MS,
                entries: 12,
            },
        ],
        organisations: vec![
            decided(
                answered(SJOBYGDEN, "Sara Nyström", &[SARA_SENT_MS]),
                sjobygden_decision(&id(a, "2.1")),
            ),
            answered(ROYRVIK, "Ingrid Bjørnstad", &[INGRID_SENT_MS]),
            // The second answer carries the board's decision; the first counts no more.
            decided(
                answered(
                    STRANDVIK,
                    "Erik Johansson",
                    &[ERIK_FIRST_MS, ERIK_SECOND_MS],
                ),
                strandvik_decision(),
            ),
            ConsultedOrganisation {
                extension_ms: Some(EXTENSION_MS),
                ..answered(ALVSBY, "Linnea Öberg", &[LINNEA_SENT_MS])
            },
            // Recorded by the coordinator: it came by e-mail.
            ConsultedOrganisation {
                name: ASELE.into(),
                respondent: Some("Maria Åkesson".into()),
                extension_ms: None,
                answers: vec![AnswerRecord {
                    number: 1,
                    sent_ms: ASELE_RECORDED_MS,
                    sent_by: "Karin Lindqvist".into(),
                    on_behalf: Some(Recorded {
                        by: "Karin Lindqvist".into(),
                        at_ms: ASELE_RECORDED_MS,
                    }),
                    decision: Some(asele_decision()),
                }],
            },
            answered(OSTRA, "Pär Östlund", &[]),
        ],
    }
}

fn response(text: &str) -> ClauseResponse {
    ClauseResponse {
        text: text.into(),
        updated_by: "Karin Lindqvist".into(),
        updated_ms: MERGING_MS,
    }
}

fn expected_chapters(a: &Agreement) -> Vec<ChapterCompilation> {
    use StanceValue::*;
    let chapters = a.chapters();
    let c11 = ClauseCompilation {
        id: id(a, "1.1"),
        number: "1.1".into(),
        heading: "Parter".into(),
        // As sent: the edit made after the first draft is in it.
        remiss_text: "Detta avtal är träffat mellan Region Norrvik och kommunerna i Norrviks län, nedan kallade parterna.".into(),
        groups: groups([&[STRANDVIK, ALVSBY, ASELE], &[ROYRVIK], &[], &[SJOBYGDEN], &[OSTRA]]),
        arguments: vec![
            motivation(ROYRVIK, SupportsWithChanges, 1, INGRID_SENT_MS, "Samarbeidet over grensen bør nevnes i avtalen."),
            remark(a, "1.1", Said {
                organisation: ROYRVIK,
                author: "Ingrid Bjørnstad",
                kind: RemarkKind::Comment,
                at: INGRID_REMARK_MS,
                text: "Røyrvik kommune ønsker at samarbeidet over riksgrensen om ambulanse og legevakt nevnes særskilt.",
                quote: None,
                proposed: None,
                handled: (DispositionValue::Noted, "Gränssamarbetet regleras i en särskild överenskommelse."),
            }),
        ],
        conditions: vec![],
        response: None,
        outcome: Outcome::Unchanged,
    };
    // The coordinator's question and the remark written while drafting are not arguments.
    let c12 = ClauseCompilation {
        id: id(a, "1.2"),
        number: "1.2".into(),
        heading: "Syfte".into(),
        remiss_text: "Avtalet ska skapa förutsättningar för en sammanhållen, trygg och säker vård för de invånare som behöver insatser från både region och kommun.".into(),
        groups: groups([&[SJOBYGDEN, ROYRVIK, STRANDVIK, ALVSBY], &[], &[], &[ASELE], &[OSTRA]]),
        arguments: vec![motivation(STRANDVIK, Supports, 2, ERIK_SECOND_MS, "Syftet är väl formulerat.")],
        conditions: vec![],
        response: None,
        outcome: Outcome::Unchanged,
    };
    // Strandvik's second answer changed its stance: that one counts.
    let c21 = ClauseCompilation {
        id: id(a, "2.1"),
        number: "2.1".into(),
        heading: "Läkarinsatser".into(),
        remiss_text: "Regionen ansvarar för läkarinsatser i den kommunala hälso- och sjukvården. Läkare ska finnas tillgänglig för planerade insatser dagtid.".into(),
        groups: groups([&[ROYRVIK], &[SJOBYGDEN, ASELE], &[STRANDVIK, ALVSBY], &[], &[OSTRA]]),
        arguments: vec![
            motivation(SJOBYGDEN, SupportsWithChanges, 1, SARA_SENT_MS, "Se vårt ändringsförslag."),
            remark(a, "2.1", Said {
                organisation: SJOBYGDEN,
                author: "Sara Nyström",
                kind: RemarkKind::Proposal,
                at: SARA_PROPOSAL_MS,
                text: "Kommunerna behöver läkarstöd även kvällar och helger.",
                quote: Some("planerade insatser dagtid"),
                proposed: Some("planerade och akuta insatser dygnet runt"),
                handled: (DispositionValue::Accepted, "Läkarstöd dygnet runt är en förutsättning."),
            }),
            motivation(ROYRVIK, Supports, 1, INGRID_SENT_MS, "Vi støtter at regionen har ansvaret for legeinnsatsen."),
            motivation(STRANDVIK, Opposes, 2, ERIK_SECOND_MS, "Utan läkare dygnet runt kan kommunen inte ta över ansvaret."),
            motivation(ALVSBY, Opposes, 1, LINNEA_SENT_MS, "Kommunen saknar sjuksköterskor nattetid och kan inte ta emot fler patienter."),
            motivation(ASELE, SupportsWithChanges, 1, ASELE_RECORDED_MS, "Kommunen behöver läkarstöd även nattetid."),
        ],
        conditions: vec![ClauseCondition {
            organisation: SJOBYGDEN.into(),
            text: "Tillstyrks under förutsättning att läkarstöd dygnet runt skrivs in.".into(),
        }],
        response: Some(response(RESPONSE_21)),
        outcome: Outcome::Changed {
            number: "2.1".into(),
            heading: "Läkarinsatser".into(),
            text: "Regionen ansvarar för läkarinsatser i den kommunala hälso- och sjukvården. Läkare ska finnas tillgänglig för planerade och akuta insatser dygnet runt.".into(),
            diff: vec![
                DiffPart::Same("Regionen ansvarar för läkarinsatser i den kommunala hälso- och sjukvården. Läkare ska finnas tillgänglig för planerade ".into()),
                DiffPart::Added("och akuta ".into()),
                DiffPart::Same("insatser ".into()),
                DiffPart::Removed("dagtid".into()),
                DiffPart::Added("dygnet runt".into()),
                DiffPart::Same(".".into()),
            ],
        },
    };
    // Røyrvik left 2.2 out of its answer; Östra Högland's withdrawn remark is not quoted.
    let c22 = ClauseCompilation {
        id: id(a, "2.2"),
        number: "2.2".into(),
        heading: "Avvikelser".into(),
        remiss_text: "Avvikelser rapporteras i det gemensamma avvikelsesystemet. Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.".into(),
        groups: groups([&[ASELE], &[SJOBYGDEN], &[STRANDVIK], &[ALVSBY], &[ROYRVIK, OSTRA]]),
        arguments: vec![
            motivation(SJOBYGDEN, SupportsWithChanges, 1, SARA_SENT_MS, "Avvikelser ska först hanteras i lokal samverkan."),
            motivation(STRANDVIK, Opposes, 2, ERIK_SECOND_MS, "Sanktioner hör inte hemma i ett samverkansavtal."),
            remark(a, "2.2", Said {
                organisation: STRANDVIK,
                author: "Erik Johansson",
                kind: RemarkKind::Comment,
                at: ERIK_REMARK_MS,
                text: "Formuleringen är för hård mot kommunerna; skriv hellre om upprepade allvarliga avvikelser.",
                quote: Some("sanktioner mot brott mot avtal"),
                proposed: None,
                handled: (DispositionValue::PartlyAccepted, "Sanktionerna stryks; allvarliga avvikelser lyfts till samrådsgruppen."),
            }),
        ],
        conditions: vec![],
        response: Some(response(RESPONSE_22)),
        outcome: Outcome::Changed {
            number: "2.2".into(),
            heading: "Avvikelser".into(),
            text: "Avvikelser rapporteras i det gemensamma avvikelsesystemet. Upprepade allvarliga avvikelser lyfts till den politiska samrådsgruppen.".into(),
            diff: vec![
                DiffPart::Same("Avvikelser rapporteras i det gemensamma avvikelsesystemet. ".into()),
                DiffPart::Removed("Vid sanktioner mot brott mot avtal ska ".into()),
                DiffPart::Added("Upprepade allvarliga avvikelser lyfts till ".into()),
                DiffPart::Same("den politiska ".into()),
                DiffPart::Removed("samrådsgruppen besluta".into()),
                DiffPart::Added("samrådsgruppen".into()),
                DiffPart::Same(".".into()),
            ],
        },
    };
    let c23 = ClauseCompilation {
        id: id(a, "2.3"),
        number: "2.3".into(),
        heading: "Uppföljning".into(),
        remiss_text: String::new(),
        groups: vec![],
        arguments: vec![],
        conditions: vec![],
        response: None,
        outcome: Outcome::Added {
            text: "Avtalet följs upp årligen av den politiska samrådsgruppen.".into(),
        },
    };
    vec![
        ChapterCompilation {
            id: chapters[0].id.clone(),
            number: "1".into(),
            title: "Inledning".into(),
            clauses: vec![c11, c12],
        },
        ChapterCompilation {
            id: chapters[1].id.clone(),
            number: "2".into(),
            title: "Ansvarsfördelning".into(),
            clauses: vec![c21, c22, c23],
        },
    ]
}

fn expected_summary(a: &Agreement) -> Summary {
    let chapters = a.chapters();
    let clause = |number: &str, heading: &str, c: [usize; 5], arguments, outcome| ClauseSummary {
        id: id(a, number),
        number: number.into(),
        heading: heading.into(),
        counts: counts(c),
        arguments,
        outcome,
    };
    let point =
        |number: &str, heading: &str, opposes: &[&str], changes: &[&str], outcome| MainPoint {
            clause: id(a, number),
            number: number.into(),
            heading: heading.into(),
            opposes: names(opposes),
            supports_with_changes: names(changes),
            conditions: vec![],
            outcome,
        };
    Summary {
        consulted: 6,
        answered: 5,
        on_behalf: 1,
        extended: 1,
        totals: counts([9, 4, 3, 3, 5]),
        chapters: vec![
            ChapterSummary {
                id: chapters[0].id.clone(),
                number: "1".into(),
                title: "Inledning".into(),
                counts: counts([7, 1, 0, 2, 2]),
            },
            ChapterSummary {
                id: chapters[1].id.clone(),
                number: "2".into(),
                title: "Ansvarsfördelning".into(),
                counts: counts([2, 3, 3, 1, 3]),
            },
        ],
        clauses: vec![
            clause("1.1", "Parter", [3, 1, 0, 1, 1], 2, OutcomeKind::Unchanged),
            clause("1.2", "Syfte", [4, 0, 0, 1, 1], 1, OutcomeKind::Unchanged),
            clause(
                "2.1",
                "Läkarinsatser",
                [1, 2, 2, 0, 1],
                6,
                OutcomeKind::Changed,
            ),
            clause(
                "2.2",
                "Avvikelser",
                [1, 1, 1, 1, 2],
                3,
                OutcomeKind::Changed,
            ),
            clause("2.3", "Uppföljning", [0, 0, 0, 0, 0], 0, OutcomeKind::Added),
        ],
        outcomes: OutcomeCounts {
            unchanged: 2,
            changed: 2,
            removed: 0,
            added: 1,
        },
        main_points: vec![
            MainPoint {
                conditions: names(&[SJOBYGDEN]),
                ..point(
                    "2.1",
                    "Läkarinsatser",
                    &[STRANDVIK, ALVSBY],
                    &[SJOBYGDEN, ASELE],
                    OutcomeKind::Changed,
                )
            },
            point(
                "2.2",
                "Avvikelser",
                &[STRANDVIK],
                &[SJOBYGDEN],
                OutcomeKind::Changed,
            ),
            point("1.1", "Parter", &[], &[ROYRVIK], OutcomeKind::Unchanged),
        ],
    }
}

#[test]
fn the_round_compiles_to_its_expected_struct() {
    let (a, remiss) = round();
    let compilation = a.compilation(&remiss).unwrap();
    let expected = Compilation {
        title: "Hälso- och sjukvårdsavtal mellan Region Norrvik och kommunerna 2027–2030".into(),
        introduction: expected_introduction(&a),
        summary: expected_summary(&a),
        chapters: expected_chapters(&a),
    };
    // Section by section first, so a difference points at its section.
    assert_eq!(compilation.introduction, expected.introduction);
    assert_eq!(compilation.chapters, expected.chapters);
    assert_eq!(compilation.summary, expected.summary);
    assert_eq!(compilation, expected);
}

#[test]
fn the_compilation_reads_the_same_on_every_replica_and_through_json() {
    let (a, remiss) = round();
    let compilation = a.compilation(&remiss).unwrap();
    let replica = Agreement::load(9, &a.encode_state()).unwrap();
    assert_eq!(replica.compilation(&remiss).unwrap(), compilation);
    let json = serde_json::to_string(&compilation).unwrap();
    let back: Compilation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, compilation);
    assert!(json.contains(r#""diff":[{"kind":"same","text":"Regionen ansvarar"#));
    assert!(json.contains(r#""source":{"from":"remark","id""#));
}

#[test]
fn an_unknown_remiss_version_is_refused() {
    let (a, _) = round();
    assert_eq!(
        a.compilation("v-nope"),
        Err(DomainError::UnknownVersion("v-nope".into()))
    );
}

#[test]
fn a_struck_clause_reads_as_removed_with_its_positions_kept() {
    let (a, remiss) = round();
    let karin = &participants()[0];
    a.remove_clause(karin, &id(&a, "1.2")).unwrap();
    let compilation = a.compilation(&remiss).unwrap();
    let c12 = &compilation.chapters[0].clauses[1];
    assert_eq!(
        (c12.number.as_str(), &c12.outcome),
        ("1.2", &Outcome::Removed)
    );
    assert_eq!(c12.counts(), counts([4, 0, 0, 1, 1]));
    assert_eq!(compilation.summary.outcomes.removed, 1);
}

#[test]
fn the_earlier_draft_as_remiss_version_compares_from_its_own_wording() {
    let (a, _) = round();
    let first = a.versions()[0].id.clone();
    let compilation = a.compilation(&first).unwrap();
    let c11 = &compilation.chapters[0].clauses[0];
    assert!(c11.remiss_text.contains("kommunerna i länet"));
    let Outcome::Changed { diff, .. } = &c11.outcome else {
        panic!("1.1 changed after the first draft: {:?}", c11.outcome);
    };
    assert!(
        diff.contains(&DiffPart::Removed("länet".into())),
        "{diff:?}"
    );
}

#[test]
fn the_matrix_counts_sent_stances_and_shows_drafts_apart() {
    let (a, _) = round();
    let overview = a.stance_overview();
    let orgs: Vec<&str> = overview
        .organisations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(orgs, [SJOBYGDEN, ROYRVIK, STRANDVIK, ALVSBY, ASELE, OSTRA]);
    let clauses: Vec<&str> = overview.clauses().map(|c| c.number.as_str()).collect();
    assert_eq!(clauses, ["1.1", "1.2", "2.1", "2.2", "2.3"]);
    let c21 = overview.clauses().nth(2).unwrap();
    assert_eq!(c21.counts, counts([1, 2, 2, 0, 1]));
    // Östra Högland drafted 1.1 and never sent: not answered, one unsent draft.
    let ostra = &overview.organisations[5];
    assert_eq!((ostra.answer, ostra.unsent), (None, 1));
    assert_eq!(ostra.counts, counts([0, 0, 0, 0, 5]));
    let c11 = overview.clauses().next().unwrap();
    assert_eq!((c11.counts.supports, c11.unsent), (3, 1));
    let cell = &overview.cells[5][0];
    assert!(cell.sent.is_none() && cell.draft.as_ref().unwrap().value == StanceValue::Supports);
    // Its row says it is drafting; the cell is not marked, as nothing of the row was sent.
    assert_eq!(ostra.drafting(), Some(1));
    assert!(!ostra.marks_draft(cell));
    let alvsby = &overview.organisations[3];
    assert_eq!(
        alvsby.answer.map(|a| (a.number, a.sent_ms)),
        Some((1, LINNEA_SENT_MS))
    );
    assert!(alvsby.extended && alvsby.deadline_ms == Some(EXTENSION_MS));
    assert!(!overview.organisations[0].extended);
    let strandvik = &overview.organisations[2];
    assert_eq!(
        strandvik.answer.map(|a| (a.number, a.sent_ms)),
        Some((2, ERIK_SECOND_MS))
    );
    let asele = &overview.organisations[4];
    assert!(asele
        .answer
        .is_some_and(|a| a.on_behalf && a.sent_ms == ASELE_RECORDED_MS));
    assert_eq!(strandvik.counts, counts([2, 0, 2, 0, 1]));
}

#[test]
fn a_cell_is_marked_as_drafted_anew_only_once_its_organisation_has_answered() {
    let (a, _) = round();
    let people = participants();
    let (karin, erik) = (&people[0], &people[1]);
    a.set_phase(
        karin,
        Phase::Consultation,
        Some(SECOND_DRAFT_MS + 86_400_000.0),
    )
    .unwrap();
    // Strandvik answered twice; now it drafts anew on 1.1 without sending.
    a.set_stance(
        erik,
        &id(&a, "1.1"),
        StanceValue::Opposes,
        "Nej.",
        SECOND_DRAFT_MS,
    )
    .unwrap();
    let overview = a.stance_overview();
    let strandvik = &overview.organisations[2];
    assert_eq!(strandvik.name, STRANDVIK);
    assert_eq!(
        strandvik.drafting(),
        None,
        "it has answered: no row-wide word"
    );
    assert!(
        strandvik.marks_draft(&overview.cells[2][0]),
        "1.1 drafted anew"
    );
    assert!(!strandvik.marks_draft(&overview.cells[2][1]), "1.2 as sent");
}

#[test]
fn the_matrix_narrows_to_a_chapter_a_position_and_who_answered() {
    let (a, _) = round();
    let overview = a.stance_overview();
    let chapter2 = overview.chapters[1].id.clone();
    let all = overview.select(&MatrixFilter::default());
    assert_eq!(all, ((0..6).collect(), (0..5).collect()));
    let (rows, columns) = overview.select(&MatrixFilter {
        chapter: Some(chapter2.clone()),
        ..Default::default()
    });
    assert_eq!((rows.len(), columns), (6, vec![2, 3, 4]));
    // Who opposes anything: Strandvik (2.1, 2.2) and Älvsby (2.1).
    let (rows, columns) = overview.select(&MatrixFilter {
        position: Some(Position::Opposes),
        ..Default::default()
    });
    assert_eq!((rows, columns), (vec![2, 3], vec![2, 3]));
    let (rows, _) = overview.select(&MatrixFilter {
        answered: Some(false),
        ..Default::default()
    });
    assert_eq!(
        rows,
        vec![5],
        "Östra Högland; Åsele's answer was recorded for it"
    );
    let (rows, columns) = overview.select(&MatrixFilter {
        chapter: Some(chapter2),
        position: Some(Position::NoRemarks),
        answered: Some(true),
    });
    assert_eq!((rows, columns), (vec![3], vec![3]));
}

#[test]
fn the_matrix_filter_reads_back_from_its_address_and_ignores_what_it_does_not_know() {
    let param = |pairs: Vec<(&'static str, String)>| {
        move |k: &str| pairs.iter().find(|(p, _)| *p == k).map(|(_, v)| v.clone())
    };
    for filter in [
        MatrixFilter::default(),
        MatrixFilter {
            chapter: Some("ch-2".into()),
            position: Some(Position::SupportsWithChanges),
            answered: Some(false),
        },
        MatrixFilter {
            position: Some(Position::NotAnswered),
            answered: Some(true),
            ..Default::default()
        },
    ] {
        let query = filter.query();
        assert_eq!(
            MatrixFilter::from_query(param(query.clone())),
            filter,
            "{query:?}"
        );
    }
    assert!(
        MatrixFilter::default().query().is_empty(),
        "nothing set, nothing in the address"
    );
    // A hand-edited address: an unknown stance, a yes-or-no that is neither, an empty chapter.
    let forged = vec![
        ("stance", "<script>".to_string()),
        ("answered", "maybe".to_string()),
        ("chapter", String::new()),
    ];
    assert_eq!(
        MatrixFilter::from_query(param(forged)),
        MatrixFilter::default()
    );
    // A chapter the agreement does not have filters nothing; one it has is kept.
    let overview = round().0.stance_overview();
    let chapter = overview.chapters[1].id.clone();
    let named = |c: &str| MatrixFilter {
        chapter: Some(c.to_string()),
        answered: Some(true),
        ..Default::default()
    };
    let unset = MatrixFilter {
        answered: Some(true),
        ..Default::default()
    };
    assert_eq!(named("ch-gone").within(&overview), unset);
    assert_eq!(named(&chapter).within(&overview), named(&chapter));
}

#[test]
fn an_organisation_of_coordinators_or_observers_only_is_not_consulted() {
    let (a, _) = round();
    let consulted = a.consulted_organisations();
    assert_eq!(consulted.len(), 6);
    assert!(!consulted.iter().any(|o| o == "Region Norrvik"));
    // The coordinators send the draft out: naming one of them the respondent of their own
    // organisation (as the demo does) does not make it consulted, in the compilation either.
    let people = participants();
    let karin = &people[0];
    a.set_respondent(karin, "Region Norrvik", &karin.id)
        .unwrap();
    assert_eq!(a.consulted_organisations(), consulted);
    let remiss = a.presumed_remiss_version().unwrap();
    let introduction = a.compilation(&remiss).unwrap().introduction;
    assert!(!introduction
        .organisations
        .iter()
        .any(|o| o.name == "Region Norrvik"));
    assert_eq!(a.stance_overview().organisations.len(), 6);
    // The answers the fixture sent are what the compilation counts.
    let sent: Vec<AnswerRevision> = a.answers_of(STRANDVIK);
    assert_eq!(sent.len(), 2);
}

#[test]
fn the_remiss_version_is_presumed_from_what_the_consultation_wrote() {
    let (a, remiss) = round();
    assert_eq!(a.presumed_remiss_version(), Some(remiss));
    assert_eq!(Agreement::new(3).presumed_remiss_version(), None);
    // Without a remark from the consultation: the newest version before the first answer,
    // and before any answer, the newest version.
    let people = participants();
    let (karin, erik) = (&people[0], &people[1]);
    let b = Agreement::new(4);
    b.register_participant(karin);
    b.register_participant(erik);
    let chapter = b.add_chapter("1", "Inledning");
    let clause = b.add_clause(&chapter, "1.1", "Parter", "Text.").unwrap();
    b.cut_version(karin, "Utkast", FIRST_DRAFT_MS).unwrap();
    let sent = b.cut_version(karin, "Remiss", REMISS_MS).unwrap();
    b.set_phase(karin, Phase::Consultation, Some(DEADLINE_MS))
        .unwrap();
    let later = b.cut_version(karin, "Efter", ERIK_FIRST_MS).unwrap();
    assert_eq!(b.presumed_remiss_version(), Some(later));
    b.set_stance(erik, &clause, StanceValue::Supports, "", ERIK_REMARK_MS)
        .unwrap();
    b.set_respondent(karin, &erik.organisation, &erik.id)
        .unwrap();
    b.send_answer(erik, ERIK_REMARK_MS).unwrap();
    assert_eq!(b.presumed_remiss_version(), Some(sent));
}

#[test]
fn a_second_remiss_is_compiled_against_the_version_it_went_as() {
    // The round's remarks and answers were written against its version; the text then goes
    // back to drafting, is changed and goes out again as a version cut on the way. The first
    // round's remarks must not make the compilation answer the first round's version.
    let (a, first) = round();
    let karin = &participants()[0];
    assert_eq!(
        a.remiss_version(),
        None,
        "the round was sent before this was written"
    );
    a.set_phase(karin, Phase::Drafting, None).unwrap();
    let clause = id(&a, "1.1");
    a.edit_clause_text(karin, &clause, 0, 0, "Ändrat: ")
        .unwrap();
    // A day after the round's newest version.
    let day = 86_400_000.0;
    let now = a.versions().last().unwrap().created_ms + day;
    let second = a
        .send_on_remiss(karin, now + 40.0 * day, Some("Remiss 2"), now)
        .unwrap()
        .expect("a version cut");
    assert_ne!(second, first);
    assert_eq!(a.remiss_version(), Some(second.clone()));
    assert_eq!(a.presumed_remiss_version(), Some(second.clone()));
    let compilation = a.compilation(&second).unwrap();
    assert_eq!(compilation.introduction.remiss_version.name, "Remiss 2");
    // Sent out once more unchanged, asked to cut: the version still reads as the text, none
    // is cut, and it goes as that one.
    a.set_phase(karin, Phase::Drafting, None).unwrap();
    assert_eq!(
        a.send_on_remiss(karin, now + 50.0 * day, Some("Remiss 3"), now + 1.0)
            .unwrap(),
        None
    );
    assert_eq!(a.remiss_version(), Some(second.clone()));
    assert_eq!(a.presumed_remiss_version(), Some(second));
}

#[test]
fn a_reader_gets_the_organisations_in_their_own_alphabet() {
    use samrad_domain::collation::Alphabet;
    let (a, remiss) = round();
    let compilation = a.compilation(&remiss).unwrap();
    let names = |c: &Compilation| -> Vec<String> {
        c.introduction
            .organisations
            .iter()
            .map(|o| o.name.clone())
            .collect()
    };
    // By characters, Ä (C3 84) comes before Å (C3 85) and Ø (C3 98) after Ö (C3 96).
    assert_eq!(
        names(&compilation),
        [SJOBYGDEN, ROYRVIK, STRANDVIK, ALVSBY, ASELE, OSTRA]
    );
    let swedish = compilation.clone().in_alphabet(Alphabet::Swedish);
    assert_eq!(
        names(&swedish),
        [SJOBYGDEN, ROYRVIK, STRANDVIK, ASELE, ALVSBY, OSTRA]
    );
    let norwegian = compilation.clone().in_alphabet(Alphabet::Norwegian);
    assert_eq!(
        names(&norwegian),
        [SJOBYGDEN, ROYRVIK, STRANDVIK, ALVSBY, OSTRA, ASELE]
    );
    // Groups follow; each organisation's arguments stay together, motivation first.
    let c11 = &swedish.chapters[0].clauses[0];
    assert_eq!(c11.groups[0].organisations, [STRANDVIK, ASELE, ALVSBY]);
    let c21 = &norwegian.chapters[1].clauses[0];
    assert_eq!(c21.groups[2].organisations, [STRANDVIK, ALVSBY]);
    let order: Vec<&str> = c21
        .arguments
        .iter()
        .map(|a| a.organisation.as_str())
        .collect();
    assert_eq!(
        order,
        [SJOBYGDEN, SJOBYGDEN, ROYRVIK, STRANDVIK, ALVSBY, ASELE]
    );
    assert!(matches!(
        c21.arguments[0].source,
        ArgumentSource::Motivation { .. }
    ));
}

/// Records the changes of every transaction on `a` from now on, for an overview to take in.
fn record_changes(a: &Agreement) -> std::sync::Arc<std::sync::Mutex<Vec<samrad_domain::Change>>> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    a.on_change("overview-test", move |changes| {
        sink.lock().unwrap().extend_from_slice(changes)
    });
    seen
}

#[test]
fn a_stance_on_one_clause_recomputes_that_cell_its_row_and_its_column_only() {
    use std::sync::Arc;
    let (a, _) = round();
    let people = participants();
    let (karin, par) = (&people[0], &people[4]);
    let seen = record_changes(&a);
    let mut overview = a.stance_overview();
    let take = |overview: &mut samrad_domain::StanceOverview| {
        let changes = std::mem::take(&mut *seen.lock().unwrap());
        let update = overview.update(&a, &changes);
        assert_eq!(
            *overview,
            a.stance_overview(),
            "kept current = built afresh"
        );
        update
    };
    // Reopened for answers: every row's deadline is read again, no cell.
    a.set_phase(
        karin,
        Phase::Consultation,
        Some(SECOND_DRAFT_MS + 86_400_000.0),
    )
    .unwrap();
    assert_eq!(take(&mut overview).cells_read, 0);

    // Östra Högland drafts a stance on 2.1: one cell read, its row and 2.1's column new,
    // every other row and column the very same value.
    let before = overview.clone();
    let c21 = id(&a, "2.1");
    a.set_stance(par, &c21, StanceValue::Opposes, "Nej.", SECOND_DRAFT_MS)
        .unwrap();
    let update = take(&mut overview);
    let (ostra, k21) = (5, overview.column_of(&c21).unwrap());
    assert_eq!((update.rebuilt, update.cells_read), (false, 1));
    assert_eq!(update.rows.into_iter().collect::<Vec<_>>(), [ostra]);
    assert_eq!(update.columns.into_iter().collect::<Vec<_>>(), [k21]);
    for k in 0..5 {
        let same = Arc::ptr_eq(overview.clause(k).unwrap(), before.clause(k).unwrap());
        assert_eq!(same, k != k21, "column {k}");
    }
    for r in 0..6 {
        let same = Arc::ptr_eq(&overview.cells[r], &before.cells[r])
            && Arc::ptr_eq(&overview.organisations[r], &before.organisations[r]);
        assert_eq!(same, r != ostra, "row {r}");
    }
    assert_eq!(overview.clause(k21).unwrap().unsent, 1);

    // It sends its answer: its row's five cells read, the figures of each column its
    // stances moved adjusted, every other row untouched.
    let before = overview.clone();
    a.send_answer(par, SECOND_DRAFT_MS + 1.0).unwrap();
    let update = take(&mut overview);
    assert_eq!((update.rebuilt, update.cells_read), (false, 5));
    assert_eq!(update.rows.into_iter().collect::<Vec<_>>(), [ostra]);
    let c11 = overview.column_of(&id(&a, "1.1")).unwrap();
    assert_eq!(update.columns.into_iter().collect::<Vec<_>>(), [c11, k21]);
    for r in 0..ostra {
        assert!(Arc::ptr_eq(&overview.cells[r], &before.cells[r]));
    }
    assert_eq!(overview.clause(k21).unwrap().counts.opposes, 3);
}

#[test]
fn a_remark_on_one_clause_rebuilds_that_clause_of_the_compilation_only() {
    let (a, remiss) = round();
    let people = participants();
    let (karin, erik) = (&people[0], &people[1]);
    let seen = record_changes(&a);
    a.set_phase(
        karin,
        Phase::Consultation,
        Some(SECOND_DRAFT_MS + 86_400_000.0),
    )
    .unwrap();
    let mut kept = a.kept_compilation(&remiss).unwrap();
    seen.lock().unwrap().clear();
    let take = |kept: &mut samrad_domain::compilation::KeptCompilation| {
        let changes = std::mem::take(&mut *seen.lock().unwrap());
        let update = kept.update(&a, &changes).unwrap();
        assert_eq!(
            *kept.compilation(),
            a.compilation(&remiss).unwrap(),
            "kept current = compiled afresh"
        );
        update
    };
    let c22 = id(&a, "2.2");
    let draft = samrad_domain::RemarkDraft {
        clause: c22.clone(),
        kind: RemarkKind::Comment,
        target: samrad_domain::Target::Clause,
        body: "Sanktionerna bör strykas helt.".into(),
        proposed_text: None,
        mentions: Vec::new(),
    };
    a.write_remark(erik, draft, SECOND_DRAFT_MS).unwrap();
    let update = take(&mut kept);
    assert!(!update.rebuilt);
    assert_eq!(update.clauses.into_iter().collect::<Vec<_>>(), [c22]);
    // The coordinators' response on 2.1 builds 2.1 alone.
    let c21 = id(&a, "2.1");
    a.set_response(karin, &c21, "Vi återkommer.", SECOND_DRAFT_MS)
        .unwrap();
    let update = take(&mut kept);
    assert_eq!((update.rebuilt, update.clauses.len()), (false, 1));
    // A stance drafted is not an answer: nothing to build.
    a.set_stance(erik, &c21, StanceValue::Supports, "", SECOND_DRAFT_MS)
        .unwrap();
    assert_eq!(take(&mut kept), Default::default());
    // An answer sent reaches every clause: built again whole — from the remiss version's
    // text as read at first (the same kept value), not from loading the version again.
    let text = kept.remiss_text();
    a.send_answer(erik, SECOND_DRAFT_MS + 1.0).unwrap();
    assert!(take(&mut kept).rebuilt);
    assert!(
        kept.remiss_text().same(&text),
        "the remiss text was read again"
    );
}

#[test]
fn a_compilation_kept_from_a_remiss_text_read_earlier_equals_one_compiled_afresh() {
    let (a, remiss) = round();
    let people = participants();
    let (karin, erik) = (&people[0], &people[1]);
    let text = a.remiss_text(&remiss).unwrap();
    assert_eq!(text.version(), remiss);
    // The document moves on after the text was read: remarks, a response, an answer, a new
    // version cut.
    a.set_phase(
        karin,
        Phase::Consultation,
        Some(SECOND_DRAFT_MS + 86_400_000.0),
    )
    .unwrap();
    let c21 = id(&a, "2.1");
    a.set_response(karin, &c21, "Vi återkommer.", SECOND_DRAFT_MS)
        .unwrap();
    a.set_stance(erik, &c21, StanceValue::Opposes, "Nej.", SECOND_DRAFT_MS)
        .unwrap();
    a.send_answer(erik, SECOND_DRAFT_MS + 1.0).unwrap();
    a.cut_version(karin, "Efter remissen", SECOND_DRAFT_MS + 2.0)
        .unwrap();
    let kept = a.kept_compilation_from(text.clone()).unwrap();
    assert_eq!(*kept.compilation(), a.compilation(&remiss).unwrap());
    assert!(kept.remiss_text().same(&text));
}
