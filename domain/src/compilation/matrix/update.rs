//! Building the stance overview, and keeping it current from the read index's [`Change`]s.
//!
//! A cell changes only with its organisation's stances or answers, and the index names both
//! the organisation (`Organisation`) and every clause whose cell may show something new
//! (`Stances`): a drafted stance names one clause, a sent answer every clause. So an update
//! re-reads the cells where those meet — one cell for a draft, one row for an answer — and
//! moves each changed cell's count from its old position to its new one in its row and its
//! column. Rows and columns are `Arc`s: an untouched one stays the same value. Only a change of
//! shape (the outline, who takes part, an organisation newly consulted) builds it all again.

use super::{
    position, MatrixAnswer, MatrixChapter, MatrixClause, MatrixOrganisation, Places, StanceOverview,
};
use crate::compilation::StanceCounts;
use crate::{Agreement, Change, ClauseId, StanceCell};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What one [`StanceOverview::update`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverviewUpdate {
    /// Built again whole (the shape changed).
    pub rebuilt: bool,
    /// Cells read again from the index.
    pub cells_read: usize,
    /// Rows whose organisation, figures or cells changed.
    pub rows: BTreeSet<usize>,
    /// Columns (in reading order) whose figures changed.
    pub columns: BTreeSet<usize>,
}

impl Agreement {
    /// The stance matrix over the consulted organisations, with its figures. Keep it current
    /// with [`StanceOverview::update`] rather than asking again.
    pub fn stance_overview(&self) -> StanceOverview {
        let chapters = self.chapters();
        let order: Vec<&ClauseId> = chapters
            .iter()
            .flat_map(|c| &c.clauses)
            .map(|c| &c.id)
            .collect();
        let names = self.consulted_organisations();
        let rows: Vec<Vec<StanceCell>> = self.with_index(|ix, _| {
            names
                .iter()
                .map(|o| order.iter().map(|c| ix.stances.cell(o, c)).collect())
                .collect()
        });
        let general = self.deadline();
        let mut places = Places::default();
        let mut k = 0;
        let chapters = chapters
            .iter()
            .enumerate()
            .map(|(i, chapter)| MatrixChapter {
                clauses: chapter
                    .clauses
                    .iter()
                    .enumerate()
                    .map(|(j, clause)| {
                        places.columns.insert(clause.id.clone(), k);
                        places.at.push((i, j));
                        let at = k;
                        let column = rows.iter().map(move |row| &row[at]);
                        k += 1;
                        Arc::new(MatrixClause {
                            id: clause.id.clone(),
                            number: clause.number.clone(),
                            heading: clause.heading.clone(),
                            counts: count(column.clone()),
                            unsent: column.filter(|c| c.unsent_changes()).count(),
                        })
                    })
                    .collect(),
                id: chapter.id.clone(),
                number: chapter.number.clone(),
                title: chapter.title.clone(),
            })
            .collect();
        let organisations = names
            .into_iter()
            .zip(&rows)
            .enumerate()
            .map(|(r, (name, row))| {
                places.rows.insert(name.clone(), r);
                Arc::new(self.matrix_organisation(name, row, general))
            })
            .collect();
        StanceOverview {
            chapters,
            organisations,
            cells: rows.into_iter().map(Arc::new).collect(),
            places,
        }
    }

    /// An organisation's row header and figures over its `row` of cells.
    fn matrix_organisation(
        &self,
        name: String,
        row: &[StanceCell],
        general: Option<f64>,
    ) -> MatrixOrganisation {
        let deadline_ms = self.deadline_for(&name);
        MatrixOrganisation {
            answer: self.matrix_answer(&name),
            extended: deadline_ms.is_some() && deadline_ms != general,
            deadline_ms,
            counts: count(row.iter()),
            unsent: row.iter().filter(|c| c.unsent_changes()).count(),
            name,
        }
    }

    fn matrix_answer(&self, organisation: &str) -> Option<MatrixAnswer> {
        self.with_index(|ix, _| ix.stances.latest_answer(organisation))
            .map(|(number, sent_ms, on_behalf)| MatrixAnswer {
                number,
                sent_ms,
                on_behalf,
            })
    }
}

impl StanceOverview {
    /// Brings the overview up to date with `changes` (what transactions on `agreement` made
    /// since it was built or last updated), re-reading only the cells they can have touched.
    pub fn update(&mut self, agreement: &Agreement, changes: &[Change]) -> OverviewUpdate {
        let mut organisations: BTreeSet<&str> = BTreeSet::new();
        let mut clauses: Vec<(usize, &str)> = Vec::new();
        let mut meta = false;
        for change in changes {
            match change {
                Change::Outline | Change::Participants => return self.rebuild(agreement),
                Change::Meta => meta = true,
                Change::Organisation(o) => {
                    organisations.insert(o);
                }
                Change::Stances(c) => clauses.extend(self.column_of(c).map(|k| (k, c.as_str()))),
                _ => {}
            }
        }
        // Changes of several transactions may name a clause more than once.
        crate::sorting::sort(&mut clauses);
        clauses.dedup();
        // An organisation's first stance makes it consulted: a new row.
        if organisations.iter().any(|o| self.row_of(o).is_none()) {
            return self.rebuild(agreement);
        }
        let mut update = OverviewUpdate::default();
        let general = agreement.deadline();
        for organisation in organisations {
            if let Some(r) = self.row_of(organisation) {
                self.reread_row(agreement, r, &clauses, &mut update);
                self.refresh_header(agreement, r, general, &mut update);
            }
        }
        if meta {
            for r in 0..self.organisations.len() {
                self.refresh_header(agreement, r, general, &mut update);
            }
        }
        update
    }

    fn rebuild(&mut self, agreement: &Agreement) -> OverviewUpdate {
        *self = agreement.stance_overview();
        OverviewUpdate {
            rebuilt: true,
            cells_read: self.cells.iter().map(|r| r.len()).sum(),
            rows: (0..self.organisations.len()).collect(),
            columns: (0..self.places.at.len()).collect(),
        }
    }

    /// Re-reads row `r`'s cells on `clauses` and moves the counts of those that changed.
    fn reread_row(
        &mut self,
        agreement: &Agreement,
        r: usize,
        clauses: &[(usize, &str)],
        update: &mut OverviewUpdate,
    ) {
        let name = &self.organisations[r].name;
        let fresh: Vec<(usize, StanceCell)> = agreement.with_index(|ix, _| {
            clauses
                .iter()
                .map(|&(k, c)| (k, ix.stances.cell(name, c)))
                .collect()
        });
        update.cells_read += fresh.len();
        for (k, cell) in fresh {
            let old = &self.cells[r][k];
            if *old == cell {
                continue;
            }
            let (was, is) = (Tally::of(old), Tally::of(&cell));
            Arc::make_mut(&mut self.cells[r])[k] = cell;
            update.rows.insert(r);
            // The same position in another answer (its number) leaves the figures as they are.
            if was == is {
                continue;
            }
            if let Some(&(chapter, j)) = self.places.at.get(k) {
                let column = Arc::make_mut(&mut self.chapters[chapter].clauses[j]);
                (was.move_to(is))(&mut column.counts, &mut column.unsent);
            }
            let row = Arc::make_mut(&mut self.organisations[r]);
            (was.move_to(is))(&mut row.counts, &mut row.unsent);
            update.columns.insert(k);
        }
    }

    /// Re-reads row `r`'s answer and deadline; a new value only if they changed.
    fn refresh_header(
        &mut self,
        agreement: &Agreement,
        r: usize,
        general: Option<f64>,
        update: &mut OverviewUpdate,
    ) {
        let old = &self.organisations[r];
        let answer = agreement.matrix_answer(&old.name);
        let deadline_ms = agreement.deadline_for(&old.name);
        let extended = deadline_ms.is_some() && deadline_ms != general;
        if (old.answer, old.deadline_ms, old.extended) != (answer, deadline_ms, extended) {
            let row = Arc::make_mut(&mut self.organisations[r]);
            row.answer = answer;
            row.deadline_ms = deadline_ms;
            row.extended = extended;
            update.rows.insert(r);
        }
    }
}

/// What one cell adds to its row's and column's figures.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Tally {
    position: super::Position,
    unsent: bool,
}

impl Tally {
    fn of(cell: &StanceCell) -> Tally {
        Tally {
            position: position(cell),
            unsent: cell.unsent_changes(),
        }
    }

    /// Takes this cell's part out of a pair of figures and puts `to`'s in.
    fn move_to(self, to: Tally) -> impl Fn(&mut StanceCounts, &mut usize) {
        move |counts, unsent| {
            counts.remove(self.position);
            counts.add(to.position);
            *unsent = unsent.saturating_sub(usize::from(self.unsent)) + usize::from(to.unsent);
        }
    }
}

fn count<'a>(cells: impl Iterator<Item = &'a StanceCell>) -> StanceCounts {
    let mut counts = StanceCounts::default();
    for cell in cells {
        counts.add(position(cell));
    }
    counts
}
