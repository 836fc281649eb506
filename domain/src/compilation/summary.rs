//! The summary: how many answered, positions per chapter and clause, outcomes, main points.

use super::{
    ChapterCompilation, ChapterSummary, ClauseCompilation, ClauseSummary, Introduction, MainPoint,
    OutcomeCounts, OutcomeKind, Position, StanceCounts, Summary, MAIN_POINTS,
};

pub(super) fn build(introduction: &Introduction, chapters: &[ChapterCompilation]) -> Summary {
    let organisations = &introduction.organisations;
    let mut totals = StanceCounts::default();
    let mut outcomes = OutcomeCounts::default();
    let mut clauses = Vec::new();
    let chapters = chapters
        .iter()
        .map(|chapter| {
            let mut counts = StanceCounts::default();
            for clause in &chapter.clauses {
                let summary = clause_summary(clause);
                counts.merge(&summary.counts);
                count_outcome(&mut outcomes, summary.outcome);
                clauses.push((clause, summary));
            }
            totals.merge(&counts);
            ChapterSummary {
                id: chapter.id.clone(),
                number: chapter.number.clone(),
                title: chapter.title.clone(),
                counts,
            }
        })
        .collect();
    let main_points = main_points(clauses.iter().map(|(c, s)| (*c, s)));
    Summary {
        consulted: organisations.len(),
        answered: organisations
            .iter()
            .filter(|o| o.answer().is_some())
            .count(),
        on_behalf: organisations
            .iter()
            .filter(|o| o.answer().is_some_and(|a| a.on_behalf.is_some()))
            .count(),
        extended: organisations
            .iter()
            .filter(|o| o.extension_ms.is_some())
            .count(),
        totals,
        chapters,
        clauses: clauses.into_iter().map(|(_, s)| s).collect(),
        outcomes,
        main_points,
    }
}

fn clause_summary(clause: &ClauseCompilation) -> ClauseSummary {
    ClauseSummary {
        id: clause.id.clone(),
        number: clause.number.clone(),
        heading: clause.heading.clone(),
        counts: clause.counts(),
        arguments: clause.arguments.len(),
        outcome: clause.outcome.kind(),
    }
}

fn count_outcome(counts: &mut OutcomeCounts, outcome: OutcomeKind) {
    *match outcome {
        OutcomeKind::Unchanged => &mut counts.unchanged,
        OutcomeKind::Changed => &mut counts.changed,
        OutcomeKind::Removed => &mut counts.removed,
        OutcomeKind::Added => &mut counts.added,
    } += 1;
}

/// The clauses with objections, changes asked for or conditions: most opposed first, then
/// most changes asked for, then most conditions, then in reading order.
fn main_points<'a>(
    clauses: impl Iterator<Item = (&'a ClauseCompilation, &'a ClauseSummary)>,
) -> Vec<MainPoint> {
    let named = |clause: &ClauseCompilation, position: Position| -> Vec<String> {
        clause
            .groups
            .iter()
            .filter(|g| g.position == position)
            .flat_map(|g| g.organisations.iter().cloned())
            .collect()
    };
    let mut points: Vec<MainPoint> = clauses
        .map(|(clause, summary)| MainPoint {
            clause: clause.id.clone(),
            number: clause.number.clone(),
            heading: clause.heading.clone(),
            opposes: named(clause, Position::Opposes),
            supports_with_changes: named(clause, Position::SupportsWithChanges),
            conditions: clause
                .conditions
                .iter()
                .map(|c| c.organisation.clone())
                .collect(),
            outcome: summary.outcome,
        })
        .filter(|p| {
            !(p.opposes.is_empty() && p.supports_with_changes.is_empty() && p.conditions.is_empty())
        })
        .collect();
    // A stable sort keeps reading order among equals.
    crate::sorting::sort_by(&mut points, |a, b| {
        (
            b.opposes.len(),
            b.supports_with_changes.len(),
            b.conditions.len(),
        )
            .cmp(&(
                a.opposes.len(),
                a.supports_with_changes.len(),
                a.conditions.len(),
            ))
    });
    points.truncate(MAIN_POINTS);
    points
}
