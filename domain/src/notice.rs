//! Being told: what a stored change means for each participant. The server's room knows, for
//! every update it integrates, who wrote it and what it touched ([`Touched`], read by the guard
//! from the judged changes); [`Agreement::notices`] turns that into notices for the people it
//! concerns — the mentioned, the author of a remark replied to or given a disposition, the
//! author of an accepted proposal, and everyone for a phase change, a new version or a new
//! draft read in. Changes the server makes for someone (a draft read in from Word) are read
//! the same way as a participant's (`Guard::write_with`). A timer
//! asks [`deadline_notices`] which organisations' deadlines are close. Nobody is told about
//! their own doing, and nobody twice about one change.
//!
//! The cost is proportional to the change: each touched entry is read by its key; only a
//! phase change or a version (rare, and meant for everyone) reads the participant list.

use crate::fields::{entries, opt_number, opt_string, strings, submap};
use crate::guard::Changes;
use crate::schema::{
    acceptance as A, clause as C, disposition as D, extension as X, meta as M, remark as R,
    version as V,
};
use crate::{Agreement, ClauseId, DispositionValue, Participant, ParticipantId, Phase, RemarkId};
use serde::{Deserialize, Serialize};

pub(crate) mod wire;
use yrs::{ReadTxn, Transact};

/// How long before an organisation's deadline its members are told it is approaching.
pub const DEADLINE_WARNING_MS: f64 = 3.0 * 24.0 * 3600.0 * 1000.0;

/// What a notice tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoticeKind {
    /// Someone @mentioned the recipient in a remark or reply.
    Mention,
    /// Someone replied to the recipient's remark.
    Reply,
    /// A coordinator gave the recipient's remark a disposition.
    Disposition { value: DispositionValue },
    /// A coordinator accepted the recipient's proposal into the text.
    Accepted,
    /// The agreement moved to another phase.
    Phase { phase: Phase },
    /// The recipient's organisation's deadline is close.
    Deadline { deadline_ms: f64 },
    /// A coordinator cut a new version.
    Version { name: String },
    /// A coordinator read in a new draft (a Word document), which changed, added or removed
    /// `clauses` clauses.
    Draft { clauses: u32 },
}

impl NoticeKind {
    /// A stable key for the kind (UI strings, e-mail subjects).
    pub fn key(&self) -> &'static str {
        match self {
            NoticeKind::Mention => "mention",
            NoticeKind::Reply => "reply",
            NoticeKind::Disposition { .. } => "disposition",
            NoticeKind::Accepted => "accepted",
            NoticeKind::Phase { .. } => "phase",
            NoticeKind::Deadline { .. } => "deadline",
            NoticeKind::Version { .. } => "version",
            NoticeKind::Draft { .. } => "draft",
        }
    }
}

/// One thing one participant should be told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "wire::NoticeWire")]
pub struct Notice {
    /// Who is told.
    pub recipient: ParticipantId,
    #[serde(flatten)]
    pub kind: NoticeKind,
    /// The clause it concerns, to link to.
    pub clause: Option<ClauseId>,
    /// The remark it concerns (the new reply or mentioning remark; the remark disposed of or
    /// accepted), to link to.
    pub remark: Option<RemarkId>,
    /// Who did it, by name (empty for the clock).
    pub by: String,
    /// The clause's number and heading when the notice was given ("2.3 Hemsjukvård"), for
    /// words read away from the agreement (an e-mail); empty without a clause.
    #[serde(default)]
    pub place: String,
}

impl Notice {
    /// What makes a notice asked for again and again (a deadline warning, from a timer) the
    /// same as one given already; `None` for a notice about one change, given once anyway.
    pub fn once_key(&self) -> Option<String> {
        match &self.kind {
            NoticeKind::Deadline { deadline_ms } => Some(format!("deadline:{deadline_ms}")),
            _ => None,
        }
    }
}

/// What an integrated update touched, as far as anyone is told about it: the keys of new
/// entries, and whether `meta` (phase, deadline) or an extension changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touched {
    /// New remarks and replies.
    pub remarks: Vec<RemarkId>,
    /// Remarks given a disposition.
    pub dispositions: Vec<RemarkId>,
    /// Acceptance entries (`proposal@client`).
    pub acceptances: Vec<String>,
    /// New versions.
    pub versions: Vec<String>,
    /// The phase was set.
    pub phase: bool,
    /// A deadline or an extension was set or removed.
    pub deadlines: bool,
    /// A new draft was read in, changing, adding or removing this many clauses. Only the
    /// server reads in drafts ([`crate::Guard::write_with`]); the operation says so itself,
    /// since its changes look like a coordinator's edits, which tell nobody.
    pub draft: Option<u32>,
}

impl Touched {
    /// Whether nothing in it concerns anyone.
    pub fn is_empty(&self) -> bool {
        *self == Touched::default()
    }

    /// Adds what `other` touched (one change made of several updates).
    pub fn add(&mut self, other: Touched) {
        self.remarks.extend(other.remarks);
        self.dispositions.extend(other.dispositions);
        self.acceptances.extend(other.acceptances);
        self.versions.extend(other.versions);
        self.phase |= other.phase;
        self.deadlines |= other.deadlines;
        self.draft = match (self.draft, other.draft) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }

    /// Reads the judged changes of an update.
    pub(crate) fn of(changes: &Changes) -> Touched {
        let mut touched = Touched::default();
        for e in &changes.entries {
            let key = e.key.to_string();
            match e.root.name {
                n if n == R::ROOT.name && !e.replaces => touched.remarks.push(key),
                n if n == D::ROOT.name => touched.dispositions.push(key),
                n if n == A::ROOT.name => touched.acceptances.push(key),
                n if n == V::ROOT.name => touched.versions.push(key),
                n if n == X::ROOT.name => touched.deadlines = true,
                _ => {}
            }
        }
        for (field, _) in &changes.meta {
            touched.phase |= field.name == M::PHASE.name;
            touched.deadlines |= field.name == M::DEADLINE.name || field.name == M::PHASE.name;
        }
        touched
    }
}

/// A remark's author and clause, read by its key.
struct Authored {
    author: ParticipantId,
    clause: ClauseId,
}

impl Agreement {
    /// The notices `writer`'s change `touched` gives, read from the agreement after the change
    /// was integrated. One notice per recipient and remark (a mention wins over a reply), none
    /// for the writer.
    pub fn notices(&self, writer: &Participant, touched: &Touched) -> Vec<Notice> {
        let txn = self.doc.transact();
        let mut out = Vec::new();
        let by = writer.name.clone();
        for id in &touched.remarks {
            self.remark_notices(&txn, id, &by, &mut out);
        }
        for key in &touched.acceptances {
            let proposal = submap(&self.acceptances, &txn, key)
                .and_then(|m| opt_string(&m, &txn, A::PROPOSAL.name));
            if let Some((p, r)) = proposal.and_then(|p| Some((p.clone(), self.authored(&txn, &p)?)))
            {
                out.push(notice(
                    r.author,
                    NoticeKind::Accepted,
                    Some(r.clause),
                    Some(&p),
                    &by,
                ));
            }
        }
        for id in &touched.dispositions {
            let value = submap(&self.dispositions, &txn, id)
                .and_then(|m| opt_string(&m, &txn, D::VALUE.name))
                .and_then(|v| DispositionValue::from_key(&v));
            if let (Some(value), Some(r)) = (value, self.authored(&txn, id)) {
                let kind = NoticeKind::Disposition { value };
                out.push(notice(r.author, kind, Some(r.clause), Some(id), &by));
            }
        }
        let mut everyone = Vec::new();
        if touched.phase {
            everyone.push(NoticeKind::Phase {
                phase: self.phase_in(&txn),
            });
        }
        for key in &touched.versions {
            if let Some(name) =
                submap(&self.versions, &txn, key).and_then(|m| opt_string(&m, &txn, V::NAME.name))
            {
                everyone.push(NoticeKind::Version { name });
            }
        }
        if let Some(clauses) = touched.draft {
            everyone.push(NoticeKind::Draft { clauses });
        }
        for n in out.iter_mut() {
            n.place = self.place(&txn, n.clause.as_deref());
        }
        drop(txn);
        if !everyone.is_empty() {
            for p in self.participants() {
                for kind in &everyone {
                    out.push(notice(p.id.clone(), kind.clone(), None, None, &by));
                }
            }
        }
        settle(out, &writer.id)
    }

    /// A clause's number and heading, read by its key.
    fn place<T: ReadTxn>(&self, txn: &T, clause: Option<&str>) -> String {
        let Some(m) = clause.and_then(|c| submap(&self.clauses, txn, c)) else {
            return String::new();
        };
        let number = opt_string(&m, txn, C::NUMBER.name).unwrap_or_default();
        let heading = opt_string(&m, txn, C::HEADING.name).unwrap_or_default();
        format!("{number} {heading}").trim().to_string()
    }

    /// A new remark: its mentions, and the author of the remark it replies to.
    fn remark_notices<T: ReadTxn>(&self, txn: &T, id: &str, by: &str, out: &mut Vec<Notice>) {
        let Some(m) = submap(&self.remarks, txn, id) else {
            return;
        };
        let Some(clause) = opt_string(&m, txn, R::CLAUSE.name) else {
            return;
        };
        for mentioned in strings(&m, txn, R::MENTIONS.name) {
            let c = Some(clause.clone());
            out.push(notice(mentioned, NoticeKind::Mention, c, Some(id), by));
        }
        let parent = opt_string(&m, txn, R::PARENT.name);
        if let Some(r) = parent.and_then(|p| self.authored(txn, &p)) {
            out.push(notice(
                r.author,
                NoticeKind::Reply,
                Some(clause),
                Some(id),
                by,
            ));
        }
    }

    fn authored<T: ReadTxn>(&self, txn: &T, remark: &str) -> Option<Authored> {
        let m = submap(&self.remarks, txn, remark)?;
        Some(Authored {
            author: opt_string(&m, txn, R::AUTHOR.name)?,
            clause: opt_string(&m, txn, R::CLAUSE.name)?,
        })
    }

    /// Each organisation's deadline while the agreement is out for consultation (an
    /// extension, else the common deadline); empty in any other phase.
    pub fn open_deadlines(&self) -> Vec<(String, f64)> {
        let txn = self.doc.transact();
        if self.phase_in(&txn) != Phase::Consultation {
            return Vec::new();
        }
        let common = opt_number(&self.meta, &txn, M::DEADLINE.name);
        let extended: std::collections::HashMap<String, f64> = entries(&self.extensions, &txn)
            .into_iter()
            .filter_map(|(org, m)| Some((org, opt_number(&m, &txn, X::DEADLINE.name)?)))
            .collect();
        drop(txn);
        let mut out: Vec<(String, f64)> = self
            .organisations()
            .into_iter()
            .filter_map(|org| {
                let at = extended.get(&org).copied().or(common)?;
                Some((org, at))
            })
            .collect();
        crate::sorting::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        out
    }
}

/// The deadline warnings due at `now_ms`: for each organisation whose deadline lies within
/// [`DEADLINE_WARNING_MS`] ahead, one notice to each of its participants. `deadlines` is what
/// [`Agreement::open_deadlines`] gave; `participants` everyone with their organisation.
pub fn deadline_notices(
    deadlines: &[(String, f64)],
    participants: &[Participant],
    now_ms: f64,
) -> Vec<Notice> {
    let mut out = Vec::new();
    for (org, at) in deadlines {
        if *at <= now_ms || *at - now_ms > DEADLINE_WARNING_MS {
            continue;
        }
        for p in participants.iter().filter(|p| &p.organisation == org) {
            let kind = NoticeKind::Deadline { deadline_ms: *at };
            out.push(notice(p.id.clone(), kind, None, None, ""));
        }
    }
    out
}

fn notice(
    recipient: ParticipantId,
    kind: NoticeKind,
    clause: Option<ClauseId>,
    remark: Option<&str>,
    by: &str,
) -> Notice {
    Notice {
        recipient,
        kind,
        clause,
        remark: remark.map(str::to_string),
        by: by.to_string(),
        place: String::new(),
    }
}

/// Drops notices to the writer and a second notice to one recipient about one remark (the
/// first kept: mentions come before replies, acceptances before dispositions).
fn settle(notices: Vec<Notice>, writer: &str) -> Vec<Notice> {
    let mut seen = std::collections::HashSet::new();
    notices
        .into_iter()
        .filter(|n| n.recipient != writer)
        .filter(|n| match &n.remark {
            Some(r) => {
                // A mention says more than a reply; an acceptance more than its disposition.
                let group = match n.kind {
                    NoticeKind::Mention | NoticeKind::Reply => "new",
                    NoticeKind::Accepted | NoticeKind::Disposition { .. } => "decided",
                    _ => n.kind.key(),
                };
                seen.insert((n.recipient.clone(), r.clone(), group))
            }
            None => true,
        })
        .collect()
}

/// The y-websocket message type of the server's inbox messages ([`InboxMessage`], JSON). In
/// the protocol's custom range (0–3 are sync, presence, auth and presence query); the server
/// sends it and refuses it from clients, like every message type other than sync and presence.
pub const INBOX_MESSAGE: u8 = 100;

/// A notice as kept for its recipient: its number in the store, when, and whether it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "wire::NoticeWire")]
pub struct InboxItem {
    pub id: i64,
    pub at_ms: f64,
    pub read: bool,
    #[serde(flatten)]
    pub notice: Notice,
}

/// What the server tells one participant's open connections about their inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "wire::InboxMessageWire"
)]
pub enum InboxMessage {
    /// A new notice.
    New { item: InboxItem },
    /// Notices marked read (on another device, or this one): these, or all when `None`.
    Read { ids: Option<Vec<i64>> },
}

impl InboxMessage {
    /// The message as a y-websocket frame.
    pub fn frame(&self) -> Vec<u8> {
        use yrs::updates::encoder::Encode;
        let json = serde_json::to_vec(self).unwrap_or_default();
        yrs::sync::Message::Custom(INBOX_MESSAGE, json).encode_v1()
    }

    /// Reads the body of an [`INBOX_MESSAGE`].
    pub fn read(body: &[u8]) -> Option<InboxMessage> {
        crate::json::from_bytes(body).ok()
    }
}
