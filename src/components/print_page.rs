//! The agreement ready for paper or PDF: a title page (title, version, date, case number), the
//! contents, and the chapters with their numbered clauses — with the remarks only when asked
//! for. The controls above it (which version, with remarks, print, Word) are not printed.
//! `?version=` names the version (the text as it reads now without it); `?remarks=1` adds the
//! remarks.

use crate::components::page_header::PageHeader;
use crate::components::print_document::PrintDocument;
use crate::components::version_picker::VersionPicker;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use samrad_domain::Change;

#[component]
pub fn PrintPage() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let agreement = use_agreement();
    let query = use_query_map();
    let versions = Memo::new(move |_| live.read([Change::Versions], |a| a.versions()));
    let version =
        Memo::new(move |_| query.with(|q| q.get("version").unwrap_or_else(|| "now".into())));
    let remarks = Memo::new(move |_| query.with(|q| q.get("remarks").as_deref() == Some("1")));
    let navigate = use_navigate();
    let page = agreement.page("print");
    let go = move |v: String, r: bool| {
        let remarks = if r { "&remarks=1" } else { "" };
        navigate(&format!("{page}?version={v}{remarks}"), Default::default());
    };
    let go2 = go.clone();
    let docx = move |with_remarks: bool| {
        let v = version.get();
        let v = if v == "now" { "current".to_string() } else { v };
        let remarks = if with_remarks { "&remarks=1" } else { "" };
        format!(
            "/api/agreements/{}/versions/{v}/docx?lang={}{remarks}",
            use_agreement().id,
            locale.get().code()
        )
    };
    // Until the first sync the replica is empty; once arrived it stays so across reconnections.
    let arrived =
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || live.arrived());
    view! {
        <PageHeader heading="print.title" screen_only=true />
        <main id="main" class="page print-page">
            <form class="ui print-controls no-print" on:submit=|ev| ev.prevent_default()>
                <VersionPicker
                    id="print-version"
                    label="print.version"
                    versions=versions
                    selected=version.into()
                    on_pick=Callback::new(move |v: String| go(v, remarks.get_untracked()))
                />
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=remarks
                        on:change=move |ev| go2(version.get_untracked(), event_target_checked(&ev))
                    />
                    {t("print.with_remarks")}
                </label>
                <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>
                    {t("print.print")}
                </button>
                // One Word file, with the remarks when the view shows them: the toolbar stays
                // on one line, and the file is what the reader sees.
                <a class="button docx-link" href=move || docx(remarks.get()) download rel="external">
                    {move || {
                        let key = if remarks.get() { "print.docx_remarks" } else { "print.docx" };
                        locale.get().text(key, &[])
                    }}
                </a>
            </form>
            <Show
                when=move || arrived.get()
                fallback=|| view! { <p class="notice-inline" role="status">{t("app.loading")}</p> }
            >
                {move || view! { <PrintDocument version=version.get() remarks=remarks.get() /> }}
            </Show>
        </main>
    }
}
