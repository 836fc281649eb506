//! A word diff as a reader sees it in a track-changes view: removed words struck through,
//! added words underlined, each also named for screen readers.

use crate::i18n::t;
use leptos::prelude::*;
use samrad_domain::DiffPart;

#[component]
pub fn DiffView(parts: Vec<DiffPart>) -> impl IntoView {
    let removed = t("diff.removed");
    let added = t("diff.added");
    view! {
        <p class="diff">
            {parts
                .into_iter()
                .map(|part| match part {
                    DiffPart::Same(s) => s.into_any(),
                    DiffPart::Removed(s) => view! {
                        <del><span class="visually-hidden">{removed}" "</span>{s}</del>
                    }
                    .into_any(),
                    DiffPart::Added(s) => view! {
                        <ins><span class="visually-hidden">{added}" "</span>{s}</ins>
                    }
                    .into_any(),
                })
                .collect_view()}
        </p>
    }
}
