//! The header of the agreement's pages other than the agreement view: the product, the
//! connection, the pages, who is signed in and the language — and the page's own heading.

use crate::components::connection_badge::ConnectionBadge;
use crate::components::language_picker::LanguagePicker;
use crate::components::page_nav::PageNav;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn PageHeader(
    /// The page's heading (a message key).
    heading: &'static str,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let signed_in = move || {
        locale.get().text(
            "app.signed_in_as",
            &[("name", &me.name), ("organisation", &me.organisation)],
        )
    };
    let title = move || live.read([Change::Meta], |a| a.title());
    // The document title names the page, so tabs and history entries can be told apart.
    Effect::new(move |_| {
        let page = locale.get().text(heading, &[]);
        document().set_title(&format!("{page} – {} – Samråd", title()));
    });
    // Shortened when the bar is narrow: whole in its title.
    let whole_name = signed_in.clone();
    view! {
        <header class="topbar">
            <div class="topbar-row">
                <span class="brand">{t("app.name")}</span>
                <ConnectionBadge
                    state=live.connection.into()
                    pending=live.pending.into()
                    refusal=live.refusal
                    device_writing=live.device_writing
                />
                <PageNav />
                <span class="me" title=whole_name>{signed_in}</span>
                <LanguagePicker />
            </div>
        </header>
        <div class="intro">
            <p class="agreement-name">{title}</p>
            <h1 class="page-title">{t(heading)}</h1>
        </div>
    }
}
