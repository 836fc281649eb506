//! A Word document's styles (`word/styles.xml`), as far as a draft needs them: which paragraph
//! styles are headings and at which level, which is the title, which carry list numbering,
//! and what character styles do to a run (bold, italic, struck).
//!
//! A style inherits from the style it is based on; chains are followed to a bounded depth, so
//! a cycle in a crafted file ends.

use super::xml::{walk, Node};
use crate::docx::DocxError;
use std::collections::HashMap;

/// How far `basedOn` chains are followed.
const MAX_CHAIN: usize = 16;

/// Bold, italic and strike as a style or a run sets them (`None`: not said here).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunFlags {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: Option<bool>,
}

impl RunFlags {
    /// These flags, with what they leave unsaid taken from `base`.
    pub fn over(self, base: RunFlags) -> RunFlags {
        RunFlags {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            strike: self.strike.or(base.strike),
        }
    }

    /// Sets the flag a run-property element names.
    pub fn set(&mut self, name: &str, on: bool) {
        match name {
            "b" => self.bold = Some(on),
            "i" => self.italic = Some(on),
            "strike" | "dstrike" => self.strike = Some(on),
            _ => {}
        }
    }
}

/// List numbering a paragraph carries: `w:numId` and `w:ilvl`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NumRef {
    pub id: Option<u32>,
    pub level: Option<u8>,
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: NumRef,
    run: RunFlags,
}

/// The styles of one document, by style id.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    /// Reads `styles.xml`.
    pub fn parse(xml: &[u8], part: &str) -> Result<Styles, DocxError> {
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let (mut in_ppr, mut in_rpr, mut in_num) = (false, false, false);
        // Tracked formatting changes hold the *old* properties: skipped.
        let mut skip = 0usize;
        walk(xml, part, |node| {
            match node {
                Node::Open(_) if skip > 0 => skip += 1,
                Node::Close(_) if skip > 0 => skip -= 1,
                Node::Open(e) if e.w && e.name.ends_with("Change") => skip = 1,
                Node::Open(e) if e.is("style") => {
                    current = Some((
                        e.attr("styleId").unwrap_or_default().to_string(),
                        Style::default(),
                    ));
                }
                Node::Close(e) if e.is("style") => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                Node::Open(e) if e.w => {
                    if let Some((_, style)) = current.as_mut() {
                        match e.name.as_str() {
                            "name" => style.name = e.attr("val").unwrap_or_default().to_string(),
                            "basedOn" => style.based_on = e.attr("val").map(str::to_string),
                            "pPr" => in_ppr = true,
                            "rPr" => in_rpr = true,
                            "numPr" if in_ppr => in_num = true,
                            "outlineLvl" if in_ppr => {
                                style.outline = e.attr("val").and_then(|v| v.parse().ok())
                            }
                            "numId" if in_num => {
                                style.num.id = e.attr("val").and_then(|v| v.parse().ok())
                            }
                            "ilvl" if in_num => {
                                style.num.level = e.attr("val").and_then(|v| v.parse().ok())
                            }
                            name if in_rpr => style.run.set(name, e.on()),
                            _ => {}
                        }
                    }
                }
                Node::Close(e) if e.w => match e.name.as_str() {
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "numPr" => in_num = false,
                    _ => {}
                },
                _ => {}
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// The style and those it is based on, nearest first.
    fn chain(&self, id: &str) -> impl Iterator<Item = &Style> {
        let mut next = self.by_id.get(id);
        std::iter::from_fn(move || {
            let style = next?;
            next = style.based_on.as_deref().and_then(|b| self.by_id.get(b));
            Some(style)
        })
        .take(MAX_CHAIN)
    }

    /// The heading level (0 = top) of a paragraph style: its outline level, or the level in
    /// its name (`heading 2`, whatever the style id is in a translated Word).
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        for style in self.chain(id) {
            if let Some(level) = style.outline {
                return (level < 9).then_some(level);
            }
            if let Some(level) = heading_in_name(&style.name) {
                return Some(level);
            }
        }
        heading_in_name(id)
    }

    /// Whether a paragraph style is the document title.
    pub fn is_title(&self, id: &str) -> bool {
        let title = |name: &str| {
            matches!(
                name.to_lowercase().as_str(),
                "title" | "titel" | "tittel" | "rubrik"
            )
        };
        self.chain(id).any(|s| title(&s.name)) || (!self.by_id.contains_key(id) && title(id))
    }

    /// The list numbering a paragraph style carries, if any.
    pub fn numbering(&self, id: &str) -> NumRef {
        let mut out = NumRef::default();
        for style in self.chain(id) {
            out.id = out.id.or(style.num.id);
            out.level = out.level.or(style.num.level);
        }
        out
    }

    /// What a character style does to its runs.
    pub fn run_flags(&self, id: &str) -> RunFlags {
        self.chain(id)
            .fold(RunFlags::default(), |acc, style| acc.over(style.run))
    }
}

/// `heading 3`, `Heading3`, `Rubrik 3`, `Overskrift 3` → level 2.
fn heading_in_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = ["heading", "rubrik", "overskrift", "überschrift"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then(|| level - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="paragraph" w:styleId="Avtal2"><w:name w:val="Avtalspunkt"/><w:basedOn w:val="Normal"/>
        <w:pPr><w:outlineLvl w:val="1"/><w:numPr><w:numId w:val="4"/><w:ilvl w:val="1"/></w:numPr>
        <w:pPrChange><w:pPr><w:outlineLvl w:val="5"/></w:pPr></w:pPrChange></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Egen"><w:name w:val="Egen"/><w:basedOn w:val="Avtal2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/></w:style>
      <w:style w:type="character" w:styleId="Stark"><w:name w:val="Strong"/><w:rPr><w:b/><w:i w:val="0"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
      <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>
    </w:styles>"#;

    #[test]
    fn headings_titles_numbering_and_character_styles() {
        let styles = Styles::parse(STYLES.as_bytes(), "styles.xml").expect("parse");
        assert_eq!(styles.heading_level("Rubrik1"), Some(0));
        assert_eq!(
            styles.heading_level("Avtal2"),
            Some(1),
            "tracked change skipped"
        );
        assert_eq!(styles.heading_level("Egen"), Some(1), "inherited");
        assert_eq!(styles.heading_level("Normal"), None);
        assert_eq!(
            styles.heading_level("Heading3"),
            Some(2),
            "unknown id by name"
        );
        assert_eq!(styles.heading_level("A"), None, "a cycle ends");
        assert!(styles.is_title("Rubrik"));
        assert!(!styles.is_title("Rubrik1"));
        assert_eq!(
            styles.numbering("Egen"),
            NumRef {
                id: Some(4),
                level: Some(1)
            }
        );
        let strong = styles.run_flags("Stark");
        assert_eq!((strong.bold, strong.italic), (Some(true), Some(false)));
    }
}
