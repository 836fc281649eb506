//! The header of the agreement's pages other than the agreement view: the top bar every page
//! shares (topbar.rs), the agreement's name and the page's own heading.

use crate::components::topbar::Topbar;
use crate::i18n::{t, use_i18n};
use crate::later::PartsMissing;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn PageHeader(
    /// The page's heading (a message key).
    heading: &'static str,
    /// Whether the agreement's name and the page's heading stay off paper (the print page,
    /// whose paper has a title of its own).
    #[prop(optional)]
    screen_only: bool,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let title = move || live.read([Change::Meta], |a| a.title());
    // The document title names the page, so tabs and history entries can be told apart.
    Effect::new(move |_| {
        let page = locale.get().text(heading, &[]);
        document().set_title(&format!("{page} – {} – Samråd", title()));
    });
    view! {
        <Topbar />
        // The bar's menus are parts fetched after the first screen: offline, before the
        // service worker kept them, the page says so once, as the agreement does.
        <PartsMissing />
        <div class="intro" class:no-print=screen_only>
            <p class="agreement-name">{title}</p>
            <h1 class="page-title">{t(heading)}</h1>
        </div>
    }
}
