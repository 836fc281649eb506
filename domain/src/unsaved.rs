//! Writing the server never took: what one participant wrote on a replica that the server's
//! copy lacks, as plain drafts the writer can post again.
//!
//! The server refuses an update as a whole (see guard.rs), and a refused change stays in the
//! replica that made it: a CRDT cannot take back what it integrated. Resending it on every
//! reconnect would be refused again, and every later change from that replica (whose clocks
//! follow the refused ones) with it. So a replica that has been refused is dropped and loaded
//! afresh from the server; before it goes, [`Agreement::unsaved_against`] compares it with the
//! fresh copy and returns the writer's own remarks, replies, edits, withdrawals, supports and
//! stance drafts the server does not have — nothing the writer typed is lost. Each can be
//! posted again with [`Agreement::post_again`], through the ordinary operations and their
//! checks, so what is still refused is refused with a clear error before it leaves the page.
//!
//! The comparison is by content, not by clock: it does not matter which of the replica's
//! updates the server refused, only what the server ended up with.

mod observe;
mod wire;

use crate::fields::{entries, string, utf16_len};
use crate::remark::RemarkKind;
use crate::stance::StanceValue;
use crate::support::Support;
use crate::{
    Agreement, ClauseId, DomainError, Participant, ParticipantId, Remark, RemarkDraft, RemarkId,
    Target,
};
use observe::ChangeKind;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use yrs::{ReadTxn, Transact};

/// One piece of a participant's writing that a replica held and the server did not. It
/// serialises, so the app can keep it on the device until it is sent or discarded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "wire::UnsavedWire"
)]
pub enum Unsaved {
    /// A new remark on a clause, with the replies its writer added to it.
    Remark {
        clause: ClauseId,
        kind: RemarkKind,
        body: String,
        proposed_text: Option<String>,
        /// The selected text it was written on; `None` for the clause as a whole.
        quote: Option<String>,
        /// The text just before the quote when it was written, to tell repeated wording apart.
        prefix: String,
        mentions: Vec<ParticipantId>,
        /// The writer's own replies in its thread, oldest first.
        replies: Vec<UnsavedReply>,
    },
    /// A reply to a remark the server has.
    Reply {
        to: RemarkId,
        clause: ClauseId,
        body: String,
        mentions: Vec<ParticipantId>,
    },
    /// A rewrite of one's own remark that the server has in its earlier wording.
    Edit {
        remark: RemarkId,
        clause: ClauseId,
        body: String,
        proposed_text: Option<String>,
    },
    /// Withdrawing one's own remark.
    Withdrawal { remark: RemarkId, clause: ClauseId },
    /// Support or opposition on a proposal (`None`: cleared).
    Support {
        proposal: RemarkId,
        clause: ClauseId,
        support: Option<Support>,
    },
    /// The organisation's stance draft on a clause, as this participant last set it.
    Stance {
        clause: ClauseId,
        value: StanceValue,
        motivation: String,
    },
    /// A coordinator's wording of a clause, as the refused replica had it.
    Wording { clause: ClauseId, text: String },
}

/// A reply in the thread of a new remark, handed back with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnsavedReply {
    pub body: String,
    pub mentions: Vec<ParticipantId>,
}

impl Unsaved {
    /// The clause it belongs to.
    pub fn clause(&self) -> &str {
        match self {
            Unsaved::Remark { clause, .. }
            | Unsaved::Reply { clause, .. }
            | Unsaved::Edit { clause, .. }
            | Unsaved::Withdrawal { clause, .. }
            | Unsaved::Support { clause, .. }
            | Unsaved::Stance { clause, .. }
            | Unsaved::Wording { clause, .. } => clause,
        }
    }

    /// Stable key of its kind, for UI string keys.
    pub fn key(&self) -> &'static str {
        match self {
            Unsaved::Remark { kind, .. } => kind.key(),
            Unsaved::Reply { .. } => "reply",
            Unsaved::Edit { .. } => "edit",
            Unsaved::Withdrawal { .. } => "withdrawal",
            Unsaved::Support { .. } => "support",
            Unsaved::Stance { .. } => "stance",
            Unsaved::Wording { .. } => "wording",
        }
    }

    /// The text the writer typed, if any: what to show and offer to copy.
    pub fn text(&self) -> Option<&str> {
        match self {
            Unsaved::Remark {
                kind: RemarkKind::Proposal,
                proposed_text: Some(p),
                ..
            } => Some(p),
            Unsaved::Remark { body, .. }
            | Unsaved::Reply { body, .. }
            | Unsaved::Edit { body, .. } => Some(body),
            Unsaved::Stance { motivation, .. } => Some(motivation),
            Unsaved::Wording { text, .. } => Some(text),
            Unsaved::Withdrawal { .. } | Unsaved::Support { .. } => None,
        }
    }
}

/// The entries a refused replica's own changes reach: what applying everything it has that
/// the server lacks to a copy of the server's document changes there. Content alone cannot
/// tell: the server may hold newer writing of the same person from another device, which
/// must not come back as if it were unsaved.
#[derive(Debug, Default)]
struct Touched {
    remarks: HashSet<String>,
    supports: HashSet<String>,
    stances: HashSet<String>,
    wordings: HashSet<String>,
}

impl Touched {
    /// `None` if the difference cannot be worked out (then content decides alone).
    fn between(refused: &Agreement, server: &Agreement) -> Option<Touched> {
        let diff = refused.encode_diff(&server.state_vector()).ok()?;
        let update = crate::wire::decode_update(&diff).ok()?;
        let scratch = Agreement::load(server.doc.client_id().get(), &server.encode_state()).ok()?;
        let changes = scratch.apply_observed(update).ok()?;
        let mut touched = Touched::default();
        for change in changes {
            let set = match change.root {
                "remarks" => &mut touched.remarks,
                "supports" => &mut touched.supports,
                "stances" => &mut touched.stances,
                "clauses" if matches!(change.what, ChangeKind::Text) => &mut touched.wordings,
                _ => continue,
            };
            // A new entry shows as a key of the root; a change inside one, by its path.
            match (change.path.first(), change.what) {
                (Some(entry), _) => set.insert(entry.clone()),
                (None, ChangeKind::Entry { key, .. }) => set.insert(key),
                (None, _) => false,
            };
        }
        Some(touched)
    }
}

impl Agreement {
    /// `participant`'s stance drafts (clause → value, motivation) as written by them.
    fn own_stance_drafts<T: ReadTxn>(
        &self,
        txn: &T,
        participant: &Participant,
    ) -> HashMap<ClauseId, (String, String, String)> {
        entries(&self.stances, txn)
            .into_iter()
            .filter(|(_, m)| string(m, txn, "organisation") == participant.organisation)
            .map(|(_, m)| {
                (
                    string(&m, txn, "clause"),
                    (
                        string(&m, txn, "value"),
                        string(&m, txn, "motivation"),
                        string(&m, txn, "author"),
                    ),
                )
            })
            .collect()
    }

    fn supports_by<T: ReadTxn>(&self, txn: &T, participant: &str) -> HashMap<RemarkId, String> {
        entries(&self.supports, txn)
            .into_iter()
            .filter(|(_, m)| string(m, txn, "participant") == participant)
            .map(|(_, m)| (string(&m, txn, "proposal"), string(&m, txn, "value")))
            .collect()
    }

    /// What `me` wrote in this replica that `server` (a fresh copy of the server's document)
    /// does not hold: new remarks (with their replies), then replies, edits and withdrawals in
    /// the order they were made, then supports, stances and (a coordinator's) clause wordings.
    /// Only entries this replica's own changes reach count, so newer writing the server holds
    /// from the same person's other devices stays as it is. Remarks `me` withdrew before the
    /// server ever had them are left out, with the replies in their threads: withdrawing a
    /// remark withdraws its conversation, and there is nothing to save.
    pub fn unsaved_against(&self, server: &Agreement, me: &Participant) -> Vec<Unsaved> {
        let touched = Touched::between(self, server);
        let reached = |set: fn(&Touched) -> &HashSet<String>, key: &str| {
            touched.as_ref().is_none_or(|t| set(t).contains(key))
        };
        let by_id = |all: Vec<Remark>| -> HashMap<RemarkId, Remark> {
            all.into_iter().map(|r| (r.id.clone(), r)).collect()
        };
        let (ours, theirs) = (by_id(self.all_remarks()), by_id(server.all_remarks()));
        // When the author last changed a remark: edited, or else written.
        let changed = |r: &Remark| r.edited_ms.unwrap_or(r.created_ms);
        let edit = |r: &Remark| Unsaved::Edit {
            remark: r.id.clone(),
            clause: r.clause.clone(),
            body: r.body.clone(),
            proposed_text: r.proposed_text.clone(),
        };
        let mut own: Vec<&Remark> = ours.values().filter(|e| e.author == me.id).collect();
        crate::sorting::sort_by(&mut own, |a, b| {
            a.created_ms.total_cmp(&b.created_ms).then(a.id.cmp(&b.id))
        });

        let mut out = Vec::new();
        // New remarks first, so their replies can join them.
        let mut new_remarks: HashMap<&str, usize> = HashMap::new();
        for e in own.iter().filter(|e| e.parent.is_none()) {
            if theirs.contains_key(&e.id) || e.withdrawn {
                continue;
            }
            new_remarks.insert(&e.id, out.len());
            out.push(Unsaved::Remark {
                clause: e.clause.clone(),
                kind: e.kind,
                body: e.body.clone(),
                proposed_text: e.proposed_text.clone(),
                quote: e.anchor.as_ref().map(|a| a.quote.clone()),
                prefix: e
                    .anchor
                    .as_ref()
                    .map(|a| a.prefix.clone())
                    .unwrap_or_default(),
                mentions: e.mentions.clone(),
                replies: Vec::new(),
            });
        }
        let mut later = Vec::new();
        for e in &own {
            match theirs.get(&e.id) {
                None if e.withdrawn => {}
                None => match e.parent.as_deref() {
                    None => {}
                    Some(parent) => match new_remarks.get(parent) {
                        Some(&i) => {
                            if let Unsaved::Remark { replies, .. } = &mut out[i] {
                                replies.push(UnsavedReply {
                                    body: e.body.clone(),
                                    mentions: e.mentions.clone(),
                                });
                            }
                        }
                        None if ours.get(parent).is_some_and(|p| p.withdrawn)
                            && !theirs.contains_key(parent) => {}
                        None => later.push((
                            e.created_ms,
                            Unsaved::Reply {
                                to: parent.to_string(),
                                clause: e.clause.clone(),
                                body: e.body.clone(),
                                mentions: e.mentions.clone(),
                            },
                        )),
                    },
                },
                Some(_) if !reached(|t| &t.remarks, &e.id) => {}
                Some(stored) if e.withdrawn && !stored.withdrawn => {
                    // Edited, then withdrawn: the record keeps the last wording.
                    if stored.body != e.body || stored.proposed_text != e.proposed_text {
                        later.push((changed(e), edit(e)));
                    }
                    later.push((
                        changed(e),
                        Unsaved::Withdrawal {
                            remark: e.id.clone(),
                            clause: e.clause.clone(),
                        },
                    ))
                }
                Some(stored)
                    if !e.withdrawn
                        && !stored.withdrawn
                        && (stored.body != e.body || stored.proposed_text != e.proposed_text) =>
                {
                    later.push((changed(e), edit(e)))
                }
                Some(_) => {}
            }
        }
        // Replies, edits and withdrawals in the order they were made (stable: an edit stays
        // before the withdrawal that followed it).
        crate::sorting::sort_by(&mut later, |a, b| a.0.total_cmp(&b.0));
        out.extend(later.into_iter().map(|(_, item)| item));

        let (our_supports, our_stances) = {
            let txn = self.doc.transact();
            (
                self.supports_by(&txn, &me.id),
                self.own_stance_drafts(&txn, me),
            )
        };
        let (their_supports, their_stances) = {
            let txn = server.doc.transact();
            (
                server.supports_by(&txn, &me.id),
                server.own_stance_drafts(&txn, me),
            )
        };
        let mut proposals: Vec<&RemarkId> =
            our_supports.keys().chain(their_supports.keys()).collect();
        crate::sorting::sort(&mut proposals);
        proposals.dedup();
        for proposal in proposals {
            let (mine, stored) = (our_supports.get(proposal), their_supports.get(proposal));
            // A support on a proposal the server never got travels with that proposal's fate.
            let Some(clause) = theirs.get(proposal).map(|p| p.clause.clone()) else {
                continue;
            };
            if mine != stored && reached(|t| &t.supports, &format!("{proposal}/{}", me.id)) {
                out.push(Unsaved::Support {
                    proposal: proposal.clone(),
                    clause,
                    support: match mine.map(String::as_str) {
                        Some("for") => Some(Support::For),
                        Some("against") => Some(Support::Against),
                        _ => None,
                    },
                });
            }
        }
        let mut clauses: Vec<(&ClauseId, &(String, String, String))> = our_stances
            .iter()
            .filter(|(_, (_, _, author))| *author == me.id)
            .collect();
        crate::sorting::sort(&mut clauses);
        for (clause, (value, motivation, _)) in clauses {
            let stored = their_stances.get(clause).map(|(v, m, _)| (v, m));
            if stored == Some((value, motivation))
                || !reached(|t| &t.stances, &format!("{clause}@{}", me.organisation))
            {
                continue;
            }
            if let Some(value) = StanceValue::from_key(value) {
                out.push(Unsaved::Stance {
                    clause: clause.clone(),
                    value,
                    motivation: motivation.clone(),
                });
            }
        }
        // A coordinator's wording: the clause text as the refused replica had it, where its
        // own edits reached (content alone would also catch others' newer edits).
        if let Some(t) = &touched {
            let mut clauses: Vec<&String> = t.wordings.iter().collect();
            crate::sorting::sort(&mut clauses);
            for clause in clauses {
                let (Some(mine), Some(stored)) = (self.clause(clause), server.clause(clause))
                else {
                    continue;
                };
                if mine.text != stored.text {
                    out.push(Unsaved::Wording {
                        clause: clause.clone(),
                        text: mine.text,
                    });
                }
            }
        }
        out
    }

    /// Writes `item` again as `me`, through the ordinary operation (and its checks). A range
    /// remark is placed on its quote where the quote stands now; a comment or question whose
    /// quote is gone goes on the whole clause, quoting it; a proposal whose quote is gone is
    /// refused, since its wording was meant to replace that text.
    pub fn post_again(
        &self,
        me: &Participant,
        item: &Unsaved,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        match item {
            Unsaved::Remark {
                clause,
                kind,
                body,
                proposed_text,
                quote,
                prefix,
                mentions,
                replies,
            } => {
                let current = self
                    .clause(clause)
                    .ok_or_else(|| DomainError::UnknownClause(clause.clone()))?;
                let mut body = body.clone();
                let target = match quote {
                    None => Target::Clause,
                    Some(q) => match locate(&current.text, q, prefix) {
                        Some(at) => {
                            let start = utf16_len(&current.text[..at]);
                            Target::Range {
                                start,
                                end: start + utf16_len(q),
                            }
                        }
                        _ if *kind == RemarkKind::Proposal => {
                            return Err(DomainError::QuoteGone(q.clone()))
                        }
                        _ => {
                            let quoted: String = q.lines().map(|l| format!("> {l}\n")).collect();
                            body = format!("{quoted}\n{body}");
                            Target::Clause
                        }
                    },
                };
                let id = self.write_remark(
                    me,
                    RemarkDraft {
                        clause: clause.clone(),
                        kind: *kind,
                        target,
                        body,
                        proposed_text: proposed_text.clone(),
                        mentions: mentions.clone(),
                    },
                    now_ms,
                )?;
                // A millisecond apart, so the thread keeps its order (equal times would fall
                // back to comparing ids).
                for (i, reply) in replies.iter().enumerate() {
                    let at = now_ms + (i + 1) as f64;
                    self.reply_mentioning(&id, me, &reply.body, &reply.mentions, at)?;
                }
                Ok(())
            }
            Unsaved::Reply {
                to, body, mentions, ..
            } => self
                .reply_mentioning(to, me, body, mentions, now_ms)
                .map(|_| ()),
            Unsaved::Edit {
                remark,
                body,
                proposed_text,
                ..
            } => self.edit_remark(me, remark, body, proposed_text.as_deref(), now_ms),
            Unsaved::Withdrawal { remark, .. } => self.withdraw_remark(me, remark),
            Unsaved::Support {
                proposal, support, ..
            } => self.set_support(me, proposal, *support),
            Unsaved::Stance {
                clause,
                value,
                motivation,
            } => self.set_stance(me, clause, *value, motivation, now_ms),
            Unsaved::Wording { clause, text } => self.set_clause_text(me, clause, text),
        }
    }
}

/// Where `quote` stands in `text` (a byte offset): the occurrence whose preceding text ends
/// with the most of `prefix`, the first on a tie.
fn locate(text: &str, quote: &str, prefix: &str) -> Option<usize> {
    if quote.is_empty() {
        return None;
    }
    let shared = |at: usize| {
        text[..at]
            .chars()
            .rev()
            .zip(prefix.chars().rev())
            .take_while(|(a, b)| a == b)
            .count()
    };
    text.match_indices(quote)
        .map(|(at, _)| at)
        .fold(None, |best: Option<(usize, usize)>, at| {
            let score = shared(at);
            match best {
                Some((_, s)) if s >= score => best,
                _ => Some((at, score)),
            }
        })
        .map(|(at, _)| at)
}
