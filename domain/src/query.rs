//! Read-side queries returning plain structs: remarks under filters, counts per clause, the
//! outline. Those about remarks are served by the read index (index.rs).

use crate::fields::{boolean, entries, number, string};
use crate::index::Replies;
use crate::{Agreement, ChapterId, ClauseId, Phase, Remark, RemarkId, RemarkKind, Role};
use std::collections::HashMap;
use yrs::Transact;

/// Which remarks by their handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// No disposition yet, not withdrawn.
    Open,
    /// Has a disposition.
    Disposed,
    /// Withdrawn by the author.
    Withdrawn,
    /// Without a response ("utan bemötande"): not withdrawn, no disposition, and no reply from
    /// a coordinator that still stands — whatever other participants replied.
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
    pub(crate) fn matches(&self, r: &Remark) -> bool {
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
                    let responded = r
                        .replies
                        .iter()
                        .any(|x| x.role == Role::Coordinator && !x.withdrawn);
                    !r.withdrawn && r.disposition.is_none() && !responded
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

/// A clause's place in the outline: its number and heading, not its text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseHeading {
    pub id: ClauseId,
    pub number: String,
    pub heading: String,
}

/// A chapter with its live clauses' headings in order: the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterHeading {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub clauses: Vec<ClauseHeading>,
}

impl Agreement {
    /// Remark threads matching `filter`, oldest first.
    pub fn find_remarks(&self, filter: &RemarkFilter) -> Vec<Remark> {
        let Some(clause) = &filter.clause else {
            return self
                .all_threads()
                .into_iter()
                .filter(|r| filter.matches(r))
                .collect();
        };
        self.with_index(|ix, txn| {
            let text = self.resolving_text(txn, clause);
            ix.remarks
                .roots_of(clause)
                .iter()
                .filter_map(|o| ix.remarks.thread(&o.id, txn, text.as_ref(), Replies::All))
                .filter(|r| filter.matches(r))
                .collect()
        })
    }

    /// The ids of the remark threads matching `filter`, oldest first. With no filter but
    /// the clause, no remark is read at all; with others, only that clause's.
    pub fn find_remark_ids(&self, filter: &RemarkFilter) -> Vec<RemarkId> {
        match &filter.clause {
            Some(clause)
                if *filter
                    == (RemarkFilter {
                        clause: Some(clause.clone()),
                        ..RemarkFilter::default()
                    }) =>
            {
                self.remark_ids_of(clause)
            }
            // Filters read what remarks say, never where their ranges stand: no anchor is
            // resolved.
            Some(clause) => self.with_index(|ix, _| {
                ix.remarks
                    .roots_of(clause)
                    .iter()
                    .filter_map(|o| ix.remarks.thread_at_rest(&o.id, Replies::All))
                    .filter(|r| filter.matches(r))
                    .map(|r| r.id)
                    .collect()
            }),
            None => self
                .find_remarks(filter)
                .into_iter()
                .map(|r| r.id)
                .collect(),
        }
    }

    /// Figures per clause, for the table of contents.
    pub fn counts(&self) -> HashMap<ClauseId, ClauseCounts> {
        self.with_index(|ix, _| {
            ix.remarks
                .clauses()
                .map(|c| (c.clone(), ix.remarks.counts(c)))
                .collect()
        })
    }

    /// Remark figures for one clause.
    pub fn counts_of(&self, clause: &str) -> ClauseCounts {
        self.with_index(|ix, _| ix.remarks.counts(clause))
    }

    /// Chapters in order, each with its live clauses' numbers and headings in order — the
    /// structure of [`Agreement::chapters`] without reading any clause text.
    pub fn outline(&self) -> Vec<ChapterHeading> {
        let txn = self.doc.transact();
        let mut chapters: Vec<(f64, ChapterHeading)> = entries(&self.chapters, &txn)
            .into_iter()
            .map(|(id, m)| {
                (
                    number(&m, &txn, "order"),
                    ChapterHeading {
                        number: string(&m, &txn, "number"),
                        title: string(&m, &txn, "title"),
                        clauses: Vec::new(),
                        id,
                    },
                )
            })
            .collect();
        crate::sorting::sort_by(&mut chapters, |a, b| {
            a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id))
        });
        let mut clauses: Vec<(f64, String, ClauseHeading)> = entries(&self.clauses, &txn)
            .into_iter()
            .filter(|(_, m)| !boolean(m, &txn, "removed"))
            .map(|(id, m)| {
                let heading = ClauseHeading {
                    number: string(&m, &txn, "number"),
                    heading: string(&m, &txn, "heading"),
                    id,
                };
                (
                    number(&m, &txn, "order"),
                    string(&m, &txn, "chapter"),
                    heading,
                )
            })
            .collect();
        crate::sorting::sort_by(&mut clauses, |a, b| {
            a.0.total_cmp(&b.0).then_with(|| a.2.id.cmp(&b.2.id))
        });
        let mut out: Vec<ChapterHeading> = chapters.into_iter().map(|(_, c)| c).collect();
        for (_, chapter, clause) in clauses {
            if let Some(ch) = out.iter_mut().find(|c| c.id == chapter) {
                ch.clauses.push(clause);
            }
        }
        out
    }

    /// A live clause's number and heading (`None` if unknown or removed), without its text.
    pub fn heading(&self, id: &str) -> Option<ClauseHeading> {
        let txn = self.doc.transact();
        let m = self.live_clause(&txn, id).ok()?;
        Some(ClauseHeading {
            id: id.to_string(),
            number: string(&m, &txn, "number"),
            heading: string(&m, &txn, "heading"),
        })
    }

    /// Every live clause's id in reading order.
    pub fn clause_ids(&self) -> Vec<ClauseId> {
        self.outline()
            .into_iter()
            .flat_map(|c| c.clauses)
            .map(|c| c.id)
            .collect()
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
