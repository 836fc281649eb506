//! The coordinators' response to a clause (bemötande / vurdering), written on the compilation
//! page. It is a shared text: what one coordinator types reaches the others as they type, and
//! only the words that differ are rewritten, so two typing in different places both stay.
//! Others read it. It re-reads on the clause's own `Change::Response` key.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Role};

#[component]
pub fn ResponseEditor(clause: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let writes = live.me().role == Role::Coordinator;
    let key = clause.clone();
    let text = move || {
        live.read([Change::Response(key.clone())], |a| {
            a.response(&key).map(|r| r.text).unwrap_or_default()
        })
    };
    let id = format!("response-{clause}");
    let label = move || locale.get().text("compilation.response", &[]);
    if !writes {
        let shown = move || {
            let text = text();
            if text.is_empty() {
                locale.get().text("compilation.no_response", &[])
            } else {
                text
            }
        };
        return view! {
            <h5>{label}</h5>
            <p class="compilation-response">{shown}</p>
        }
        .into_any();
    }
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        let now = js_sys::Date::now();
        live.write(|a, me| {
            if let Err(e) = a.set_response(me, &clause, &value, now) {
                leptos::logging::warn!("response not written: {e}");
            }
        });
    };
    view! {
        <h5><label for=id.clone()>{label}</label></h5>
        <textarea
            id=id
            class="compilation-response-editor"
            rows="3"
            prop:value=text
            on:input=on_input
        ></textarea>
        <p class="hint">{t("compilation.response-hint")}</p>
    }
    .into_any()
}
