//! An agreement's address: the reader's session is fetched from the cookie; signed in to this
//! agreement they get the live workspace, otherwise a page that says what to do.

use crate::components::signed_in::SignedIn;
use crate::components::signed_out::{provide_signed_out_context, SignedOut};
use crate::i18n::{t, use_i18n};
use crate::session::open_session;
use leptos::prelude::*;

#[component]
pub fn Workspace(agreement_id: String) -> impl IntoView {
    let id = agreement_id.clone();
    let session = LocalResource::new(move || open_session(id.clone()));
    let locale = use_i18n();
    let signed_out = provide_signed_out_context();
    move || match session.get() {
        _ if signed_out.get().is_some() => {
            let reached = signed_out.get().unwrap_or(true);
            view! { <SignedOut reached /> }.into_any()
        }
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
