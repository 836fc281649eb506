//! The remiss version as a Word document: a title page (agreement, version, date, case
//! number), a table of contents, then every chapter and clause under its heading, numbered as
//! in Samråd, each clause's Markdown as Word text — and, "med synpunkter", the remarks as Word
//! comments with their replies.
//!
//! Numbering: when the agreement is numbered the regular way (chapters 1, 2, 3 …, clauses
//! 4.1, 4.2 … in each chapter), the numbers are Word's own multi-level list bound to the
//! heading styles, so a clause added in Word is numbered like the rest. Otherwise (a clause
//! "4.2a", a gap after a removed clause) Word could not count to the same numbers, so each
//! heading carries Samråd's number as text, before a tab.
//!
//! The table of contents is a real TOC field, filled in with every heading (linked to it), so
//! it reads right before Word is asked to update it; Word is told the field is out of date,
//! so it offers to update the page numbers on opening.

mod comments;
mod comparison;
mod compilation;
mod styles;
mod text;

use super::labels::{iso, Words};
use super::{DocxError, Lang};
use comments::{Commenter, Place, Thread};
pub use comparison::{comparison, Compared};
pub use compilation::compilation;
use docx_rs::{
    BreakType, FieldCharType, Hyperlink, HyperlinkType, IndentLevel, InstrPAGEREF, InstrText,
    InstrToC, NumberingId, Paragraph, Run,
};
use samrad_domain::{Chapter, Clause, VersionText};
use text::{clause_paragraphs, xml_safe, Lists};

/// How to write the document.
#[derive(Debug, Clone, Copy)]
pub struct ExportOptions {
    /// The language of the labels (title page, comment labels).
    pub lang: Lang,
    /// Whether the remarks go in as comments ("med synpunkter").
    pub remarks: bool,
    /// The date printed for the live text (a named version prints its own date).
    pub now_ms: f64,
}

/// Writes `text` as a DOCX.
pub fn export(text: &VersionText, options: &ExportOptions) -> Result<Vec<u8>, DocxError> {
    let numbered = numbered_regularly(&text.chapters);
    let mut doc = styles::document(numbered);
    for p in title_page(text, options) {
        doc = doc.add_paragraph(p);
    }
    for p in contents(text, options.lang) {
        doc = doc.add_paragraph(p);
    }
    let mut lists = Lists::new();
    let mut commenter = Commenter::new(options.lang);
    let mut bookmark = 0usize;
    for chapter in &text.chapters {
        bookmark += 1;
        // Every chapter starts a page, the first one after the table of contents too.
        doc =
            doc.add_paragraph(chapter_heading(chapter, bookmark, numbered).page_break_before(true));
        for clause in &chapter.clauses {
            bookmark += 1;
            let threads: Vec<Thread> = if options.remarks {
                let len = clause.text.encode_utf16().count() as u32;
                text.remarks_of(&clause.id)
                    .iter()
                    .map(|r| commenter.thread(r, len))
                    .collect()
            } else {
                Vec::new()
            };
            let (on_clause, on_ranges): (Vec<Thread>, Vec<Thread>) =
                threads.into_iter().partition(|t| t.place == Place::Clause);
            doc = doc.add_paragraph(clause_heading(clause, bookmark, numbered, on_clause));
            for p in clause_paragraphs(&clause.text, on_ranges, &mut lists) {
                doc = doc.add_paragraph(p);
            }
        }
    }
    let date = iso(text
        .version
        .as_ref()
        .map_or(options.now_ms, |v| v.created_ms));
    doc = lists.register(doc).created_at(&date).updated_at(&date);
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    deflated(&out.into_inner()).map_err(|e| DocxError::Write(e.to_string()))
}

/// The package with every part deflated: docx-rs stores its parts uncompressed, which makes a
/// document with comments about eight times larger than it need be.
fn deflated(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        writer.start_file(part.name().to_string(), options)?;
        std::io::copy(&mut part, &mut writer)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// Whether Word's heading numbering gives exactly Samråd's numbers: numbered chapters are
/// 1, 2, 3 … in order, and the numbered clauses of chapter N are N.1, N.2 … (unnumbered
/// chapters and clauses are left out of the count, as Word leaves them).
fn numbered_regularly(chapters: &[Chapter]) -> bool {
    let mut next_chapter = 1;
    for chapter in chapters {
        if chapter.number.is_empty() {
            if chapter.clauses.iter().any(|c| !c.number.is_empty()) {
                return false;
            }
            continue;
        }
        if chapter.number != next_chapter.to_string() {
            return false;
        }
        next_chapter += 1;
        let numbered = chapter.clauses.iter().filter(|c| !c.number.is_empty());
        for (k, clause) in (1..).zip(numbered) {
            if clause.number != format!("{}.{k}", chapter.number) {
                return false;
            }
        }
    }
    true
}

/// The bookmark a heading carries, which its table of contents entry links to.
fn bookmark_name(n: usize) -> String {
    format!("_Toc{n:08}")
}

/// A heading paragraph up to its title: the style, the bookmark its table of contents entry
/// links to, and the number (Word's own, or as text before a tab).
fn heading_start(style: &str, number: &str, bookmark: usize, numbered: bool) -> Paragraph {
    let mut p = Paragraph::new()
        .style(style)
        .add_bookmark_start(bookmark, bookmark_name(bookmark));
    if numbered && number.is_empty() {
        // Unnumbered in Samråd: switch the style's numbering off here.
        p = p.numbering(NumberingId::new(0), IndentLevel::new(0));
    } else if !numbered && !number.is_empty() {
        p = p
            .add_run(Run::new().add_text(xml_safe(number)))
            .add_run(Run::new().add_tab());
    }
    p
}

fn chapter_heading(chapter: &Chapter, bookmark: usize, numbered: bool) -> Paragraph {
    heading_start(styles::HEADING_1, &chapter.number, bookmark, numbered)
        .add_run(Run::new().add_text(xml_safe(&chapter.title)))
        .add_bookmark_end(bookmark)
}

/// A clause heading, with the comments on the whole clause around its title.
fn clause_heading(
    clause: &Clause,
    bookmark: usize,
    numbered: bool,
    threads: Vec<Thread>,
) -> Paragraph {
    let mut p = heading_start(styles::HEADING_2, &clause.number, bookmark, numbered);
    let ids: Vec<usize> = threads.iter().flat_map(Thread::ids).collect();
    for comment in threads.into_iter().flat_map(|t| t.comments) {
        p = p.add_comment_start(comment);
    }
    p = p.add_run(Run::new().add_text(xml_safe(&clause.heading)));
    for id in ids {
        p = p.add_comment_end(id);
    }
    p.add_bookmark_end(bookmark)
}

fn title_page(text: &VersionText, options: &ExportOptions) -> Vec<Paragraph> {
    let lang = options.lang;
    let subtitle = |s: String| {
        Paragraph::new()
            .style(styles::SUBTITLE)
            .add_run(Run::new().add_text(xml_safe(&s)))
    };
    let (version, date) = match &text.version {
        Some(v) => (v.name.clone(), v.created_ms),
        None => (lang.text("docx.current_text", &[]), options.now_ms),
    };
    let mut out = vec![
        Paragraph::new()
            .style(styles::TITLE)
            .add_run(Run::new().add_text(xml_safe(&text.title))),
        subtitle(format!("{}: {version}", lang.text("docx.version", &[]))),
        subtitle(format!(
            "{}: {}",
            lang.text("docx.date", &[]),
            lang.date(date)
        )),
    ];
    if let Some(case) = &text.case_number {
        out.push(subtitle(format!(
            "{}: {case}",
            lang.text("docx.case_number", &[])
        )));
    }
    if options.remarks {
        out.push(subtitle(lang.text("docx.with_remarks", &[])));
        out.push(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(xml_safe(&lang.text("docx.remarks_note", &[])))
                    .italic(),
            ),
        );
    }
    out
}

/// One line of a table of contents: its style, number, title, and its heading's bookmark.
type TocEntry = (&'static str, String, String, usize);

/// The table of contents of the remiss version: every chapter and clause.
fn contents(text: &VersionText, lang: Lang) -> Vec<Paragraph> {
    let mut entries = Vec::new();
    let mut bookmark = 0;
    for chapter in &text.chapters {
        bookmark += 1;
        entries.push((
            styles::TOC_1,
            chapter.number.clone(),
            chapter.title.clone(),
            bookmark,
        ));
        for clause in &chapter.clauses {
            bookmark += 1;
            entries.push((
                styles::TOC_2,
                clause.number.clone(),
                clause.heading.clone(),
                bookmark,
            ));
        }
    }
    table_of_contents(entries, lang)
}

/// A table of contents: its heading, then a TOC field whose result is already every entry,
/// each linked to its heading with a page reference.
fn table_of_contents(entries: Vec<TocEntry>, lang: Lang) -> Vec<Paragraph> {
    let mut out = vec![Paragraph::new()
        .style(styles::TOC_HEADING)
        .page_break_before(true)
        .add_run(Run::new().add_text(xml_safe(&lang.text("toc.label", &[]))))];
    let field = Run::new()
        .add_field_char(FieldCharType::Begin, true)
        .add_instr_text(InstrText::TOC(
            InstrToC::new().heading_styles_range(1, 2).hyperlink(),
        ))
        .add_field_char(FieldCharType::Separate, false);
    for (i, (style, number, title, bookmark)) in entries.into_iter().enumerate() {
        let mut p = Paragraph::new().style(style);
        if i == 0 {
            p = p.add_run(field.clone());
        }
        let name = bookmark_name(bookmark);
        let mut link = Hyperlink::new(&name, HyperlinkType::Anchor);
        if !number.is_empty() {
            link = link.add_run(Run::new().add_text(xml_safe(&number)).add_tab());
        }
        let page = Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(&name).hyperlink()))
            .add_field_char(FieldCharType::Separate, false)
            .add_field_char(FieldCharType::End, false);
        link = link
            .add_run(Run::new().add_text(xml_safe(&title)))
            .add_run(Run::new().add_tab())
            .add_run(page);
        out.push(p.add_hyperlink(link));
    }
    out.push(
        Paragraph::new()
            .add_run(Run::new().add_field_char(FieldCharType::End, false))
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(
                Run::new()
                    .add_text(xml_safe(&lang.text("docx.toc_note", &[])))
                    .italic()
                    .size(18),
            ),
    );
    out
}

/// A file name for the document: "Avtal – Utkast 15 januari.docx" (with " – med synpunkter"),
/// without characters file systems refuse, and an ASCII fallback for old clients.
pub fn filename(text: &VersionText, options: &ExportOptions) -> (String, String) {
    let lang = options.lang;
    let version = match &text.version {
        Some(v) => v.name.clone(),
        None => lang.text("docx.current_text", &[]),
    };
    let mut parts = vec![text.title.clone(), version];
    if options.remarks {
        parts.push(lang.text("docx.filename_remarks", &[]).replace('-', " "));
    }
    file_names(parts, "docx")
}

/// A download's file name from its `parts` ("title – version – …") and `extension`, and an
/// ASCII fallback for old clients. A long first part (a title) is cut at a word, so the
/// others always show; characters file systems refuse are left out.
pub fn file_names(mut parts: Vec<String>, extension: &str) -> (String, String) {
    if let Some(first) = parts.first_mut() {
        let mut cut = String::new();
        for word in first.split_whitespace() {
            if cut.chars().count() + word.chars().count() > 80 {
                break;
            }
            if !cut.is_empty() {
                cut.push(' ');
            }
            cut.push_str(word);
        }
        *first = cut;
    }
    let stem: String = parts
        .join(" – ")
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stem: String = stem.chars().take(160).collect();
    let stem = if stem.trim().is_empty() {
        "Samråd".to_string()
    } else {
        stem
    };
    let ascii: String = stem
        .chars()
        .flat_map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => "a".chars().collect::<Vec<_>>(),
            'Å' | 'Ä' => vec!['A'],
            'ö' | 'ø' | 'ó' => vec!['o'],
            'Ö' | 'Ø' => vec!['O'],
            'æ' => vec!['a', 'e'],
            'Æ' => vec!['A', 'E'],
            'é' | 'è' => vec!['e'],
            '–' | '—' => vec!['-'],
            ' ' => vec!['-'],
            c if c.is_ascii_alphanumeric() || c == '-' || c == '.' => vec![c],
            _ => vec![],
        })
        .collect();
    let ascii = ascii
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    (
        format!("{stem}.{extension}"),
        format!("{ascii}.{extension}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use samrad_domain::Version;

    fn chapter(number: &str, clauses: &[&str]) -> Chapter {
        Chapter {
            id: format!("k{number}"),
            number: number.into(),
            title: "T".into(),
            clauses: clauses
                .iter()
                .map(|n| Clause {
                    id: format!("c{n}"),
                    chapter: format!("k{number}"),
                    number: n.to_string(),
                    heading: "H".into(),
                    text: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn regular_numbering_is_left_to_word() {
        assert!(numbered_regularly(&[
            chapter("1", &["1.1", "1.2"]),
            chapter("", &[""]),
            chapter("2", &["2.1", "", "2.2"]),
        ]));
        assert!(!numbered_regularly(&[chapter("1", &["1.1", "1.3"])]));
        assert!(!numbered_regularly(&[chapter("1", &["1.1", "1.1a"])]));
        assert!(!numbered_regularly(&[chapter("2", &["2.1"])]));
        assert!(!numbered_regularly(&[chapter("", &["1.1"])]));
    }

    #[test]
    fn file_names_read_well_and_have_an_ascii_fallback() {
        let text = VersionText {
            title: "Hälso- och sjukvårdsavtal 2027/2030".into(),
            case_number: None,
            version: Some(Version {
                id: "v1".into(),
                name: "Utkast 15 januari".into(),
                created_ms: 0.0,
                by: "p".into(),
                note: None,
            }),
            chapters: Vec::new(),
            remarks: Default::default(),
        };
        let options = ExportOptions {
            lang: Lang::Sv,
            remarks: true,
            now_ms: 0.0,
        };
        let (name, ascii) = filename(&text, &options);
        assert_eq!(
            name,
            "Hälso- och sjukvårdsavtal 2027 2030 – Utkast 15 januari – med synpunkter.docx"
        );
        assert_eq!(
            ascii,
            "Halso-och-sjukvardsavtal-2027-2030-Utkast-15-januari-med-synpunkter.docx"
        );
    }
}
