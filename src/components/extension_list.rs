//! The organisations given a later deadline, with the date and the reason.

use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn ExtensionList() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let extensions = Memo::new(move |_| live.read([Change::Meta], |a| a.extensions()));
    view! {
        <Show
            when=move || extensions.with(|e| !e.is_empty())
            fallback=|| view! { <p class="empty">{t("remiss.no_extensions")}</p> }
        >
            <ul class="extensions">
                {move || {
                    extensions
                        .get()
                        .into_iter()
                        .map(|x| {
                            let when = x.deadline_ms;
                            view! {
                                <li class="extension">
                                    <strong>{x.organisation}</strong>
                                    ": "
                                    <time datetime=format::iso(when)>{move || format::date(when, locale.get())}</time>
                                    {x.reason.map(|r| view! { <span class="extension-reason">" – "{r}</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
