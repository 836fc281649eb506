//! Stances picked on the page but not yet saved as the organisation's draft, by clause: the
//! stance form says so on its clause, and the answer bar counts them and names them before the
//! answer is sent (a choice left unsaved is not in the answer).

use leptos::prelude::*;
use std::collections::BTreeSet;

/// The clauses whose stance form holds a choice that is not saved.
#[derive(Clone, Copy)]
pub struct UnsavedStances(RwSignal<BTreeSet<String>>);

impl UnsavedStances {
    /// Notes whether `clause`'s form holds an unsaved choice (nothing changes if it stays so).
    pub fn mark(self, clause: &str, unsaved: bool) {
        let known = self.0.with_untracked(|s| s.contains(clause));
        if known != unsaved {
            self.0.update(|s| {
                if unsaved {
                    s.insert(clause.to_string());
                } else {
                    s.remove(clause);
                }
            });
        }
    }

    /// The clauses with an unsaved choice.
    pub fn clauses(self) -> BTreeSet<String> {
        self.0.get()
    }
}

pub type UnsavedStancesCtx = UnsavedStances;

pub fn provide_unsaved_stances_context() {
    provide_context(UnsavedStances(RwSignal::new(BTreeSet::new())));
}

/// The page's unsaved stance choices (an empty, unshared set outside an agreement view).
pub fn use_unsaved_stances() -> UnsavedStancesCtx {
    use_context().unwrap_or_else(|| UnsavedStances(RwSignal::new(BTreeSet::new())))
}
