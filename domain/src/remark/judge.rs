//! The server's rules for remarks (see guard.rs for how an update comes to be judged): a new
//! remark must be true, and only its author changes it, as the domain's own operations would.
//!
//! A new remark is true when its author, organisation, role and displayed name are the writer's
//! (the name as the participant record has it); its claimed writing time is neither in the
//! future nor before the agreement (what is shown is the server's stamp, stamp.rs); its phase is
//! a phase and its version one that exists; its clause exists and is not removed; a reply's
//! parent is a top-level remark on the same clause and the reply is a comment; its kind is one
//! the writer's role may write in the current phase; every mention names a participant; a
//! proposal on the whole clause was written on a wording the clause really had; and its
//! anchors decode and point into that clause's text. Everything here may also come from the same
//! update (a remark and its reply, written offline, arrive together).

use super::{writing_action, RemarkKind};
use crate::chars;
use crate::fields::{boolean, opt_string, string, submap};
use crate::guard::{forbid, Ctx, FieldSet, Judged, NewEntry, Refusal};
use crate::schema::{clause as C, remark as R, version as V};
use crate::{Agreement, DomainError, Participant};
use yrs::updates::decoder::Decode;
use yrs::{IndexScope, Map, StickyIndex, Transact, ID};

/// What the rules need to know of an existing remark, or of one in the same update.
pub(crate) struct Facts {
    pub clause: String,
    pub parent: Option<String>,
    pub kind: Option<RemarkKind>,
    pub author: String,
    pub withdrawn: bool,
}

impl Agreement {
    /// A new remark, proposal or reply.
    pub(crate) fn judge_remark(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", R::ROOT.name, e.key);
        let refuse = |reason: &str| forbid(&what, reason);
        if e.replaces {
            return Err(refuse("a remark is never replaced"));
        }
        let kind = e.str(&R::KIND).and_then(RemarkKind::from_key);
        let parent = e.str(&R::PARENT);
        if parent.is_some() && kind != Some(RemarkKind::Comment) {
            return Err(refuse("a reply is a comment"));
        }
        ctx.allow(&what, writing_action(parent.is_some(), kind))?;
        self.judge_remark_author(ctx, &what, e)?;
        for value in e.values(&R::CREATED).chain(e.values(&R::EDITED)) {
            if let Judged::Num(at) = value {
                ctx.claimed_time(&what, *at)?;
            }
        }
        if let Some(version) = e.str(&R::VERSION) {
            if !self.entry_exists(ctx, V::ROOT.name, version) {
                return Err(refuse("the version does not exist"));
            }
        }
        let clause = e.str(&R::CLAUSE).unwrap_or_default();
        if !self.clause_is_live(ctx, clause) {
            return Err(refuse(
                &DomainError::UnknownClause(clause.into()).to_string(),
            ));
        }
        if let Some(parent) = parent {
            match self.remark_facts(ctx, parent) {
                Some(p) if p.parent.is_none() && p.clause == clause => {}
                Some(_) => {
                    return Err(refuse(
                        "a reply answers a top-level remark on the same clause",
                    ))
                }
                None => {
                    return Err(refuse(
                        &DomainError::UnknownRemark(parent.into()).to_string(),
                    ))
                }
            }
        }
        judge_wording(&what, kind, e.values(&R::BODY), e.values(&R::PROPOSED_TEXT))?;
        if kind == Some(RemarkKind::Proposal) && !e.has(&R::PROPOSED_TEXT) {
            return Err(refuse("a proposal proposes wording"));
        }
        if e.values(&R::WITHDRAWN).any(|v| *v != Judged::Bool(true)) {
            return Err(refuse("a remark is only ever withdrawn"));
        }
        self.judge_mentions(&what, e)?;
        self.judge_written_on(&what, e, kind, clause)?;
        self.judge_anchor(ctx, &what, e, clause, parent.is_some())
    }

    /// The wording a proposal on the whole clause was written on is one the clause really had
    /// (wording.rs): otherwise its "written on earlier wording" would show words nobody wrote.
    fn judge_written_on(
        &self,
        what: &str,
        e: &NewEntry,
        kind: Option<RemarkKind>,
        clause: &str,
    ) -> Result<(), Refusal> {
        let Some(claimed) = e.str(&R::WRITTEN_ON) else {
            return Ok(());
        };
        if kind != Some(RemarkKind::Proposal) || e.has(&R::QUOTE) {
            return Err(forbid(
                what,
                "only a proposal on the whole clause says which wording it was written on",
            ));
        }
        if !self.had_wording(clause, claimed) {
            return Err(forbid(
                what,
                "the wording it was written on is not one the clause has had",
            ));
        }
        Ok(())
    }

    /// The author fields name the writer, as the server knows them.
    fn judge_remark_author(&self, ctx: &Ctx, what: &str, e: &NewEntry) -> Result<(), Refusal> {
        let writer: &Participant = ctx.writer;
        ctx.is_writer(what, R::AUTHOR.name, e.str(&R::AUTHOR))?;
        if e.str(&R::ORGANISATION) != Some(writer.organisation.as_str())
            || e.str(&R::ROLE) != Some(writer.role.key())
        {
            return Err(forbid(
                what,
                "a remark's organisation and role must be its writer's",
            ));
        }
        let registered = {
            let txn = self.doc.transact();
            submap(&self.participants, &txn, &writer.id)
                .and_then(|p| opt_string(&p, &txn, crate::schema::participant::NAME.name))
        };
        if e.str(&R::AUTHOR_NAME) != Some(registered.as_deref().unwrap_or(&writer.name)) {
            return Err(forbid(what, "a remark's author name must be its writer's"));
        }
        Ok(())
    }

    fn judge_mentions(&self, what: &str, e: &NewEntry) -> Result<(), Refusal> {
        let txn = self.doc.transact();
        for value in e.values(&R::MENTIONS) {
            if let Judged::Strings(ids) = value {
                if let Some(unknown) = ids
                    .iter()
                    .find(|id| !self.participants.contains_key(&txn, id))
                {
                    return Err(forbid(
                        what,
                        &format!("the mention {unknown:?} names no participant"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// An anchor decodes and points into `clause`'s text; a reply has none.
    fn judge_anchor(
        &self,
        ctx: &Ctx,
        what: &str,
        e: &NewEntry,
        clause: &str,
        reply: bool,
    ) -> Result<(), Refusal> {
        let parts = [
            &R::ANCHOR_START,
            &R::ANCHOR_END,
            &R::QUOTE,
            &R::PREFIX,
            &R::SUFFIX,
            &R::QUOTED,
        ];
        if !parts.iter().any(|f| e.has(f)) {
            return Ok(());
        }
        let refuse = |reason: &str| Err(forbid(what, reason));
        if reply || !(e.has(&R::ANCHOR_START) && e.has(&R::ANCHOR_END) && e.has(&R::QUOTE)) {
            return refuse("an anchor has a start, an end and a quote, and a reply has none");
        }
        for field in [&R::ANCHOR_START, &R::ANCHOR_END] {
            for value in e.values(field) {
                let Judged::Bytes(bytes) = value else {
                    return refuse("an anchor is an encoded position");
                };
                let Ok(index) = StickyIndex::decode_v1(bytes) else {
                    return refuse("an anchor is an encoded position");
                };
                let inside = match index.scope() {
                    IndexScope::Relative(id) => ctx.clause_holding(plain(id)),
                    IndexScope::Nested(id) => ctx.clause_of_text(plain(id)),
                    IndexScope::Root(_) => None,
                };
                if inside.as_deref() != Some(clause) {
                    return refuse("an anchor points into its clause's text");
                }
            }
        }
        for value in e.values(&R::QUOTED) {
            let runs = match value {
                Judged::Bytes(bytes) => chars::decode(bytes),
                _ => None,
            };
            let Some(runs) = runs else {
                return refuse("the quoted characters are runs of ids");
            };
            for run in runs {
                let ends = [run.clock, run.clock.saturating_add(run.len.max(1) - 1)];
                for clock in ends {
                    let id = crate::wire::Id {
                        client: run.client,
                        clock,
                    };
                    if ctx.clause_holding(id).as_deref() != Some(clause) {
                        return refuse("the quoted characters are in its clause's text");
                    }
                }
            }
        }
        Ok(())
    }

    /// A field of an existing remark: only its author changes it, as `edit_remark` and
    /// `withdraw_remark` would — while not withdrawn, and while their role may write such a
    /// remark in the current phase.
    pub(crate) fn judge_remark_edit(&self, ctx: &Ctx, set: &FieldSet) -> Result<(), Refusal> {
        let what = format!("{}/{}/{}", R::ROOT.name, set.entry, set.field.name);
        let Some(remark) = self.remark_facts(ctx, &set.entry) else {
            return Err(forbid(&what, "no such remark"));
        };
        if remark.author != ctx.writer.id {
            return Err(forbid(
                &what,
                &DomainError::NotAuthor(set.entry.to_string()).to_string(),
            ));
        }
        if remark.withdrawn {
            return Err(forbid(
                &what,
                &DomainError::Withdrawn(set.entry.to_string()).to_string(),
            ));
        }
        ctx.allow(&what, writing_action(remark.parent.is_some(), remark.kind))?;
        let rewording = [R::BODY.name, R::PROPOSED_TEXT.name, R::EDITED.name];
        if rewording.contains(&set.field.name) && self.has_disposition(ctx, &set.entry) {
            return Err(forbid(
                &what,
                &DomainError::Disposed(set.entry.to_string()).to_string(),
            ));
        }
        let value = std::iter::once(&set.value);
        match set.field.name {
            n if n == R::BODY.name => judge_wording(&what, remark.kind, value, std::iter::empty()),
            n if n == R::PROPOSED_TEXT.name => {
                if remark.kind != Some(RemarkKind::Proposal) {
                    return Err(forbid(&what, "only a proposal has proposed wording"));
                }
                judge_wording(&what, remark.kind, std::iter::empty(), value)
            }
            n if n == R::EDITED.name => match set.value {
                Judged::Num(at) => ctx.claimed_time(&what, at),
                _ => Err(forbid(&what, "must be a time")),
            },
            n if n == R::WITHDRAWN.name && set.value == Judged::Bool(true) => Ok(()),
            _ => Err(forbid(&what, "a remark is only ever withdrawn")),
        }
    }

    /// What the rules need of remark `id`, from this update or the document.
    pub(crate) fn remark_facts(&self, ctx: &Ctx, id: &str) -> Option<Facts> {
        if let Some(e) = ctx.changes.new_entries(&R::ROOT, id).next() {
            return Some(Facts {
                clause: e.str(&R::CLAUSE)?.to_string(),
                parent: e.str(&R::PARENT).map(str::to_string),
                kind: e.str(&R::KIND).and_then(RemarkKind::from_key),
                author: e.str(&R::AUTHOR)?.to_string(),
                withdrawn: false,
            });
        }
        let txn = self.doc.transact();
        let m = submap(&self.remarks, &txn, id)?;
        Some(Facts {
            clause: string(&m, &txn, R::CLAUSE.name),
            parent: opt_string(&m, &txn, R::PARENT.name),
            kind: RemarkKind::from_key(&string(&m, &txn, R::KIND.name)),
            author: string(&m, &txn, R::AUTHOR.name),
            withdrawn: boolean(&m, &txn, R::WITHDRAWN.name),
        })
    }

    /// Whether remark `id` has a disposition, in the document or given in this update (an
    /// edit sent together with the response would still put the response under new text).
    fn has_disposition(&self, ctx: &Ctx, id: &str) -> bool {
        self.entry_exists(ctx, crate::schema::disposition::ROOT.name, id)
    }

    /// Whether `root` has an entry `key`, in the document or new in this update.
    pub(crate) fn entry_exists(&self, ctx: &Ctx, root: &str, key: &str) -> bool {
        ctx.changes
            .entries
            .iter()
            .any(|e| e.root.name == root && &*e.key == key)
            || self
                .root_map(root)
                .is_some_and(|m| m.contains_key(&self.doc.transact(), key))
    }

    /// Whether `clause` exists and is not removed, in the document or this update.
    pub(crate) fn clause_is_live(&self, ctx: &Ctx, clause: &str) -> bool {
        let removed_now = ctx.changes.sets.iter().any(|s| {
            s.root.name == C::ROOT.name
                && &*s.entry == clause
                && s.field.name == C::REMOVED.name
                && s.value == Judged::Bool(true)
        });
        if removed_now {
            return false;
        }
        if let Some(e) = ctx.changes.new_entries(&C::ROOT, clause).last() {
            return !e.values(&C::REMOVED).any(|v| *v == Judged::Bool(true));
        }
        self.live_clause(&self.doc.transact(), clause).is_ok()
    }
}

/// A remark says something: a comment or question has a body, a proposal proposed wording, and
/// only a proposal has proposed wording.
fn judge_wording<'a>(
    what: &str,
    kind: Option<RemarkKind>,
    bodies: impl Iterator<Item = &'a Judged<'a>>,
    proposed: impl Iterator<Item = &'a Judged<'a>>,
) -> Result<(), Refusal> {
    let blank = |v: &Judged| matches!(v, Judged::Str(s) if s.trim().is_empty());
    let proposal = kind == Some(RemarkKind::Proposal);
    for body in bodies {
        if !proposal && blank(body) {
            return Err(forbid(what, &DomainError::Empty.to_string()));
        }
    }
    for wording in proposed {
        if !proposal {
            return Err(forbid(what, "only a proposal has proposed wording"));
        }
        if blank(wording) {
            return Err(forbid(what, &DomainError::Empty.to_string()));
        }
    }
    Ok(())
}

fn plain(id: &ID) -> crate::wire::Id {
    crate::wire::Id {
        client: id.client.get(),
        clock: id.clock,
    }
}
