//! Where a remark came from and where it went: the version it was made against, and — once a
//! coordinator has handled it and the text has moved on — how the clause reads now against
//! that version ("synpunkt → så här hanterades den i utkast 2"). The comparison reads a whole
//! version, so it is made only when the reader opens it.

use crate::components::diff_view::DiffView;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Remark};

/// How the clause reads at `to` (`None` = now) against version `from`.
#[component]
pub fn TraceDiff(clause: String, from: String, to: Option<String>) -> impl IntoView {
    let live = use_live();
    live.untracked(|a| a.clause_diff(&clause, Some(&from), to.as_deref()).ok())
        .map(|parts| view! { <DiffView parts=parts /> })
}

#[component]
pub fn RemarkTrace(remark: Remark) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let made_in = remark.version.clone();
    let handled = remark.disposition.is_some();
    let clause = StoredValue::new(remark.clause.clone());
    // The version it was made against, and the latest version since (if any).
    let versions = Memo::new({
        let made_in = made_in.clone();
        move |_| {
            live.read([Change::Versions], |a| {
                let all = a.versions();
                let named = made_in
                    .as_ref()
                    .and_then(|id| all.iter().find(|v| &v.id == id).cloned());
                let later = named
                    .as_ref()
                    .and_then(|n| all.iter().rfind(|v| v.created_ms > n.created_ms).cloned());
                (named, later)
            })
        }
    });
    let open = RwSignal::new(false);
    // Made when opened, by code in the interactive parts' file: it reads a whole version.
    let diff = move || {
        let (named, later) = versions.get();
        let from = named?.id;
        let to = later.map(|v| v.id);
        let clause = clause.get_value();
        Some(crate::later::part(move || {
            crate::later::trace_diff(clause.clone(), from.clone(), to.clone())
        }))
    };
    move || {
        let (named, later) = versions.get();
        let named = named?;
        let locale = locale.get();
        let made = locale.text("trace.made_against", &[("version", &named.name)]);
        let summary = match &later {
            Some(v) => locale.text("trace.handled_in", &[("version", &v.name)]),
            None => locale.text("trace.handled_now", &[]),
        };
        Some(view! {
            <div class="remark-trace ui">
                <span class="made-against">{made}</span>
                {handled.then(|| view! {
                    <details class="trace" on:toggle=move |ev| {
                        use wasm_bindgen::JsCast;
                        let opened = ev.target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                            .is_some_and(|d| d.open());
                        open.set(opened);
                    }>
                        <summary>{summary}</summary>
                        {move || open.get().then(diff)}
                    </details>
                })}
            </div>
        })
    }
}
