//! Who has the agreement open right now, their organisation and the clause they are on.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn PresenceBar() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let clause_number = move |id: &Option<String>| {
        id.as_ref().and_then(|id| {
            live.read([Change::Outline], |a| a.heading(id))
                .map(|c| c.number)
        })
    };
    view! {
        <div class="presence" data-testid="presence">
            <span class="visually-hidden">{t("presence.label")}</span>
            <ul>
                {move || {
                    let l = locale.get();
                    live.presence
                        .get()
                        .into_iter()
                        .map(|p| {
                            let initials: String = p
                                .name
                                .split_whitespace()
                                .filter_map(|w| w.chars().next())
                                .take(2)
                                .collect();
                            let place = clause_number(&p.clause)
                                .map(|n| l.text("presence.on_clause", &[("number", &n)]))
                                .unwrap_or_default();
                            let label = format!("{} ({}) {}", p.name, p.organisation, place);
                            let title = label.clone();
                            view! {
                                <li class="avatar" title=title data-name=p.name.clone() data-participant=p.participant.clone()>
                                    <span aria-hidden="true">{initials}</span>
                                    <span class="visually-hidden">{label}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
