//! The root: picks the view from the address (`/a/{agreement}`), signs the reader in through
//! the session cookie and opens the live agreement.

use crate::components::agreement_view::AgreementView;
use crate::i18n::{provide_i18n_context, t, use_i18n, Locale};
use crate::live::{connect, fresh_client_id, provide_live_context, Live};
use crate::session::{fetch_session, Session};
use leptos::prelude::*;
use samrad_domain::Agreement;

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

#[component]
fn Workspace(agreement_id: String) -> impl IntoView {
    let session = LocalResource::new(fetch_session);
    let locale = use_i18n();
    move || match session.get() {
        None => view! { <p class="notice" role="status">{t("app.loading")}</p> }.into_any(),
        Some(Ok(Some(s))) if s.agreement.id == agreement_id => {
            view! { <SignedIn session=s /> }.into_any()
        }
        Some(Ok(_)) => view! {
            <main class="notice">
                <h1>{t("app.name")}</h1>
                <p role="alert">{t("session.missing")}</p>
            </main>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <main class="notice">
                <h1>{t("app.name")}</h1>
                <p role="alert">
                    {move || locale.get().text("session.error", &[("error", &error)])}
                </p>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn SignedIn(session: Session) -> impl IntoView {
    // A fresh client id per page load: two tabs of one person are two replicas.
    let live = Live::new(
        Agreement::new(fresh_client_id()),
        session.participant.clone(),
    );
    provide_live_context(live);
    connect(live, &session.agreement.id);
    view! { <AgreementView /> }
}
