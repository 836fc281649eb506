//! Read-side queries returning plain structs: remarks under filters, counts per clause.

use crate::remark::threads;
use crate::{Agreement, ClauseId, Phase, Remark, RemarkKind, Role};
use std::collections::HashMap;

/// Which remarks by their handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// No disposition yet, not withdrawn.
    Open,
    /// Has a disposition.
    Disposed,
    /// Withdrawn by the author.
    Withdrawn,
    /// Open with no reply.
    Unanswered,
}

/// Filters over remarks; every field set must match. Applies to top-level remarks; replies
/// come along with their thread.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemarkFilter {
    pub clause: Option<ClauseId>,
    pub organisation: Option<String>,
    pub role: Option<Role>,
    pub author: Option<String>,
    pub kind: Option<RemarkKind>,
    pub status: Option<StatusFilter>,
    pub phase: Option<Phase>,
    /// Case-insensitive words that must all appear in the remark, its quote, its proposed
    /// wording or a reply.
    pub text: Option<String>,
}

impl RemarkFilter {
    fn matches(&self, r: &Remark) -> bool {
        let eq = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        eq(&self.clause, &r.clause)
            && eq(&self.organisation, &r.organisation)
            && eq(&self.author, &r.author)
            && self.role.is_none_or(|x| x == r.role)
            && self.kind.is_none_or(|x| x == r.kind)
            && self.phase.is_none_or(|x| x == r.phase)
            && self.status.is_none_or(|s| match s {
                StatusFilter::Open => !r.withdrawn && r.disposition.is_none(),
                StatusFilter::Disposed => r.disposition.is_some(),
                StatusFilter::Withdrawn => r.withdrawn,
                StatusFilter::Unanswered => {
                    !r.withdrawn && r.disposition.is_none() && r.replies.is_empty()
                }
            })
            && self.text.as_deref().is_none_or(|t| text_matches(r, t))
    }
}

fn text_matches(r: &Remark, query: &str) -> bool {
    let mut haystack = format!(
        "{} {} {} {}",
        r.body,
        r.proposed_text.as_deref().unwrap_or_default(),
        r.anchor
            .as_ref()
            .map(|a| a.quote.as_str())
            .unwrap_or_default(),
        r.author_name
    );
    for reply in &r.replies {
        haystack.push(' ');
        haystack.push_str(&reply.body);
    }
    let haystack = haystack.to_lowercase();
    query
        .split_whitespace()
        .all(|w| haystack.contains(&w.to_lowercase()))
}

/// Remark figures for one clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClauseCounts {
    /// Top-level remarks, withdrawn excluded.
    pub remarks: usize,
    /// Of those, still without a disposition.
    pub open: usize,
    pub proposals: usize,
    pub questions: usize,
    pub replies: usize,
}

impl Agreement {
    /// Remark threads matching `filter`, oldest first.
    pub fn find_remarks(&self, filter: &RemarkFilter) -> Vec<Remark> {
        threads(self.all_remarks())
            .into_iter()
            .filter(|r| filter.matches(r))
            .collect()
    }

    /// Figures per clause, for the table of contents.
    pub fn counts(&self) -> HashMap<ClauseId, ClauseCounts> {
        let mut out: HashMap<ClauseId, ClauseCounts> = HashMap::new();
        for r in threads(self.all_remarks()) {
            let c = out.entry(r.clause.clone()).or_default();
            if r.withdrawn {
                continue;
            }
            c.remarks += 1;
            c.open += usize::from(r.disposition.is_none());
            c.proposals += usize::from(r.kind == RemarkKind::Proposal);
            c.questions += usize::from(r.kind == RemarkKind::Question);
            c.replies += r.replies.iter().filter(|x| !x.withdrawn).count();
        }
        out
    }

    /// Clauses whose number, heading or text contains every word of `query`.
    pub fn search_clauses(&self, query: &str) -> Vec<ClauseId> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.clauses()
            .into_iter()
            .filter(|c| {
                let hay = format!("{} {} {}", c.number, c.heading, c.text).to_lowercase();
                words.iter().all(|w| hay.contains(w))
            })
            .map(|c| c.id)
            .collect()
    }
}
