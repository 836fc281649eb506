//! A clause's Markdown as Word paragraphs: emphasis as bold, italic and struck runs, lists as
//! Word lists (each numbered list restarting at its own first number), quotes in the quote
//! style — with each anchored remark's comment placed around exactly the words it was made on.

use super::comments::Thread;
use super::styles::{ordered_list, BULLETS, FIRST_LIST, LIST, QUOTE};
use docx_rs::{BreakType, Docx, IndentLevel, LineSpacing, NumberingId, Paragraph, Run, RunFonts};
use samrad_domain::blocks::{self, Block, BlockKind};

/// Text without the characters XML 1.0 cannot hold (control characters other than line
/// breaks, and U+FFFE/U+FFFF); a tab reads as a space. Word refuses a file that has them.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' | '\r' => Some(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// A Markdown run as a Word run.
fn run(r: &blocks::Run) -> Run {
    if r.text == "\n" {
        return Run::new().add_break(BreakType::TextWrapping);
    }
    let mut run = Run::new().add_text(xml_safe(&r.text.replace('\n', " ")));
    if r.style.strong {
        run = run.bold();
    }
    if r.style.emphasis {
        run = run.italic();
    }
    if r.style.strike {
        run = run.strike();
    }
    if r.style.code {
        run = run.fonts(RunFonts::new().ascii("Consolas").hi_ansi("Consolas"));
    }
    run
}

/// The kind of list open at one depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Bullets,
    Numbered(usize),
}

/// The numbered lists made while writing; each gets its own numbering instance, registered
/// with the document at the end.
#[derive(Debug)]
pub struct Lists {
    next: usize,
    made: Vec<(usize, usize, usize)>,
    open: Vec<Option<Open>>,
}

impl Lists {
    pub fn new() -> Self {
        Lists {
            next: FIRST_LIST,
            made: Vec::new(),
            open: Vec::new(),
        }
    }

    /// The numbering of a list item: a numbering id and level.
    fn item(&mut self, depth: usize, number: Option<u64>) -> (usize, usize) {
        let depth = depth.min(8);
        self.open.resize(depth + 1, None);
        match number {
            None => {
                self.open[depth] = Some(Open::Bullets);
                (BULLETS, depth)
            }
            Some(n) => {
                if let Some(Open::Numbered(id)) = self.open[depth] {
                    return (id, depth);
                }
                let id = self.next;
                self.next += 1;
                self.made
                    .push((id, depth, n.min(u64::from(u32::MAX)) as usize));
                self.open[depth] = Some(Open::Numbered(id));
                (id, depth)
            }
        }
    }

    /// A paragraph that is not a list item ends the lists open.
    fn end(&mut self) {
        self.open.clear();
    }

    /// Adds the numbering instances to the document.
    pub fn register(self, doc: Docx) -> Docx {
        self.made.into_iter().fold(doc, |doc, (id, level, start)| {
            doc.add_numbering(ordered_list(id, level, start))
        })
    }
}

/// An empty paragraph in the style of `block`.
fn paragraph(block: &Block, lists: &mut Lists) -> Paragraph {
    match block.kind {
        BlockKind::Item { depth, number } => {
            let (id, level) = lists.item(depth, number);
            Paragraph::new()
                .style(LIST)
                .numbering(NumberingId::new(id), IndentLevel::new(level))
        }
        BlockKind::Quote => {
            lists.end();
            Paragraph::new().style(QUOTE)
        }
        _ => {
            lists.end();
            Paragraph::new()
        }
    }
}

/// A range comment being placed.
struct Mark {
    start: u32,
    end: u32,
    thread: Option<Thread>,
    ids: Vec<usize>,
    started: bool,
    ended: bool,
}

/// A clause's text as paragraphs, with the comments of `threads` (anchored on ranges of the
/// Markdown source) placed around their words.
pub fn clause_paragraphs(
    markdown: &str,
    threads: Vec<Thread>,
    lists: &mut Lists,
) -> Vec<Paragraph> {
    let mut marks: Vec<Mark> = threads
        .into_iter()
        .filter_map(|thread| match thread.place {
            super::comments::Place::Range { start, end } => Some(Mark {
                start,
                end,
                ids: thread.ids(),
                thread: Some(thread),
                started: false,
                ended: false,
            }),
            super::comments::Place::Clause => None,
        })
        .collect();
    marks.sort_by_key(|m| (m.start, m.end));
    let cuts: Vec<u32> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    let mut out = Vec::new();
    let blocks = blocks::parse_cut(markdown, &cuts);
    for (i, block) in blocks.iter().enumerate() {
        let heading = block.kind == BlockKind::Heading;
        let mut p = paragraph(block, lists);
        let item = |b: Option<&Block>| b.is_some_and(|b| matches!(b.kind, BlockKind::Item { .. }));
        if item(Some(block)) && !item(blocks.get(i + 1)) {
            // List items sit close together; the last one keeps a paragraph's space after it.
            p = p.line_spacing(LineSpacing::new().after(160));
        }
        for r in &block.runs {
            for mark in marks
                .iter_mut()
                .filter(|m| !m.started && m.start < r.span.end.max(r.span.start + 1))
            {
                p = start(p, mark);
            }
            let mut word_run = run(r);
            if heading {
                word_run = word_run.bold();
            }
            p = p.add_run(word_run);
            for mark in marks
                .iter_mut()
                .filter(|m| m.started && !m.ended && m.end <= r.span.end)
            {
                p = end(p, mark);
            }
        }
        out.push(p);
    }
    // A range past the text's last run (the text changed under it) closes on the last paragraph.
    if marks.iter().any(|m| !m.ended) {
        let mut last = out.pop().unwrap_or_default();
        for mark in marks.iter_mut().filter(|m| !m.ended) {
            if !mark.started {
                last = start(last, mark);
            }
            last = end(last, mark);
        }
        out.push(last);
    }
    out
}

fn start(mut p: Paragraph, mark: &mut Mark) -> Paragraph {
    mark.started = true;
    for comment in mark.thread.take().map(|t| t.comments).unwrap_or_default() {
        p = p.add_comment_start(comment);
    }
    p
}

fn end(mut p: Paragraph, mark: &mut Mark) -> Paragraph {
    mark.ended = true;
    for id in &mark.ids {
        p = p.add_comment_end(*id);
    }
    p
}

/// Markdown (a remark's body) as lines of runs for a comment: list items keep their bullet or
/// number as text.
pub fn inline_lines(markdown: &str) -> Vec<Vec<Run>> {
    blocks::parse(markdown)
        .iter()
        .map(|block| {
            let mut line = Vec::new();
            if let BlockKind::Item { depth, number } = block.kind {
                let marker = number.map_or("•".to_string(), |n| format!("{n}."));
                line.push(Run::new().add_text(format!("{}{marker} ", "  ".repeat(depth))));
            }
            line.extend(block.runs.iter().map(run));
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_drops_what_xml_cannot_hold() {
        assert_eq!(xml_safe("a\u{1}b\tc\u{FFFF}\nd"), "ab c\nd");
    }

    #[test]
    fn numbered_lists_restart_and_bullets_share() {
        let mut lists = Lists::new();
        assert_eq!(lists.item(0, Some(3)), (FIRST_LIST, 0));
        assert_eq!(lists.item(1, None), (BULLETS, 1));
        assert_eq!(
            lists.item(0, Some(4)),
            (FIRST_LIST, 0),
            "the same list goes on"
        );
        lists.end();
        assert_eq!(lists.item(0, Some(1)), (FIRST_LIST + 1, 0), "a new list");
        assert_eq!(lists.made, vec![(FIRST_LIST, 0, 3), (FIRST_LIST + 1, 0, 1)]);
    }
}
