//! A streaming walk over one XML part: elements by local name (and whether they are in the
//! WordprocessingML namespace), their attributes, and text with references resolved. Built on
//! quick-xml's namespace reader, which checks that every end tag matches its start; elements
//! nested deeper than [`MAX_DEPTH`] are refused, so no reader after this one recurses without
//! bound on a crafted file.

use crate::docx::DocxError;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use quick_xml::XmlVersion;

/// WordprocessingML's namespace, transitional and strict.
const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Deepest element nesting accepted. Word's own documents stay well below 40.
pub const MAX_DEPTH: usize = 200;

/// An element: its local name, whether it is WordprocessingML, and its attributes by local name.
#[derive(Debug, Clone)]
pub struct Element {
    pub w: bool,
    pub name: String,
    attrs: Vec<(String, String)>,
}

impl Element {
    /// The value of the attribute with this local name (`val` finds `w:val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is the WordprocessingML element `name`.
    pub fn is(&self, name: &str) -> bool {
        self.w && self.name == name
    }

    /// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
    pub fn on(&self) -> bool {
        !matches!(self.attr("val"), Some("0" | "false" | "off" | "none"))
    }
}

/// What the walk reports.
#[derive(Debug)]
pub enum Node<'a> {
    Open(&'a Element),
    Close(&'a Element),
    Text(&'a str),
}

fn damaged(part: &str, detail: impl std::fmt::Display) -> DocxError {
    DocxError::Damaged(format!("{part}: {detail}"))
}

/// Walks `xml`, calling `visit` for every element opened and closed and every stretch of text.
pub fn walk(
    xml: &[u8],
    part: &str,
    mut visit: impl FnMut(Node<'_>) -> Result<(), DocxError>,
) -> Result<(), DocxError> {
    let mut reader = NsReader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let decoder = reader.decoder();
    let mut buf = Vec::new();
    let mut open: Vec<Element> = Vec::new();
    loop {
        buf.clear();
        let (namespace, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| damaged(part, e))?;
        let w = matches!(namespace, ResolveResult::Bound(ns) if W_NAMESPACES.contains(&ns.0));
        match event {
            Event::Start(start) => {
                if open.len() >= MAX_DEPTH {
                    return Err(damaged(part, "elements nested too deeply"));
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let mut attrs = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| damaged(part, e))?;
                    let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
                    let value = attr
                        .decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
                        .map_err(|e| damaged(part, e))?;
                    attrs.push((key, value.into_owned()));
                }
                open.push(Element { w, name, attrs });
                if let Some(element) = open.last() {
                    visit(Node::Open(element))?;
                }
            }
            Event::End(_) => {
                let element = open
                    .pop()
                    .ok_or_else(|| damaged(part, "unbalanced end tag"))?;
                visit(Node::Close(&element))?;
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|e| damaged(part, e))?;
                visit(Node::Text(&text))?;
            }
            Event::CData(data) => {
                let text = data.decode().map_err(|e| damaged(part, e))?;
                visit(Node::Text(&text))?;
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().map_err(|e| damaged(part, e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = reference.decode().map_err(|e| damaged(part, e))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| damaged(part, format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                visit(Node::Text(&resolved))?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(damaged(part, "the XML ends inside an element"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn texts(xml: &str) -> Result<String, DocxError> {
        let mut out = String::new();
        walk(xml.as_bytes(), "test.xml", |node| {
            match node {
                Node::Open(e) if e.is("t") => out.push('['),
                Node::Close(e) if e.is("t") => out.push(']'),
                Node::Text(t) => out.push_str(t),
                _ => {}
            }
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn resolves_references_and_namespaces() {
        let xml =
            format!("<w:p {W}><w:t>A &amp; B &#246;</w:t><x:t xmlns:x=\"urn:x\">C</x:t></w:p>");
        assert_eq!(texts(&xml).expect("walk"), "[A & B ö]C");
    }

    #[test]
    fn refuses_malformed_and_deep_xml() {
        assert!(matches!(texts("<a><b></a>"), Err(DocxError::Damaged(_))));
        assert!(matches!(texts("<a>"), Err(DocxError::Damaged(_))));
        assert!(matches!(
            texts("<a>&bogus;</a>"),
            Err(DocxError::Damaged(_))
        ));
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert!(matches!(texts(&deep), Err(DocxError::Damaged(_))));
        let fine = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(texts(&fine).is_ok());
    }
}
