//! One clause in a comparison: its number and heading, what happened to it (in words, not
//! only colour) and its wording as a word diff.

use crate::components::diff_view::DiffView;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use samrad_domain::{ClauseChange, ClauseComparison};

#[component]
pub fn ComparedClause(clause: ClauseComparison) -> impl IntoView {
    let locale = use_i18n();
    let change = clause.change;
    let was = clause.was_number.clone();
    let moved = clause.moved;
    let label = move || {
        let locale = locale.get();
        let mut words = locale.text(&format!("compare.is_{}", change.key()), &[]);
        if moved && change == ClauseChange::Changed {
            words = format!("{words}, {}", locale.text("compare.is_moved", &[]));
        }
        if let Some(was) = &was {
            words = format!(
                "{words} ({})",
                locale.text("compare.was_number", &[("number", was)])
            );
        }
        words
    };
    view! {
        <li class=format!("compared-clause ui-card {}", change.key())>
            <h2 class="compared-heading">
                <span class="clause-number">{clause.number}</span>
                " "
                {clause.heading}
                " "
                <span class=format!("change-label {}", change.key())>{label}</span>
            </h2>
            <DiffView parts=clause.diff />
        </li>
    }
}
