//! Remarks: comments, questions and proposals on a clause or on a range of its text, and the
//! replies to them. A reply is a remark whose `parent` names the remark it answers; threads are
//! one level deep, as in a consultation, so a reply to a reply joins the same thread.
//!
//! Each remark is its own entry in the `remarks` map, written only by its author (and only
//! ever marked withdrawn, never deleted). What others add to it — a coordinator's disposition,
//! a participant's support — lives in maps of their own, so the server can check authorship
//! entry by entry.

use crate::anchor::{self, Anchor, AnchorState, ResolvingText, StoredAnchor, Target};
use crate::disposition::Disposition;
use crate::fields::{boolean, opt_string, string, submap, text, Fields};
use crate::index::Replies;
use crate::permission::Action;
use crate::schema::{self, remark as R, Field, Val};
use crate::{ids, Agreement, ClauseId, DomainError, Participant, ParticipantId, Phase, Role};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use yrs::{Map, MapRef, ReadTxn, Transact, TransactionMut};

mod judge;

/// A remark's stable id.
pub type RemarkId = String;

/// What kind of remark it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemarkKind {
    /// An opinion on the wording.
    Comment,
    /// A question to the coordinators or the other parties.
    Question,
    /// Replacement wording for the range or the whole clause.
    Proposal,
}

impl RemarkKind {
    /// Stable key used in the document and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            RemarkKind::Comment => "comment",
            RemarkKind::Question => "question",
            RemarkKind::Proposal => "proposal",
        }
    }

    /// Parses [`RemarkKind::key`].
    pub fn from_key(key: &str) -> Option<RemarkKind> {
        [
            RemarkKind::Comment,
            RemarkKind::Question,
            RemarkKind::Proposal,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// A new remark as its author writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemarkDraft {
    pub clause: ClauseId,
    pub kind: RemarkKind,
    pub target: Target,
    /// The remark itself; for a proposal, its rationale.
    pub body: String,
    /// For a proposal: the wording that should replace the target.
    pub proposed_text: Option<String>,
    /// Participants named with @ in the body.
    pub mentions: Vec<ParticipantId>,
}

impl RemarkDraft {
    /// A comment on the whole clause.
    pub fn comment(clause: &str, body: &str) -> Self {
        RemarkDraft {
            clause: clause.to_string(),
            kind: RemarkKind::Comment,
            target: Target::Clause,
            body: body.to_string(),
            proposed_text: None,
            mentions: Vec::new(),
        }
    }
}

/// A remark on a clause, or a reply to one, as it reads now.
#[derive(Debug, Clone, PartialEq)]
pub struct Remark {
    pub id: RemarkId,
    pub clause: ClauseId,
    /// The remark this one answers; `None` for a remark on the clause itself.
    pub parent: Option<RemarkId>,
    pub kind: RemarkKind,
    pub author: ParticipantId,
    pub author_name: String,
    pub organisation: String,
    pub role: Role,
    /// The remark itself; for a proposal, its rationale.
    pub body: String,
    /// For a proposal: the proposed wording.
    pub proposed_text: Option<String>,
    /// For a proposal on the whole clause: the clause's wording its author saw (checked by the
    /// server to be one the clause had). A proposal on a selection has its anchor's quote.
    pub written_on: Option<String>,
    pub mentions: Vec<ParticipantId>,
    /// Where it points, if at a range of the clause text.
    pub anchor: Option<Anchor>,
    /// When the server stored it, in milliseconds since the Unix epoch (see stamp.rs); until
    /// the server has, as the writer's clock said.
    pub created_ms: f64,
    /// When its writer wrote it, as their clock said (offline writing is sent later).
    pub written_ms: f64,
    /// When the author last edited it.
    pub edited_ms: Option<f64>,
    /// Withdrawn by its author; kept for the record.
    pub withdrawn: bool,
    /// The phase it was stored in (as its writer's replica had it, until the server's stamp
    /// arrives).
    pub phase: Phase,
    /// The named version that was the latest when it was stored (likewise).
    pub version: Option<String>,
    /// How many earlier wordings the server kept (edits; see revision.rs).
    pub revisions: u32,
    /// The coordinators' disposition, if given.
    pub disposition: Option<Disposition>,
    /// Replies in the order they were written (only filled for top-level remarks).
    pub replies: Vec<Remark>,
}

/// A remark entry as stored: every field but those that depend on other entries — its
/// anchor is not yet resolved against the clause text, and it has no disposition or replies.
/// This is what the read index keeps per remark (see index.rs).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredRemark {
    /// The remark with `anchor`, `disposition` and `replies` empty.
    pub(crate) remark: Remark,
    pub(crate) anchor: Option<StoredAnchor>,
}

/// What a remark's reading takes from other roots: the author's name from the participant
/// record (the server's) and the server's stamp (see stamp.rs).
pub(crate) struct Beside<'a> {
    pub(crate) participants: &'a MapRef,
    pub(crate) stamps: &'a MapRef,
    pub(crate) revisions: &'a MapRef,
}

/// Reads a remark entry's own fields, with its author's name and its stamp.
pub(crate) fn read_stored<T: ReadTxn>(
    id: &str,
    map: &MapRef,
    txn: &T,
    beside: &Beside,
) -> StoredRemark {
    // Some twenty fields: read in one pass (every remark is read so on opening).
    let f = Fields::of(map, txn);
    let author = f.string(R::AUTHOR.name);
    // The name the participant record gives (the server's), else the one written.
    let author_name = submap(beside.participants, txn, &author)
        .and_then(|p| opt_string(&p, txn, schema::participant::NAME.name))
        .unwrap_or_else(|| f.string(R::AUTHOR_NAME.name));
    let written_ms = f.number(R::CREATED.name);
    let claimed_phase = Phase::from_key(&f.string(R::PHASE.name));
    let stamp = crate::stamp::read(beside.stamps, txn, id);
    let remark = Remark {
        id: id.to_string(),
        clause: f.string(R::CLAUSE.name),
        parent: f.opt_string(R::PARENT.name),
        kind: RemarkKind::from_key(&f.string(R::KIND.name)).unwrap_or(RemarkKind::Comment),
        author,
        author_name,
        organisation: f.string(R::ORGANISATION.name),
        role: Role::from_key(&f.string(R::ROLE.name)).unwrap_or(Role::Member),
        body: f.string(R::BODY.name),
        proposed_text: f.opt_string(R::PROPOSED_TEXT.name),
        written_on: f.opt_string(R::WRITTEN_ON.name),
        mentions: f.strings(R::MENTIONS.name),
        anchor: None,
        created_ms: stamp.as_ref().map_or(written_ms, |s| s.stored_ms),
        written_ms,
        edited_ms: f.opt_number(R::EDITED.name),
        withdrawn: f.boolean(R::WITHDRAWN.name),
        phase: stamp
            .as_ref()
            .map(|s| s.phase)
            .or(claimed_phase)
            .unwrap_or(Phase::Drafting),
        version: match &stamp {
            Some(s) => s.version.clone(),
            None => f.opt_string(R::VERSION.name),
        },
        revisions: crate::revision::count(beside.revisions, txn, id),
        disposition: None,
        replies: Vec::new(),
    };
    StoredRemark {
        remark,
        anchor: anchor::read_fields(&f),
    }
}

impl StoredRemark {
    /// The remark as it reads now: its anchor resolved in `text` (its clause's text, `None`
    /// if the clause is gone) and the disposition given. Replies are left empty.
    pub(crate) fn resolve<T: ReadTxn>(
        &self,
        txn: &T,
        text: Option<&ResolvingText>,
        disposition: Option<Disposition>,
    ) -> Remark {
        Remark {
            anchor: self.anchor.as_ref().map(|a| a.resolve(txn, text)),
            disposition,
            ..self.remark.clone()
        }
    }
}

impl Agreement {
    /// A live clause's text, prepared for resolving anchors on it (`None` if the clause is
    /// unknown or removed).
    pub(crate) fn resolving_text<T: ReadTxn>(
        &self,
        txn: &T,
        clause: &str,
    ) -> Option<ResolvingText> {
        submap(&self.clauses, txn, clause)
            .filter(|m| !boolean(m, txn, schema::clause::REMOVED.name))
            .and_then(|m| text(&m, txn, schema::clause::TEXT.name))
            .map(|t| ResolvingText::new(txn, t))
    }

    /// Adds `author`'s comment on a whole clause.
    pub fn add_remark(
        &self,
        clause: &str,
        author: &Participant,
        body: &str,
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        self.write_remark(author, RemarkDraft::comment(clause, body), now_ms)
    }

    /// Adds a remark of any kind, on the clause or a range of its text.
    pub fn write_remark(
        &self,
        author: &Participant,
        draft: RemarkDraft,
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        let action = match draft.kind {
            RemarkKind::Proposal => Action::Propose,
            _ => Action::Remark,
        };
        self.check(author, action)?;
        let body = draft.body.trim();
        let proposed = draft.proposed_text.as_deref().map(str::trim);
        match draft.kind {
            RemarkKind::Proposal if proposed.is_none_or(str::is_empty) => {
                return Err(DomainError::Empty)
            }
            RemarkKind::Comment | RemarkKind::Question if body.is_empty() => {
                return Err(DomainError::Empty)
            }
            _ => {}
        }
        let mut txn = self.doc.transact_mut();
        let text = self.clause_text_ref(&txn, &draft.clause)?;
        let mut fields = vec![(&R::KIND, Val::Str(draft.kind.key()))];
        if let Target::Range { start, end } = draft.target {
            let len = yrs::Text::len(&text, &txn);
            if start >= end || end > len {
                return Err(DomainError::InvalidRange { start, end, len });
            }
            fields.extend(
                anchor::fields(&txn, &text, start, end).ok_or(DomainError::InvalidRange {
                    start,
                    end,
                    len,
                })?,
            );
        }
        if let Some(p) = proposed {
            fields.push((&R::PROPOSED_TEXT, Val::Str(p)));
        }
        if draft.kind == RemarkKind::Proposal && draft.target == Target::Clause {
            // The wording it replaces, as its author saw it: what it reads against once the
            // text has moved on (proposal_standing).
            fields.push((
                &R::WRITTEN_ON,
                Val::Owned(yrs::GetString::get_string(&text, &txn)),
            ));
        }
        if !draft.mentions.is_empty() {
            fields.push((&R::MENTIONS, Val::Strings(&draft.mentions)));
        }
        self.insert_remark(&mut txn, &draft.clause, None, author, body, now_ms, fields)
    }

    /// Adds `author`'s reply to a remark. A reply to a reply joins the same thread.
    pub fn reply(
        &self,
        to: &str,
        author: &Participant,
        body: &str,
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        self.reply_mentioning(to, author, body, &[], now_ms)
    }

    /// Adds a reply that names participants with @.
    pub fn reply_mentioning(
        &self,
        to: &str,
        author: &Participant,
        body: &str,
        mentions: &[ParticipantId],
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        self.check(author, Action::Reply)?;
        let body = body.trim();
        if body.is_empty() {
            return Err(DomainError::Empty);
        }
        let mut txn = self.doc.transact_mut();
        let target = submap(&self.remarks, &txn, to)
            .map(|m| {
                let clause = string(&m, &txn, R::CLAUSE.name);
                (clause, opt_string(&m, &txn, R::PARENT.name))
            })
            .ok_or_else(|| DomainError::UnknownRemark(to.to_string()))?;
        let (clause, parent) = target;
        let root = parent.unwrap_or_else(|| to.to_string());
        let mut fields = vec![(&R::KIND, Val::Str(RemarkKind::Comment.key()))];
        if !mentions.is_empty() {
            fields.push((&R::MENTIONS, Val::Strings(mentions)));
        }
        self.insert_remark(&mut txn, &clause, Some(&root), author, body, now_ms, fields)
    }

    #[allow(clippy::too_many_arguments)]
    fn insert_remark(
        &self,
        txn: &mut TransactionMut,
        clause: &str,
        parent: Option<&str>,
        author: &Participant,
        body: &str,
        now_ms: f64,
        extra: Vec<(&'static Field, Val)>,
    ) -> Result<RemarkId, DomainError> {
        let id = ids::fresh('r', txn);
        let phase = self.phase_in(txn);
        let version = self.latest_version_in(txn);
        let mut fields = vec![
            (&R::CLAUSE, Val::Str(clause)),
            (&R::AUTHOR, Val::Str(&author.id)),
            (&R::AUTHOR_NAME, Val::Str(&author.name)),
            (&R::ORGANISATION, Val::Str(&author.organisation)),
            (&R::ROLE, Val::Str(author.role.key())),
            (&R::BODY, Val::Str(body)),
            (&R::CREATED, Val::Num(now_ms)),
            (&R::PHASE, Val::Str(phase.key())),
        ];
        if let Some(parent) = parent {
            fields.push((&R::PARENT, Val::Str(parent)));
        }
        if let Some(version) = &version {
            fields.push((&R::VERSION, Val::Str(version)));
        }
        fields.extend(extra);
        self.remarks
            .insert(txn, id.as_str(), schema::entry(&R::ROOT, fields));
        Ok(id)
    }

    /// Rewrites one's own remark (its body; for a proposal, also the wording).
    pub fn edit_remark(
        &self,
        author: &Participant,
        id: &str,
        body: &str,
        proposed_text: Option<&str>,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        // Everything is checked before anything is written: a refused edit changes nothing.
        let body = body.trim();
        let proposed_text = proposed_text.map(str::trim);
        if (body.is_empty() && proposed_text.is_none()) || proposed_text == Some("") {
            return Err(DomainError::Empty);
        }
        let mut txn = self.doc.transact_mut();
        let map = self.own_remark(&txn, author, id)?;
        if self.dispositions.contains_key(&txn, id) {
            return Err(DomainError::Disposed(id.to_string()));
        }
        if proposed_text.is_some() && string(&map, &txn, R::KIND.name) != RemarkKind::Proposal.key()
        {
            return Err(DomainError::NotAProposal(id.to_string()));
        }
        schema::set(&mut txn, &R::ROOT, &map, &R::BODY, Val::Str(body));
        if let Some(p) = proposed_text {
            schema::set(&mut txn, &R::ROOT, &map, &R::PROPOSED_TEXT, Val::Str(p));
        }
        schema::set(&mut txn, &R::ROOT, &map, &R::EDITED, Val::Num(now_ms));
        Ok(())
    }

    /// Whether `author` may edit remark `id` now, and if not why: what the app asks before it
    /// offers "edit" (the same checks as [`Agreement::edit_remark`], writing nothing).
    pub fn may_edit_remark(&self, author: &Participant, id: &str) -> Result<(), DomainError> {
        let txn = self.doc.transact();
        self.own_remark(&txn, author, id)?;
        if self.dispositions.contains_key(&txn, id) {
            return Err(DomainError::Disposed(id.to_string()));
        }
        Ok(())
    }

    /// Whether `author` may withdraw remark `id` now (as [`Agreement::withdraw_remark`]).
    pub fn may_withdraw_remark(&self, author: &Participant, id: &str) -> Result<(), DomainError> {
        self.own_remark(&self.doc.transact(), author, id)
            .map(|_| ())
    }

    /// Withdraws one's own remark. It stays in the record, marked withdrawn.
    pub fn withdraw_remark(&self, author: &Participant, id: &str) -> Result<(), DomainError> {
        let mut txn = self.doc.transact_mut();
        let map = self.own_remark(&txn, author, id)?;
        schema::set(&mut txn, &R::ROOT, &map, &R::WITHDRAWN, Val::Bool(true));
        Ok(())
    }

    /// `author`'s remark `id`, if they may still change it: not withdrawn, and their role may
    /// write its kind (a reply, a proposal, a remark) in the current phase. The guard asks the
    /// same of an edit arriving at the server (see remark/judge.rs).
    fn own_remark<T: ReadTxn>(
        &self,
        txn: &T,
        author: &Participant,
        id: &str,
    ) -> Result<MapRef, DomainError> {
        let map = submap(&self.remarks, txn, id)
            .ok_or_else(|| DomainError::UnknownRemark(id.to_string()))?;
        if string(&map, txn, R::AUTHOR.name) != author.id {
            return Err(DomainError::NotAuthor(id.to_string()));
        }
        if boolean(&map, txn, R::WITHDRAWN.name) {
            return Err(DomainError::Withdrawn(id.to_string()));
        }
        let action = writing_action(
            opt_string(&map, txn, R::PARENT.name).is_some(),
            RemarkKind::from_key(&string(&map, txn, R::KIND.name)),
        );
        self.check_in(txn, author.role, action)?;
        Ok(map)
    }

    /// Every remark and reply, flat, oldest first.
    pub(crate) fn all_remarks(&self) -> Vec<Remark> {
        self.with_index(|ix, txn| {
            let mut texts = Texts::default();
            ix.remarks
                .all()
                .into_iter()
                .map(|e| {
                    let text = texts.of(self, txn, &e.remark.clause);
                    e.resolve(txn, text, ix.remarks.disposition(&e.remark.id).cloned())
                })
                .collect()
        })
    }

    /// Every thread of the agreement (top-level remarks with their replies), oldest first.
    pub(crate) fn all_threads(&self) -> Vec<Remark> {
        self.with_index(|ix, txn| {
            let mut texts = Texts::default();
            ix.remarks
                .all_roots()
                .into_iter()
                .filter_map(|o| {
                    let clause = &ix.remarks.stored(&o.id)?.remark.clause;
                    let text = texts.of(self, txn, clause);
                    ix.remarks.thread(&o.id, txn, text, Replies::All)
                })
                .collect()
        })
    }

    /// The remarks on a clause, oldest first, each with its replies. Only this clause's
    /// remarks are read (from the index), and its text once to resolve their anchors.
    pub fn remarks_of(&self, clause: &str) -> Vec<Remark> {
        self.with_index(|ix, txn| {
            let text = self.resolving_text(txn, clause);
            ix.remarks
                .roots_of(clause)
                .iter()
                .filter_map(|o| {
                    ix.remarks
                        .thread(&o.id, txn, text.as_ref(), Replies::SameClause)
                })
                .collect()
        })
    }

    /// The ids of the remarks on a clause (top level), oldest first: what a list of threads
    /// needs, without reading a single remark.
    pub fn remark_ids_of(&self, clause: &str) -> Vec<RemarkId> {
        self.with_index(|ix, _| {
            ix.remarks
                .roots_of(clause)
                .iter()
                .map(|o| o.id.clone())
                .collect()
        })
    }

    /// One remark with its replies (a reply's own `replies` are empty).
    pub fn remark(&self, id: &str) -> Option<Remark> {
        self.with_index(|ix, txn| {
            let clause = &ix.remarks.stored(id)?.remark.clause;
            let text = self.resolving_text(txn, clause);
            ix.remarks
                .thread(id, txn, text.as_ref(), Replies::SameClause)
        })
    }

    /// Where a remark's range stands now (`None` for a remark on the whole clause, or an
    /// unknown one): one anchor resolved, for a view that shows only that.
    pub fn anchor_state(&self, id: &str) -> Option<AnchorState> {
        self.with_index(|ix, txn| {
            let stored = ix.remarks.stored(id)?;
            let anchor = stored.anchor.as_ref()?;
            let text = self.resolving_text(txn, &stored.remark.clause);
            Some(anchor.state(txn, text.as_ref()))
        })
    }

    /// The ranges the remarks on a clause are anchored to, as they stand now, with each
    /// remark's kind: top-level remarks that are not withdrawn and still attached.
    pub fn anchored_ranges(&self, clause: &str) -> Vec<(u32, u32, RemarkKind)> {
        self.with_index(|ix, txn| {
            let Some(text) = self.resolving_text(txn, clause) else {
                return Vec::new();
            };
            ix.remarks
                .roots_of(clause)
                .iter()
                .filter_map(|o| ix.remarks.stored(&o.id))
                .filter(|e| !e.remark.withdrawn)
                .filter(|e| {
                    // A decided proposal no longer marks the text: its wording is the text.
                    let accepted = ix.remarks.disposition(&e.remark.id).map(|d| d.value)
                        == Some(crate::DispositionValue::Accepted);
                    !(e.remark.kind == RemarkKind::Proposal && accepted)
                })
                .filter_map(|e| {
                    let anchor = e.anchor.as_ref()?;
                    match anchor.state(txn, Some(&text)) {
                        // A proposal written on wording that has since changed marks nothing
                        // it was written on (see `proposal_standing`).
                        AnchorState::Attached { text, .. }
                            if e.remark.kind == RemarkKind::Proposal && text != anchor.quote =>
                        {
                            None
                        }
                        AnchorState::Attached { start, end, .. } => {
                            Some((start, end, e.remark.kind))
                        }
                        AnchorState::Orphaned => None,
                    }
                })
                .collect()
        })
    }

    /// How many threads (top-level remarks, withdrawn ones too) the agreement has.
    pub fn thread_count(&self) -> usize {
        self.with_index(|ix, _| ix.remarks.thread_count())
    }

    /// How many remarks and replies a clause has (withdrawn ones excluded).
    pub fn remark_count(&self, clause: &str) -> usize {
        self.with_index(|ix, _| ix.remarks.live_entries_on(clause))
    }
}

/// Clause texts prepared for resolving anchors, each read once however many remarks use it.
#[derive(Default)]
struct Texts(HashMap<String, Option<ResolvingText>>);

impl Texts {
    fn of<T: ReadTxn>(
        &mut self,
        agreement: &Agreement,
        txn: &T,
        clause: &str,
    ) -> Option<&ResolvingText> {
        self.0
            .entry(clause.to_string())
            .or_insert_with(|| agreement.resolving_text(txn, clause))
            .as_ref()
    }
}

/// What writing (or changing) a remark is: a reply, a proposal or a remark.
pub(crate) fn writing_action(reply: bool, kind: Option<RemarkKind>) -> Action {
    match (reply, kind) {
        (true, _) => Action::Reply,
        (false, Some(RemarkKind::Proposal)) => Action::Propose,
        _ => Action::Remark,
    }
}

/// Groups a flat, time-ordered list into threads: top-level remarks with their replies.
pub(crate) fn threads(all: Vec<Remark>) -> Vec<Remark> {
    let (mut roots, replies): (Vec<Remark>, Vec<Remark>) =
        all.into_iter().partition(|r| r.parent.is_none());
    let at: HashMap<String, usize> = roots
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for reply in replies {
        if let Some(&i) = reply.parent.as_ref().and_then(|p| at.get(p)) {
            roots[i].replies.push(reply);
        }
    }
    roots
}
