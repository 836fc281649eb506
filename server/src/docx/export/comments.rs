//! Remarks as Word comments: one comment per remark, signed with the author's name and
//! organisation and dated when it was written; a reply is a reply to that comment. A question
//! or proposal says so first (a proposal with its wording), and a remark the coordinators have
//! decided on ends with the disposition.
//!
//! Where a comment goes: a remark on a range of the text is anchored to those words; a remark
//! on the whole clause — or one whose words have since been deleted — to the clause heading,
//! the deleted words quoted.

use super::text::{inline_lines, xml_safe};
use crate::docx::labels::{iso, Lang, Words};
use docx_rs::{BreakType, Comment, Paragraph, Run};
use samrad_domain::{AnchorState, Remark, RemarkKind};

/// Where a remark's comment is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// On `[start, end)` of the clause text (UTF-16 offsets into its Markdown).
    Range { start: u32, end: u32 },
    /// On the clause heading.
    Clause,
}

/// A remark thread as comments, root first, and where they go.
#[derive(Debug, Clone)]
pub struct Thread {
    pub place: Place,
    pub comments: Vec<Comment>,
}

impl Thread {
    /// The comment ids of the thread, root first.
    pub fn ids(&self) -> Vec<usize> {
        self.comments.iter().map(Comment::id).collect()
    }
}

/// Numbers comments in the order they are made.
#[derive(Debug)]
pub struct Commenter {
    lang: Lang,
    next: usize,
}

impl Commenter {
    pub fn new(lang: Lang) -> Self {
        Commenter { lang, next: 1 }
    }

    /// The comments of one thread (a remark with its replies), for a clause text of
    /// `text_len` UTF-16 units.
    pub fn thread(&mut self, remark: &Remark, text_len: u32) -> Thread {
        let (place, gone) = match remark.anchor.as_ref().map(|a| (&a.state, &a.quote)) {
            Some((AnchorState::Attached { start, end, .. }, _))
                if start < end && *end <= text_len =>
            {
                (
                    Place::Range {
                        start: *start,
                        end: *end,
                    },
                    None,
                )
            }
            Some((AnchorState::Orphaned, quote)) => (Place::Clause, Some(quote.as_str())),
            _ => (Place::Clause, None),
        };
        let root_id = self.take_id();
        let mut comments = vec![self.comment(remark, root_id, None, gone)];
        for reply in &remark.replies {
            let id = self.take_id();
            comments.push(self.comment(reply, id, Some(root_id), None));
        }
        Thread { place, comments }
    }

    fn take_id(&mut self) -> usize {
        let id = self.next;
        self.next += 1;
        id
    }

    fn comment(
        &self,
        remark: &Remark,
        id: usize,
        parent: Option<usize>,
        quote_gone: Option<&str>,
    ) -> Comment {
        let lang = self.lang;
        let author = if remark.organisation.is_empty() {
            remark.author_name.clone()
        } else {
            format!("{} ({})", remark.author_name, remark.organisation)
        };
        let mut comment = Comment::new(id)
            .author(xml_safe(&author))
            .date(iso(remark.created_ms));
        if let Some(parent) = parent {
            comment = comment.parent_comment_id(parent);
        }
        let mut lines: Vec<Vec<Run>> = Vec::new();
        match remark.kind {
            RemarkKind::Question => lines.push(label(&lang.text("kind.question", &[]), None)),
            RemarkKind::Proposal => lines.push(label(
                &lang.text("kind.proposal", &[]),
                remark
                    .proposed_text
                    .as_deref()
                    .map(|w| lang.quote(w.trim())),
            )),
            RemarkKind::Comment => {}
        }
        lines.extend(inline_lines(&remark.body));
        if let Some(quote) = quote_gone {
            let note = lang.text("docx.quote_gone", &[("quote", quote.into())]);
            lines.push(vec![Run::new().add_text(xml_safe(&note)).italic()]);
        }
        if let Some(d) = &remark.disposition {
            let value = lang.text(&format!("disposition.{}", d.value.key()), &[]);
            let mut line = vec![
                Run::new()
                    .add_text(xml_safe(&format!(
                        "{}: ",
                        lang.text("disposition.label", &[])
                    )))
                    .bold(),
                Run::new().add_text(xml_safe(&value)),
            ];
            if !d.motivation.trim().is_empty() {
                line.push(Run::new().add_text(xml_safe(&format!(" – {}", d.motivation.trim()))));
            }
            lines.push(line);
        }
        comment.add_paragraph(one_paragraph(lines))
    }
}

/// The lines of a comment in one paragraph, separated by line breaks: docx-rs 0.4.22 writes a
/// comment once for every paragraph it holds, so a comment keeps to one.
fn one_paragraph(lines: Vec<Vec<Run>>) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        for run in line {
            p = p.add_run(run);
        }
    }
    p
}

/// "Ändringsförslag: ”ny lydelse”" — the kind in bold, a proposal's quoted wording after it.
fn label(kind: &str, wording: Option<String>) -> Vec<Run> {
    let mut line = vec![Run::new().add_text(xml_safe(kind)).bold()];
    if let Some(w) = wording {
        line.push(Run::new().add_text(": "));
        line.push(Run::new().add_text(xml_safe(&w)));
    }
    line
}
