//! Agreements and Word files for the DOCX tests (and the DOCX benchmark, which includes this
//! file): a large agreement with realistic Markdown and remarks, a Word draft shaped like the
//! ones reference groups send around (built with docx-rs), and files that must be refused.

#![allow(dead_code)]

use docx_rs::{
    AbstractNumbering, Delete, Docx, IndentLevel, Insert, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, Start, Style, StyleType, Table, TableCell, TableRow,
};
use samrad_domain::fixture::{self, Rng};
use samrad_domain::{
    Agreement, DispositionValue, Draft, DraftChapter, DraftClause, Participant, RemarkDraft,
    RemarkKind, Role, Target,
};
use std::io::{Cursor, Write};

pub const NOW: f64 = 1_800_000_000_000.0;

const CHAPTERS: &[&str] = &[
    "Inledning",
    "Ansvarsfördelning",
    "Läkarmedverkan",
    "Hemsjukvård",
    "Hjälpmedel",
    "Läkemedel",
    "Utskrivning från sluten vård",
    "Psykiatri och beroende",
    "Barn och unga",
    "Kompetens",
    "Uppföljning",
    "Tvister och giltighet",
];

/// A sentence with one word emphasised now and then, as clauses are written in Word.
fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = fixture::words(rng, n);
    if n > 6 {
        let i = 2 + rng.below(n - 4);
        s[i] = match rng.below(3) {
            0 => format!("*{}*", s[i]),
            1 => format!("**{}**", s[i]),
            _ => s[i].clone(),
        };
    }
    format!("{}.", s.join(" "))
}

/// A clause's Markdown: two or three paragraphs, some with a bulleted or numbered list.
fn clause_text(rng: &mut Rng, index: usize) -> String {
    let mut paragraphs = vec![
        format!("{} {}", sentence(rng, 14), sentence(rng, 10)),
        sentence(rng, 18),
    ];
    if index % 4 == 1 {
        let items: Vec<String> = (0..3).map(|_| format!("- {}", sentence(rng, 6))).collect();
        paragraphs.push(items.join("\n"));
    }
    if index % 7 == 3 {
        let items: Vec<String> = (1..=3)
            .map(|n| format!("{n}. {}", sentence(rng, 5)))
            .collect();
        paragraphs.push(items.join("\n"));
        paragraphs.push(sentence(rng, 9));
    }
    paragraphs.join("\n\n")
}

fn person(id: String, name: String, organisation: String, role: Role) -> Participant {
    Participant {
        id,
        name,
        organisation,
        role,
    }
}

/// The coordinator of [`large_agreement`].
pub fn coordinator() -> Participant {
    person(
        "p-karin".into(),
        "Karin Lindqvist".into(),
        "Region Norrvik".into(),
        Role::Coordinator,
    )
}

/// A large agreement: 12 chapters × 10 clauses of Markdown text, 20 organisations, `remarks`
/// remarks (70 % on ranges; comments, questions and proposals; a third answered, some given a
/// disposition), cut as "Utkast 15 januari" — whose id is returned — and edited after that.
pub fn large_agreement(remarks: usize) -> (Agreement, String) {
    let mut rng = Rng(0x5eed_d0c5_0000_0001);
    let a = Agreement::new(1);
    a.set_title("Hälso- och sjukvårdsavtal mellan Region Norrvik och kommunerna i länet 2027–2030");
    let karin = coordinator();
    a.register_participant(&karin);
    let mut writers = vec![karin.clone()];
    for o in 0..20 {
        let role = if o % 4 == 0 {
            Role::Jurist
        } else {
            Role::Member
        };
        let p = person(
            format!("p-{o:02}"),
            format!("Ledamot {o:02}"),
            format!("Kommun {o:02}"),
            role,
        );
        a.register_participant(&p);
        writers.push(p);
    }
    a.set_case_number(&karin, Some("RN 2026/1187"))
        .expect("case number");
    let mut clauses = Vec::new();
    for (c, title) in CHAPTERS.iter().enumerate() {
        let chapter = a.add_chapter(&(c + 1).to_string(), title);
        for k in 0..10 {
            let heading = format!("{} {}", fixture::word(&mut rng), k + 1);
            let text = clause_text(&mut rng, c * 10 + k);
            let id = a
                .add_clause(&chapter, &format!("{}.{}", c + 1, k + 1), &heading, &text)
                .expect("clause");
            clauses.push(id);
        }
    }
    let mut now = NOW - 1e9;
    let mut roots = Vec::new();
    for i in 0..remarks {
        now += 60_000.0;
        let clause = clauses[rng.below(clauses.len())].clone();
        let len = a.clause_len(&clause).expect("len");
        let kind = [
            RemarkKind::Comment,
            RemarkKind::Question,
            RemarkKind::Proposal,
        ][rng.below(3)];
        let author = loop {
            let w = &writers[1 + rng.below(writers.len() - 1)];
            if kind != RemarkKind::Proposal || w.role == Role::Jurist {
                break w.clone();
            }
        };
        let target = if rng.below(10) < 7 {
            let start = rng.below(len.saturating_sub(40).max(1) as usize) as u32;
            Target::Range {
                start,
                end: (start + 5 + rng.below(30) as u32).min(len),
            }
        } else {
            Target::Clause
        };
        let draft = RemarkDraft {
            clause,
            kind,
            target,
            body: sentence(&mut rng, 12),
            proposed_text: (kind == RemarkKind::Proposal).then(|| sentence(&mut rng, 6)),
            mentions: Vec::new(),
        };
        let id = a.write_remark(&author, draft, now).expect("remark");
        if i % 3 == 0 {
            a.reply(&id, &karin, &sentence(&mut rng, 8), now + 1000.0)
                .expect("reply");
        }
        if i % 5 == 0 {
            let value = DispositionValue::ALL[rng.below(5)];
            a.set_disposition(&karin, &id, value, &sentence(&mut rng, 6), now + 2000.0)
                .expect("dispose");
        }
        roots.push(id);
    }
    let version = a
        .cut_version(&karin, "Utkast 15 januari", NOW)
        .expect("cut");
    for clause in clauses.iter().step_by(11) {
        a.set_clause_text(&karin, clause, "Ändrad efter utkastet.")
            .expect("edit");
    }
    (a, version)
}

/// Zips `entries` (deflated) into a package.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(data).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

/// Rewrites every entry's declared uncompressed size (local and central headers) to `size`:
/// a zip bomb that lies about what it inflates to.
pub fn lie_about_sizes(zip: &mut [u8], size: u32) {
    let patch = |zip: &mut [u8], signature: &[u8], offset: usize| {
        let mut at = 0;
        while let Some(i) = zip[at..].windows(4).position(|w| w == signature) {
            let field = at + i + offset;
            zip[field..field + 4].copy_from_slice(&size.to_le_bytes());
            at += i + 4;
        }
    };
    patch(zip, b"PK\x03\x04", 22);
    patch(zip, b"PK\x01\x02", 24);
}

fn text(t: &str) -> Run {
    Run::new().add_text(t)
}

fn style(id: &str, name: &str, level: usize, numbered: Option<usize>) -> Style {
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .outline_lvl(level);
    if let Some(ilvl) = numbered {
        s.paragraph_property = s
            .paragraph_property
            .numbering(NumberingId::new(2), IndentLevel::new(ilvl));
    }
    s
}

fn level(i: usize, format: &str, text: &str) -> Level {
    Level::new(
        i,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
}

/// A Word draft as a Norwegian reference group sends it: a title, a table of contents, a
/// preamble, Swedish-Word style ids with multi-level heading numbering bound to the styles
/// ("1", "1.1", "1.1.1"), text under a chapter heading, emphasis, bulleted and numbered lists,
/// a table, a third-level heading, and tracked changes (an insertion, a deletion, a deleted
/// paragraph mark).
pub fn word_draft() -> Vec<u8> {
    let doc = Docx::new()
        .add_style(Style::new("Tittel", StyleType::Paragraph).name("Title"))
        .add_style(style("Overskrift1", "heading 1", 0, Some(0)))
        .add_style(style("Overskrift2", "heading 2", 1, Some(1)))
        .add_style(style("Overskrift3", "heading 3", 2, Some(2)))
        // docx-rs writes a numbering of its own as 1; these are 2 to 5.
        .add_abstract_numbering(
            AbstractNumbering::new(2)
                .add_level(level(0, "decimal", "%1"))
                .add_level(level(1, "decimal", "%1.%2"))
                .add_level(level(2, "decimal", "%1.%2.%3")),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(3)
                .add_level(level(0, "bullet", "•"))
                .add_level(level(1, "bullet", "◦")),
        )
        .add_abstract_numbering(AbstractNumbering::new(4).add_level(level(0, "decimal", "%1.")))
        .add_abstract_numbering(AbstractNumbering::new(5).add_level(level(0, "lowerLetter", "%1)")))
        .add_numbering(Numbering::new(2, 2))
        .add_numbering(Numbering::new(3, 3))
        .add_numbering(Numbering::new(4, 4))
        .add_numbering(Numbering::new(5, 5))
        .add_paragraph(Paragraph::new().style("Tittel").add_run(text(
            "Samarbeidsavtale mellom Lillevik kommune og Helse Nord HF",
        )))
        .add_paragraph(Paragraph::new().add_run(text("Utkast til høring, 15. januar")))
        .add_paragraph(
            Paragraph::new()
                .style("Overskrift1")
                .add_run(text("Formål og virkeområde")),
        )
        .add_paragraph(Paragraph::new().add_run(text(
            "Avtalen er inngått etter helse- og omsorgstjenesteloven § 6-1.",
        )))
        .add_paragraph(
            Paragraph::new()
                .style("Overskrift2")
                .add_run(text("Partene")),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Partene er "))
                .add_run(text("Lillevik kommune").bold())
                .add_run(text(" og "))
                .add_run(text("Helse Nord HF").italic())
                .add_run(text(".")),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Overskrift2")
                .add_run(text("Formål")),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Avtalen skal sikre "))
                .add_delete(Delete::new().add_run(Run::new().add_delete_text("gode ")))
                .add_insert(Insert::new(text("trygge og helhetlige ")))
                .add_run(text("tjenester.")),
        )
        .add_paragraph(Paragraph::new().add_run(text("Partene skal:")))
        .add_paragraph(bullet("samarbeide om pasientforløp", 0))
        .add_paragraph(bullet("dele kunnskap", 0))
        .add_paragraph(bullet("også på tvers av nivåene", 1))
        .add_paragraph(numbered("Kommunen varsler.", 4))
        .add_paragraph(numbered("Helseforetaket svarer.", 4))
        .add_paragraph(numbered("Alternativ med bokstav.", 5))
        .add_paragraph(
            Paragraph::new()
                .style("Overskrift1")
                .add_run(text("Samarbeid")),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Overskrift2")
                .add_run(text("Samarbeidsorganer")),
        )
        .add_paragraph(Paragraph::new().add_run(text("Følgende organer:")))
        .add_table(Table::new(vec![
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("Organ"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("Møter"))),
            ]),
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(text("Overordnet samarbeidsutvalg"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("To ganger i året"))),
            ]),
        ]))
        .add_paragraph(
            Paragraph::new()
                .style("Overskrift3")
                .add_run(text("Møteplan")),
        )
        .add_paragraph(Paragraph::new().add_run(text("Møtene avtales for ett år av gangen.")))
        .add_paragraph(Paragraph::new().style("Overskrift2").add_run(text("Avvik")))
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Avvik meldes "))
                .delete("Kari", "2026-01-15T10:00:00Z"),
        )
        .add_paragraph(Paragraph::new().add_run(text("skriftlig.")));
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).expect("pack");
    out.into_inner()
}

fn bullet(t: &str, level: usize) -> Paragraph {
    Paragraph::new()
        .add_run(text(t))
        .numbering(NumberingId::new(3), IndentLevel::new(level))
}

fn numbered(t: &str, num: usize) -> Paragraph {
    Paragraph::new()
        .add_run(text(t))
        .numbering(NumberingId::new(num), IndentLevel::new(0))
}

/// A draft chapter with its clauses: (number, heading, Markdown text).
pub fn chapter(number: &str, title: &str, clauses: &[(&str, &str, &str)]) -> DraftChapter {
    DraftChapter {
        number: number.into(),
        title: title.into(),
        clauses: clauses
            .iter()
            .map(|(n, h, t)| DraftClause {
                number: n.to_string(),
                heading: h.to_string(),
                text: t.to_string(),
            })
            .collect(),
    }
}

/// The draft [`word_draft`] should read as.
pub fn word_draft_expected() -> Draft {
    Draft {
        title: "Samarbeidsavtale mellom Lillevik kommune og Helse Nord HF".into(),
        chapters: vec![
            chapter(
                "1",
                "Formål og virkeområde",
                &[
                    ("", "", "Avtalen er inngått etter helse- og omsorgstjenesteloven § 6-1."),
                    ("1.1", "Partene", "Partene er **Lillevik kommune** og *Helse Nord HF*."),
                    (
                        "1.2",
                        "Formål",
                        "Avtalen skal sikre trygge og helhetlige tjenester.\n\nPartene skal:\n\n- samarbeide om pasientforløp\n- dele kunnskap\n  - også på tvers av nivåene\n1. Kommunen varsler.\n2. Helseforetaket svarer.\n\na) Alternativ med bokstav.",
                    ),
                ],
            ),
            chapter(
                "2",
                "Samarbeid",
                &[
                    (
                        "2.1",
                        "Samarbeidsorganer",
                        "Følgende organer:\n\nOrgan | Møter\n\nOverordnet samarbeidsutvalg | To ganger i året\n\n**2.1.1 Møteplan**\n\nMøtene avtales for ett år av gangen.",
                    ),
                    ("2.2", "Avvik", "Avvik meldes skriftlig."),
                ],
            ),
        ],
    }
}
