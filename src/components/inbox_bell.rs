//! The inbox button in the header: a bell with the number of unread notices, opening the
//! inbox panel. The badge shows the number; its name says it in words ("Inkorg 2 olästa"), from
//! text that is read but not seen, so what is seen stays part of the name.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn InboxBell(
    /// Whether the inbox panel is open.
    open: RwSignal<bool>,
    /// The button, to return focus to when the panel closes.
    node_ref: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let unread = move || live.inbox.unread();
    let said = move || locale.get().text_n("inbox.unread_said", unread(), &[]);
    view! {
        <button
            type="button"
            class="inbox-toggle"
            class:has-unread=move || { unread() > 0 }
            node_ref=node_ref
            aria-expanded=move || open.get().to_string()
            aria-controls="inbox-panel"
            data-unread=move || unread().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <svg class="bell" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                <path
                    d="M12 2a6 6 0 0 0-6 6v4.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V8a6 6 0 0 0-6-6zm0 21a3 3 0 0 0 3-3H9a3 3 0 0 0 3 3z"
                    fill="currentColor"
                />
            </svg>
            <span>{t("inbox.title")}</span>
            <Show when=move || { unread() > 0 }>
                <span class="inbox-count" aria-hidden="true">{unread}</span>
                <span class="visually-hidden">{said}</span>
            </Show>
        </button>
    }
}
