//! The consultees' views, chapter by chapter and clause by clause.

use super::super::text::{clause_paragraphs, Lists};
use super::{table, Out};
use crate::compilation::{outcome, position};
use crate::docx::{Lang, Words};
use docx_rs::{Paragraph, Run};
use samrad_domain::compilation::{Argument, ArgumentSource, ClauseCompilation, Outcome};
use samrad_domain::{Compilation, DiffPart, RemarkKind};

/// Colours of added and removed words; they are also underlined and struck through, so the
/// marking does not rest on colour alone (nor on a colour printer).
const ADDED: &str = "1E6B2E";
const REMOVED: &str = "A4262C";

/// Every chapter and clause under "Remissinstansernas synpunkter".
pub(super) fn views(out: &mut Out, compilation: &Compilation, lang: Lang, lists: &mut Lists) {
    out.heading(1, "", &lang.text("compilation.views", &[]), true);
    for (i, chapter) in compilation.chapters.iter().enumerate() {
        out.heading(1, &chapter.number, &chapter.title, i > 0);
        for c in &chapter.clauses {
            clause(out, c, lang, lists);
        }
    }
}

fn clause(out: &mut Out, c: &ClauseCompilation, lang: Lang, lists: &mut Lists) {
    out.heading(2, &c.number, &c.heading, false);
    if let Outcome::Added { text } = &c.outcome {
        out.subheading(&outcome(lang, c.outcome.kind()));
        for p in clause_paragraphs(text, Vec::new(), lists) {
            out.p(p);
        }
        return;
    }
    out.subheading(&lang.text("compilation.proposal", &[]));
    for p in clause_paragraphs(&c.remiss_text, Vec::new(), lists) {
        out.p(p);
    }
    out.subheading(&lang.text("compilation.positions", &[]));
    let header = ["compilation.organisation", "compilation.stance"].map(|k| lang.text(k, &[]));
    let rows = c
        .groups
        .iter()
        .flat_map(|g| {
            let word = position(lang, g.position);
            g.organisations
                .iter()
                .map(move |o| vec![o.clone(), word.clone()])
        })
        .collect();
    out.table(table(
        header.to_vec(),
        rows,
        &[5_200, super::styles::TEXT_WIDTH - 5_200],
    ));
    if !c.arguments.is_empty() || !c.conditions.is_empty() {
        out.subheading(&lang.text("compilation.arguments", &[]));
        for a in &c.arguments {
            argument(out, a, lang);
        }
        for condition in &c.conditions {
            let label = lang.text(
                "compilation.condition",
                &[("clause", c.number.as_str().into())],
            );
            out.p(attribution(&condition.organisation, &label));
            out.quote(&condition.text);
        }
    }
    out.subheading(&lang.text("compilation.response", &[]));
    match &c.response {
        Some(response) => out.text(&response.text),
        None => out.p(Paragraph::new().add_run(
            Run::new()
                .add_text(lang.text("compilation.no_response", &[]))
                .italic(),
        )),
    }
    result(out, c, lang);
}

/// "Strandviks kommun – Synpunkt från Erik Johansson", the organisation in bold.
fn attribution(organisation: &str, label: &str) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .add_run(Run::new().add_text(super::xml_safe(organisation)).bold())
        .add_run(Run::new().add_text(format!(" – {}", super::xml_safe(label))))
}

fn argument(out: &mut Out, a: &Argument, lang: Lang) {
    match &a.source {
        ArgumentSource::Motivation { stance, .. } => {
            let label = format!(
                "{} ({})",
                lang.text("compilation.motivation", &[]),
                lang.text(&format!("stance.{}", stance.key()), &[])
                    .to_lowercase()
            );
            out.p(attribution(&a.organisation, &label));
            out.quote(&a.text);
        }
        ArgumentSource::Remark {
            kind,
            author,
            quote,
            proposed_text,
            disposition,
            ..
        } => {
            let key = match kind {
                RemarkKind::Comment => "compilation.remark_by",
                RemarkKind::Question => "compilation.question_by",
                RemarkKind::Proposal => "compilation.proposal_by",
            };
            let label = lang.text(key, &[("author", author.as_str().into())]);
            out.p(attribution(&a.organisation, &label));
            if let Some(words) = quote {
                note(
                    out,
                    &lang.text("compilation.quoted", &[]),
                    &lang.quote(words),
                );
            }
            out.quote(&a.text);
            if let Some(wording) = proposed_text {
                note(
                    out,
                    &lang.text("compilation.proposed", &[]),
                    &lang.quote(wording),
                );
            }
            if let Some(d) = disposition {
                let value = lang.text(&format!("disposition.{}", d.value.key()), &[]);
                let text = match d.motivation.is_empty() {
                    true => value,
                    false => format!("{value} – {}", d.motivation),
                };
                note(out, &lang.text("disposition.label", &[]), &text);
            }
        }
    }
}

/// A labelled line beside a quote: "Om texten: ”sanktioner mot brott mot avtal”".
fn note(out: &mut Out, label: &str, text: &str) {
    out.p(Paragraph::new()
        .indent(Some(567), None, None, None)
        .add_run(Run::new().add_text(format!("{label}: ")).italic())
        .add_run(Run::new().add_text(super::xml_safe(text))));
}

/// The outcome; for a changed clause, the words added and removed since the remiss.
fn result(out: &mut Out, c: &ClauseCompilation, lang: Lang) {
    out.subheading(&lang.text("compilation.outcome", &[]));
    let word = outcome(lang, c.outcome.kind());
    let Outcome::Changed { diff, .. } = &c.outcome else {
        out.text(&word);
        return;
    };
    let changes = format!("{word}. {}:", lang.text("compilation.changes", &[]));
    out.p(Paragraph::new()
        .keep_next(true)
        .add_run(Run::new().add_text(changes)));
    let mut p = Paragraph::new().indent(Some(567), None, None, None);
    let mut previous: Option<&DiffPart> = None;
    for part in diff {
        // Words replaced read apart: "dagtid. dygnet runt", not "dagtid.dygnet runt".
        if let (Some(DiffPart::Removed(old)), DiffPart::Added(new)) = (previous, part) {
            if !old.ends_with(char::is_whitespace) && !new.starts_with(char::is_whitespace) {
                p = p.add_run(Run::new().add_text(" "));
            }
        }
        previous = Some(part);
        p = p.add_run(match part {
            DiffPart::Same(t) => Run::new().add_text(super::xml_safe(t)),
            DiffPart::Added(t) => Run::new()
                .add_text(super::xml_safe(t))
                .underline("single")
                .color(ADDED),
            DiffPart::Removed(t) => Run::new()
                .add_text(super::xml_safe(t))
                .strike()
                .color(REMOVED),
        });
    }
    out.p(p);
}
