//! The compare page.

use crate::components::page_header::PageHeader;
use leptos::prelude::*;

#[component]
pub fn ComparePage() -> impl IntoView {
    view! {
        <PageHeader heading="compare.title" />
        <main id="main" class="page"></main>
    }
}
