//! A consultation round from remiss to merging, small enough to read whole: a region's
//! coordinator sends four clauses on remiss to six organisations and starts merging the
//! answers. Among the six, one stays silent, one answers within its extended deadline, one
//! answers twice (the second time with its board's decision, a party's reservation and
//! another's special statement), one answers by e-mail and the coordinator records it, one —
//! a Norwegian municipality across the border — answers in Norwegian and leaves a clause out.
//! One board sets a condition on a clause. The coordinators respond on the clauses they
//! change. Tests, benchmarks and the compilation's exports share it.
//!
//! Every time is fixed (early 2027, UTC) so what is computed from it can be written down.

use crate::{
    Agreement, Condition, Decision, DomainError, Participant, Phase, RemarkDraft, RemarkKind,
    Reservation, ReservationKind, Role, StanceValue, Target,
};

const HOUR: f64 = 3_600_000.0;

/// 12 January 2027, 10:00 UTC: a remark while drafting.
pub const DRAFTING_REMARK_MS: f64 = 1_799_748_000_000.0;
/// 15 January 2027, 09:00 UTC: "Utkast 15 januari" is cut.
pub const FIRST_DRAFT_MS: f64 = 1_800_003_600_000.0;
/// 1 February 2027, 08:00 UTC: the remiss version is cut and the consultation opens.
pub const REMISS_MS: f64 = 1_801_468_800_000.0;
/// The end of 15 March 2027 in Swedish time: everyone's deadline.
pub const DEADLINE_MS: f64 = 1_805_151_599_000.0;
/// The end of 5 April 2027 in Swedish time: Älvsby's extended deadline.
pub const EXTENSION_MS: f64 = 1_806_962_399_000.0;
/// 19 March 2027, 10:00 UTC: Åsele's answer, which came by e-mail, is recorded.
pub const ASELE_RECORDED_MS: f64 = 1_805_450_400_000.0;
/// 8 April 2027, 09:00 UTC: merging.
pub const MERGING_MS: f64 = 1_807_174_800_000.0;
/// 12 April 2027, 10:00 UTC: "Utkast 12 april" is cut.
pub const SECOND_DRAFT_MS: f64 = 1_807_524_000_000.0;

/// The case number the region files the agreement under.
pub const CASE_NUMBER: &str = "RN 2026/412";

/// The name of the version sent on remiss.
pub const REMISS_VERSION: &str = "Remissversion 1 februari";

/// The coordinator, then the six organisations' respondents: Strandvik, Sjöbygden (a jurist),
/// Älvsby, Östra Högland, Åsele and Røyrvik.
pub fn participants() -> Vec<Participant> {
    let person = |id: &str, name: &str, organisation: &str, role| Participant {
        id: id.into(),
        name: name.into(),
        organisation: organisation.into(),
        role,
    };
    vec![
        person(
            "p-karin",
            "Karin Lindqvist",
            "Region Norrvik",
            Role::Coordinator,
        ),
        person(
            "p-erik",
            "Erik Johansson",
            "Strandviks kommun",
            Role::Member,
        ),
        person(
            "p-sara",
            "Sara Nyström",
            "Kommunalförbundet Sjöbygden",
            Role::Jurist,
        ),
        person("p-linnea", "Linnea Öberg", "Älvsby kommun", Role::Member),
        person(
            "p-par",
            "Pär Östlund",
            "Östra Höglands kommun",
            Role::Member,
        ),
        person("p-maria", "Maria Åkesson", "Åsele kommun", Role::Member),
        person(
            "p-ingrid",
            "Ingrid Bjørnstad",
            "Røyrvik kommune",
            Role::Member,
        ),
    ]
}

/// The round, built on a fresh replica: the agreement (in merging) and its remiss version's id.
pub fn agreement(client_id: u64) -> Result<(Agreement, String), DomainError> {
    let a = Agreement::new(client_id);
    a.set_title("Hälso- och sjukvårdsavtal mellan Region Norrvik och kommunerna 2027–2030");
    let people = participants();
    for p in &people {
        a.register_participant(p);
    }
    for p in &people[1..] {
        a.set_respondent(&people[0], &p.organisation, &p.id)?;
    }
    a.set_case_number(&people[0], Some(CASE_NUMBER))?;
    let remiss = draft(&a, &people)?;
    consult(&a, &people)?;
    merge(&a, &people)?;
    Ok((a, remiss))
}

/// The clause numbered `number`.
pub fn clause(a: &Agreement, number: &str) -> Result<String, DomainError> {
    a.clauses()
        .into_iter()
        .find(|c| c.number == number)
        .map(|c| c.id)
        .ok_or_else(|| DomainError::UnknownClause(number.to_string()))
}

/// The words `needle` of clause `number`, as a range.
fn range(a: &Agreement, number: &str, needle: &str) -> Result<Target, DomainError> {
    let text = a.clause(&clause(a, number)?).map(|c| c.text);
    let text = text.ok_or_else(|| DomainError::UnknownClause(number.to_string()))?;
    let byte = text
        .find(needle)
        .ok_or_else(|| DomainError::QuoteGone(needle.to_string()))?;
    let start = text[..byte].encode_utf16().count() as u32;
    let end = start + needle.encode_utf16().count() as u32;
    Ok(Target::Range { start, end })
}

/// A remark of `kind` on clause `number` (`proposed`: the wording a proposal offers).
fn remark(
    a: &Agreement,
    author: &Participant,
    number: &str,
    (kind, target): (RemarkKind, Target),
    (body, proposed): (&str, Option<&str>),
    at: f64,
) -> Result<String, DomainError> {
    let draft = RemarkDraft {
        clause: clause(a, number)?,
        kind,
        target,
        body: body.into(),
        proposed_text: proposed.map(str::to_string),
        mentions: Vec::new(),
    };
    a.write_remark(author, draft, at)
}

/// The clauses as first drafted: (chapter, number, heading, wording).
const CLAUSES: [(&str, &str, &str, &str); 4] = [
    ("1", "1.1", "Parter", "Detta avtal är träffat mellan Region Norrvik och kommunerna i länet, nedan kallade parterna."),
    ("1", "1.2", "Syfte", "Avtalet ska skapa förutsättningar för en sammanhållen, trygg och säker vård för de invånare som behöver insatser från både region och kommun."),
    ("2", "2.1", "Läkarinsatser", "Regionen ansvarar för läkarinsatser i den kommunala hälso- och sjukvården. Läkare ska finnas tillgänglig för planerade insatser dagtid."),
    ("2", "2.2", "Avvikelser", "Avvikelser rapporteras i det gemensamma avvikelsesystemet. Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta."),
];

/// 1.1 as sent on remiss.
const PARTIES: &str =
    "Detta avtal är träffat mellan Region Norrvik och kommunerna i Norrviks län, nedan kallade parterna.";
/// 2.2 as rewritten while merging.
const DEVIATIONS: &str = "Avvikelser rapporteras i det gemensamma avvikelsesystemet. Upprepade allvarliga avvikelser lyfts till den politiska samrådsgruppen.";
/// The coordinators' responses on 2.1 and 2.2.
pub const RESPONSE_21: &str = "Regionen tillgodoser önskemålet om läkarstöd dygnet runt. Avtalstexten ändras enligt Kommunalförbundet Sjöbygdens förslag.";
pub const RESPONSE_22: &str = "Skrivningen om sanktioner stryks. Upprepade allvarliga avvikelser lyfts i stället till den politiska samrådsgruppen.";
/// 2.3, added while merging.
const FOLLOW_UP: &str = "Avtalet följs upp årligen av den politiska samrådsgruppen.";

/// Drafting: the text, a remark, two versions. Returns the remiss version's id.
fn draft(a: &Agreement, p: &[Participant]) -> Result<String, DomainError> {
    let intro = a.add_chapter("1", "Inledning");
    let duties = a.add_chapter("2", "Ansvarsfördelning");
    for (chapter, number, heading, text) in CLAUSES {
        let chapter = if chapter == "1" { &intro } else { &duties };
        a.add_clause(chapter, number, heading, text)?;
    }
    let purpose = clause(a, "1.2")?;
    a.add_remark(&purpose, &p[1], "Bra formulering.", DRAFTING_REMARK_MS)?;
    a.cut_version(&p[0], "Utkast 15 januari", FIRST_DRAFT_MS)?;
    a.set_clause_text(&p[0], &clause(a, "1.1")?, PARTIES)?;
    a.cut_version(&p[0], REMISS_VERSION, REMISS_MS)
}

/// `d` days after the remiss.
fn day(d: f64) -> f64 {
    REMISS_MS + d * 24.0 * HOUR
}

/// The consultation: remarks, then stances and answers.
fn consult(a: &Agreement, p: &[Participant]) -> Result<(), DomainError> {
    a.set_phase(&p[0], Phase::Consultation, Some(DEADLINE_MS))?;
    a.extend_deadline(&p[0], &p[3].organisation, EXTENSION_MS)?;
    remarks(a, p)?;
    answers(a, p)
}

/// The remarks written during the consultation.
fn remarks(a: &Agreement, p: &[Participant]) -> Result<(), DomainError> {
    let (karin, erik, sara, par, ingrid) = (&p[0], &p[1], &p[2], &p[4], &p[6]);
    let sanctions = range(a, "2.2", "sanktioner mot brott mot avtal")?;
    let harsh = "Formuleringen är för hård mot kommunerna; skriv hellre om upprepade allvarliga avvikelser.";
    let comment = (RemarkKind::Comment, sanctions);
    let on_erik = remark(
        a,
        erik,
        "2.2",
        comment,
        (harsh, None),
        day(9.0) + 5.0 * HOUR,
    )?;
    a.reply(
        &on_erik,
        karin,
        "Tack, vi ser över formuleringen.",
        day(10.0),
    )?;
    remark(
        a,
        karin,
        "1.2",
        (RemarkKind::Question, Target::Clause),
        ("Behövs en definition av ”insatser”?", None),
        day(14.0) + HOUR,
    )?;
    let daytime = range(a, "2.1", "planerade insatser dagtid")?;
    remark(
        a,
        sara,
        "2.1",
        (RemarkKind::Proposal, daytime),
        (
            "Kommunerna behöver läkarstöd även kvällar och helger.",
            Some("planerade och akuta insatser dygnet runt"),
        ),
        day(23.0) + 7.5 * HOUR,
    )?;
    let withdrawn = a.add_remark(
        &clause(a, "2.2")?,
        par,
        "Vi återkommer.",
        day(19.0) + 4.0 * HOUR,
    )?;
    a.withdraw_remark(par, &withdrawn)?;
    let border = "Røyrvik kommune ønsker at samarbeidet over riksgrensen om ambulanse og legevakt nevnes særskilt.";
    let comment = (RemarkKind::Comment, Target::Clause);
    remark(
        a,
        ingrid,
        "1.1",
        comment,
        (border, None),
        day(29.0) + 2.0 * HOUR,
    )?;
    Ok(())
}

/// The answers: sent, sent again, sent with a decision, recorded for an organisation that
/// answered by e-mail, sent after everyone's deadline within an extension.
fn answers(a: &Agreement, p: &[Participant]) -> Result<(), DomainError> {
    let (karin, erik, sara, linnea, par, ingrid) = (&p[0], &p[1], &p[2], &p[3], &p[4], &p[6]);
    use StanceValue::*;
    stances(
        a,
        ingrid,
        &[
            (
                "1.1",
                SupportsWithChanges,
                "Samarbeidet over grensen bør nevnes i avtalen.",
            ),
            ("1.2", Supports, ""),
            (
                "2.1",
                Supports,
                "Vi støtter at regionen har ansvaret for legeinnsatsen.",
            ),
        ],
        None,
        day(29.0) + 2.5 * HOUR,
    )?;
    stances(
        a,
        erik,
        &[
            ("1.1", Supports, ""),
            ("1.2", Supports, "Syftet är väl formulerat."),
            ("2.1", SupportsWithChanges, "Läkare behövs dygnet runt."),
            (
                "2.2",
                Opposes,
                "Sanktioner hör inte hemma i ett samverkansavtal.",
            ),
        ],
        None,
        day(37.0) + 3.0 * HOUR,
    )?;
    stances(
        a,
        erik,
        &[(
            "2.1",
            Opposes,
            "Utan läkare dygnet runt kan kommunen inte ta över ansvaret.",
        )],
        Some(strandvik_decision()),
        day(39.0) + 6.0 * HOUR,
    )?;
    stances(
        a,
        sara,
        &[
            ("1.1", NoRemarks, ""),
            ("1.2", Supports, ""),
            ("2.1", SupportsWithChanges, "Se vårt ändringsförslag."),
            (
                "2.2",
                SupportsWithChanges,
                "Avvikelser ska först hanteras i lokal samverkan.",
            ),
        ],
        Some(sjobygden_decision(&clause(a, "2.1")?)),
        day(41.0) + 4.0 * HOUR,
    )?;
    // Åsele's answer came by e-mail after everyone's deadline; the coordinator records it.
    let by_mail = [
        ("1.1", Supports, ""),
        ("1.2", NoRemarks, ""),
        (
            "2.1",
            SupportsWithChanges,
            "Kommunen behöver läkarstöd även nattetid.",
        ),
        ("2.2", Supports, ""),
    ];
    let mut given = Vec::new();
    for (number, value, motivation) in by_mail {
        let stance = crate::Stance {
            value,
            motivation: motivation.into(),
        };
        given.push((clause(a, number)?, stance));
    }
    let asele = &p[5].organisation;
    let decided = asele_decision();
    a.record_answer(karin, asele, &given, Some(&decided), ASELE_RECORDED_MS)?;
    // Östra Högland drafts, and never sends.
    a.set_stance(par, &clause(a, "1.1")?, Supports, "", day(30.0))?;
    // Älvsby answers after everyone's deadline, within its own.
    stances(
        a,
        linnea,
        &[
            ("1.1", Supports, ""),
            ("1.2", Supports, ""),
            (
                "2.1",
                Opposes,
                "Kommunen saknar sjuksköterskor nattetid och kan inte ta emot fler patienter.",
            ),
            ("2.2", NoRemarks, ""),
        ],
        None,
        day(57.0) + 8.0 * HOUR,
    )
}

/// Drafts stances for `who`'s organisation, then sends its answer, at `at`.
fn stances(
    a: &Agreement,
    who: &Participant,
    list: &[(&str, StanceValue, &str)],
    decision: Option<Decision>,
    at: f64,
) -> Result<(), DomainError> {
    for (number, value, motivation) in list {
        a.set_stance(who, &clause(a, number)?, *value, motivation, at)?;
    }
    a.send_answer_with(who, decision.as_ref(), at).map(|_| ())
}

/// Strandvik's municipal board, with a reservation and a special statement.
pub fn strandvik_decision() -> Decision {
    Decision {
        body: "Kommunstyrelsen".into(),
        date: "2027-03-11".into(),
        item: "§ 45".into(),
        reservations: vec![
            Reservation {
                party: "Vänsterpartiet".into(),
                kind: ReservationKind::Reservation,
                text: "Vi yrkar att avtalet avstyrks i sin helhet.".into(),
            },
            Reservation {
                party: "Centerpartiet".into(),
                kind: ReservationKind::SpecialStatement,
                text: "Avståndet till jourläkare på landsbygden måste beaktas.".into(),
            },
        ],
        conditions: Vec::new(),
    }
}

/// Sjöbygden's board, with a condition on 2.1 (`clause`).
pub fn sjobygden_decision(clause: &str) -> Decision {
    Decision {
        body: "Förbundsdirektionen".into(),
        date: "2027-03-13".into(),
        item: "§ 12".into(),
        reservations: Vec::new(),
        conditions: vec![Condition {
            clause: clause.into(),
            text: "Tillstyrks under förutsättning att läkarstöd dygnet runt skrivs in.".into(),
        }],
    }
}

/// Åsele's board's working committee, sent by e-mail.
pub fn asele_decision() -> Decision {
    Decision {
        body: "Kommunstyrelsens arbetsutskott".into(),
        date: "2027-03-16".into(),
        item: "§ 31".into(),
        reservations: Vec::new(),
        conditions: Vec::new(),
    }
}

/// Merging: a proposal accepted, a clause rewritten, remarks disposed of, a clause added.
fn merge(a: &Agreement, p: &[Participant]) -> Result<(), DomainError> {
    use crate::DispositionValue::*;
    let karin = &p[0];
    a.set_phase(karin, Phase::Merging, Some(DEADLINE_MS))?;
    // The first remark on a clause: there is one of the round on each of these.
    let first = |number: &str| -> Result<String, DomainError> {
        let remarks = a.remarks_of(&clause(a, number)?);
        let first = remarks.into_iter().next().map(|r| r.id);
        first.ok_or_else(|| DomainError::UnknownRemark(number.to_string()))
    };
    let why = "Läkarstöd dygnet runt är en förutsättning.";
    a.accept_proposal(karin, &first("2.1")?, why, MERGING_MS)?;
    let why = "Sanktionerna stryks; allvarliga avvikelser lyfts till samrådsgruppen.";
    a.set_disposition(karin, &first("2.2")?, PartlyAccepted, why, MERGING_MS)?;
    a.set_clause_text(karin, &clause(a, "2.2")?, DEVIATIONS)?;
    let why = "Gränssamarbetet regleras i en särskild överenskommelse.";
    a.set_disposition(karin, &first("1.1")?, Noted, why, MERGING_MS)?;
    let last = clause(a, "2.2")?;
    let duties = a.clause(&last).map(|c| c.chapter).unwrap_or_default();
    a.insert_clause(karin, &duties, Some(&last), "2.3", "Uppföljning", FOLLOW_UP)?;
    a.set_response(karin, &clause(a, "2.1")?, RESPONSE_21, MERGING_MS)?;
    a.set_response(karin, &clause(a, "2.2")?, RESPONSE_22, MERGING_MS)?;
    a.cut_version(karin, "Utkast 12 april", SECOND_DRAFT_MS)?;
    Ok(())
}
