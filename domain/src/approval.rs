//! Chapter approvals ("Kapittel 1–5 godkjent av ASU 17. april 2024"): a coordinator records
//! that a named body approved a chapter, or a range of chapters, on a date. An approved
//! chapter's wording is locked: neither the app nor a hand-made update edits it (the guard's
//! text rule asks [`Agreement::locked_chapter_of`]) until a coordinator reopens the chapter
//! with a reason, which is kept beside the approval. Approving it again locks it again.
//!
//! The approval lives in the chapter's own entry (optional fields declared in the schema), so
//! it travels with the outline: the views that show chapters re-read it with them.

use crate::fields::{opt_number, opt_string, string, submap};
use crate::guard::{forbid, Ctx, FieldSet, Judged, Refusal};
use crate::permission::Action;
use crate::schema::{self, chapter as K, clause as C, Field, Val};
use crate::{Agreement, DomainError, Participant};
use yrs::{ReadTxn, Transact};

/// Longest name of an approving body (characters).
pub const MAX_APPROVAL_BODY: usize = 120;
/// Longest reason for reopening an approved chapter (characters).
pub const MAX_REOPEN_REASON: usize = 500;

/// The fields an approval or a reopening writes.
pub(crate) const APPROVAL_FIELDS: [Field; 7] = [
    K::APPROVED_BODY,
    K::APPROVED_ON,
    K::APPROVED_BY,
    K::APPROVED_AT,
    K::REOPEN_REASON,
    K::REOPENED_BY,
    K::REOPENED_AT,
];

pub(crate) fn is_approval_field(field: &Field) -> bool {
    APPROVAL_FIELDS.iter().any(|f| f.name == field.name)
}

/// A chapter's approval, and its reopening if a coordinator reopened it since.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    /// The body that approved it ("ASU").
    pub body: String,
    /// The day it approved it (ms since the epoch).
    pub on_ms: f64,
    /// The coordinator who recorded it, and when.
    pub by: String,
    pub at_ms: f64,
    /// Who reopened it, why and when — only when that came after the approval.
    pub reopened: Option<Reopening>,
}

/// A coordinator reopening an approved chapter for edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Reopening {
    pub by: String,
    pub reason: String,
    pub at_ms: f64,
}

impl Approval {
    /// Whether the chapter's wording is locked.
    pub fn locks(&self) -> bool {
        self.reopened.is_none()
    }
}

impl Agreement {
    /// Records that `body` approved `chapters` on `on_ms` (coordinators; any phase but closed).
    pub fn approve_chapters(
        &self,
        actor: &Participant,
        chapters: &[String],
        body: &str,
        on_ms: f64,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let body = body.trim();
        if body.is_empty() || chapters.is_empty() {
            return Err(DomainError::Empty);
        }
        if body.chars().count() > MAX_APPROVAL_BODY {
            return Err(DomainError::TooLong(MAX_APPROVAL_BODY));
        }
        let mut txn = self.doc.transact_mut();
        for id in chapters {
            let map = submap(&self.chapters, &txn, id)
                .ok_or_else(|| DomainError::UnknownChapter(id.clone()))?;
            let fields = [
                (&K::APPROVED_BODY, Val::Str(body)),
                (&K::APPROVED_ON, Val::Num(on_ms)),
                (&K::APPROVED_BY, Val::Str(&actor.id)),
                (&K::APPROVED_AT, Val::Num(now_ms)),
            ];
            for (field, value) in fields {
                schema::set(&mut txn, &K::ROOT, &map, field, value);
            }
        }
        Ok(())
    }

    /// Reopens an approved chapter for edits, saying why (coordinators).
    pub fn reopen_chapter(
        &self,
        actor: &Participant,
        chapter: &str,
        reason: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::Empty);
        }
        if reason.chars().count() > MAX_REOPEN_REASON {
            return Err(DomainError::TooLong(MAX_REOPEN_REASON));
        }
        if !self.chapter_approval(chapter).is_some_and(|a| a.locks()) {
            return Err(DomainError::NotApproved(chapter.to_string()));
        }
        let mut txn = self.doc.transact_mut();
        let map = submap(&self.chapters, &txn, chapter)
            .ok_or_else(|| DomainError::UnknownChapter(chapter.to_string()))?;
        schema::set(
            &mut txn,
            &K::ROOT,
            &map,
            &K::REOPEN_REASON,
            Val::Str(reason),
        );
        schema::set(
            &mut txn,
            &K::ROOT,
            &map,
            &K::REOPENED_BY,
            Val::Str(&actor.id),
        );
        schema::set(&mut txn, &K::ROOT, &map, &K::REOPENED_AT, Val::Num(now_ms));
        Ok(())
    }

    /// A chapter's approval, if it has one.
    pub fn chapter_approval(&self, chapter: &str) -> Option<Approval> {
        self.approval_in(&self.doc.transact(), chapter)
    }

    fn approval_in<T: ReadTxn>(&self, txn: &T, chapter: &str) -> Option<Approval> {
        let map = submap(&self.chapters, txn, chapter)?;
        let body = opt_string(&map, txn, K::APPROVED_BODY.name)?;
        let at_ms = opt_number(&map, txn, K::APPROVED_AT.name).unwrap_or_default();
        let reopened = opt_number(&map, txn, K::REOPENED_AT.name)
            .filter(|r| *r >= at_ms)
            .map(|r| Reopening {
                by: string(&map, txn, K::REOPENED_BY.name),
                reason: string(&map, txn, K::REOPEN_REASON.name),
                at_ms: r,
            });
        Some(Approval {
            body,
            on_ms: opt_number(&map, txn, K::APPROVED_ON.name).unwrap_or_default(),
            by: string(&map, txn, K::APPROVED_BY.name),
            at_ms,
            reopened,
        })
    }

    /// The number of the approved chapter `clause` is in, when that locks its wording.
    pub fn locked_chapter_of(&self, clause: &str) -> Option<String> {
        let txn = self.doc.transact();
        self.locked_chapter_in(&txn, clause)
    }

    fn locked_chapter_in<T: ReadTxn>(&self, txn: &T, clause: &str) -> Option<String> {
        let chapter = string(&submap(&self.clauses, txn, clause)?, txn, C::CHAPTER.name);
        let locked = self.approval_in(txn, &chapter)?.locks();
        let number = submap(&self.chapters, txn, &chapter)
            .map(|m| string(&m, txn, K::NUMBER.name))
            .unwrap_or_default();
        locked.then_some(number)
    }

    /// A clause's wording for writing: refused in an approved chapter.
    pub(crate) fn writable_text_ref<T: ReadTxn>(
        &self,
        txn: &T,
        clause: &str,
    ) -> Result<yrs::TextRef, DomainError> {
        if let Some(chapter) = self.locked_chapter_in(txn, clause) {
            return Err(DomainError::ChapterApproved(chapter));
        }
        self.clause_text_ref(txn, clause)
    }

    /// The server's rule for an approval field set on a chapter: coordinators record it, in
    /// their own name, at a time that is now; the body is named; a chapter is reopened only
    /// while approved, with a reason.
    pub(crate) fn judge_approval(&self, ctx: &Ctx, set: &FieldSet) -> Result<(), Refusal> {
        let what = format!("{}/{}/{}", set.root.name, set.entry, set.field.name);
        ctx.allow(&what, Action::Manage)?;
        let text = |max: usize| match &set.value {
            Judged::Str(s) if !s.trim().is_empty() && s.chars().count() <= max => Ok(()),
            _ => Err(forbid(
                &what,
                &format!("{} must be 1 to {max} characters", set.field.name),
            )),
        };
        match set.field.name {
            n if n == K::APPROVED_BODY.name => text(MAX_APPROVAL_BODY),
            n if n == K::APPROVED_BY.name || n == K::REOPENED_BY.name => {
                let who = match &set.value {
                    Judged::Str(s) => Some(*s),
                    _ => None,
                };
                ctx.is_writer(&what, set.field.name, who)
            }
            n if n == K::APPROVED_AT.name || n == K::REOPENED_AT.name => match set.value {
                Judged::Num(at) => ctx.claimed_time(&what, at),
                _ => Err(forbid(&what, "a time is a number")),
            },
            n if n == K::REOPEN_REASON.name => {
                text(MAX_REOPEN_REASON)?;
                match self.chapter_approval(&set.entry) {
                    Some(a) if a.locks() => Ok(()),
                    _ => Err(forbid(
                        &what,
                        &DomainError::NotApproved(set.entry.to_string()).to_string(),
                    )),
                }
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{demo, DomainError};

    #[test]
    fn an_approved_chapter_is_locked_until_reopened_with_a_reason() {
        let a = demo::agreement(1, 1.0).expect("demo");
        let people = demo::participants();
        let (karin, erik) = (&people[0], &people[1]);
        let chapters = a.chapters();
        let first = chapters[0].id.clone();
        let clause = chapters[0].clauses[0].id.clone();
        assert!(matches!(
            a.approve_chapters(erik, std::slice::from_ref(&first), "ASU", 2.0, 3.0),
            Err(DomainError::NotAllowed { .. })
        ));
        a.approve_chapters(karin, std::slice::from_ref(&first), " ASU ", 2.0, 3.0)
            .expect("approve");
        let approval = a.chapter_approval(&first).expect("approved");
        assert_eq!((approval.body.as_str(), approval.locks()), ("ASU", true));
        assert_eq!(
            a.set_clause_text(karin, &clause, "Ändrat."),
            Err(DomainError::ChapterApproved(chapters[0].number.clone()))
        );
        let other = chapters[1].clauses[0].id.clone();
        a.set_clause_text(karin, &other, "Annat kapitel.")
            .expect("not locked");
        assert_eq!(
            a.reopen_chapter(karin, &first, "  ", 4.0),
            Err(DomainError::Empty)
        );
        a.reopen_chapter(karin, &first, "Ny lag från 1 juli", 4.0)
            .expect("reopen");
        let approval = a.chapter_approval(&first).expect("kept");
        assert_eq!(
            approval.reopened.map(|r| r.reason),
            Some("Ny lag från 1 juli".to_string())
        );
        a.set_clause_text(karin, &clause, "Ändrat.")
            .expect("reopened");
        assert_eq!(
            a.reopen_chapter(karin, &first, "igen", 5.0),
            Err(DomainError::NotApproved(first.clone()))
        );
        a.approve_chapters(karin, std::slice::from_ref(&first), "ASU", 6.0, 6.0)
            .expect("again");
        assert!(
            a.locked_chapter_of(&clause).is_some(),
            "approved again, locked again"
        );
    }
}
