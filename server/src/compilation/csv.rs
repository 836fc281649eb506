//! The compilation as a spreadsheet: one row per consulted organisation and clause sent on
//! remiss — the stance, its motivation, the answer it came in (when, by whom, recorded on the
//! organisation's behalf or not), the deciding body's decision, the organisation's remarks on
//! the clause, and the coordinators' response and the outcome for the clause.
//!
//! Made to open as it is in Excel and LibreOffice: UTF-8 with a byte-order mark (without one
//! Excel reads å, ä, ö, æ and ø as two characters each); fields separated by `;` for Swedish
//! and Norwegian readers — their Excel writes decimals with a comma and expects `;` between
//! fields — and by `,` in English; dates as `2027-03-09 14:05` in Swedish/Norwegian time, which
//! both read as dates. A field that would start a formula (`=`, `+`, `-`, `@`) gets a leading
//! `'` so a hostile motivation is shown, never run (OWASP's advice on CSV injection).

use crate::docx::{Lang, Words};
use samrad_domain::calendar::LocalTime;
use samrad_domain::compilation::{
    AnswerRecord, ArgumentSource, ClauseCompilation, ConsultedOrganisation,
};
use samrad_domain::{Compilation, ReservationKind};

/// The columns, by their message keys.
const COLUMNS: [&str; 18] = [
    "compilation.csv.chapter",
    "compilation.csv.clause",
    "compilation.csv.heading",
    "compilation.organisation",
    "compilation.stance",
    "compilation.motivation",
    "compilation.csv.answer",
    "compilation.csv.sent",
    "compilation.csv.sent_by",
    "compilation.csv.on_behalf",
    "compilation.csv.body",
    "compilation.csv.date",
    "compilation.csv.item",
    "compilation.csv.reservations",
    "compilation.csv.condition",
    "compilation.csv.remarks",
    "compilation.response",
    "compilation.outcome",
];

/// The spreadsheet's bytes.
pub fn write(compilation: &Compilation, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(if lang == Lang::En { b',' } else { b';' })
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    out.write_record(COLUMNS.iter().map(|key| lang.text(key, &[])))?;
    for chapter in &compilation.chapters {
        // A clause added after the remiss was put to nobody.
        for clause in chapter.clauses.iter().filter(|c| !c.groups.is_empty()) {
            for organisation in &compilation.introduction.organisations {
                let row = row(lang, &chapter.number, clause, organisation);
                out.write_record(row.iter().map(|field| defused(field)))?;
            }
        }
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// One organisation's row on one clause.
fn row(
    lang: Lang,
    chapter: &str,
    clause: &ClauseCompilation,
    organisation: &ConsultedOrganisation,
) -> [String; 18] {
    let name = organisation.name.as_str();
    let answer = organisation.answer();
    let decision = answer.and_then(|a| a.decision.as_ref());
    let remarks = remarks(lang, clause, name);
    let position = clause.position_of(name).map(|p| super::position(lang, p));
    let [body, date, item] = [
        decision.map(|d| d.body.clone()),
        decision.map(|d| d.date.clone()),
        decision.map(|d| d.item.clone()),
    ];
    let condition = clause.conditions.iter().filter(|c| c.organisation == name);
    [
        chapter.to_string(),
        clause.number.clone(),
        clause.heading.clone(),
        name.to_string(),
        position.unwrap_or_default(),
        clause.motivation_of(name).unwrap_or_default().to_string(),
        answer.map(|a| a.number.to_string()).unwrap_or_default(),
        answer
            .map(|a| LocalTime::of(a.sent_ms).iso())
            .unwrap_or_default(),
        answer.map(|a| a.sent_by.clone()).unwrap_or_default(),
        answer.map(on_behalf).unwrap_or_default(),
        body.unwrap_or_default(),
        date.unwrap_or_default(),
        item.unwrap_or_default(),
        decision.map(|d| reservations(lang, d)).unwrap_or_default(),
        condition
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        remarks,
        clause
            .response
            .as_ref()
            .map(|r| r.text.clone())
            .unwrap_or_default(),
        super::outcome(lang, clause.outcome.kind()),
    ]
}

/// The organisation's remarks on the clause, oldest first, each with its author (and the
/// wording a proposal put forward, labelled), a blank line between them.
fn remarks(lang: Lang, clause: &ClauseCompilation, organisation: &str) -> String {
    let said = clause.arguments.iter().filter_map(|a| match &a.source {
        ArgumentSource::Remark {
            author,
            proposed_text,
            ..
        } if a.organisation == organisation => Some(match proposed_text {
            Some(wording) => {
                let label = lang.text("compilation.csv.proposed", &[]);
                format!("{author}: {}\n{label}: {wording}", a.text)
            }
            None => format!("{author}: {}", a.text),
        }),
        _ => None,
    });
    said.collect::<Vec<_>>().join("\n\n")
}

/// Who recorded an answer for the organisation, and when (empty for one it sent itself).
fn on_behalf(answer: &AnswerRecord) -> String {
    answer
        .on_behalf
        .as_ref()
        .map(|r| format!("{} {}", r.by, LocalTime::of(r.at_ms).iso()))
        .unwrap_or_default()
}

/// Each reservation or statement on a line of its own: "Reservation (V): text".
fn reservations(lang: Lang, decision: &samrad_domain::Decision) -> String {
    decision
        .reservations
        .iter()
        .map(|r| {
            let key = match r.kind {
                ReservationKind::Reservation => "compilation.reservation",
                ReservationKind::SpecialStatement => "compilation.special_statement",
            };
            let party = r.party.as_str().into();
            format!("{}: {}", lang.text(key, &[("party", party)]), r.text)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `field`, with a `'` in front if a spreadsheet would read it as a formula.
fn defused(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}"),
        _ => field.to_string(),
    }
}
