//! The stance matrix as the matrix page shows it: the consulted organisations × every live
//! clause, each cell the organisation's sent stance and its draft, with counts per clause and
//! per organisation and each organisation's answer, deadline and extension.
//!
//! Built once from the read index, then kept current change by change
//! ([`StanceOverview::update`], see update.rs): a stance on clause X re-reads that one cell
//! and adjusts the counts of its row and column; the other rows and columns stay the very same
//! values (shared `Arc`s), so a view that compares them by pointer stops there.

mod update;

use super::{Position, StanceCounts};
use crate::{ChapterId, ClauseId, StanceCell};
use std::collections::HashMap;
use std::sync::Arc;

pub use update::OverviewUpdate;

/// Organisations × clauses, with figures.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceOverview {
    /// Chapters in order, each with its live clauses in order.
    pub chapters: Vec<MatrixChapter>,
    /// The consulted organisations, by name.
    pub organisations: Vec<Arc<MatrixOrganisation>>,
    /// `cells[o][c]`: organisation `o` on clause `c`, clauses in reading order across the
    /// chapters (a row shared until one of its cells changes).
    pub cells: Vec<Arc<Vec<StanceCell>>>,
    /// Where each row and column is.
    places: Places,
}

/// Where each organisation's row and each clause's column is: what an update looks up.
#[derive(Debug, Clone, PartialEq, Default)]
struct Places {
    rows: HashMap<String, usize>,
    /// Per clause, its index in reading order.
    columns: HashMap<ClauseId, usize>,
    /// Per index in reading order, the chapter and the place within it.
    at: Vec<(usize, usize)>,
}

/// A chapter's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixChapter {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub clauses: Vec<Arc<MatrixClause>>,
}

/// One clause's column and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixClause {
    pub id: ClauseId,
    pub number: String,
    pub heading: String,
    /// Sent positions of the consulted organisations.
    pub counts: StanceCounts,
    /// Organisations whose draft on it differs from what they sent.
    pub unsent: usize,
}

/// One organisation's row and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixOrganisation {
    pub name: String,
    /// Its latest sent answer.
    pub answer: Option<MatrixAnswer>,
    /// The deadline that applies to it.
    pub deadline_ms: Option<f64>,
    /// Whether that is a later deadline of its own.
    pub extended: bool,
    /// Its sent positions over every clause.
    pub counts: StanceCounts,
    /// Clauses where its draft differs from what it sent.
    pub unsent: usize,
}

/// An organisation's latest answer, as its row shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatrixAnswer {
    pub number: usize,
    pub sent_ms: f64,
    /// Recorded by a coordinator for the organisation.
    pub on_behalf: bool,
}

/// What the matrix page narrows the grid to; every field set must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatrixFilter {
    /// Only this chapter's clauses.
    pub chapter: Option<ChapterId>,
    /// Only organisations and clauses where someone holds this position.
    pub position: Option<Position>,
    /// Only organisations that have (`true`) or have not (`false`) sent an answer.
    pub answered: Option<bool>,
}

impl MatrixOrganisation {
    /// The clauses it has drafted a stance on before sending any answer. Its row says this
    /// once: a mark on each of those cells would only repeat that nothing was sent yet.
    pub fn drafting(&self) -> Option<usize> {
        (self.answer.is_none() && self.unsent > 0).then_some(self.unsent)
    }

    /// Whether its `cell` is marked as drafted anew since the answer it sent.
    pub fn marks_draft(&self, cell: &StanceCell) -> bool {
        self.answer.is_some() && cell.unsent_changes()
    }
}

impl MatrixFilter {
    /// The filter as the parameters of a page address (`chapter`, `stance`, `answered` =
    /// `yes`/`no`), only those set: so a filtered matrix can be reloaded, sent and stepped back to.
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let answered = self
            .answered
            .map(|a| if a { "yes" } else { "no" }.to_string());
        [
            ("chapter", self.chapter.clone()),
            ("stance", self.position.map(|p| p.key().to_string())),
            ("answered", answered),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect()
    }

    /// The filter with a chapter `overview` does not have left unset: an old or hand-edited
    /// address (or a chapter removed since) would otherwise show an empty grid, with "all
    /// chapters" seemingly chosen.
    pub fn within(self, overview: &StanceOverview) -> MatrixFilter {
        let known = |c: &ChapterId| overview.chapters.iter().any(|x| x.id == *c);
        MatrixFilter {
            chapter: self.chapter.filter(known),
            ..self
        }
    }

    /// The filter an address names through `param`; a parameter that is missing or names
    /// nothing known (a hand-edited address) leaves that filter unset.
    pub fn from_query(param: impl Fn(&str) -> Option<String>) -> MatrixFilter {
        MatrixFilter {
            chapter: param("chapter").filter(|c| !c.is_empty()),
            position: param("stance").and_then(|p| Position::from_key(&p)),
            answered: match param("answered").as_deref() {
                Some("yes") => Some(true),
                Some("no") => Some(false),
                _ => None,
            },
        }
    }
}

/// A cell's position: its sent stance (a draft is not an answer).
pub fn position(cell: &StanceCell) -> Position {
    Position::of(cell.sent.as_ref().map(|s| s.value))
}

impl StanceOverview {
    /// Every clause in reading order.
    pub fn clauses(&self) -> impl Iterator<Item = &MatrixClause> {
        self.chapters
            .iter()
            .flat_map(|c| c.clauses.iter().map(|c| &**c))
    }

    /// Clause `k` (in reading order), shared: the same value until its figures change.
    pub fn clause(&self, k: usize) -> Option<&Arc<MatrixClause>> {
        let &(chapter, j) = self.places.at.get(k)?;
        self.chapters.get(chapter)?.clauses.get(j)
    }

    /// Where the clause `id` is in reading order.
    pub fn column_of(&self, id: &str) -> Option<usize> {
        self.places.columns.get(id).copied()
    }

    /// Where the organisation `name` is among the rows.
    pub fn row_of(&self, name: &str) -> Option<usize> {
        self.places.rows.get(name).copied()
    }

    /// The rows and columns (indexes into `organisations` and [`StanceOverview::clauses`])
    /// that `filter` keeps.
    pub fn select(&self, filter: &MatrixFilter) -> (Vec<usize>, Vec<usize>) {
        let mut columns: Vec<usize> = Vec::new();
        let mut index = 0;
        for chapter in &self.chapters {
            let keep = filter.chapter.as_ref().is_none_or(|c| *c == chapter.id);
            for _ in &chapter.clauses {
                if keep {
                    columns.push(index);
                }
                index += 1;
            }
        }
        let mut rows: Vec<usize> = (0..self.organisations.len())
            .filter(|&o| {
                filter
                    .answered
                    .is_none_or(|a| a == self.organisations[o].answer.is_some())
            })
            .collect();
        if let Some(wanted) = filter.position {
            let holds = |o: usize, c: usize| position(&self.cells[o][c]) == wanted;
            rows.retain(|&o| columns.iter().any(|&c| holds(o, c)));
            columns.retain(|&c| rows.iter().any(|&o| holds(o, c)));
        }
        (rows, columns)
    }
}
