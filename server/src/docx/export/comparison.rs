//! Two states of the agreement compared, as a Word document the way lawyers send a redline:
//! every clause of the later state in its order (a struck clause where it stood), each clause's
//! words added and removed as Word's own tracked changes. Word lists them, steps through them
//! and accepts or rejects each: accepting all of them gives the later text (a struck clause,
//! its heading included, goes), rejecting them the earlier. A line under each heading that
//! changed or was renumbered says how (changed, new, struck, moved, the number it had), and
//! the summary counts them as the compare page does.

use super::deflated;
use super::styles::{self, SUBTITLE, TITLE};
use super::text::xml_safe;
use crate::docx::labels::iso;
use crate::docx::{DocxError, Lang, Words};
use docx_rs::{Delete, Insert, Paragraph, Run};
use samrad_domain::{ClauseChange, ClauseComparison, Comparison, DiffPart};

/// Words as one kind of part of a diff (kept, added, removed).
type Part = fn(String) -> DiffPart;

/// The author Word names beside each tracked change.
const AUTHOR: &str = "Samråd";

/// What is compared: the agreement's title and the two states' names, and when the later
/// state was written (a version's cut, or now for the live text).
#[derive(Debug, Clone)]
pub struct Compared<'a> {
    pub title: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub to_ms: f64,
}

/// Writes `comparison` of `compared` as a DOCX in `lang`.
pub fn comparison(
    comparison: &Comparison,
    compared: &Compared<'_>,
    lang: Lang,
) -> Result<Vec<u8>, DocxError> {
    let mut doc = styles::document(false);
    for p in title(comparison, compared, lang) {
        doc = doc.add_paragraph(p);
    }
    let date = iso(compared.to_ms);
    for clause in &comparison.clauses {
        // A clause added or struck is so to its heading: accepting every change leaves no
        // heading of a clause struck, rejecting them none of a clause added.
        // The note saying how it changed goes with a clause struck, and stays otherwise.
        let (whole, note): (Part, Part) = match clause.change {
            ClauseChange::Added => (DiffPart::Added, DiffPart::Same),
            ClauseChange::Removed => (DiffPart::Removed, DiffPart::Removed),
            _ => (DiffPart::Same, DiffPart::Same),
        };
        let title = match clause.number.is_empty() {
            true => clause.heading.clone(),
            false => format!("{} {}", clause.number, clause.heading),
        };
        let heading = tracked(&[whole(title)], &date, plain).into_iter().next();
        let heading = heading.unwrap_or_default().style(styles::HEADING_2);
        doc = doc.add_paragraph(mark_as(heading, &whole(String::new()), &date));
        if let Some(mark) = mark(clause, lang) {
            let line = tracked(&[note(mark)], &date, |r| r.italic().size(18));
            let line = line.into_iter().next();
            let line = line.unwrap_or_default();
            doc = doc.add_paragraph(mark_as(line, &note(String::new()), &date));
        }
        for p in tracked(&clause.diff, &date, plain) {
            doc = doc.add_paragraph(p);
        }
    }
    doc = doc.created_at(&date).updated_at(&date);
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    deflated(&out.into_inner()).map_err(|e| DocxError::Write(e.to_string()))
}

/// The title, the two states, and what changed between them in figures.
fn title(comparison: &Comparison, compared: &Compared<'_>, lang: Lang) -> Vec<Paragraph> {
    let line = |style: &str, s: String| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(xml_safe(&s)))
    };
    let counts: Vec<String> = [
        (ClauseChange::Changed, "compare.count_changed"),
        (ClauseChange::Added, "compare.count_added"),
        (ClauseChange::Removed, "compare.count_removed"),
        (ClauseChange::Moved, "compare.count_moved"),
    ]
    .into_iter()
    .map(|(change, key)| (comparison.count(change), key))
    .filter(|(n, _)| *n > 0)
    .map(|(n, key)| lang.text(key, &[("count", n.into())]))
    .collect();
    let summary = match counts.is_empty() {
        true => lang.text("compare.no_changes", &[]),
        false => counts.join(", "),
    };
    vec![
        line(TITLE, compared.title.to_string()),
        line(
            SUBTITLE,
            lang.text(
                "docx.compared",
                &[("from", compared.from.into()), ("to", compared.to.into())],
            ),
        ),
        line(SUBTITLE, summary),
        Paragraph::new().add_run(
            Run::new()
                .add_text(xml_safe(&lang.text("docx.compared_note", &[])))
                .italic(),
        ),
    ]
}

/// How a clause changed, in words (with the number it had, when renumbered), or nothing when
/// it did not change at all.
fn mark(clause: &ClauseComparison, lang: Lang) -> Option<String> {
    if clause.change == ClauseChange::Unchanged && clause.was_number.is_none() {
        return None;
    }
    let mut words = lang.text(&format!("compare.is_{}", clause.change.key()), &[]);
    if clause.moved && clause.change != ClauseChange::Moved {
        words = format!(
            "{words}, {}",
            lang.text("compare.is_moved", &[]).to_lowercase()
        );
    }
    if let Some(was) = &clause.was_number {
        let was = lang.text("compare.was_number", &[("number", was.as_str().into())]);
        words = format!("{words} ({was})");
    }
    Some(words)
}

/// A run as it is.
fn plain(run: Run) -> Run {
    run
}

/// `p` with its paragraph mark inserted or deleted as `kind` is added or removed.
fn mark_as(p: Paragraph, kind: &DiffPart, date: &str) -> Paragraph {
    match kind {
        DiffPart::Same(_) => p,
        DiffPart::Added(_) => p.insert(AUTHOR, date),
        DiffPart::Removed(_) => p.delete(AUTHOR, date),
    }
}

/// A clause's words as paragraphs, each run given its `look`, what was added and removed as
/// tracked changes dated `date`. A line break starts a new paragraph (the clause's Markdown paragraphs and list
/// items each read as one); one added or removed is a paragraph mark inserted or deleted, so
/// accepting or rejecting it joins the paragraphs as the text reads.
fn tracked(diff: &[DiffPart], date: &str, look: fn(Run) -> Run) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut p = Paragraph::new();
    for part in diff {
        let (DiffPart::Same(text) | DiffPart::Added(text) | DiffPart::Removed(text)) = part;
        for (i, line) in xml_safe(text).split('\n').enumerate() {
            if i > 0 && !p.children.is_empty() {
                let ended = std::mem::replace(&mut p, Paragraph::new());
                out.push(mark_as(ended, part, date));
            }
            if line.is_empty() {
                continue;
            }
            p = match part {
                DiffPart::Same(_) => p.add_run(look(Run::new().add_text(line))),
                DiffPart::Added(_) => p.add_insert(
                    Insert::new(look(Run::new().add_text(line)))
                        .author(AUTHOR)
                        .date(date),
                ),
                DiffPart::Removed(_) => p.add_delete(
                    Delete::new()
                        .add_run(look(Run::new().add_delete_text(line)))
                        .author(AUTHOR)
                        .date(date),
                ),
            };
        }
    }
    if !p.children.is_empty() {
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::ParagraphChild;

    /// A paragraph's text with every change accepted (`true`) or rejected (`false`).
    fn read(p: &Paragraph, accept: bool) -> String {
        let runs = |r: &Run| -> String {
            (r.children.iter())
                .filter_map(|c| match c {
                    docx_rs::RunChild::Text(t) => Some(t.text.clone()),
                    // Its text is private; its serialised form shows it.
                    docx_rs::RunChild::DeleteText(t) => serde_json::to_value(t).ok()?["text"]
                        .as_str()
                        .map(str::to_string),
                    _ => None,
                })
                .collect()
        };
        let mut out = String::new();
        for child in &p.children {
            match child {
                ParagraphChild::Run(r) => out.push_str(&runs(r)),
                ParagraphChild::Insert(i) if accept => {
                    for c in &i.children {
                        if let docx_rs::InsertChild::Run(r) = c {
                            out.push_str(&runs(r));
                        }
                    }
                }
                ParagraphChild::Delete(d) if !accept => {
                    for c in &d.children {
                        if let docx_rs::DeleteChild::Run(r) = c {
                            out.push_str(&runs(r));
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn accepting_every_change_gives_the_later_text_and_rejecting_them_the_earlier() {
        let before = "Läkare ska finnas dagtid.\nSjuksköterskor vid behov.\n\nSlut.";
        let after = "Läkare ska finnas dygnet runt.\n\nSlut, och mer.";
        let diff = samrad_domain::word_diff(before, after);
        let paragraphs = tracked(&diff, "2027-01-15T00:00:00Z", plain);
        // A paragraph whose mark is deleted (accepting) or inserted (rejecting) runs on into
        // the next, as Word joins them.
        let lines = |accept: bool| -> Vec<String> {
            let mut out = vec![String::new()];
            for p in &paragraphs {
                out.last_mut().expect("a line").push_str(&read(p, accept));
                let mark = &p.property.run_property;
                let joined = if accept {
                    mark.del.is_some()
                } else {
                    mark.ins.is_some()
                };
                if !joined {
                    out.push(String::new());
                }
            }
            out.retain(|t| !t.is_empty());
            out
        };
        assert_eq!(
            lines(true),
            ["Läkare ska finnas dygnet runt.", "Slut, och mer."]
        );
        assert_eq!(
            lines(false),
            [
                "Läkare ska finnas dagtid.",
                "Sjuksköterskor vid behov.",
                "Slut."
            ]
        );
        let changes: usize = (paragraphs.iter().flat_map(|p| &p.children))
            .filter(|c| matches!(c, ParagraphChild::Insert(_) | ParagraphChild::Delete(_)))
            .count();
        assert!(
            changes >= 2,
            "dagtid struck, dygnet runt inserted: Word's own changes"
        );
        let first = &paragraphs[0].property.run_property;
        assert!(
            first.del.is_some(),
            "the line break removed is a deleted paragraph mark"
        );
    }

    /// The document's body XML.
    fn document_xml(bytes: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a package");
        let mut part = zip.by_name("word/document.xml").expect("its document");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("utf-8");
        xml
    }

    #[test]
    fn a_struck_clause_goes_whole_and_a_renumbered_one_says_its_number_before() {
        let clause = |number: &str, change, was: Option<&str>, diff| ClauseComparison {
            id: format!("c-{number}"),
            number: number.into(),
            heading: format!("Rubrik {number}"),
            was_number: was.map(str::to_string),
            change,
            moved: false,
            diff,
        };
        let comparison = Comparison {
            clauses: vec![
                clause(
                    "1.1",
                    ClauseChange::Unchanged,
                    Some("1.2"),
                    vec![DiffPart::Same("Kvar.".into())],
                ),
                clause(
                    "1.2",
                    ClauseChange::Removed,
                    None,
                    vec![DiffPart::Removed("Borta.".into())],
                ),
            ],
        };
        let compared = Compared {
            title: "Avtal",
            from: "Utkast 1",
            to: "Utkast 2",
            to_ms: 1.8e12,
        };
        let xml = document_xml(&comparison_docx(&comparison, &compared));
        let deleted: String = (xml.split("<w:delText").skip(1))
            .filter_map(|d| Some(d.split_once('>')?.1.split_once("</w:delText>")?.0))
            .collect();
        assert!(
            deleted.contains("1.2 Rubrik 1.2"),
            "the struck clause's heading: {deleted}"
        );
        assert!(
            deleted.contains("Struken punkt") && deleted.contains("Borta."),
            "{deleted}"
        );
        assert!(
            xml.contains("tidigare 1.2"),
            "the renumbered clause's number before"
        );
        assert!(
            !deleted.contains("Rubrik 1.1"),
            "the kept clause is not struck"
        );
    }

    fn comparison_docx(c: &Comparison, compared: &Compared<'_>) -> Vec<u8> {
        comparison(c, compared, Lang::Sv).expect("written")
    }
}
