//! The compilation's organisations in the reader's alphabetical order.

use super::Compilation;
use crate::collation::Alphabet;
use std::cmp::Ordering;
use std::collections::HashMap;

impl Compilation {
    /// The compilation with every list of organisations in `alphabet`'s order: the domain
    /// orders them by their characters, which files Ä before Å; a reader expects their own
    /// alphabet. Each organisation's arguments stay together and in their order.
    pub fn in_alphabet(mut self, alphabet: Alphabet) -> Compilation {
        let by_name = |a: &String, b: &String| alphabet.compare(a, b);
        let organisations = &mut self.introduction.organisations;
        organisations.sort_by(|a, b| alphabet.compare(&a.name, &b.name));
        let rank: HashMap<String, usize> = organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i))
            .collect();
        // Consulted organisations in order, then any other by name.
        let place = |a: &str, b: &str| -> Ordering {
            let at = |name: &str| rank.get(name).copied().unwrap_or(usize::MAX);
            at(a).cmp(&at(b)).then_with(|| alphabet.compare(a, b))
        };
        for clause in self.chapters.iter_mut().flat_map(|c| &mut c.clauses) {
            for group in &mut clause.groups {
                group.organisations.sort_by(by_name);
            }
            clause
                .arguments
                .sort_by(|a, b| place(&a.organisation, &b.organisation));
            clause
                .conditions
                .sort_by(|a, b| place(&a.organisation, &b.organisation));
        }
        for point in &mut self.summary.main_points {
            point.opposes.sort_by(by_name);
            point.supports_with_changes.sort_by(by_name);
            point.conditions.sort_by(by_name);
        }
        self
    }
}
