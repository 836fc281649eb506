//! The coordinators' response to what the organisations said on a clause — the *bemötande* of
//! a remissammanställning, the *vurdering* of a høringsoppsummering: one text per clause that
//! the coordinators write together while the answers come in and are compiled. It is a Y.Text,
//! as a clause's wording is, so two coordinators typing in it at once merge character by
//! character and each sees the other's words arrive.
//!
//! A clause's response is created the first time a coordinator writes one (the entry holds the
//! text and who last changed it, when). Should two coordinators create the same clause's
//! response at the same moment without seeing each other's, one creation wins and the other's
//! first words are lost, as with any Y.Map entry written twice at once; the app opens the entry
//! (an empty text) as the editor opens, before anyone types, so what is lost is at most that.

use crate::fields::{number, string, submap, text};
use crate::guard::{forbid, Ctx, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, clause as C, response as R, Val};
use crate::textedit::{apply_change, splice};
use crate::{Agreement, ClauseId, DomainError, Participant, ParticipantId};
use yrs::{GetString, Map, ReadTxn, TextRef, Transact, TransactionMut};

/// How often one coordinator's continued typing moves the response's "last changed" on.
const UPDATED_EVERY_MS: f64 = 60_000.0;

/// A clause's response as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub clause: ClauseId,
    pub text: String,
    /// The coordinator who last changed it, and when (to the minute while they keep typing).
    pub updated_by: ParticipantId,
    pub updated_ms: f64,
}

impl Agreement {
    /// Opens `clause`'s response for writing, as a coordinator: creates it (empty) if it has
    /// none, and changes nothing if it has.
    pub fn open_response(
        &self,
        actor: &Participant,
        clause: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Respond)?;
        let mut txn = self.doc.transact_mut();
        self.response_text(&mut txn, actor, clause, now_ms)?;
        Ok(())
    }

    /// Edits `clause`'s response in place, as a coordinator: deletes `delete` UTF-16 units at
    /// `index`, then inserts `insert` (a keystroke in the editor).
    pub fn edit_response(
        &self,
        actor: &Participant,
        clause: &str,
        (index, delete, insert): (u32, u32, &str),
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Respond)?;
        let mut txn = self.doc.transact_mut();
        let text = self.response_text(&mut txn, actor, clause, now_ms)?;
        splice(&mut txn, &text, (index, delete, insert))
    }

    /// Replaces `clause`'s whole response, as a coordinator. Only the words that differ are
    /// rewritten, so a co-coordinator's typing elsewhere in it stays.
    pub fn set_response(
        &self,
        actor: &Participant,
        clause: &str,
        new_text: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Respond)?;
        let mut txn = self.doc.transact_mut();
        let text = self.response_text(&mut txn, actor, clause, now_ms)?;
        let old = text.get_string(&txn);
        apply_change(&mut txn, &text, 0, &old, new_text);
        Ok(())
    }

    /// The response's text, created if the clause has none; who and when are brought up to
    /// date either way.
    fn response_text(
        &self,
        txn: &mut TransactionMut,
        actor: &Participant,
        clause: &str,
        now_ms: f64,
    ) -> Result<TextRef, DomainError> {
        if submap(&self.clauses, txn, clause).is_none() {
            return Err(DomainError::UnknownClause(clause.to_string()));
        }
        if let Some(entry) = submap(&self.responses, txn, clause) {
            if let Some(t) = text(&entry, txn, R::TEXT.name) {
                // Who and when are rewritten when someone else writes, or a minute on: not on
                // every keystroke, which would double what typing adds to the document.
                let by = string(&entry, txn, R::UPDATED_BY.name);
                let at = number(&entry, txn, R::UPDATED.name);
                if by != actor.id || now_ms - at >= UPDATED_EVERY_MS {
                    schema::set(txn, &R::ROOT, &entry, &R::UPDATED_BY, Val::Str(&actor.id));
                    schema::set(txn, &R::ROOT, &entry, &R::UPDATED, Val::Num(now_ms));
                }
                return Ok(t);
            }
        }
        let entry = schema::entry(
            &R::ROOT,
            vec![
                (&R::TEXT, Val::Text("")),
                (&R::UPDATED_BY, Val::Str(&actor.id)),
                (&R::UPDATED, Val::Num(now_ms)),
            ],
        );
        let entry = self.responses.insert(txn, clause, entry);
        text(&entry, txn, R::TEXT.name).ok_or_else(|| DomainError::UnknownClause(clause.into()))
    }

    /// `clause`'s response, if one has been written.
    pub fn response(&self, clause: &str) -> Option<Response> {
        let txn = self.doc.transact();
        self.read_response(&txn, clause)
    }

    pub(crate) fn read_response<T: ReadTxn>(&self, txn: &T, clause: &str) -> Option<Response> {
        let entry = submap(&self.responses, txn, clause)?;
        Some(Response {
            clause: clause.to_string(),
            text: text(&entry, txn, R::TEXT.name)?.get_string(txn),
            updated_by: string(&entry, txn, R::UPDATED_BY.name),
            updated_ms: number(&entry, txn, R::UPDATED.name),
        })
    }
}

/// The server's rules for responses: coordinators write them, while they may respond, on
/// clauses that exist, in their own name; nobody removes one.
impl Agreement {
    pub(crate) fn judge_response(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", R::ROOT.name, e.key);
        ctx.allow(&what, Action::Respond)?;
        if e.replaces {
            return Err(forbid(&what, "a clause has one response, written into"));
        }
        if !self.entry_exists(ctx, C::ROOT.name, &e.key) {
            return Err(forbid(
                &what,
                &DomainError::UnknownClause(e.key.to_string()).to_string(),
            ));
        }
        if !e.values(&R::TEXT).any(|v| *v == Judged::Text) {
            return Err(forbid(&what, "a response is a text"));
        }
        self.judge_response_author(ctx, e.str(&R::UPDATED_BY), e.num(&R::UPDATED), &what)
    }

    /// Who and when, as a response is changed: the writer, at a time that can be.
    pub(crate) fn judge_response_author(
        &self,
        ctx: &Ctx,
        by: Option<&str>,
        at: Option<f64>,
        what: &str,
    ) -> Result<(), Refusal> {
        ctx.allow(what, Action::Respond)?;
        if let Some(by) = by {
            ctx.is_writer(what, R::UPDATED_BY.name, Some(by))?;
        }
        if let Some(at) = at {
            ctx.claimed_time(what, at)?;
        }
        Ok(())
    }

    /// Who and when set on an existing response.
    pub(crate) fn judge_response_set(
        &self,
        ctx: &Ctx,
        set: &crate::guard::FieldSet,
    ) -> Result<(), Refusal> {
        let what = format!("{}/{}/{}", R::ROOT.name, set.entry, set.field.name);
        match set.value {
            Judged::Str(by) if set.field.name == R::UPDATED_BY.name => {
                self.judge_response_author(ctx, Some(by), None, &what)
            }
            Judged::Num(at) if set.field.name == R::UPDATED.name => {
                self.judge_response_author(ctx, None, Some(at), &what)
            }
            _ => Err(forbid(&what, "only who and when change on a response")),
        }
    }

    /// Characters typed into or deleted from a response.
    pub(crate) fn judge_response_text(&self, ctx: &Ctx, clause: &str) -> Result<(), Refusal> {
        let what = format!("{}/{clause}/{}", R::ROOT.name, R::TEXT.name);
        ctx.allow(&what, Action::Respond)
    }
}
