//! A choice of one of the agreement's clauses, listed by number and heading in the outline's
//! order, with "—" (none chosen) first: where an answer is recorded clause by clause or a
//! condition is put on a clause.

use crate::i18n::t;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn ClauseSelect(
    /// The select's id (the forms' tests and labels find it by it).
    id: &'static str,
    /// The chosen clause's id; empty while none is chosen.
    chosen: RwSignal<String>,
) -> impl IntoView {
    let live = use_live();
    let clauses = move || {
        live.read([Change::Outline], |a| a.outline())
            .into_iter()
            .flat_map(|c| c.clauses)
            .map(|c| view! { <option value=c.id.clone()>{c.number.clone()}" "{c.heading.clone()}</option> })
            .collect_view()
    };
    view! {
        <label>
            {t("decision.clause")}
            <select id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {clauses}
            </select>
        </label>
    }
}
