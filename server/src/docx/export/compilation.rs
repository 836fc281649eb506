//! The compilation of a consultation round as a Word document, with the remiss version's look
//! (its page, styles, heading numbering and table of contents): a title page, the contents,
//! a summary (positions per chapter, main points), an introduction (how the round went, the
//! versions, who answered when and how), then chapter by chapter and clause by clause the
//! wording as sent, a table of the organisations' stances, their arguments quoted, the
//! coordinators' response and the outcome — a changed clause with its words marked added
//! (underlined) and removed (struck through), so the difference reads without colour too.

mod clause;
mod sections;

use super::styles::{self, QUOTE, SUBTITLE, TITLE};
use super::text::{xml_safe, Lists};
use super::{deflated, heading_start, numbered_regularly, table_of_contents, TocEntry};
use crate::docx::labels::iso;
use crate::docx::{DocxError, Lang, Words};
use docx_rs::{
    LineSpacing, Paragraph, Run, Shading, Style, StyleType, Table, TableCell, TableRow, WidthType,
};
use samrad_domain::{Chapter, Clause, Compilation};

/// The style of the headings inside a clause ("Förslaget i remissversionen", "Bemötande" …):
/// not numbered, not in the table of contents.
const HEADING_3: &str = "Heading3";

/// Writes `compilation` as a DOCX in `lang`.
pub fn compilation(compilation: &Compilation, lang: Lang) -> Result<Vec<u8>, DocxError> {
    let numbered = numbered_regularly(&as_chapters(compilation));
    let mut doc = styles::document(numbered).add_style(heading_3());
    let mut out = Out::new(numbered);
    title_page(&mut out, compilation, lang);
    let mut headings = Out::new(numbered);
    sections::summary(&mut headings, compilation, lang);
    sections::introduction(&mut headings, compilation, lang);
    let mut lists = Lists::new();
    clause::views(&mut headings, compilation, lang, &mut lists);
    out.blocks.extend(
        table_of_contents(headings.toc, lang)
            .into_iter()
            .map(|p| Block::P(Box::new(p))),
    );
    out.blocks.extend(headings.blocks);
    for block in out.blocks {
        doc = match block {
            Block::P(p) => doc.add_paragraph(*p),
            Block::T(t) => doc.add_table(*t),
        };
    }
    let date = iso(compilation.introduction.remiss_version.created_ms);
    let doc = lists.register(doc).created_at(&date).updated_at(&date);
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    deflated(&bytes.into_inner()).map_err(|e| DocxError::Write(e.to_string()))
}

/// A paragraph or a table, in the order they go into the body.
enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// The body being written, with the headings' table of contents entries.
struct Out {
    blocks: Vec<Block>,
    toc: Vec<TocEntry>,
    /// Whether Word numbers the headings (see export.rs).
    numbered: bool,
    bookmark: usize,
}

impl Out {
    fn new(numbered: bool) -> Out {
        Out {
            blocks: Vec::new(),
            toc: Vec::new(),
            numbered,
            bookmark: 0,
        }
    }

    fn p(&mut self, p: Paragraph) {
        self.blocks.push(Block::P(Box::new(p)));
    }

    fn table(&mut self, t: Table) {
        self.blocks.push(Block::T(Box::new(t)));
    }

    /// A heading of level 1 (a section or chapter) or 2 (a clause), in the contents.
    fn heading(&mut self, level: usize, number: &str, title: &str, page_break: bool) {
        self.bookmark += 1;
        let (style, toc) = match level {
            1 => (styles::HEADING_1, styles::TOC_1),
            _ => (styles::HEADING_2, styles::TOC_2),
        };
        let p = heading_start(style, number, self.bookmark, self.numbered)
            .add_run(Run::new().add_text(xml_safe(title)))
            .add_bookmark_end(self.bookmark)
            .page_break_before(page_break);
        self.p(p);
        self.toc
            .push((toc, number.to_string(), title.to_string(), self.bookmark));
    }

    /// A heading inside a clause or section.
    fn subheading(&mut self, text: &str) {
        self.p(Paragraph::new()
            .style(HEADING_3)
            .add_run(Run::new().add_text(xml_safe(text))));
    }

    fn text(&mut self, text: &str) {
        self.p(Paragraph::new().add_run(Run::new().add_text(xml_safe(text))));
    }

    fn quote(&mut self, text: &str) {
        for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
            self.p(Paragraph::new()
                .style(QUOTE)
                .add_run(Run::new().add_text(xml_safe(line))));
        }
    }

    fn bullet(&mut self, runs: Vec<Run>) {
        let p = Paragraph::new().style(styles::LIST).numbering(
            docx_rs::NumberingId::new(styles::BULLETS),
            docx_rs::IndentLevel::new(0),
        );
        self.p(runs.into_iter().fold(p, Paragraph::add_run));
    }
}

fn heading_3() -> Style {
    let mut style = Style::new(HEADING_3, StyleType::Paragraph)
        .name("heading 3")
        .based_on("Normal")
        .next("Normal")
        .size(22)
        .bold()
        .color("1F3864")
        .outline_lvl(2)
        .line_spacing(LineSpacing::new().before(200).after(80));
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}

fn title_page(out: &mut Out, compilation: &Compilation, lang: Lang) {
    let line = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(xml_safe(text)))
    };
    let intro = &compilation.introduction;
    out.p(line(TITLE, &lang.text("compilation.title", &[])));
    out.p(line(SUBTITLE, &compilation.title));
    let version = lang.text(
        "compilation.remiss_version",
        &[
            ("version", intro.remiss_version.name.as_str().into()),
            ("date", lang.date(intro.remiss_version.created_ms).into()),
        ],
    );
    out.p(line(SUBTITLE, &version));
    if let Some(case) = &intro.case_number {
        out.p(line(
            SUBTITLE,
            &format!("{}: {case}", lang.text("docx.case_number", &[])),
        ));
    }
}

/// The chapters as the heading numbering needs them: numbers only.
fn as_chapters(compilation: &Compilation) -> Vec<Chapter> {
    compilation
        .chapters
        .iter()
        .map(|c| Chapter {
            id: c.id.clone(),
            number: c.number.clone(),
            title: String::new(),
            clauses: c
                .clauses
                .iter()
                .map(|k| Clause {
                    id: k.id.clone(),
                    chapter: c.id.clone(),
                    number: k.number.clone(),
                    heading: String::new(),
                    text: String::new(),
                })
                .collect(),
        })
        .collect()
}

/// A table with a shaded header row; `widths` in twentieths of a point.
fn table(header: Vec<String>, rows: Vec<Vec<String>>, widths: &[usize]) -> Table {
    let cell = |text: &str, width: usize, head: bool| {
        let mut lines = text.split('\n');
        let mut p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
        let mut first = true;
        for line in lines.by_ref() {
            if !first {
                p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
            }
            first = false;
            let run = Run::new().add_text(xml_safe(line));
            p = p.add_run(if head { run.bold() } else { run });
        }
        let c = TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa);
        if head {
            c.shading(Shading::new().fill("D9E2F3"))
        } else {
            c
        }
    };
    let row = |texts: &[String], head: bool| {
        let cells = texts
            .iter()
            .zip(widths)
            .map(|(t, w)| cell(t, *w, head))
            .collect();
        TableRow::new(cells).cant_split()
    };
    let mut all = vec![row(&header, true)];
    all.extend(rows.iter().map(|r| row(r, false)));
    Table::new(all).set_grid(widths.to_vec())
}
