//! Two versions side by side, or a version and the text as it reads now (`?from=&to=`, each
//! a version id or `now`): a summary of what changed, then every clause with its word diff,
//! marked added, removed or moved. The choice lives in the address, so a comparison can be
//! sent and back/forward step through the ones looked at; it downloads as a Word document with
//! tracked changes, or the later side alone.

use crate::components::compare_summary::CompareSummary;
use crate::components::compared_clause::ComparedClause;
use crate::components::page_header::PageHeader;
use crate::components::version_picker::VersionPicker;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use samrad_domain::{Change, ClauseChange, Version};

/// The default pair: the two latest versions, or the only one and now.
fn default_pair(versions: &[Version]) -> (String, String) {
    match versions {
        [.., a, b] => (a.id.clone(), b.id.clone()),
        [a] => (a.id.clone(), "now".into()),
        [] => ("now".into(), "now".into()),
    }
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let agreement = use_agreement();
    let query = use_query_map();
    let versions = Memo::new(move |_| live.read([Change::Versions], |a| a.versions()));
    let pair = Memo::new(move |_| {
        let (df, dt) = versions.with(|v| default_pair(v));
        query.with(|q| (q.get("from").unwrap_or(df), q.get("to").unwrap_or(dt)))
    });
    let only_changed = RwSignal::new(true);
    let comparison = Memo::new(move |_| {
        let (from, to) = pair.get();
        let side = |s: &str| (s != "now").then(|| s.to_string());
        let (from, to) = (side(&from), side(&to));
        live.read([Change::Versions, Change::Outline], |a| {
            a.compare(from.as_deref(), to.as_deref())
        })
    });
    let navigate = use_navigate();
    let choose = Callback::new(move |(from, to): (String, String)| {
        navigate(
            &format!("{}?from={from}&to={to}", agreement.page("compare")),
            Default::default(),
        );
    });
    let docx = move || {
        let to = pair.get().1;
        let version = if to == "now" {
            "current".to_string()
        } else {
            to
        };
        format!(
            "/api/agreements/{}/versions/{version}/docx?lang={}",
            use_agreement().id,
            locale.get().code()
        )
    };
    // The comparison itself, as Word's tracked changes (server/src/http/compare.rs).
    let compared = move || {
        let (from, to) = pair.get();
        format!(
            "/api/agreements/{}/compare.docx?from={}&to={}&lang={}",
            use_agreement().id,
            js_sys::encode_uri_component(&from),
            js_sys::encode_uri_component(&to),
            locale.get().code()
        )
    };
    // Until the first sync the replica is empty: "no differences" would be untrue.
    // Once arrived it stays so: a later reconnection does not blank the page.
    let arrived =
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || live.arrived());
    let clauses = move || match comparison.get() {
        Ok(cmp) => {
            let shown: Vec<_> = cmp
                .clauses
                .into_iter()
                .filter(|c| !only_changed.get() || c.change != ClauseChange::Unchanged)
                .collect();
            view! {
                <ol class="compared-clauses">
                    {shown.into_iter().map(|c| view! { <ComparedClause clause=c /> }).collect_view()}
                </ol>
            }
            .into_any()
        }
        Err(e) => view! { <p class="error" role="alert">{locale.get().error(&e)}</p> }.into_any(),
    };
    view! {
        <PageHeader heading="compare.title" />
        <main id="main" class="page compare-page">
            <form class="ui compare-choice" on:submit=|ev| ev.prevent_default()>
                <VersionPicker
                    id="compare-from"
                    label="compare.from"
                    versions=versions
                    selected=Signal::derive(move || pair.get().0)
                    on_pick=Callback::new(move |v: String| choose.run((v, pair.get_untracked().1)))
                />
                <VersionPicker
                    id="compare-to"
                    label="compare.to"
                    versions=versions
                    selected=Signal::derive(move || pair.get().1)
                    on_pick=Callback::new(move |v: String| choose.run((pair.get_untracked().0, v)))
                />
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=only_changed
                        on:change=move |ev| only_changed.set(event_target_checked(&ev))
                    />
                    {t("compare.only_changed")}
                </label>
                <div class="compare-downloads">
                    <a class="button docx-link compared-docx" href=compared download rel="external">
                        {t("compare.docx_compared")}
                    </a>
                    <a class="button docx-link" href=docx download rel="external">{t("compare.docx")}</a>
                </div>
            </form>
            <Show
                when=move || arrived.get()
                fallback=|| view! { <p class="notice-inline" role="status">{t("app.loading")}</p> }
            >
                {move || comparison.get().ok().map(|c| view! { <CompareSummary comparison=c /> })}
                {clauses}
            </Show>
        </main>
    }
}
