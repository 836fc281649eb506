//! The compilation (remissammanställning / høringsoppsummering): its page has its address
//! already; what it shows is built next.

use crate::components::page_header::PageHeader;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn CompilationPage() -> impl IntoView {
    view! {
        <PageHeader heading="compilation.title" />
        <main id="main" class="page">
            <p class="notice-inline" role="status">{t("compilation.coming")}</p>
        </main>
    }
}
