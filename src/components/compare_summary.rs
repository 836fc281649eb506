//! What a comparison found, in words with plural-aware counts ("12 punkter ändrade, 1 ny,
//! 1 struken").

use crate::i18n::use_i18n;
use leptos::prelude::*;
use samrad_domain::{ClauseChange, Comparison};

#[component]
pub fn CompareSummary(comparison: Comparison) -> impl IntoView {
    let locale = use_i18n();
    let counts = [
        (
            ClauseChange::Changed,
            comparison.count(ClauseChange::Changed),
        ),
        (ClauseChange::Added, comparison.count(ClauseChange::Added)),
        (
            ClauseChange::Removed,
            comparison.count(ClauseChange::Removed),
        ),
        (ClauseChange::Moved, comparison.count(ClauseChange::Moved)),
    ];
    let text = move || {
        let locale = locale.get();
        let parts: Vec<String> = counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(change, n)| locale.text_n(&format!("compare.count_{}", change.key()), *n, &[]))
            .collect();
        if parts.is_empty() {
            locale.text("compare.no_changes", &[])
        } else {
            parts.join(", ")
        }
    };
    view! { <p class="compare-summary" role="status">{text}</p> }
}
