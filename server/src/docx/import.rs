//! A Word draft as a Samråd draft: a pure function from the bytes of a DOCX to chapters and
//! numbered clauses with Markdown text, plus notes on what was changed on the way.
//!
//! - Headings — paragraphs with a heading style or an outline level — give the structure: the
//!   highest level used makes chapters, the next one clauses; deeper headings stay in the
//!   clause text as bold lines. With one level only, the headings become the clauses of one
//!   chapter.
//! - Numbers are kept as Word shows them: a heading's list number ("4.2", computed from the
//!   document's numbering as Word counts), else a number typed before a tab or a space
//!   ("4.2 Ansvar", "§ 4 Ansvar"), or "Kapitel 4" for a chapter.
//! - Body paragraphs become the clause text: bold, italic and struck runs as Markdown
//!   emphasis, bulleted and numbered paragraphs as Markdown lists (numbers other than "1." or
//!   "1)" are kept as text), tables as one line of text per row.
//! - Tracked changes are accepted (see `read::body`); what precedes the first heading — the
//!   title page, a table of contents — is left out, except the title.

use super::labels::Words;
use super::package;
use super::read::body::{self, Counts, Item, Para};
use super::read::numbering::{Counters, Label, Numbering};
use super::read::rels::{folder, rels_of, Rels};
use super::read::styles::Styles;
use super::{DocxError, Lang};
use samrad_domain::blocks::{self, Block, BlockKind, Run, RunStyle};
use samrad_domain::{split_number, Draft, DraftChapter, DraftClause};

/// Most Markdown a draft may hold in all (a long agreement with appendices has well under 1 MB).
pub const MAX_DRAFT_TEXT: usize = 8 * 1024 * 1024;

/// What was changed or left out while reading a draft, to tell the coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportNote {
    /// Tracked changes were accepted: insertions taken in, deletions left out.
    TrackedChanges { insertions: usize, deletions: usize },
    /// Tables became lines of text.
    Tables(usize),
    /// Headings below the clause level became bold lines in the clause text.
    DeeperHeadings(usize),
    /// Paragraphs before the first heading (other than the title) were left out.
    Preamble(usize),
    /// Text right under a chapter heading became an unnumbered first clause.
    ChapterText(usize),
    /// Only one heading level: the headings became clauses of one chapter.
    SingleLevel,
    /// Pictures, footnote and comment references were left out.
    Dropped(usize),
}

impl ImportNote {
    /// Stable key, for UI strings (`docx.note.<key>`).
    pub fn key(&self) -> &'static str {
        match self {
            ImportNote::TrackedChanges { .. } => "tracked_changes",
            ImportNote::Tables(_) => "tables",
            ImportNote::DeeperHeadings(_) => "deeper_headings",
            ImportNote::Preamble(_) => "preamble",
            ImportNote::ChapterText(_) => "chapter_text",
            ImportNote::SingleLevel => "single_level",
            ImportNote::Dropped(_) => "dropped",
        }
    }

    /// The note worded for the coordinator.
    pub fn message(&self, lang: Lang) -> String {
        let key = format!("docx.note.{}", self.key());
        match *self {
            ImportNote::TrackedChanges {
                insertions,
                deletions,
            } => lang.text(
                &key,
                &[
                    ("insertions", insertions.into()),
                    ("deletions", deletions.into()),
                ],
            ),
            ImportNote::Tables(n)
            | ImportNote::DeeperHeadings(n)
            | ImportNote::Preamble(n)
            | ImportNote::ChapterText(n)
            | ImportNote::Dropped(n) => lang.text(&key, &[("count", n.into())]),
            ImportNote::SingleLevel => lang.text(&key, &[]),
        }
    }
}

/// A draft read from Word, and what happened on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub draft: Draft,
    pub notes: Vec<ImportNote>,
}

/// Reads a Word document as a draft.
pub fn import(bytes: &[u8]) -> Result<Imported, DocxError> {
    // Only the top-level parts of the `word/` folder (document, styles, numbering) are read.
    let package = package::open(bytes, |name| {
        name.strip_prefix("word/")
            .is_some_and(|rest| !rest.contains('/') && rest.ends_with(".xml"))
    })?;
    let main = match package.part("_rels/.rels") {
        Some(xml) => Rels::parse(xml, "_rels/.rels", "")?
            .target("officeDocument")
            .map(str::to_string),
        None => None,
    }
    .unwrap_or_else(|| "word/document.xml".to_string());
    let document = package.part(&main).ok_or(DocxError::NotDocx)?;
    let rels_part = rels_of(&main);
    let rels = match package.part(&rels_part) {
        Some(xml) => Rels::parse(xml, &rels_part, folder(&main))?,
        None => Rels::default(),
    };
    let styles = match rels.target("styles").and_then(|p| package.part(p)) {
        Some(xml) => Styles::parse(xml, "styles.xml")?,
        None => Styles::default(),
    };
    let numbering = match rels.target("numbering").and_then(|p| package.part(p)) {
        Some(xml) => Numbering::parse(xml, "numbering.xml")?,
        None => Numbering::default(),
    };
    let (items, counts) = body::parse(document, &main, &styles)?;
    Outline::new(&styles, &numbering).read(items, counts)
}

/// What a paragraph is to the outline.
enum Role {
    Title,
    Heading(u8),
    Body,
}

/// Turns the body's items into a draft.
struct Outline<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    draft: Draft,
    /// The clause being read: its blocks.
    blocks: Vec<Block>,
    in_clause: bool,
    preamble: usize,
    tables: usize,
    deeper: usize,
    chapter_text: usize,
    text_bytes: usize,
}

impl<'a> Outline<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering) -> Self {
        Outline {
            styles,
            numbering,
            counters: Counters::default(),
            draft: Draft::default(),
            blocks: Vec::new(),
            in_clause: false,
            preamble: 0,
            tables: 0,
            deeper: 0,
            chapter_text: 0,
            text_bytes: 0,
        }
    }

    fn role(&self, para: &Para) -> Role {
        let style = para.style.as_deref().unwrap_or("Normal");
        if let Some(level) = para.outline.filter(|l| *l < 9) {
            return Role::Heading(level);
        }
        if para.outline.is_none() {
            if let Some(level) = self.styles.heading_level(style) {
                return Role::Heading(level);
            }
        }
        if self.styles.is_title(style) {
            return Role::Title;
        }
        Role::Body
    }

    /// The paragraph's list label, counting it (every numbered paragraph counts, in order).
    fn label(&mut self, para: &Para) -> Option<Label> {
        let from_style = para
            .style
            .as_deref()
            .map(|s| self.styles.numbering(s))
            .unwrap_or_default();
        let id = para.num.id.or(from_style.id)?;
        let level = para.num.level.or(from_style.level).unwrap_or(0);
        self.numbering.next(&mut self.counters, id, level)
    }

    fn read(mut self, items: Vec<Item>, counts: Counts) -> Result<Imported, DocxError> {
        let roles: Vec<Option<Role>> = items
            .iter()
            .map(|i| match i {
                Item::Para(p) => Some(self.role(p)),
                Item::Table(_) => None,
            })
            .collect();
        let mut levels: Vec<u8> = roles
            .iter()
            .filter_map(|r| match r {
                Some(Role::Heading(l)) => Some(*l),
                _ => None,
            })
            .collect();
        levels.sort_unstable();
        levels.dedup();
        let (chapter_level, clause_level) = match levels.as_slice() {
            [] => return Err(DocxError::NoHeadings),
            [only] => (None, *only),
            [chapter, clause, ..] => (Some(*chapter), *clause),
        };
        if chapter_level.is_none() {
            self.draft.chapters.push(DraftChapter::default());
        }
        let mut started = false;
        for (item, role) in items.into_iter().zip(roles) {
            match (item, role) {
                (Item::Table(rows), _) => {
                    if started {
                        self.table(rows);
                    } else {
                        self.preamble += 1;
                    }
                }
                (Item::Para(para), Some(role)) => {
                    let label = self.label(&para);
                    match role {
                        Role::Heading(level) if Some(level) == chapter_level => {
                            started = true;
                            self.chapter(&para, label)?
                        }
                        Role::Heading(level) if level == clause_level => {
                            started = true;
                            self.clause(&para, label)?
                        }
                        Role::Heading(level) if started && level > clause_level => {
                            self.deeper += 1;
                            self.heading_in_text(&para, label)
                        }
                        Role::Title if !started && self.draft.title.is_empty() => {
                            self.draft.title = one_line(&para.plain())
                        }
                        _ if !started => {
                            if !para.plain().trim().is_empty() {
                                self.preamble += 1;
                            }
                        }
                        _ => self.body(para, label),
                    }
                }
                (Item::Para(_), None) => {}
            }
        }
        self.finish_clause()?;
        if chapter_level.is_none() {
            self.draft.chapters[0].title = self.draft.title.clone();
        }
        Ok(Imported {
            notes: self.notes(counts, chapter_level.is_none()),
            draft: self.draft,
        })
    }

    fn notes(&self, counts: Counts, single: bool) -> Vec<ImportNote> {
        let mut notes = Vec::new();
        if counts.insertions + counts.deletions > 0 {
            notes.push(ImportNote::TrackedChanges {
                insertions: counts.insertions,
                deletions: counts.deletions,
            });
        }
        for (n, note) in [
            (self.tables, ImportNote::Tables(self.tables)),
            (self.deeper, ImportNote::DeeperHeadings(self.deeper)),
            (self.preamble, ImportNote::Preamble(self.preamble)),
            (
                self.chapter_text,
                ImportNote::ChapterText(self.chapter_text),
            ),
            (counts.dropped, ImportNote::Dropped(counts.dropped)),
        ] {
            if n > 0 {
                notes.push(note);
            }
        }
        if single {
            notes.push(ImportNote::SingleLevel);
        }
        notes
    }

    fn chapter(&mut self, para: &Para, label: Option<Label>) -> Result<(), DocxError> {
        self.finish_clause()?;
        let (number, title) = chapter_number(heading_number(para, label.as_ref()));
        self.draft.chapters.push(DraftChapter {
            number,
            title,
            clauses: Vec::new(),
        });
        Ok(())
    }

    fn clause(&mut self, para: &Para, label: Option<Label>) -> Result<(), DocxError> {
        self.finish_clause()?;
        if self.draft.chapters.is_empty() {
            // A clause before any chapter heading: it opens an untitled chapter.
            self.draft.chapters.push(DraftChapter::default());
        }
        let (number, heading) = heading_number(para, label.as_ref());
        if let Some(chapter) = self.draft.chapters.last_mut() {
            chapter.clauses.push(DraftClause {
                number,
                heading,
                text: String::new(),
            });
        }
        self.in_clause = true;
        Ok(())
    }

    /// Writes the blocks read so far into the clause they belong to.
    fn finish_clause(&mut self) -> Result<(), DocxError> {
        let blocks = std::mem::take(&mut self.blocks);
        if blocks.is_empty() {
            return Ok(());
        }
        let text = blocks::write(&blocks);
        self.text_bytes += text.len();
        if self.text_bytes > MAX_DRAFT_TEXT {
            return Err(DocxError::TooMuchText);
        }
        if let Some(chapter) = self.draft.chapters.last_mut() {
            if !self.in_clause {
                // Text right under a chapter heading: an unnumbered first clause.
                self.chapter_text += 1;
                chapter.clauses.push(DraftClause::default());
            }
            if let Some(clause) = chapter.clauses.last_mut() {
                clause.text = text;
            }
        }
        self.in_clause = false;
        Ok(())
    }

    fn body(&mut self, para: Para, label: Option<Label>) {
        let mut runs: Vec<Run> = para
            .runs
            .into_iter()
            .map(|r| Run::new(r.text.replace('\t', " "), r.style))
            .collect();
        let kind = match &label {
            Some(l) if l.bullet => BlockKind::Item {
                depth: l.level as usize,
                number: None,
            },
            Some(Label {
                ordinal: Some(n),
                level,
                ..
            }) => BlockKind::Item {
                depth: *level as usize,
                number: Some(u64::from(*n)),
            },
            Some(l) if !l.text.trim().is_empty() => {
                // A label Markdown cannot number ("a)", "4.2.1"): kept as text.
                runs.insert(
                    0,
                    Run::new(format!("{} ", l.text.trim()), RunStyle::default()),
                );
                BlockKind::Paragraph
            }
            _ => BlockKind::Paragraph,
        };
        if runs.iter().all(|r| r.text.trim().is_empty()) {
            return;
        }
        self.blocks.push(Block { kind, runs });
    }

    fn heading_in_text(&mut self, para: &Para, label: Option<Label>) {
        let (number, heading) = heading_number(para, label.as_ref());
        let text = [number, heading]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        self.blocks.push(Block {
            kind: BlockKind::Heading,
            runs: vec![Run::new(text, RunStyle::default())],
        });
    }

    fn table(&mut self, rows: Vec<Vec<String>>) {
        self.tables += 1;
        for row in rows {
            let line = row.join(" | ");
            if !line.replace('|', "").trim().is_empty() {
                self.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    runs: vec![Run::new(line, RunStyle::default())],
                });
            }
        }
    }
}

/// Text on one line, spaces collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading's number and text: Word's list label if it has one, else a number typed before
/// a tab ("4.2a⇥Ansvar") or a space ("4.2 Ansvar").
fn heading_number(para: &Para, label: Option<&Label>) -> (String, String) {
    let text = para.plain();
    if let Some(label) = label.filter(|l| !l.bullet && !l.text.trim().is_empty()) {
        let number = label.text.trim().trim_end_matches(['.', ')']).to_string();
        let (typed, rest) = split_number(&text.replace('\t', " "));
        // A number typed as well as generated is shown once.
        let heading = if typed == number {
            rest
        } else {
            one_line(&text)
        };
        return (number, heading);
    }
    if let Some((before, after)) = text.trim_start().split_once('\t') {
        let before = before.trim();
        if !before.is_empty() && before.chars().count() <= 16 && !before.contains(' ') {
            return (before.trim_end_matches('.').to_string(), one_line(after));
        }
    }
    let text = one_line(&text);
    // "§ 4 Ansvar", as Swedish and Norwegian agreements number their paragraphs.
    if let Some(rest) = text.strip_prefix('§') {
        let (number, heading) = split_number(rest);
        if !number.is_empty() {
            return (format!("§ {number}"), heading);
        }
    }
    split_number(&text)
}

/// "Kapitel 4 Ansvar" / "Kapittel 4: Ansvar" / "Chapter 4 – Ansvar" → ("4", "Ansvar").
fn chapter_number((number, title): (String, String)) -> (String, String) {
    if !number.is_empty() {
        return (number, title);
    }
    let words: Vec<&str> = title.splitn(3, ' ').collect();
    let is_word = |w: &str| {
        ["kapitel", "kapittel", "chapter", "avsnitt"].contains(&w.to_lowercase().as_str())
    };
    match words.as_slice() {
        [word, n, rest @ ..] if is_word(word) && n.starts_with(|c: char| c.is_ascii_digit()) => {
            let n = n.trim_end_matches([':', '.']);
            let rest = rest
                .first()
                .map(|r| r.trim_start_matches(['–', '-', ':', ' ']).trim())
                .unwrap_or_default();
            (n.to_string(), rest.to_string())
        }
        _ => (number, title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para {
        Para {
            runs: vec![Run::new(text, RunStyle::default())],
            ..Para::default()
        }
    }

    #[test]
    fn heading_numbers_from_labels_tabs_and_text() {
        let label = Label {
            text: "4.2".into(),
            level: 1,
            bullet: false,
            ordinal: None,
        };
        assert_eq!(
            heading_number(&para("Ansvar"), Some(&label)),
            ("4.2".into(), "Ansvar".into())
        );
        assert_eq!(
            heading_number(&para("4.2 Ansvar"), Some(&label)),
            ("4.2".into(), "Ansvar".into())
        );
        assert_eq!(
            heading_number(&para("4.2a\tAnsvar"), None),
            ("4.2a".into(), "Ansvar".into())
        );
        assert_eq!(
            heading_number(&para("5.1. Ekonomi"), None),
            ("5.1".into(), "Ekonomi".into())
        );
        assert_eq!(
            heading_number(&para("§ 4 Ansvar"), None),
            ("§ 4".into(), "Ansvar".into())
        );
        assert_eq!(
            chapter_number(heading_number(&para("Kapittel 3: Samarbeid"), None)),
            ("3".into(), "Samarbeid".into())
        );
        assert_eq!(
            chapter_number(heading_number(&para("Bilaga"), None)),
            ("".into(), "Bilaga".into())
        );
    }
}
