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
        crate::sorting::sort_by(organisations, |a, b| alphabet.compare(&a.name, &b.name));
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
                crate::sorting::sort_by(&mut group.organisations, by_name);
            }
            crate::sorting::sort_by(&mut clause.arguments, |a, b| {
                place(&a.organisation, &b.organisation)
            });
            crate::sorting::sort_by(&mut clause.conditions, |a, b| {
                place(&a.organisation, &b.organisation)
            });
        }
        for point in &mut self.summary.main_points {
            crate::sorting::sort_by(&mut point.opposes, by_name);
            crate::sorting::sort_by(&mut point.supports_with_changes, by_name);
            crate::sorting::sort_by(&mut point.conditions, by_name);
        }
        self
    }
}
