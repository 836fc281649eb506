//! The root: picks the view from the address (`/a/{agreement}`), signs the reader in through
//! the session cookie and opens the live agreement.

use crate::components::workspace::Workspace;
use crate::i18n::{provide_i18n_context, t, Locale};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    // `?lang=nb` picks the language (the picker changes it later); Swedish by default.
    let asked = window()
        .location()
        .search()
        .ok()
        .and_then(|q| {
            q.split("lang=")
                .nth(1)
                .map(|v| v.chars().take(2).collect::<String>())
        })
        .and_then(|code| Locale::from_code(&code));
    let locale = provide_i18n_context(asked.unwrap_or(Locale::Sv));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.get().tag());
        }
    });
    let path = window().location().pathname().unwrap_or_default();
    match path
        .strip_prefix("/a/")
        .map(|id| id.trim_end_matches('/').to_string())
    {
        Some(id) if !id.is_empty() => view! { <Workspace agreement_id=id /> }.into_any(),
        _ => view! {
            <main class="notice">
                <h1>{t("landing.title")}</h1>
                <p>{t("landing.body")}</p>
            </main>
        }
        .into_any(),
    }
}
