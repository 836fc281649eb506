//! The inbox: what the server has told the signed-in person, newest first, unread ones
//! marked; each leads to its clause or remark. "Mark all as read" and closing are buttons;
//! Escape closes it too.

use crate::components::inbox_item::InboxEntry;
use crate::components::inbox_mail::InboxMail;
use crate::escape::closes_on_escape;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn InboxPanel(
    /// Closes the panel (and returns focus to the bell).
    on_close: Callback<()>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let inbox = live.inbox;
    let summary = move || locale.get().text_n("inbox.unread", inbox.unread(), &[]);
    let list = move || {
        let items = inbox.items();
        if items.is_empty() {
            let key = if inbox.loaded.get() {
                "inbox.empty"
            } else {
                "inbox.loading"
            };
            return view! { <p class="inbox-empty">{move || locale.get().text(key, &[])}</p> }
                .into_any();
        }
        view! {
            <ol class="inbox-list">
                {items
                    .into_iter()
                    .map(|item| view! { <InboxEntry item=item on_open=on_close /> })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        // Escape closes it, as its button does (focus goes back to the bell).
        <section
            id="inbox-panel"
            class="inbox-panel"
            aria-labelledby="inbox-heading"
            on:keydown=closes_on_escape(move || on_close.run(()))
        >
            <div class="panel-head">
                <h2 id="inbox-heading" tabindex="-1">{t("inbox.title")}</h2>
                <p class="inbox-summary">{summary}</p>
                <button
                    type="button"
                    data-action="mark-all-read"
                    disabled=move || inbox.unread() == 0
                    on:click=move |_| inbox.mark_read(None)
                >
                    {t("inbox.mark_all")}
                </button>
                <button type="button" on:click=move |_| on_close.run(())>{t("inbox.close")}</button>
            </div>
            {move || inbox.error.get().map(|e| {
                let l = locale.get();
                view! { <p class="error" role="alert">{l.text("inbox.error", &[("error", &e)])}</p> }
            })}
            {list}
            <InboxMail />
        </section>
    }
}
