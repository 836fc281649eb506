//! Relationship parts (`_rels/.rels`, `word/_rels/document.xml.rels`): where the package keeps
//! its main document, and where that document keeps its styles and numbering.

use super::xml::{walk, Node};
use crate::docx::DocxError;

/// The relationships of one part: (type, resolved target path).
#[derive(Debug, Default)]
pub struct Rels {
    targets: Vec<(String, String)>,
}

impl Rels {
    /// Reads a relationship part whose source part lives in `base` (e.g. `word/`).
    pub fn parse(xml: &[u8], part: &str, base: &str) -> Result<Rels, DocxError> {
        let mut rels = Rels::default();
        walk(xml, part, |node| {
            if let Node::Open(e) = node {
                if e.name == "Relationship" && e.attr("TargetMode") != Some("External") {
                    if let (Some(kind), Some(target)) = (e.attr("Type"), e.attr("Target")) {
                        rels.targets.push((kind.to_string(), resolve(base, target)));
                    }
                }
            }
            Ok(())
        })?;
        Ok(rels)
    }

    /// The target of the first relationship whose type ends with `/kind`.
    pub fn target(&self, kind: &str) -> Option<&str> {
        let suffix = format!("/{kind}");
        self.targets
            .iter()
            .find(|(k, _)| k.ends_with(&suffix))
            .map(|(_, t)| t.as_str())
    }
}

/// A target relative to `base` (or absolute from the package root), with `..` resolved.
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The folder of a part path, with its trailing slash (`word/document.xml` → `word/`).
pub fn folder(part: &str) -> &str {
    part.rfind('/').map_or("", |i| &part[..=i])
}

/// The relationship part of `part` (`word/document.xml` → `word/_rels/document.xml.rels`).
pub fn rels_of(part: &str) -> String {
    let name = part.rsplit('/').next().unwrap_or(part);
    format!("{}_rels/{name}.rels", folder(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        let xml = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
          <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="../word/./numbering.xml"/>
          <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://x" TargetMode="External"/>
        </Relationships>"#;
        let rels = Rels::parse(xml, "rels", "word/").expect("parse");
        assert_eq!(rels.target("styles"), Some("word/styles.xml"));
        assert_eq!(rels.target("numbering"), Some("word/numbering.xml"));
        assert_eq!(rels.target("hyperlink"), None);
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(folder("word/document.xml"), "word/");
    }
}
