//! Who has the agreement open right now.

use crate::i18n::t;
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn PresenceBar() -> impl IntoView {
    let live = use_live();
    view! {
        <div class="presence" data-testid="presence">
            <span class="visually-hidden">{t("presence.label")}</span>
            <ul>
                <For
                    each=move || live.presence.get()
                    key=|p| (p.name.clone(), p.organisation.clone())
                    children=|p| {
                        let initials: String = p
                            .name
                            .split_whitespace()
                            .filter_map(|w| w.chars().next())
                            .take(2)
                            .collect();
                        let label = format!("{} ({})", p.name, p.organisation);
                        let title = label.clone();
                        view! {
                            <li class="avatar" title=title>
                                <span aria-hidden="true">{initials}</span>
                                <span class="visually-hidden">{label}</span>
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}
