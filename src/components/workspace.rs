//! An agreement's addresses (`/a/{agreement}/…`): the reader's session is fetched from the
//! cookie; signed in to this agreement they get the live workspace with the page the address
//! names, otherwise a page that says what to do. A page asked for before signing in is
//! remembered, and opened once the invitation link has signed the reader in (the sign-in
//! always lands on the agreement's own address).

use crate::components::signed_in::SignedIn;
use crate::i18n::{t, use_i18n};
use crate::session::{fetch_session, remember_wanted_page};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

#[component]
pub fn Workspace() -> impl IntoView {
    let params = use_params_map();
    // One workspace per agreement: the address's agreement is read once.
    let agreement_id = params.with_untracked(|p| p.get("agreement").unwrap_or_default());
    let location = use_location();
    let session = LocalResource::new(fetch_session);
    let locale = use_i18n();
    move || match session.get() {
        None => view! { <p class="notice" role="status">{t("app.loading")}</p> }.into_any(),
        Some(Ok(Some(s))) if s.agreement.id == agreement_id => {
            view! { <SignedIn session=s /> }.into_any()
        }
        Some(Ok(_)) => {
            let wanted = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            remember_wanted_page(&agreement_id, &wanted);
            view! {
                <main class="notice">
                    <h1>{t("app.name")}</h1>
                    <p role="alert">{t("session.missing")}</p>
                </main>
            }
            .into_any()
        }
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
