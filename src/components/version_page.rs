//! One named version, read as it stood: the whole agreement at that version, not editable,
//! marked as a version (not the live text) at the top of the page and before every chapter.

use crate::components::page_header::PageHeader;
use crate::components::static_agreement::StaticAgreement;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samrad_domain::{Change, DomainError};

#[component]
pub fn VersionPage() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let agreement = use_agreement();
    let params = use_params_map();
    let version = move || params.with(|p| p.get("version").unwrap_or_default());
    // Asking again re-reads the version once the changes it names have arrived.
    let retry = RwSignal::new(0u32);
    let text = Memo::new(move |_| {
        retry.track();
        let v = version();
        live.read([Change::Versions], |a| a.version_text(Some(&v), false))
    });
    let synced =
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || live.arrived());
    let compare = move || format!("{}?from={}&to=now", agreement.page("compare"), version());
    let body = move || {
        match text.get() {
        Ok(text) => {
            let named = text.version.clone();
            view! {
                <div class="version-banner" role="note">
                    {named.map(|v| {
                        let when = v.created_ms;
                        view! {
                            <p>
                                <strong>{move || locale.get().text("version.reading", &[("name", &v.name)])}</strong>
                                " "
                                {move || locale.get().text("version.cut_on", &[("date", &format::date_time(when, locale.get()))])}
                            </p>
                            {v.note.clone().map(|n| view! { <p class="version-note">{n}</p> })}
                        }
                    })}
                    <p class="ui">
                        {t("version.read_only")} " "
                        <A href=compare.clone()>{t("version.compare_now")}</A>
                    </p>
                </div>
                <div class="static-text version-text">
                    <StaticAgreement chapters=text.chapters />
                </div>
            }
            .into_any()
        }
        _ if !synced.get() => {
            view! { <p class="notice-inline" role="status">{t("app.loading")}</p> }.into_any()
        }
        Err(DomainError::MissingChanges) => view! {
            <div class="error-box" role="alert">
                <p>{t("versions.missing_changes_read")}</p>
                <button type="button" on:click=move |_| retry.update(|n| *n += 1)>{t("versions.retry")}</button>
            </div>
        }
        .into_any(),
        Err(e) => view! { <p class="error" role="alert">{locale.get().error(&e)}</p> }.into_any(),
    }
    };
    view! {
        <PageHeader heading="version.title" />
        <main id="main" class="page version-page">{body}</main>
    }
}
