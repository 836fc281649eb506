//! The compilation as a Word document, read back with docx-rs: the six-organisation round's
//! sections and clause headings in order, a stance table per clause sent on remiss naming every
//! consulted organisation with its stance, arguments quoted in the Quote style, å ä ö æ ø
//! intact, and a changed clause's added words underlined and removed words struck through.
//!
//! Set `SAMRAD_DOCX_OUT=dir` to keep the documents there for a look.

use crate::support::{consultation_round, keep};
use docx_rs::{DocumentChild, ParagraphChild, RunChild, TableCellContent, TableChild};
use docx_rs::{TableRowChild, Underline};
use samrad_domain::collation::Alphabet;
use samrad_domain::compilation::Position;
use samrad_server::docx::{self, Lang};

/// What a reader sees of the body: paragraphs (style, text) and tables (rows of cell texts).
#[derive(Debug)]
enum Seen {
    P(String, String),
    T(Vec<Vec<String>>),
}

fn runs(p: &docx_rs::Paragraph) -> Vec<&docx_rs::Run> {
    p.children
        .iter()
        .filter_map(|c| match c {
            ParagraphChild::Run(r) => Some(r.as_ref()),
            _ => None,
        })
        .collect()
}

fn run_text(r: &docx_rs::Run) -> String {
    r.children
        .iter()
        .filter_map(|c| match c {
            RunChild::Text(t) => Some(t.text.clone()),
            RunChild::Tab(_) => Some("\t".into()),
            RunChild::Break(_) => Some("\n".into()),
            _ => None,
        })
        .collect()
}

fn text(p: &docx_rs::Paragraph) -> String {
    runs(p).into_iter().map(run_text).collect()
}

fn style(p: &docx_rs::Paragraph) -> String {
    p.property
        .style
        .as_ref()
        .map(|s| s.val.clone())
        .unwrap_or_default()
}

fn cell(c: &TableRowChild) -> String {
    let TableRowChild::TableCell(c) = c;
    c.children
        .iter()
        .filter_map(|p| match p {
            TableCellContent::Paragraph(p) => Some(text(p)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(bytes: &[u8]) -> (docx_rs::Docx, Vec<Seen>) {
    let doc = docx_rs::read_docx(bytes).expect("docx-rs reads the compilation");
    let seen = doc
        .document
        .children
        .iter()
        .filter_map(|child| match child {
            DocumentChild::Paragraph(p) => Some(Seen::P(style(p), text(p))),
            DocumentChild::Table(t) => Some(Seen::T(
                t.rows
                    .iter()
                    .map(|TableChild::TableRow(r)| r.cells.iter().map(cell).collect())
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    (doc, seen)
}

#[test]
fn the_compilation_in_word_reads_back_section_by_section() {
    // In Swedish order, as the server hands it out.
    let compilation = consultation_round().in_alphabet(Alphabet::Swedish);
    let bytes = docx::compilation(&compilation, Lang::Sv).expect("written");
    keep("compilation-sv.docx", &bytes);
    let (_, seen) = read(&bytes);
    let headings: Vec<(&str, &str)> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::P(style, text) if style.starts_with("Heading") && style != "Heading3" => {
                Some((style.as_str(), text.as_str()))
            }
            _ => None,
        })
        .collect();
    // Word numbers the chapters and clauses itself (1, 1.1 …): the headings hold their titles.
    assert_eq!(
        headings,
        [
            ("Heading1", "Sammanfattning"),
            ("Heading1", "Inledning"),
            ("Heading1", "Remissinstansernas synpunkter"),
            ("Heading1", "Inledning"),
            ("Heading2", "Parter"),
            ("Heading2", "Syfte"),
            ("Heading1", "Ansvarsfördelning"),
            ("Heading2", "Läkarinsatser"),
            ("Heading2", "Avvikelser"),
            ("Heading2", "Uppföljning"),
        ]
    );
    // One stance table per clause sent on remiss: every consulted organisation, its stance.
    let stance_tables: Vec<&Vec<Vec<String>>> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::T(rows) if rows[0] == ["Organisation", "Ställningstagande"] => Some(rows),
            _ => None,
        })
        .collect();
    let sent: Vec<_> = compilation
        .chapters
        .iter()
        .flat_map(|c| &c.clauses)
        .filter(|c| !c.groups.is_empty())
        .collect();
    assert_eq!(stance_tables.len(), sent.len());
    for (clause, table) in sent.iter().zip(&stance_tables) {
        assert_eq!(
            table.len(),
            1 + compilation.introduction.organisations.len()
        );
        for o in &compilation.introduction.organisations {
            let row = table
                .iter()
                .find(|r| r[0] == o.name)
                .expect("a row per organisation");
            let word = match clause.position_of(&o.name).expect("consulted") {
                Position::Supports => "Tillstyrker",
                Position::SupportsWithChanges => "Tillstyrker med ändring",
                Position::Opposes => "Avstyrker",
                Position::NoRemarks => "Ingen erinran",
                Position::NotAnswered => "Ej svarat",
            };
            assert_eq!(row[1], word, "{} on {}", o.name, clause.number);
        }
    }
    // Arguments in the Quote style, Norwegian letters and all.
    let quotes: Vec<&str> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::P(style, text) if style == "Quote" => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(quotes.contains(&"Røyrvik kommune ønsker at samarbeidet over riksgrensen om ambulanse og legevakt nevnes særskilt."));
    assert!(quotes
        .contains(&"Kommunen saknar sjuksköterskor nattetid och kan inte ta emot fler patienter."));
    let all: String = seen
        .iter()
        .map(|s| match s {
            Seen::P(_, t) => t.clone(),
            Seen::T(rows) => rows.concat().join(" "),
        })
        .collect::<Vec<_>>()
        .join("\n");
    for words in [
        "Åsele kommun",
        "Östra Höglands kommun",
        "Ingrid Bjørnstad",
        "Diarienummer: RN 2026/412",
        "Förlängd svarstid till den 5 april 2027",
        // The decisions, the answer recorded on Åsele's behalf, the responses, a condition.
        "Kommunstyrelsen den 11 mars 2027, § 45",
        "Reservation (Vänsterpartiet): Vi yrkar att avtalet avstyrks i sin helhet.",
        "Särskilt yttrande (Centerpartiet): Avståndet till jourläkare på landsbygden måste beaktas.",
        "Registrerat av Karin Lindqvist den 19 mars 2027 för organisationens räkning",
        "Regionen tillgodoser önskemålet om läkarstöd dygnet runt.",
        "Villkor för punkt 2.1",
    ] {
        assert!(all.contains(words), "{words}");
    }
}

#[test]
fn a_changed_clause_marks_its_words_beyond_colour() {
    let compilation = consultation_round().in_alphabet(Alphabet::Norwegian);
    let bytes = docx::compilation(&compilation, Lang::Nb).expect("written");
    keep("compilation-nb.docx", &bytes);
    let (doc, seen) = read(&bytes);
    let marked: Vec<(String, bool, bool)> = doc
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            DocumentChild::Paragraph(p) => Some(runs(p)),
            _ => None,
        })
        .flatten()
        .filter(|r| r.run_property.underline.is_some() || r.run_property.strike.is_some())
        .map(|r| {
            (
                run_text(r),
                r.run_property.underline == Some(Underline::new("single")),
                r.run_property.strike.as_ref().is_some_and(|s| s.val),
            )
        })
        .collect();
    assert!(
        marked.contains(&("och akuta ".into(), true, false)),
        "{marked:?}"
    );
    assert!(
        marked.contains(&("dagtid".into(), false, true)),
        "{marked:?}"
    );
    assert!(marked.contains(&(
        "Vid sanktioner mot brott mot avtal ska ".into(),
        false,
        true
    )));
    // In bokmål it reads as a høringsoppsummering.
    let texts: Vec<&str> = seen
        .iter()
        .filter_map(|s| match s {
            Seen::P(_, t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    for words in [
        "Høringsoppsummering",
        "Høringsinstansenes syn",
        "Vurdering",
        "Oppsummering",
    ] {
        assert!(texts.contains(&words), "{words}");
    }
}
