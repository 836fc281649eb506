//! Markdown in and out. The shape is the one working groups already write:
//!
//! ```text
//! # Agreement title
//! ## 1 Chapter title
//! ### 1.1 Clause heading
//! Clause text, one or more paragraphs.
//! ```
//!
//! A heading's leading number ("1", "1.1", "4.2.") becomes the chapter or clause number.

use crate::draft::split_number;
use crate::{Agreement, DomainError};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

impl Agreement {
    /// Builds a new agreement replica from Markdown.
    pub fn from_markdown(client_id: u64, markdown: &str) -> Result<Agreement, DomainError> {
        #[derive(Default)]
        struct Pending {
            number: String,
            heading: String,
            paragraphs: Vec<String>,
        }
        let agreement = Agreement::new(client_id);
        let mut chapter: Option<String> = None;
        let mut clause: Option<Pending> = None;
        let mut heading: Option<(HeadingLevel, String)> = None;
        let mut paragraph: Option<String> = None;
        let flush = |clause: &mut Option<Pending>,
                     chapter: &Option<String>|
         -> Result<(), DomainError> {
            if let Some(p) = clause.take() {
                let chapter = chapter.as_deref().ok_or_else(|| {
                    DomainError::Markdown(format!("clause {} has no chapter", p.number))
                })?;
                agreement.add_clause(chapter, &p.number, &p.heading, &p.paragraphs.join("\n\n"))?;
            }
            Ok(())
        };
        for event in Parser::new(markdown) {
            match event {
                Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
                Event::End(TagEnd::Heading(_)) => {
                    let Some((level, text)) = heading.take() else {
                        continue;
                    };
                    let (number, title) = split_number(&text);
                    match level {
                        HeadingLevel::H1 => agreement.set_title(text.trim()),
                        HeadingLevel::H2 => {
                            flush(&mut clause, &chapter)?;
                            chapter = Some(agreement.add_chapter(&number, &title));
                        }
                        _ => {
                            flush(&mut clause, &chapter)?;
                            clause = Some(Pending {
                                number,
                                heading: title,
                                paragraphs: Vec::new(),
                            });
                        }
                    }
                }
                Event::Start(Tag::Paragraph) => paragraph = Some(String::new()),
                Event::End(TagEnd::Paragraph) => {
                    if let (Some(p), Some(c)) = (paragraph.take(), clause.as_mut()) {
                        c.paragraphs.push(p);
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, h)) = heading.as_mut() {
                        h.push_str(&t);
                    } else if let Some(p) = paragraph.as_mut() {
                        p.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(p) = paragraph.as_mut() {
                        p.push(' ');
                    }
                }
                _ => {}
            }
        }
        flush(&mut clause, &chapter)?;
        if agreement.chapters().is_empty() {
            return Err(DomainError::Markdown(
                "no chapter (## heading) found".into(),
            ));
        }
        Ok(agreement)
    }

    /// The agreement as Markdown, in the shape [`Agreement::from_markdown`] reads.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n", self.title());
        let join = |n: &str, t: &str| {
            if n.is_empty() {
                t.to_string()
            } else {
                format!("{n} {t}")
            }
        };
        for chapter in self.chapters() {
            out.push_str(&format!("\n## {}\n", join(&chapter.number, &chapter.title)));
            for clause in chapter.clauses {
                out.push_str(&format!(
                    "\n### {}\n\n",
                    join(&clause.number, &clause.heading)
                ));
                out.push_str(clause.text.trim());
                out.push('\n');
            }
        }
        out
    }
}
