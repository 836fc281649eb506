//! The summary and the introduction.

use super::{table, Out};
use crate::compilation::{outcome, position};
use crate::docx::{Lang, Words};
use docx_rs::Run;
use samrad_domain::compilation::{
    ConsultedOrganisation, EntryDays, OutcomeKind, Position, StanceCounts,
};
use samrad_domain::{Compilation, Decision, ReservationKind};

/// The text width (A4 less the margins), shared out among a table's columns.
const WIDTH: usize = super::styles::TEXT_WIDTH;

/// The summary: how many answered, positions per chapter, outcomes, main points.
pub(super) fn summary(out: &mut Out, compilation: &Compilation, lang: Lang) {
    let s = &compilation.summary;
    out.heading(1, "", &lang.text("compilation.summary", &[]), true);
    out.text(&answered(lang, s.consulted, s.answered));
    let o = &s.outcomes;
    out.text(&lang.text(
        "compilation.outcomes",
        &[
            ("changed", o.changed.into()),
            ("unchanged", o.unchanged.into()),
            ("removed", o.removed.into()),
            ("added", o.added.into()),
        ],
    ));
    out.subheading(&lang.text("compilation.per_chapter", &[]));
    let mut header = vec![lang.text("compilation.csv.chapter", &[])];
    header.extend(Position::ALL.map(|p| position(lang, p)));
    let mut rows: Vec<Vec<String>> = s
        .chapters
        .iter()
        .map(|c| counts_row(format!("{} {}", c.number, c.title), &c.counts))
        .collect();
    rows.push(counts_row(lang.text("compilation.total", &[]), &s.totals));
    let first = WIDTH - 5 * 1_300;
    out.table(table(
        header,
        rows,
        &[first, 1_300, 1_300, 1_300, 1_300, 1_300],
    ));
    out.subheading(&lang.text("compilation.main_points", &[]));
    if s.main_points.is_empty() {
        out.text(&lang.text("compilation.main_points.none", &[]));
    }
    for point in &s.main_points {
        let mut said = Vec::new();
        for (key, names) in [
            ("compilation.main_point.opposes", &point.opposes),
            (
                "compilation.main_point.changes",
                &point.supports_with_changes,
            ),
            ("compilation.main_point.conditions", &point.conditions),
        ] {
            if !names.is_empty() {
                said.push(lang.text(key, &[("organisations", names.join(", ").into())]));
            }
        }
        if point.outcome != OutcomeKind::Unchanged {
            said.push(outcome(lang, point.outcome).to_lowercase());
        }
        out.bullet(vec![
            Run::new()
                .add_text(format!("{} {}", point.number, point.heading))
                .bold(),
            Run::new().add_text(format!(": {}.", said.join("; "))),
        ]);
    }
}

fn counts_row(first: String, counts: &StanceCounts) -> Vec<String> {
    let mut row = vec![first];
    row.extend(Position::ALL.map(|p| counts.get(p).to_string()));
    row
}

fn answered(lang: Lang, consulted: usize, answered: usize) -> String {
    lang.text(
        "compilation.intro.answered",
        &[
            ("consulted", consulted.into()),
            ("answered", answered.into()),
        ],
    )
}

/// The introduction: the remiss, the process as dated, the versions, who answered.
pub(super) fn introduction(out: &mut Out, compilation: &Compilation, lang: Lang) {
    let intro = &compilation.introduction;
    out.heading(1, "", &lang.text("compilation.introduction", &[]), true);
    let version = intro.remiss_version.name.as_str().into();
    let sent = lang.date(intro.remiss_version.created_ms).into();
    out.text(&match intro.deadline_ms {
        Some(deadline) => lang.text(
            "compilation.intro.sent",
            &[
                ("version", version),
                ("date", sent),
                ("deadline", lang.date(deadline).into()),
            ],
        ),
        None => lang.text(
            "compilation.intro.sent_open",
            &[("version", version), ("date", sent)],
        ),
    });
    out.text(&answered(
        lang,
        compilation.summary.consulted,
        compilation.summary.answered,
    ));
    out.subheading(&lang.text("compilation.intro.phases", &[]));
    for span in &intro.phases {
        let phase = lang.text(&format!("phase.{}", span.phase.key()), &[]);
        // When it began (the server's record of the change), then what was written in it.
        let began = span.began_ms.map(|ms| {
            lang.text(
                "compilation.intro.phase_began",
                &[
                    ("phase", phase.as_str().into()),
                    ("date", lang.date(ms).into()),
                ],
            )
        });
        let (first, last) = (lang.date(span.first_ms), lang.date(span.last_ms));
        // After "… began on <date>." the phase is not named again, and a day is said once.
        let entries = (span.entries > 0).then(|| {
            let n = ("entries", span.entries.into());
            match span.entry_days() {
                EntryDays::Unstamped => lang.text(
                    "compilation.intro.phase",
                    &[
                        ("phase", phase.as_str().into()),
                        ("first", first.as_str().into()),
                        ("last", last.as_str().into()),
                        n,
                    ],
                ),
                EntryDays::DayItBegan => {
                    lang.text("compilation.intro.phase_written_same_day", &[n])
                }
                EntryDays::OneDay => lang.text(
                    "compilation.intro.phase_written_on",
                    &[("date", first.as_str().into()), n],
                ),
                EntryDays::Days => lang.text(
                    "compilation.intro.phase_written",
                    &[
                        ("first", first.as_str().into()),
                        ("last", last.as_str().into()),
                        n,
                    ],
                ),
            }
        });
        let line: Vec<String> = began.into_iter().chain(entries).collect();
        out.bullet(vec![Run::new().add_text(line.join(" "))]);
    }
    out.subheading(&lang.text("compilation.intro.versions", &[]));
    for v in &intro.versions {
        let line = lang.text(
            "compilation.intro.version",
            &[
                ("name", v.name.as_str().into()),
                ("date", lang.date(v.created_ms).into()),
                ("by", v.by.as_str().into()),
            ],
        );
        let run = Run::new().add_text(line);
        out.bullet(vec![if v.id == intro.remiss_version.id {
            run.bold()
        } else {
            run
        }]);
    }
    out.subheading(&lang.text("compilation.intro.organisations", &[]));
    let header = [
        "compilation.organisation",
        "compilation.answer",
        "compilation.decision",
    ]
    .map(|k| lang.text(k, &[]))
    .to_vec();
    let rows = intro
        .organisations
        .iter()
        .map(|o| organisation_row(lang, o))
        .collect();
    out.table(table(header, rows, &[2_800, 3_000, WIDTH - 5_800]));
}

/// An organisation's line: its name, its answer (or none, and its extension), the decision.
fn organisation_row(lang: Lang, o: &ConsultedOrganisation) -> Vec<String> {
    let mut answer = Vec::new();
    match o.answer() {
        Some(a) => {
            answer.push(lang.text(
                "compilation.answered_on",
                &[
                    ("number", a.number.into()),
                    ("date", lang.date(a.sent_ms).into()),
                    ("name", a.sent_by.as_str().into()),
                ],
            ));
            if let Some(r) = &a.on_behalf {
                answer.push(lang.text(
                    "compilation.on_behalf",
                    &[
                        ("name", r.by.as_str().into()),
                        ("date", lang.date(r.at_ms).into()),
                    ],
                ));
            }
        }
        None => answer.push(lang.text("compilation.no_answer", &[])),
    }
    if let Some(until) = o.extension_ms {
        answer.push(lang.text(
            "compilation.extension",
            &[("date", lang.date(until).into())],
        ));
    }
    let decision = o.answer().and_then(|a| a.decision.as_ref());
    vec![
        o.name.clone(),
        answer.join("\n"),
        decision.map(|d| decision_text(lang, d)).unwrap_or_default(),
    ]
}

/// A decision as the minutes give it, with each reservation on a line of its own.
pub(super) fn decision_text(lang: Lang, d: &Decision) -> String {
    let date = samrad_domain::calendar::Date::parse(&d.date)
        .map(|day| lang.date((day.days() * 86_400_000 + 43_200_000) as f64))
        .unwrap_or_else(|| d.date.clone());
    let mut lines = vec![lang.text(
        "compilation.decision.text",
        &[
            ("body", d.body.as_str().into()),
            ("date", date.into()),
            ("item", d.item.as_str().into()),
        ],
    )];
    for r in &d.reservations {
        let key = match r.kind {
            ReservationKind::Reservation => "compilation.reservation",
            ReservationKind::SpecialStatement => "compilation.special_statement",
        };
        let label = lang.text(key, &[("party", r.party.as_str().into())]);
        lines.push(format!("{label}: {}", r.text));
    }
    lines.join("\n")
}
