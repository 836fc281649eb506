//! In the top bar, while writing of the reader's waits in the "not saved" list: how much, and
//! a link to the list — which sits above the agreement, out of sight of a reader deep in it
//! (from a page beside the agreement, the link leads to the agreement).

use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn UnsavedLink() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let count = move || live.returned.with(|r| r.items.len());
    // The list is on the agreement: from a page beside it, the link leads there.
    let agreement = crate::session::use_agreement().page("");
    let here = crate::session::showing_agreement();
    let href = Memo::new(move |_| {
        if here.get() {
            "#unsaved".to_string()
        } else {
            format!("{agreement}#unsaved")
        }
    });
    view! {
        <Show when=move || { count() > 0 }>
            <a class="unsaved-link" href=href data-testid="unsaved-link">
                {move || locale.get().text_n("unsaved.count", count(), &[])}
            </a>
        </Show>
    }
}
