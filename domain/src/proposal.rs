//! Proposed wording: the word diff a reader sees, and accepting a proposal into the text.
//!
//! Accepting rewrites only the words that differ (see textedit.rs) inside the proposal's
//! range, in the same transaction that records the disposition and which characters the
//! rewrite wrote, so peers never see the text changed without the decision — and anchors of
//! other remarks on unchanged words stay put. A proposal is accepted once: accepting it again
//! is refused, and acceptances made concurrently on several replicas are settled to one (see
//! acceptance.rs).

use crate::anchor::AnchorState;
use crate::chars::Run;
use crate::disposition::DispositionValue;
use crate::fields::{submap, utf16_len};
use crate::permission::Action;
use crate::textedit::apply_change;
use crate::{Agreement, DomainError, Participant, RemarkKind};
use serde::{Deserialize, Serialize};
use similar::ChangeTag;
use yrs::{GetString, ReadTxn, Transact};

/// One run of a word diff. In JSON: `{"kind": "added", "text": "den politiska "}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum DiffPart {
    /// Unchanged words.
    Same(String),
    /// Words only in the new wording.
    Added(String),
    /// Words only in the old wording.
    Removed(String),
}

/// Word-level diff of `old` against `new`, with neighbouring runs of a kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let mut parts: Vec<DiffPart> = Vec::new();
    for (tag, value) in crate::textedit::changes(old, new) {
        match (tag, parts.last_mut()) {
            (ChangeTag::Equal, Some(DiffPart::Same(s)))
            | (ChangeTag::Insert, Some(DiffPart::Added(s)))
            | (ChangeTag::Delete, Some(DiffPart::Removed(s))) => s.push_str(value),
            (ChangeTag::Equal, _) => parts.push(DiffPart::Same(value.to_string())),
            (ChangeTag::Insert, _) => parts.push(DiffPart::Added(value.to_string())),
            (ChangeTag::Delete, _) => parts.push(DiffPart::Removed(value.to_string())),
        }
    }
    parts
}

/// Where a proposal stands against the text.
#[derive(Debug, Clone, PartialEq)]
pub enum ProposalStanding {
    /// Its wording is in the text: accepted at `at_ms` (the coordinators' decision).
    Accepted { at_ms: f64, wording: String },
    /// The words it was written on have changed since (another proposal accepted, a
    /// coordinator's edit): its diff is against the wording its author saw, `written_on`.
    Outdated {
        written_on: String,
        diff: Vec<DiffPart>,
    },
    /// Open: its diff is against the wording now.
    Open(Vec<DiffPart>),
}

impl Agreement {
    /// Where proposal `id` stands: decided, written on earlier wording, or open — what its
    /// card shows instead of a diff of words "still to be added" once the text has moved on.
    pub fn proposal_standing(&self, id: &str) -> Result<ProposalStanding, DomainError> {
        let remark = self
            .remark(id)
            .ok_or_else(|| DomainError::UnknownRemark(id.to_string()))?;
        let wording = remark.proposed_text.clone().unwrap_or_default();
        if let Some(d) = remark
            .disposition
            .as_ref()
            .filter(|d| d.value == DispositionValue::Accepted)
        {
            return Ok(ProposalStanding::Accepted {
                at_ms: d.at_ms,
                wording,
            });
        }
        let written_on = match &remark.anchor {
            Some(a) => Some(a.quote.clone()),
            None => remark.written_on.clone(),
        };
        match (self.proposal_target_text(id), written_on) {
            (Ok(now), Some(then)) if now != then => Ok(ProposalStanding::Outdated {
                diff: word_diff(&then, &wording),
                written_on: then,
            }),
            (Err(DomainError::Orphaned(_)), Some(then)) => Ok(ProposalStanding::Outdated {
                diff: word_diff(&then, &wording),
                written_on: then,
            }),
            (Ok(now), _) => Ok(ProposalStanding::Open(word_diff(&now, &wording))),
            (Err(e), _) => Err(e),
        }
    }

    /// Writes proposal `id` again on the current text — the same wording and reasons, on the
    /// range its words now cover (or the whole clause) — and withdraws the one written on
    /// earlier wording, which stays in the record. Only its author, while they may propose.
    pub fn rebase_proposal(
        &self,
        author: &Participant,
        id: &str,
        now_ms: f64,
    ) -> Result<crate::RemarkId, DomainError> {
        let old = self
            .remark(id)
            .ok_or_else(|| DomainError::UnknownRemark(id.to_string()))?;
        self.may_withdraw_remark(author, id)?;
        let target = match old.anchor.as_ref().map(|a| &a.state) {
            Some(AnchorState::Attached { start, end, .. }) if start < end => crate::Target::Range {
                start: *start,
                end: *end,
            },
            _ => crate::Target::Clause,
        };
        let draft = crate::RemarkDraft {
            kind: RemarkKind::Proposal,
            target,
            proposed_text: old.proposed_text.clone(),
            mentions: old.mentions.clone(),
            ..crate::RemarkDraft::comment(&old.clause, &old.body)
        };
        let new = self.write_remark(author, draft, now_ms)?;
        self.withdraw_remark(author, id)?;
        Ok(new)
    }

    /// The wording a proposal would replace, as it reads now (`Err(Orphaned)` if deleted).
    pub fn proposal_target_text(&self, proposal: &str) -> Result<String, DomainError> {
        let remark = self
            .remark(proposal)
            .ok_or_else(|| DomainError::UnknownRemark(proposal.to_string()))?;
        if remark.kind != RemarkKind::Proposal {
            return Err(DomainError::NotAProposal(proposal.to_string()));
        }
        match remark.anchor {
            None => self
                .clause(&remark.clause)
                .map(|c| c.text)
                .ok_or(DomainError::Orphaned(proposal.to_string())),
            Some(anchor) => match anchor.state {
                AnchorState::Attached { text, .. } => Ok(text),
                AnchorState::Orphaned => Err(DomainError::Orphaned(proposal.to_string())),
            },
        }
    }

    /// Word diff of the current wording against the proposal's.
    pub fn proposal_diff(&self, proposal: &str) -> Result<Vec<DiffPart>, DomainError> {
        let current = self.proposal_target_text(proposal)?;
        let remark = self
            .remark(proposal)
            .ok_or_else(|| DomainError::UnknownRemark(proposal.to_string()))?;
        Ok(word_diff(
            &current,
            remark.proposed_text.as_deref().unwrap_or_default(),
        ))
    }

    /// Writes a proposal's wording into the clause and records it as accepted, in one
    /// transaction (coordinators, while the text may be edited).
    pub fn accept_proposal(
        &self,
        actor: &Participant,
        proposal: &str,
        motivation: &str,
        now_ms: f64,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::EditText)?;
        self.check(actor, Action::Dispose)?;
        let remark = self
            .remark(proposal)
            .ok_or_else(|| DomainError::UnknownRemark(proposal.to_string()))?;
        if remark.kind != RemarkKind::Proposal {
            return Err(DomainError::NotAProposal(proposal.to_string()));
        }
        if remark.withdrawn {
            return Err(DomainError::Withdrawn(proposal.to_string()));
        }
        let wording = remark.proposed_text.clone().unwrap_or_default();
        let mut txn = self.doc.transact_mut();
        // Accepting twice in sequence would rewrite the text on top of the first acceptance,
        // and could not be told apart from accepting concurrently, which is settled.
        let accepted =
            remark.disposition.as_ref().map(|d| d.value) == Some(DispositionValue::Accepted);
        if accepted || self.has_acceptance(&txn, proposal) {
            return Err(DomainError::AlreadyAccepted(proposal.to_string()));
        }
        let text = self.writable_text_ref(&txn, &remark.clause)?;
        // Resolve the range inside this transaction, so nothing can move it in between.
        let map = submap(&self.remarks, &txn, proposal)
            .ok_or_else(|| DomainError::UnknownRemark(proposal.to_string()))?;
        let (start, old) = match crate::anchor::resolve(&map, &txn, Some(&text)) {
            None => (0, text.get_string(&txn)),
            Some(anchor) => match anchor.state {
                AnchorState::Attached { start, text, .. } => (start, text),
                AnchorState::Orphaned => return Err(DomainError::Orphaned(proposal.to_string())),
            },
        };
        debug_assert!(start + utf16_len(&old) <= yrs::Text::len(&text, &txn));
        // The rewrite's inserts are this replica's next clocks, one per UTF-16 unit.
        let client = self.doc.client_id();
        let from = txn.state_vector().get(&client);
        apply_change(&mut txn, &text, start, &old, &wording);
        let wrote = Run {
            client: client.get(),
            clock: from,
            len: txn.state_vector().get(&client) - from,
        };
        self.record_acceptance(&mut txn, actor, proposal, &remark.clause, wrote, now_ms);
        self.write_disposition(
            &mut txn,
            actor,
            proposal,
            DispositionValue::Accepted,
            motivation,
            now_ms,
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words_only() {
        let parts = word_diff(
            "ska beslutas av gruppen",
            "ska beslutas av den politiska gruppen",
        );
        assert_eq!(
            parts,
            vec![
                DiffPart::Same("ska beslutas av ".into()),
                DiffPart::Added("den politiska ".into()),
                DiffPart::Same("gruppen".into()),
            ]
        );
    }
}
