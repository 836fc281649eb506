//! Two states of the agreement side by side: two named versions, or a version and the text
//! as it reads now. Each clause is classed (changed, added, removed, moved, unchanged) and a
//! changed clause carries its word diff. Both states are read once, whatever the number of
//! clauses, so comparing a 120-clause agreement costs two snapshot reads and one word diff
//! per changed clause.

use crate::proposal::{word_diff, DiffPart};
use crate::{Agreement, Clause, ClauseId, DomainError};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::{HashMap, HashSet};

/// What happened to one clause between the two states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClauseChange {
    /// Same place, same wording.
    Unchanged,
    /// The wording (or heading) differs.
    Changed,
    /// Only in the later state.
    Added,
    /// Only in the earlier state (or marked removed since).
    Removed,
    /// Same wording, but in another chapter or another place among the clauses both share.
    Moved,
}

impl ClauseChange {
    /// Stable key, for styling and message ids.
    pub fn key(self) -> &'static str {
        match self {
            ClauseChange::Unchanged => "unchanged",
            ClauseChange::Changed => "changed",
            ClauseChange::Added => "added",
            ClauseChange::Removed => "removed",
            ClauseChange::Moved => "moved",
        }
    }
}

/// One clause in a comparison, in the later state's order (removed clauses where they stood).
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseComparison {
    pub id: ClauseId,
    /// The number and heading in the later state (the earlier one's for a removed clause).
    pub number: String,
    pub heading: String,
    /// The number in the earlier state, when the clause had one there and it differs.
    pub was_number: Option<String>,
    pub change: ClauseChange,
    /// Whether it also moved (a changed clause can have moved too).
    pub moved: bool,
    /// The word diff from the earlier wording to the later (all `Same` when unchanged).
    pub diff: Vec<DiffPart>,
}

/// Every clause of two states compared, with counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub clauses: Vec<ClauseComparison>,
}

impl Comparison {
    /// How many clauses had `change`.
    pub fn count(&self, change: ClauseChange) -> usize {
        self.clauses.iter().filter(|c| c.change == change).count()
    }
}

impl Agreement {
    /// Compares the agreement at `from` with it at `to` (`None` = as it reads now).
    pub fn compare(&self, from: Option<&str>, to: Option<&str>) -> Result<Comparison, DomainError> {
        let read = |v: Option<&str>| match v {
            Some(id) => self.at_version(id).map(|a| a.clauses()),
            None => Ok(self.clauses()),
        };
        Ok(compare_clauses(&read(from)?, &read(to)?))
    }
}

/// Compares two ordered clause lists (each clause knows its chapter).
pub(crate) fn compare_clauses(before: &[Clause], after: &[Clause]) -> Comparison {
    let old: HashMap<&str, (usize, &Clause)> = before
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), (i, c)))
        .collect();
    let now: HashSet<&str> = after.iter().map(|c| c.id.as_str()).collect();
    let moved = moved_clauses(before, after, &now, &old);
    let mut out = Vec::with_capacity(after.len());
    for c in after {
        out.push(match old.get(c.id.as_str()) {
            None => ClauseComparison {
                id: c.id.clone(),
                number: c.number.clone(),
                heading: c.heading.clone(),
                was_number: None,
                change: ClauseChange::Added,
                moved: false,
                diff: word_diff("", &c.text),
            },
            Some((_, was)) => compare_one(was, c, moved.contains(c.id.as_str())),
        });
    }
    // A removed clause is shown after the clause that preceded it in the earlier state.
    for (i, c) in before.iter().enumerate() {
        if now.contains(c.id.as_str()) {
            continue;
        }
        let removed = ClauseComparison {
            id: c.id.clone(),
            number: c.number.clone(),
            heading: c.heading.clone(),
            was_number: None,
            change: ClauseChange::Removed,
            moved: false,
            diff: word_diff(&c.text, ""),
        };
        let after_id = before[..i]
            .iter()
            .rev()
            .find(|p| now.contains(p.id.as_str()));
        let at = after_id
            .and_then(|p| out.iter().position(|o| o.id == p.id))
            .map_or(0, |p| p + 1);
        out.insert(at, removed);
    }
    Comparison { clauses: out }
}

fn compare_one(was: &Clause, c: &Clause, moved: bool) -> ClauseComparison {
    let changed = was.text != c.text || was.heading != c.heading;
    let change = match (changed, moved) {
        (true, _) => ClauseChange::Changed,
        (false, true) => ClauseChange::Moved,
        (false, false) => ClauseChange::Unchanged,
    };
    ClauseComparison {
        id: c.id.clone(),
        number: c.number.clone(),
        heading: c.heading.clone(),
        was_number: (was.number != c.number).then(|| was.number.clone()),
        change,
        moved,
        diff: if was.text == c.text {
            vec![DiffPart::Same(c.text.clone())]
        } else {
            word_diff(&was.text, &c.text)
        },
    }
}

/// The clauses both states share that changed chapter, or left the longest run of shared
/// clauses kept in order (so one clause moved does not make every clause after it "moved").
fn moved_clauses<'a>(
    before: &'a [Clause],
    after: &'a [Clause],
    now: &HashSet<&str>,
    old: &HashMap<&str, (usize, &Clause)>,
) -> HashSet<&'a str> {
    let shared_before: Vec<&str> = before
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| now.contains(id))
        .collect();
    let shared_after: Vec<&str> = after
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| old.contains_key(id))
        .collect();
    let mut kept: HashSet<&str> = HashSet::new();
    for op in capture_diff_slices(Algorithm::Patience, &shared_before, &shared_after) {
        if let DiffOp::Equal { new_index, len, .. } = op {
            kept.extend(&shared_after[new_index..new_index + len]);
        }
    }
    after
        .iter()
        .filter(|c| {
            let other_chapter = old
                .get(c.id.as_str())
                .is_some_and(|(_, was)| was.chapter != c.chapter);
            old.contains_key(c.id.as_str()) && (!kept.contains(c.id.as_str()) || other_chapter)
        })
        .map(|c| c.id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(id: &str, chapter: &str, number: &str, text: &str) -> Clause {
        Clause {
            id: id.into(),
            chapter: chapter.into(),
            number: number.into(),
            heading: format!("Rubrik {id}"),
            text: text.into(),
        }
    }

    #[test]
    fn clauses_are_classed_changed_added_removed_and_moved() {
        let before = vec![
            clause("a", "k1", "1.1", "Parterna samverkar."),
            clause("b", "k1", "1.2", "Avtalet gäller tills vidare."),
            clause("c", "k1", "1.3", "Tvister löses i samråd."),
            clause("d", "k2", "2.1", "Uppföljning sker årligen."),
        ];
        let after = vec![
            clause("a", "k1", "1.1", "Parterna samverkar nära."),
            clause("c", "k1", "1.2", "Tvister löses i samråd."),
            clause("e", "k1", "1.3", "Ny punkt."),
            clause("d", "k1", "1.4", "Uppföljning sker årligen."),
        ];
        let cmp = compare_clauses(&before, &after);
        let classes: Vec<(&str, ClauseChange)> = cmp
            .clauses
            .iter()
            .map(|c| (c.id.as_str(), c.change))
            .collect();
        assert_eq!(
            classes,
            [
                ("a", ClauseChange::Changed),
                ("b", ClauseChange::Removed),
                ("c", ClauseChange::Unchanged),
                ("e", ClauseChange::Added),
                ("d", ClauseChange::Moved),
            ]
        );
        assert_eq!(cmp.clauses[2].was_number.as_deref(), Some("1.3"));
        assert!(cmp.clauses[0]
            .diff
            .iter()
            .any(|p| matches!(p, DiffPart::Added(s) if s.contains("nära"))));
        assert_eq!(cmp.count(ClauseChange::Changed), 1);
    }

    #[test]
    fn one_clause_moved_up_moves_only_that_clause() {
        let before: Vec<Clause> = (0..6)
            .map(|i| clause(&format!("c{i}"), "k", &format!("1.{i}"), "x"))
            .collect();
        let mut after = before.clone();
        let last = after.remove(5);
        after.insert(0, last);
        let cmp = compare_clauses(&before, &after);
        assert_eq!(cmp.count(ClauseChange::Moved), 1);
        assert_eq!(cmp.clauses[0].id, "c5");
    }

    #[test]
    fn versions_compare_with_each_other_and_with_now() {
        let a = crate::demo::agreement(1, 1.0).expect("demo");
        let karin = &crate::demo::participants()[0];
        let first = a.cut_version(karin, "Utkast 15 januari", 2.0).expect("cut");
        let clause = a.clauses()[1].clone();
        a.set_clause_text(karin, &clause.id, "Helt ny lydelse.")
            .expect("edit");
        let second = a.cut_version(karin, "Utkast 2", 3.0).expect("cut");
        let cmp = a.compare(Some(&first), Some(&second)).expect("compare");
        assert_eq!(cmp.count(ClauseChange::Changed), 1);
        assert_eq!(cmp.clauses.len(), a.clauses().len());
        let changed = cmp
            .clauses
            .iter()
            .find(|c| c.change == ClauseChange::Changed);
        assert_eq!(changed.map(|c| c.id.as_str()), Some(clause.id.as_str()));
        let same = a.compare(Some(&second), None).expect("with now");
        assert_eq!(same.count(ClauseChange::Unchanged), a.clauses().len());
        assert!(matches!(
            a.compare(Some("v-nope"), None),
            Err(DomainError::UnknownVersion(_))
        ));
    }
}
