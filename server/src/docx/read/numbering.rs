//! Word's list numbering (`word/numbering.xml`): the labels ("4.2", "a)", "•") Word shows in
//! front of numbered headings and list paragraphs, computed as Word counts them.
//!
//! A `w:num` (what a paragraph names) points at a `w:abstractNum` (the levels: start, format,
//! label text such as `%1.%2`). Lists sharing an abstract numbering continue each other's count
//! unless a `w:num` restarts a level with `w:startOverride`, which takes effect when that list
//! is first used. Counting a level resets the levels below it.

use super::xml::{walk, Node};
use crate::docx::DocxError;
use std::collections::{HashMap, HashSet};

/// Levels Word knows (0–8).
const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// Levels restarted (`startOverride`) by this list.
    starts: HashMap<u8, u32>,
}

/// One document's numbering definitions.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, HashMap<u8, Level>>,
    nums: HashMap<u32, Num>,
}

/// A label as shown, and what kind of list it makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    /// The list level counted (0–8).
    pub level: u8,
    /// A bullet (the label is a symbol, not a number).
    pub bullet: bool,
    /// For a plain decimal label of its own level only ("3." or "3)"): the number, which a
    /// Markdown ordered list can say.
    pub ordinal: Option<u32>,
}

/// The running counts while a document is read in order.
#[derive(Debug, Default)]
pub struct Counters {
    counts: HashMap<u32, [Option<u32>; LEVELS]>,
    used: HashSet<u32>,
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub fn parse(xml: &[u8], part: &str) -> Result<Numbering, DocxError> {
        let mut out = Numbering::default();
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut override_level: Option<u8> = None;
        let mut defined: HashSet<u32> = HashSet::new();
        let mut skip = 0usize;
        let number = |v: Option<&str>| v.and_then(|v| v.trim().parse::<u32>().ok());
        walk(xml, part, |node| {
            match node {
                Node::Open(_) if skip > 0 => skip += 1,
                Node::Close(_) if skip > 0 => skip -= 1,
                // A level redefined inside a lvlOverride is rare; its restart is kept, the
                // rest of its definition is not.
                Node::Open(e) if e.is("lvl") && override_level.is_some() => skip = 1,
                Node::Open(e) if e.w => match e.name.as_str() {
                    "abstractNum" => abstract_id = number(e.attr("abstractNumId")),
                    "lvl" => {
                        let ilvl = number(e.attr("ilvl")).unwrap_or(0).min(8) as u8;
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                ..Level::default()
                            },
                        ));
                    }
                    "start" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.start = number(e.attr("val")).unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = e.attr("val").unwrap_or("decimal").to_string();
                        }
                    }
                    "lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.text = e.attr("val").unwrap_or_default().to_string();
                        }
                    }
                    "isLgl" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.legal = e.on();
                        }
                    }
                    "num" => {
                        if let Some(id) = number(e.attr("numId")) {
                            num = Some((id, Num::default()));
                        }
                    }
                    "abstractNumId" => {
                        if let Some((_, n)) = num.as_mut() {
                            n.abstract_id = number(e.attr("val")).unwrap_or(0);
                        }
                    }
                    "lvlOverride" => {
                        override_level = Some(number(e.attr("ilvl")).unwrap_or(0).min(8) as u8)
                    }
                    "startOverride" => {
                        if let (Some((_, n)), Some(l)) = (num.as_mut(), override_level) {
                            n.starts.insert(l, number(e.attr("val")).unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                // A definition repeated under the same id is ignored: the first one counts, as
                // in Word and LibreOffice.
                Node::Close(e) if e.w => match e.name.as_str() {
                    "lvl" => {
                        if let (Some(a), Some((i, l))) = (abstract_id, level.take()) {
                            if !defined.contains(&a) {
                                out.abstracts.entry(a).or_default().insert(i, l);
                            }
                        }
                    }
                    "abstractNum" => {
                        if let Some(a) = abstract_id.take() {
                            defined.insert(a);
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, n)) = num.take() {
                            out.nums.entry(id).or_insert(n);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Counts one paragraph of list `num` at `level` and returns its label; `None` for no
    /// numbering (`numId` 0, or a list the document does not define).
    pub fn next(&self, counters: &mut Counters, num: u32, level: u8) -> Option<Label> {
        let list = self.nums.get(&num)?;
        let levels = self.abstracts.get(&list.abstract_id)?;
        let level = level.min(8);
        let counts = counters.counts.entry(list.abstract_id).or_default();
        if counters.used.insert(num) {
            for l in list.starts.keys() {
                counts[*l as usize] = None;
            }
        }
        let start = |l: u8| {
            list.starts
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|d| d.start))
                .unwrap_or(1)
        };
        let i = level as usize;
        let value = counts[i].map_or(start(level), |c| c.saturating_add(1));
        counts[i] = Some(value);
        for deeper in counts.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        let def = levels.get(&level)?;
        if def.format == "bullet" {
            return Some(Label {
                text: def.text.clone(),
                level,
                bullet: true,
                ordinal: None,
            });
        }
        let mut text = def.text.clone();
        for l in (0..=level).rev() {
            let shown = counts[l as usize].unwrap_or_else(|| start(l));
            let format = match levels.get(&l) {
                Some(d) if !(def.legal && l < level) => d.format.as_str(),
                _ => "decimal",
            };
            text = text.replace(&format!("%{}", l + 1), &format_number(shown, format));
        }
        let own = [format!("%{}.", level + 1), format!("%{})", level + 1)];
        let ordinal = (def.format == "decimal" && own.contains(&def.text)).then_some(value);
        Some(Label {
            text,
            level,
            bullet: false,
            ordinal,
        })
    }
}

/// A count in one of Word's number formats (unknown formats count in decimal).
fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// Word's letters: a … z, then aa … zz, then aaa ….
fn letters(n: u32) -> String {
    if n == 0 || n > 26 * 20 {
        // Past "tttttttttttttttttttt" nobody reads letters; a crafted start value must not
        // make a label of millions of them.
        return n.to_string();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value && out.len() < 64 {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn counts_as_word_does() {
        let numbering = Numbering::parse(NUMBERING.as_bytes(), "numbering.xml").expect("parse");
        let mut c = Counters::default();
        let mut label = |num, level| numbering.next(&mut c, num, level).map(|l| l.text);
        assert_eq!(label(1, 0).as_deref(), Some("1"));
        assert_eq!(label(1, 1).as_deref(), Some("1.1"));
        assert_eq!(label(1, 1).as_deref(), Some("1.2"));
        assert_eq!(label(1, 2).as_deref(), Some("a)"));
        assert_eq!(label(1, 2).as_deref(), Some("b)"));
        assert_eq!(label(1, 0).as_deref(), Some("2"));
        assert_eq!(
            label(1, 1).as_deref(),
            Some("2.1"),
            "a new chapter restarts its clauses"
        );
        assert_eq!(label(2, 0).as_deref(), Some("•"));
        assert_eq!(label(2, 1).as_deref(), Some("1."));
        assert_eq!(label(2, 1).as_deref(), Some("2."));
        assert_eq!(
            label(3, 1).as_deref(),
            Some("1."),
            "startOverride restarts the list"
        );
        assert_eq!(label(9, 0), None);
        let mut c = Counters::default();
        let item = numbering.next(&mut c, 2, 1).expect("label");
        assert_eq!(item.ordinal, Some(1));
        assert_eq!(numbering.next(&mut c, 1, 1).map(|l| l.ordinal), Some(None));
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(3, "ordinalText"), "3");
    }
}
