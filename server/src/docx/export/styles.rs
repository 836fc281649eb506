//! The remiss document's page, styles and list definitions: A4 with Word's usual margins, the
//! built-in style names Word and LibreOffice know (so "Heading 1" is a heading, "toc 1" a table
//! of contents level, in any translation of Word), chapter and clause numbering bound to the
//! two heading styles, and one definition each for bulleted and numbered lists.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, IndentLevel, Level, LevelJc, LevelSuffixType,
    LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, RunFonts, SpecialIndentType, Start, Style, StyleType, Tab, TabLeaderType,
    TabValueType,
};

/// Style ids.
pub const TITLE: &str = "Title";
pub const SUBTITLE: &str = "Subtitle";
pub const HEADING_1: &str = "Heading1";
pub const HEADING_2: &str = "Heading2";
pub const TOC_HEADING: &str = "TOCHeading";
pub const TOC_1: &str = "TOC1";
pub const TOC_2: &str = "TOC2";
pub const LIST: &str = "ListParagraph";
pub const QUOTE: &str = "Quote";

/// Numbering ids: the headings, bullets; numbered lists get one each from [`FIRST_LIST`] on.
/// (docx-rs writes a numbering of its own as 1.)
pub const HEADINGS: usize = 2;
pub const BULLETS: usize = 3;
const ORDERED: usize = 4;
pub const FIRST_LIST: usize = 10;

/// A4 and 2.5 cm margins, in twentieths of a point.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: i32 = 1_417;
/// The text width, where the table of contents puts its page numbers.
pub const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - 2 * MARGIN) as usize;

const FONT: &str = "Calibri";
const HEADING_FONT: &str = "Calibri Light";
const ACCENT: &str = "1F3864";

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .east_asia(name)
}

/// A new document with the page, styles and list definitions. With `numbered_headings`, the
/// heading styles number chapters and clauses themselves ("4", "4.2").
pub fn document(numbered_headings: bool) -> Docx {
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(708)
                .footer(708),
        )
        .default_fonts(fonts(FONT))
        .default_size(22)
        // docx-rs writes a bare "Normal" style of its own, so body spacing goes in the
        // document's defaults rather than in a second "Normal".
        .default_line_spacing(
            LineSpacing::new()
                .after(160)
                .line(264)
                .line_rule(LineSpacingType::Auto),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        );
    for style in styles(numbered_headings) {
        doc = doc.add_style(style);
    }
    doc.add_abstract_numbering(headings())
        .add_abstract_numbering(bullets())
        .add_abstract_numbering(ordered())
        .add_numbering(Numbering::new(HEADINGS, HEADINGS))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// A fresh numbered list (restarting at `start` on `level`).
pub fn ordered_list(id: usize, level: usize, start: usize) -> Numbering {
    Numbering::new(id, ORDERED).add_override(docx_rs::LevelOverride::new(level).start(start))
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
}

fn heading(id: &str, name: &str, level: usize, size: usize, numbered: bool) -> Style {
    let mut style = paragraph_style(id, name)
        .size(size)
        .color(ACCENT)
        .fonts(fonts(HEADING_FONT))
        .outline_lvl(level)
        .line_spacing(
            LineSpacing::new()
                .before(if level == 0 { 480 } else { 240 })
                .after(120),
        )
        .indent(Some(680), Some(SpecialIndentType::Hanging(680)), None, None);
    style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
    if numbered {
        style.paragraph_property = style
            .paragraph_property
            .numbering(NumberingId::new(HEADINGS), IndentLevel::new(level));
    }
    style
}

fn toc_level(id: &str, name: &str, indent: i32) -> Style {
    let mut style = paragraph_style(id, name)
        .line_spacing(LineSpacing::new().after(60))
        .indent(
            Some(indent + 680),
            Some(SpecialIndentType::Hanging(680)),
            None,
            None,
        );
    style.paragraph_property = style
        .paragraph_property
        .add_tab(
            Tab::new()
                .val(TabValueType::Left)
                .pos((indent + 680) as usize),
        )
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(TEXT_WIDTH),
        );
    style
}

fn styles(numbered_headings: bool) -> Vec<Style> {
    vec![
        paragraph_style(TITLE, "Title")
            .size(52)
            .color(ACCENT)
            .fonts(fonts(HEADING_FONT))
            .line_spacing(LineSpacing::new().before(2400).after(480)),
        paragraph_style(SUBTITLE, "Subtitle")
            .size(28)
            .color("595959")
            .line_spacing(LineSpacing::new().after(120)),
        heading(HEADING_1, "heading 1", 0, 32, numbered_headings),
        heading(HEADING_2, "heading 2", 1, 26, numbered_headings),
        paragraph_style(TOC_HEADING, "TOC Heading")
            .size(32)
            .color(ACCENT)
            .fonts(fonts(HEADING_FONT))
            .line_spacing(LineSpacing::new().after(240)),
        toc_level(TOC_1, "toc 1", 0).bold(),
        toc_level(TOC_2, "toc 2", 220),
        paragraph_style(LIST, "List Paragraph").line_spacing(LineSpacing::new().after(60)),
        paragraph_style(QUOTE, "Quote")
            .italic()
            .indent(Some(567), None, Some(567), None),
    ]
}

fn level(index: usize, format: &str, text: &str, indent: i32, hanging: i32) -> Level {
    Level::new(
        index,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
    .indent(
        Some(indent),
        Some(SpecialIndentType::Hanging(hanging)),
        None,
        None,
    )
}

/// "4" for chapters, "4.2" for clauses, a tab after each.
fn headings() -> AbstractNumbering {
    AbstractNumbering::new(HEADINGS)
        .add_level(level(0, "decimal", "%1", 680, 680).suffix(LevelSuffixType::Tab))
        .add_level(level(1, "decimal", "%1.%2", 680, 680).suffix(LevelSuffixType::Tab))
}

fn bullets() -> AbstractNumbering {
    (0..9).fold(AbstractNumbering::new(BULLETS), |a, i| {
        let symbol = ["•", "◦", "▪"][i % 3];
        a.add_level(level(i, "bullet", symbol, 360 * (i as i32 + 1), 360))
    })
}

fn ordered() -> AbstractNumbering {
    (0..9).fold(AbstractNumbering::new(ORDERED), |a, i| {
        a.add_level(level(
            i,
            "decimal",
            &format!("%{}.", i + 1),
            360 * (i as i32 + 1) + 60,
            420,
        ))
    })
}
