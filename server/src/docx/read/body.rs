//! The body of a Word document (`word/document.xml`) as a flat sequence of paragraphs and
//! tables, with tracked changes applied: insertions are taken in, deletions left out (also a
//! deleted paragraph mark, which joins two paragraphs), as "accept all changes" would.
//!
//! What a draft does not take — pictures, footnote and comment references, field instructions,
//! hidden text, a table of contents in a content control, the old properties recorded by a
//! tracked formatting change — is skipped (and counted where the importer reports it). Text is
//! collected from any run, however deeply wrapped (hyperlinks, smart tags, content controls,
//! simple fields), so no words are lost to an unusual wrapper.

use super::styles::{NumRef, RunFlags, Styles};
use super::xml::{walk, Element, Node};
use crate::docx::DocxError;
use samrad_domain::blocks::{Run, RunStyle};

/// A paragraph as Word holds it.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub style: Option<String>,
    pub outline: Option<u8>,
    pub num: NumRef,
    /// Runs with their text; `\t` for a tab, `\n` for a line break.
    pub runs: Vec<Run>,
}

impl Para {
    /// The paragraph's text.
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A block of the body.
#[derive(Debug, Clone)]
pub enum Item {
    Para(Para),
    /// A table: rows of cell texts.
    Table(Vec<Vec<String>>),
}

/// What was taken in or left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub insertions: usize,
    pub deletions: usize,
    /// Pictures, footnote, endnote and comment references.
    pub dropped: usize,
}

/// A table being read; nested tables' text joins the enclosing cell.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    row_deleted: bool,
}

#[derive(Debug, Default)]
struct Reader<'s> {
    styles: Option<&'s Styles>,
    items: Vec<Item>,
    counts: Counts,
    /// Depth of skipped elements still open (0: not skipping).
    skip: usize,
    para: Option<Para>,
    /// Runs of paragraphs whose mark was deleted, to join the next paragraph.
    joined: Vec<Run>,
    mark_deleted: bool,
    tables: Vec<Table>,
    run: Option<(RunFlags, String)>,
    hidden: bool,
    in_ppr: bool,
    in_num: bool,
    in_rpr: bool,
    in_trpr: bool,
    in_t: bool,
    /// Content controls open, and whether each is a table of contents.
    sdt: Vec<bool>,
}

/// Reads the body of `document.xml`.
pub fn parse(xml: &[u8], part: &str, styles: &Styles) -> Result<(Vec<Item>, Counts), DocxError> {
    let mut reader = Reader {
        styles: Some(styles),
        ..Reader::default()
    };
    walk(xml, part, |node| {
        reader.node(node);
        Ok(())
    })?;
    Ok((reader.items, reader.counts))
}

impl Reader<'_> {
    fn node(&mut self, node: Node<'_>) {
        match node {
            Node::Open(_) if self.skip > 0 => self.skip += 1,
            Node::Close(_) if self.skip > 0 => self.skip -= 1,
            Node::Open(e) => self.open(e),
            Node::Close(e) => self.close(e),
            Node::Text(t) if self.in_t => {
                if let Some((_, text)) = self.run.as_mut() {
                    text.push_str(t);
                }
            }
            Node::Text(_) => {}
        }
    }

    fn skip(&mut self) {
        self.skip = 1;
    }

    fn open(&mut self, e: &Element) {
        if !e.w {
            // Markup-compatibility fallbacks repeat what their choice holds.
            if e.name == "Fallback" {
                self.skip();
            }
            return;
        }
        match e.name.as_str() {
            // The old properties of a tracked formatting change.
            name if name.ends_with("Change") => self.skip(),
            "del" | "moveFrom" if self.in_rpr || self.in_ppr => self.mark_deleted = true,
            "del" if self.in_trpr => {
                if let Some(t) = self.tables.last_mut() {
                    t.row_deleted = true;
                }
            }
            "del" | "moveFrom" => {
                self.counts.deletions += 1;
                self.skip();
            }
            "ins" | "moveTo" if !self.in_rpr && !self.in_ppr && !self.in_trpr => {
                self.counts.insertions += 1
            }
            "delText" | "delInstrText" | "instrText" | "sectPr" | "fldData" | "txbxContent" => {
                self.skip()
            }
            "drawing" | "pict" | "object" | "footnoteReference" | "endnoteReference"
            | "commentReference" => {
                self.counts.dropped += 1;
                self.skip();
            }
            "sdt" => self.sdt.push(false),
            "docPartGallery" if e.attr("val").is_some_and(|v| v.contains("Contents")) => {
                if let Some(toc) = self.sdt.last_mut() {
                    *toc = true;
                }
            }
            "sdtContent" if self.sdt.last() == Some(&true) => self.skip(),
            "tbl" => self.tables.push(Table::default()),
            "trPr" => self.in_trpr = true,
            "p" => {
                self.para = Some(Para::default());
                self.mark_deleted = false;
            }
            "pPr" => self.in_ppr = true,
            "numPr" if self.in_ppr => self.in_num = true,
            "pStyle" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.style = e.attr("val").map(str::to_string);
                }
            }
            "outlineLvl" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.outline = e.attr("val").and_then(|v| v.parse().ok());
                }
            }
            "numId" if self.in_num => {
                if let Some(p) = self.para.as_mut() {
                    p.num.id = e.attr("val").and_then(|v| v.parse().ok());
                }
            }
            "ilvl" if self.in_num => {
                if let Some(p) = self.para.as_mut() {
                    p.num.level = e.attr("val").and_then(|v| v.parse().ok());
                }
            }
            "rPr" => self.in_rpr = true,
            "r" => {
                self.run = Some((RunFlags::default(), String::new()));
                self.hidden = false;
            }
            "rStyle" if self.in_rpr && !self.in_ppr => {
                let style = e.attr("val").unwrap_or_default();
                if let (Some((flags, _)), Some(styles)) = (self.run.as_mut(), self.styles) {
                    *flags = flags.over(styles.run_flags(style));
                }
            }
            "vanish" if self.in_rpr && !self.in_ppr => self.hidden = e.on(),
            name @ ("b" | "i" | "strike" | "dstrike") if self.in_rpr && !self.in_ppr => {
                if let Some((flags, _)) = self.run.as_mut() {
                    // Direct formatting wins over a character style said before or after it.
                    let mut direct = RunFlags::default();
                    direct.set(name, e.on());
                    *flags = direct.over(*flags);
                }
            }
            "t" => self.in_t = true,
            "tab" | "ptab" if !self.in_ppr => self.push_text("\t"),
            "br" if !matches!(e.attr("type"), Some("page" | "column")) => self.push_text("\n"),
            "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, t)) = self.run.as_mut() {
            t.push_str(text);
        }
    }

    fn close(&mut self, e: &Element) {
        if !e.w {
            return;
        }
        match e.name.as_str() {
            "t" => self.in_t = false,
            "pPr" => self.in_ppr = false,
            "numPr" => self.in_num = false,
            "rPr" => self.in_rpr = false,
            "trPr" => self.in_trpr = false,
            "sdt" => {
                self.sdt.pop();
            }
            "r" => {
                if let (Some((flags, text)), Some(p)) = (self.run.take(), self.para.as_mut()) {
                    if !self.hidden && !text.is_empty() {
                        let style = RunStyle {
                            strong: flags.bold == Some(true),
                            emphasis: flags.italic == Some(true),
                            strike: flags.strike == Some(true),
                            code: false,
                        };
                        p.runs.push(Run::new(text, style));
                    }
                }
            }
            "p" => self.close_paragraph(),
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    t.row
                        .push(cell.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    if !std::mem::take(&mut t.row_deleted) {
                        t.rows.push(row);
                    }
                }
            }
            "tbl" => {
                if let Some(table) = self.tables.pop() {
                    match self.tables.last_mut() {
                        // A table in a cell: its text joins the cell.
                        Some(outer) => {
                            for row in table.rows {
                                outer.cell.push(' ');
                                outer.cell.push_str(&row.join(" "));
                            }
                        }
                        None => self.items.push(Item::Table(table.rows)),
                    }
                }
            }
            _ => {}
        }
    }

    fn close_paragraph(&mut self) {
        let Some(mut para) = self.para.take() else {
            return;
        };
        if let Some(table) = self.tables.last_mut() {
            if !table.cell.is_empty() {
                table.cell.push(' ');
            }
            table.cell.push_str(&para.plain());
            return;
        }
        if self.mark_deleted {
            // The paragraph mark was deleted: this text runs on into the next paragraph.
            self.joined.append(&mut para.runs);
            return;
        }
        if !self.joined.is_empty() {
            let mut runs = std::mem::take(&mut self.joined);
            runs.append(&mut para.runs);
            para.runs = runs;
        }
        self.items.push(Item::Para(para));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> (Vec<Item>, Counts) {
        let xml = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{inner}</w:body></w:document>"
        );
        parse(xml.as_bytes(), "document.xml", &Styles::default()).expect("parse")
    }

    fn texts(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Para(p) => p.plain(),
                Item::Table(rows) => format!("{rows:?}"),
            })
            .collect()
    }

    #[test]
    fn tracked_changes_are_accepted() {
        let (items, counts) = body(
            "<w:p><w:r><w:t xml:space=\"preserve\">Regionen </w:t></w:r>\
             <w:del w:id=\"1\"><w:r><w:delText>ska</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\"><w:r><w:t>bör</w:t></w:r></w:ins>\
             <w:r><w:t xml:space=\"preserve\"> samverka.</w:t></w:r></w:p>\
             <w:p><w:pPr><w:rPr><w:del w:id=\"3\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Ett stycke </w:t></w:r></w:p>\
             <w:p><w:r><w:t>som fortsätter.</w:t></w:r></w:p>",
        );
        assert_eq!(
            texts(&items),
            vec!["Regionen bör samverka.", "Ett stycke som fortsätter."]
        );
        assert_eq!(counts.insertions, 1);
        assert_eq!(counts.deletions, 1);
    }

    #[test]
    fn formatting_tables_and_skipped_parts() {
        let (items, counts) = body(
            "<w:p><w:pPr><w:pStyle w:val=\"Rubrik2\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"4\"/></w:numPr>\
             <w:rPrChange><w:rPr><w:b/></w:rPr></w:rPrChange></w:pPr>\
             <w:hyperlink><w:r><w:rPr><w:b/><w:i w:val=\"0\"/></w:rPr><w:t>Fet</w:t></w:r></w:hyperlink>\
             <w:r><w:tab/><w:t>text</w:t><w:br/><w:t>rad</w:t></w:r>\
             <w:r><w:rPr><w:vanish/></w:rPr><w:t>dold</w:t></w:r>\
             <w:r><w:instrText>PAGEREF x</w:instrText></w:r>\
             <w:r><w:drawing><w:t>bild</w:t></w:drawing></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:trPr><w:del w:id=\"9\"/></w:trPr><w:tc><w:p><w:r><w:t>borta</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             <w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr>\
             <w:sdtContent><w:p><w:r><w:t>Innehåll</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        );
        assert_eq!(items.len(), 2, "{:?}", texts(&items));
        let Item::Para(p) = &items[0] else {
            panic!("a paragraph")
        };
        assert_eq!(p.style.as_deref(), Some("Rubrik2"));
        assert_eq!(
            p.num,
            NumRef {
                id: Some(4),
                level: Some(1)
            }
        );
        assert_eq!(p.plain(), "Fet\ttext\nrad");
        assert!(p.runs[0].style.strong && !p.runs[0].style.emphasis);
        let Item::Table(rows) = &items[1] else {
            panic!("a table")
        };
        assert_eq!(rows, &vec![vec!["A".to_string(), "B C".to_string()]]);
        assert_eq!(counts.dropped, 2);
    }
}
