//! In the top bar, while writing of the reader's waits in the "not saved" list: how much, and
//! a link to the list — which sits above the agreement, out of sight of a reader deep in it.

use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn UnsavedLink() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let count = move || live.returned.with(|r| r.items.len());
    view! {
        <Show when=move || { count() > 0 }>
            <a class="unsaved-link" href="#unsaved" data-testid="unsaved-link">
                {move || locale.get().text_n("unsaved.count", count(), &[])}
            </a>
        </Show>
    }
}
