//! Clause text (Markdown) as the blocks and runs a word processor works with, and back.
//!
//! Clause wording and remarks are Markdown: paragraphs separated by blank lines, `*emphasis*`,
//! `**strong**`, `~~struck~~`, lists. A DOCX writer needs paragraphs of styled runs instead, and
//! a DOCX reader produces them; [`parse`] and [`write`] translate between the two.
//!
//! Every run remembers where in the Markdown source it came from (UTF-16 offsets, the unit of
//! the document's anchors), so a remark anchored on a range of the text can be placed on the
//! same words of the runs ([`parse_cut`] splits runs exactly there).
//!
//! Writing never loses text: a paragraph whose emphasis Markdown cannot express so that it
//! reads back the same (rare adjacencies of markers and punctuation) is written again with every
//! punctuation character escaped and no emphasis — the words survive, the styling does not.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// How a run is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RunStyle {
    /// `**strong**` (bold in Word).
    pub strong: bool,
    /// `*emphasis*` (italic in Word).
    pub emphasis: bool,
    /// `~~struck~~`.
    pub strike: bool,
    /// `` `code` ``.
    pub code: bool,
}

/// A stretch of text in one style. A hard line break is a run whose text is `"\n"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: RunStyle,
    /// Where the run came from in the Markdown source, in UTF-16 units (`0..0` for runs that
    /// were not parsed from Markdown).
    pub span: Range<u32>,
    /// Whether `text` is exactly the source at `span`, so an offset inside the span is the same
    /// offset inside the text (false for soft breaks, entities and escapes).
    pub verbatim: bool,
}

impl Run {
    /// A run that was not parsed from Markdown (as a DOCX reader makes them).
    pub fn new(text: impl Into<String>, style: RunStyle) -> Run {
        Run {
            text: text.into(),
            style,
            span: 0..0,
            verbatim: false,
        }
    }
}

/// What kind of paragraph a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A heading inside the text (clause text rarely has one; written as a strong paragraph).
    Heading,
    /// A quoted paragraph (`> …`).
    Quote,
    /// A line-preserving code block.
    Code,
    /// A list item at `depth` (0 = top level); `number` is set for an ordered list.
    Item { depth: usize, number: Option<u64> },
}

/// One paragraph: its kind and runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub runs: Vec<Run>,
}

impl Block {
    /// The block's text without styling.
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Options for every Markdown parse here: the app renders strikethrough too.
fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// UTF-16 offset of every byte position of `s` (valid at char boundaries).
fn utf16_offsets(s: &str) -> Vec<u32> {
    let mut out = vec![0; s.len() + 1];
    let mut units = 0u32;
    for (i, c) in s.char_indices() {
        out[i] = units;
        units += c.len_utf16() as u32;
    }
    out[s.len()] = units;
    out
}

/// Parses Markdown into blocks.
pub fn parse(markdown: &str) -> Vec<Block> {
    parse_cut(markdown, &[])
}

/// Parses Markdown into blocks whose runs are split at each of `cuts` (UTF-16 offsets into the
/// source) that falls strictly inside a verbatim run, so a range starting or ending there
/// covers whole runs.
pub fn parse_cut(markdown: &str, cuts: &[u32]) -> Vec<Block> {
    let mut blocks = Reader::new(markdown).read();
    if !cuts.is_empty() {
        for block in &mut blocks {
            block.runs = std::mem::take(&mut block.runs)
                .into_iter()
                .flat_map(|run| split_run(run, cuts))
                .collect();
        }
    }
    blocks
}

fn split_run(run: Run, cuts: &[u32]) -> Vec<Run> {
    if !run.verbatim {
        return vec![run];
    }
    let mut inside: Vec<u32> = cuts
        .iter()
        .copied()
        .filter(|c| run.span.start < *c && *c < run.span.end)
        .collect();
    if inside.is_empty() {
        return vec![run];
    }
    crate::sorting::sort(&mut inside);
    inside.dedup();
    let units: Vec<u16> = run.text.encode_utf16().collect();
    let mut out = Vec::new();
    let mut from = run.span.start;
    for at in inside.into_iter().chain(std::iter::once(run.span.end)) {
        let (a, b) = (
            (from - run.span.start) as usize,
            (at - run.span.start) as usize,
        );
        out.push(Run {
            text: String::from_utf16_lossy(&units[a..b]),
            style: run.style,
            span: from..at,
            verbatim: true,
        });
        from = at;
    }
    out
}

/// The parse state: open blocks, lists and styles.
struct Reader<'a> {
    source: &'a str,
    utf16: Vec<u32>,
    blocks: Vec<Block>,
    /// The block runs are added to, if one is open.
    open: Option<Block>,
    /// Open lists: the next number of each (`None` for a bullet list).
    lists: Vec<Option<u64>>,
    /// Nesting of block quotes and code blocks.
    quote: usize,
    code: bool,
    heading: bool,
    style: RunStyle,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str) -> Self {
        Reader {
            source,
            utf16: utf16_offsets(source),
            blocks: Vec::new(),
            open: None,
            lists: Vec::new(),
            quote: 0,
            code: false,
            heading: false,
            style: RunStyle::default(),
        }
    }

    fn read(mut self) -> Vec<Block> {
        for (event, range) in Parser::new_ext(self.source, options()).into_offset_iter() {
            self.event(event, range);
        }
        self.close();
        self.blocks
    }

    fn close(&mut self) {
        if let Some(block) = self.open.take() {
            self.blocks.push(block);
        }
    }

    /// The block the next text goes into, opening a paragraph of the current kind if needed.
    fn block(&mut self) -> &mut Block {
        let kind = if self.code {
            BlockKind::Code
        } else if self.heading {
            BlockKind::Heading
        } else if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        self.open.get_or_insert(Block {
            kind,
            runs: Vec::new(),
        })
    }

    fn span(&self, range: &Range<usize>) -> Range<u32> {
        self.utf16[range.start]..self.utf16[range.end]
    }

    fn push(&mut self, text: &str, range: Range<usize>, style: RunStyle) {
        let span = self.span(&range);
        let verbatim = self.source.get(range) == Some(text);
        self.block().runs.push(Run {
            text: text.to_string(),
            style,
            span,
            verbatim,
        });
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.code => {
                // A code block keeps its lines: each line a run, a break between them.
                let start = range.start;
                let mut offset = 0;
                for (i, line) in t.split('\n').enumerate() {
                    if i > 0 {
                        let at = (start + offset).min(self.source.len());
                        self.push("\n", at..at, RunStyle::default());
                        offset += 1;
                    }
                    if !line.is_empty() {
                        let style = RunStyle {
                            code: true,
                            ..RunStyle::default()
                        };
                        let end = (start + offset + line.len()).min(self.source.len());
                        self.push(line, (start + offset).min(end)..end, style);
                    }
                    offset += line.len();
                }
                if let Some(last) = self.open.as_mut() {
                    while last.runs.last().is_some_and(|r| r.text == "\n") {
                        last.runs.pop();
                    }
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.push(&t, range, self.style)
            }
            Event::Code(t) => {
                let style = RunStyle {
                    code: true,
                    ..self.style
                };
                self.push(&t, range, style);
            }
            Event::SoftBreak => self.push(" ", range, self.style),
            Event::HardBreak => self.push("\n", range, self.style),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            // A tight list item's text needs no paragraph of its own; in a loose list the
            // item's first paragraph is the item.
            Tag::Paragraph if !self.open.as_ref().is_some_and(|b| b.runs.is_empty()) => {
                self.close()
            }
            Tag::Heading { .. } => {
                self.close();
                self.heading = true;
            }
            Tag::BlockQuote(_) => {
                self.close();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.close();
                self.code = true;
            }
            Tag::List(start) => {
                self.close();
                self.lists.push(start);
            }
            Tag::Item => {
                self.close();
                let depth = self.lists.len().saturating_sub(1);
                let number = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let this = *n;
                        *n += 1;
                        Some(this)
                    }
                    _ => None,
                };
                self.open = Some(Block {
                    kind: BlockKind::Item { depth, number },
                    runs: Vec::new(),
                });
            }
            Tag::Emphasis => self.style.emphasis = true,
            Tag::Strong => self.style.strong = true,
            Tag::Strikethrough => self.style.strike = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.close(),
            TagEnd::Heading(_) => {
                self.close();
                self.heading = false;
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.close();
                self.code = false;
            }
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Item => self.close(),
            TagEnd::Emphasis => self.style.emphasis = false,
            TagEnd::Strong => self.style.strong = false,
            TagEnd::Strikethrough => self.style.strike = false,
            _ => {}
        }
    }
}

/// Writes blocks as Markdown that [`parse`] reads back to the same text (and, where Markdown
/// can say it, the same styling and list structure).
pub fn write(blocks: &[Block]) -> String {
    let mut out = String::new();
    // The content column of each open list level, to indent nested items under their parent,
    // and whether that level's list is ordered.
    let mut columns: Vec<(usize, bool)> = Vec::new();
    let mut previous: Option<BlockKind> = None;
    for block in blocks {
        if merged(&block.runs).is_empty() {
            // An empty paragraph is not a paragraph in Markdown, and an empty list item cannot
            // always be told from the paragraph above it.
            continue;
        }
        let mut loose = false;
        let (prefix, indent) = match block.kind {
            BlockKind::Item { depth, number } => {
                let continues = columns.get(depth).map(|c| c.1) == Some(number.is_some());
                // A list starting at another number than 1 cannot interrupt the text above
                // it: a blank line must come first.
                loose = !continues && number.is_some_and(|n| n != 1);
                columns.truncate(depth);
                let indent = columns.last().map_or(0, |c| c.0);
                let marker = match number {
                    Some(n) => format!("{n}. "),
                    None => "- ".to_string(),
                };
                columns.push((indent + marker.len(), number.is_some()));
                (
                    format!("{}{marker}", " ".repeat(indent)),
                    indent + marker.len(),
                )
            }
            BlockKind::Quote => {
                columns.clear();
                ("> ".to_string(), 2)
            }
            _ => {
                columns.clear();
                (String::new(), 0)
            }
        };
        let tight = !loose
            && matches!(
                (previous, block.kind),
                (Some(BlockKind::Item { .. }), BlockKind::Item { .. })
            );
        if previous.is_some() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        let continuation = if block.kind == BlockKind::Quote {
            "> ".to_string()
        } else {
            " ".repeat(indent)
        };
        out.push_str(&prefix);
        out.push_str(&paragraph(block, &continuation));
        previous = Some(block.kind);
    }
    out
}

/// One block's inline Markdown; continuation lines (after hard breaks) start with `continuation`.
fn paragraph(block: &Block, continuation: &str) -> String {
    let mut runs = merged(&block.runs);
    if block.kind == BlockKind::Heading {
        for run in &mut runs {
            run.style.strong = true;
        }
    }
    let wanted = styled_chars(&runs);
    let styled = inline(&runs, false);
    if styled_chars(&reparse(&styled.replace('\n', "\\\n"))) == wanted {
        return styled.replace('\n', &format!("\\\n{continuation}"));
    }
    // Markdown cannot say this styling unambiguously: keep the words, escape everything.
    let plain: Vec<Run> = runs
        .iter()
        .map(|r| Run::new(r.text.clone(), RunStyle::default()))
        .collect();
    inline(&merged(&plain), true).replace('\n', &format!("\\\n{continuation}"))
}

/// Runs with adjacent same-styled runs joined and empty ones dropped; leading and trailing
/// whitespace of the paragraph trimmed (Markdown drops it anyway).
fn merged(runs: &[Run]) -> Vec<Run> {
    // A line break inside a run's text becomes a break run of its own.
    let pieces = runs.iter().flat_map(|r| {
        r.text
            .split_inclusive('\n')
            .flat_map(move |piece| match piece.strip_suffix('\n') {
                Some(line) => vec![Run::new(line, r.style), Run::new("\n", r.style)],
                None => vec![Run::new(piece, r.style)],
            })
    });
    let mut out: Vec<Run> = Vec::new();
    for run in pieces.filter(|r| !r.text.is_empty()) {
        match out.last_mut() {
            Some(last) if last.style == run.style && run.text != "\n" && last.text != "\n" => {
                last.text.push_str(&run.text)
            }
            _ => out.push(run),
        }
    }
    // One line break is as many as Markdown can say in a row; whitespace around one would be
    // dropped or read as a break of its own.
    out.dedup_by(|b, a| a.text == "\n" && b.text == "\n");
    for i in 0..out.len() {
        if out[i].text == "\n" {
            if i > 0 && out[i - 1].text != "\n" {
                let t = out[i - 1].text.trim_end().to_string();
                out[i - 1].text = t;
            }
            if i + 1 < out.len() && out[i + 1].text != "\n" {
                let t = out[i + 1].text.trim_start().to_string();
                out[i + 1].text = t;
            }
        }
    }
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    out.retain(|r| !r.text.is_empty());
    out.dedup_by(|b, a| a.text == "\n" && b.text == "\n");
    while out.first().is_some_and(|r| r.text == "\n") {
        out.remove(0);
    }
    while out.last().is_some_and(|r| r.text == "\n") {
        out.pop();
    }
    out
}

/// The characters of runs with their style, whitespace runs normalised, for comparing what was
/// meant with what a parse gives.
fn styled_chars(runs: &[Run]) -> Vec<(char, RunStyle)> {
    let mut out: Vec<(char, RunStyle)> = Vec::new();
    for run in runs {
        for c in run.text.chars() {
            // Styling of spaces is invisible and Markdown cannot always keep it.
            let style = if c.is_whitespace() && !run.style.code {
                RunStyle::default()
            } else {
                run.style
            };
            out.push((c, style));
        }
    }
    out
}

fn reparse(markdown: &str) -> Vec<Run> {
    let blocks = parse(markdown);
    let mut runs = Vec::new();
    for (i, b) in blocks.into_iter().enumerate() {
        if i > 0 {
            // More than one block: the text was read as something else (a list, a heading).
            runs.push(Run::new("\u{0}", RunStyle::default()));
        }
        runs.extend(b.runs);
    }
    runs
}

/// Inline Markdown for runs (a `"\n"` run stays a newline, for the caller to turn into a hard
/// break). `escape_all` escapes every ASCII punctuation character.
fn inline(runs: &[Run], escape_all: bool) -> String {
    let mut out = String::new();
    for run in runs {
        if run.text == "\n" {
            out.push('\n');
            continue;
        }
        let line_start = out.is_empty() || out.ends_with('\n');
        if run.style.code {
            out.push_str(&code_span(&run.text));
            continue;
        }
        // Emphasis markers must touch non-space characters: whitespace goes outside them.
        let body = run.text.trim();
        let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
        let trail = &run.text[run.text.trim_end().len()..];
        let marker = match (run.style.strong, run.style.emphasis) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let strike = if run.style.strike { "~~" } else { "" };
        // Only bare text at the start of a line could open a block; markers come first.
        let bare = marker.is_empty() && strike.is_empty();
        let escaped = escape(body, escape_all, line_start && lead.is_empty() && bare);
        out.push_str(lead);
        if !body.is_empty() {
            out.push_str(&format!("{strike}{marker}{escaped}{marker}{strike}"));
        }
        out.push_str(trail);
    }
    out
}

fn code_span(text: &str) -> String {
    let mut ticks = 1;
    while text.contains(&"`".repeat(ticks)) {
        ticks += 1;
    }
    let fence = "`".repeat(ticks);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Escapes what Markdown would read as markup. `at_line_start` also escapes what would start a
/// heading, quote, list or rule.
fn escape(text: &str, all: bool, at_line_start: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Brackets only make a link with a closing one somewhere (asked once, not per bracket).
    let closes = text.contains(']');
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let needed = if all {
            c.is_ascii_punctuation()
        } else {
            match c {
                '\\' | '*' | '_' | '`' => true,
                '~' => next == Some('~') || (i > 0 && chars[i - 1] == '~'),
                '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)),
                '&' => looks_like_entity(&chars[i + 1..]),
                '[' | ']' => closes,
                _ => false,
            }
        };
        if needed {
            out.push('\\');
        }
        out.push(c);
    }
    if at_line_start && !all {
        return escape_line_start(out);
    }
    out
}

fn looks_like_entity(rest: &[char]) -> bool {
    let name: String = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .collect();
    !name.is_empty() && rest.get(name.chars().count()) == Some(&';')
}

/// Escapes a line start that would open a block: `#`, `>`, `-`, `+`, `=`, `|`, or `12.`/`12)`.
fn escape_line_start(text: String) -> String {
    let first = text.chars().next();
    if first.is_some_and(|c| "#>-+=|".contains(c)) {
        return format!("\\{text}");
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let after = text[digits..].chars().next();
        if after == Some('.') || after == Some(')') {
            return format!("{}\\{}", &text[..digits], &text[digits..]);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(strong: bool, emphasis: bool) -> RunStyle {
        RunStyle {
            strong,
            emphasis,
            ..RunStyle::default()
        }
    }

    #[test]
    fn paragraphs_emphasis_and_lists() {
        let md = "Första *stycket* med **fetstil**.\n\nAndra stycket:\n\n- ett\n- två\n  1. a\n  2. b\n\nSlut.";
        let blocks = parse(md);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Item {
                    depth: 0,
                    number: None
                },
                BlockKind::Item {
                    depth: 0,
                    number: None
                },
                BlockKind::Item {
                    depth: 1,
                    number: Some(1)
                },
                BlockKind::Item {
                    depth: 1,
                    number: Some(2)
                },
                BlockKind::Paragraph,
            ]
        );
        assert_eq!(blocks[0].plain(), "Första stycket med fetstil.");
        assert_eq!(blocks[0].runs[1].style, style(false, true));
        assert_eq!(blocks[0].runs[3].style, style(true, false));
        assert_eq!(blocks[3].plain(), "två");
    }

    #[test]
    fn runs_know_their_source_and_split_at_cuts() {
        let md = "Parterna ska *samverka* årligen.";
        let blocks = parse_cut(md, &[4, 17]);
        let runs = &blocks[0].runs;
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Part", "erna ska ", "sam", "verka", " årligen."]
        );
        assert_eq!(runs[2].span, 14..17);
        assert!(runs[2].style.emphasis);
    }

    #[test]
    fn writing_round_trips_styles_lists_and_breaks() {
        let blocks = vec![
            Block {
                kind: BlockKind::Paragraph,
                runs: vec![
                    Run::new("Kommun", RunStyle::default()),
                    Run::new("en ", style(false, true)),
                    Run::new("ska ", style(true, false)),
                    Run::new("*inte*", RunStyle::default()),
                    Run::new("\n", RunStyle::default()),
                    Run::new("1. rad två", RunStyle::default()),
                ],
            },
            Block {
                kind: BlockKind::Item {
                    depth: 0,
                    number: Some(3),
                },
                runs: vec![Run::new("tre", RunStyle::default())],
            },
            Block {
                kind: BlockKind::Item {
                    depth: 1,
                    number: None,
                },
                runs: vec![Run::new("under", style(true, true))],
            },
            Block {
                kind: BlockKind::Paragraph,
                runs: vec![Run::new(
                    "# inte en rubrik <b> &amp; [x](y)",
                    RunStyle::default(),
                )],
            },
        ];
        let md = write(&blocks);
        let back = parse(&md);
        assert_eq!(back.len(), 4, "{md}");
        for (a, b) in blocks.iter().zip(&back) {
            assert_eq!(a.kind, b.kind, "{md}");
            assert_eq!(
                styled_chars(&merged(&a.runs)),
                styled_chars(&b.runs),
                "{md}"
            );
        }
    }

    #[test]
    fn unexpressible_styling_keeps_the_words() {
        // Emphasis ending right before a letter inside punctuation cannot always be said.
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            runs: vec![
                Run::new("a*", style(false, true)),
                Run::new("*b", style(true, false)),
                Run::new("_", style(false, true)),
            ],
        }];
        let md = write(&blocks);
        assert_eq!(parse(&md)[0].plain(), "a**b_", "{md}");
    }
}
