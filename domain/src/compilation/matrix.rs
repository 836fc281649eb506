//! The stance matrix as the matrix page shows it: the consulted organisations × every live
//! clause, each cell the organisation's sent stance and its draft, with counts per clause and
//! per organisation and each organisation's answer, deadline and extension.
//!
//! Built over the agreement's own queries ([`Agreement::stance_matrix`],
//! [`Agreement::answers_of`]), so it follows however those are served.

use super::{Position, StanceCounts};
use crate::{Agreement, ChapterId, ClauseId, StanceCell};
use std::collections::HashMap;

/// Organisations × clauses, with figures.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceOverview {
    /// Chapters in order, each with its live clauses in order.
    pub chapters: Vec<MatrixChapter>,
    /// The consulted organisations, by name.
    pub organisations: Vec<MatrixOrganisation>,
    /// `cells[o][c]`: organisation `o` on clause `c`, clauses in reading order across the
    /// chapters.
    pub cells: Vec<Vec<StanceCell>>,
}

/// A chapter's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixChapter {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub clauses: Vec<MatrixClause>,
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

/// A cell's position: its sent stance (a draft is not an answer).
pub fn position(cell: &StanceCell) -> Position {
    Position::of(cell.sent.as_ref().map(|s| s.value))
}

impl StanceOverview {
    /// Every clause in reading order.
    pub fn clauses(&self) -> impl Iterator<Item = &MatrixClause> {
        self.chapters.iter().flat_map(|c| &c.clauses)
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

impl Agreement {
    /// The stance matrix over the consulted organisations, with its figures.
    pub fn stance_overview(&self) -> StanceOverview {
        let chapters = self.chapters();
        let order: Vec<&str> = chapters
            .iter()
            .flat_map(|c| &c.clauses)
            .map(|c| c.id.as_str())
            .collect();
        let (organisations, cells) = self.matrix_rows(&order);
        let mut index = 0;
        let chapters = chapters
            .into_iter()
            .map(|chapter| MatrixChapter {
                clauses: chapter
                    .clauses
                    .into_iter()
                    .map(|clause| {
                        let at = index;
                        index += 1;
                        let column = || cells.iter().map(move |row| &row[at]);
                        MatrixClause {
                            counts: count(column()),
                            unsent: column().filter(|c| c.unsent_changes()).count(),
                            id: clause.id,
                            number: clause.number,
                            heading: clause.heading,
                        }
                    })
                    .collect(),
                id: chapter.id,
                number: chapter.number,
                title: chapter.title,
            })
            .collect();
        StanceOverview {
            chapters,
            organisations,
            cells,
        }
    }

    /// Each consulted organisation's row over the clauses in `order`, with its figures.
    fn matrix_rows(&self, order: &[&str]) -> (Vec<MatrixOrganisation>, Vec<Vec<StanceCell>>) {
        let matrix = self.stance_matrix();
        let rows: HashMap<&str, &Vec<StanceCell>> = matrix
            .organisations
            .iter()
            .map(String::as_str)
            .zip(&matrix.cells)
            .collect();
        let columns: HashMap<&str, usize> = matrix
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let general = self.deadline();
        let mut organisations = Vec::new();
        let mut cells = Vec::new();
        for name in self.consulted_organisations() {
            let row: Vec<StanceCell> = order
                .iter()
                .map(|c| {
                    let found = rows.get(name.as_str()).zip(columns.get(c));
                    found.map(|(r, &i)| r[i].clone()).unwrap_or_default()
                })
                .collect();
            let deadline_ms = self.deadline_for(&name);
            organisations.push(MatrixOrganisation {
                answer: self.answers_of(&name).last().map(|a| MatrixAnswer {
                    number: a.number,
                    sent_ms: a.sent_ms,
                    on_behalf: a.on_behalf,
                }),
                extended: deadline_ms.is_some() && deadline_ms != general,
                deadline_ms,
                counts: count(row.iter()),
                unsent: row.iter().filter(|c| c.unsent_changes()).count(),
                name,
            });
            cells.push(row);
        }
        (organisations, cells)
    }
}

fn count<'a>(cells: impl Iterator<Item = &'a StanceCell>) -> StanceCounts {
    let mut counts = StanceCounts::default();
    for cell in cells {
        counts.add(position(cell));
    }
    counts
}
