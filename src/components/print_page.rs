//! The print page.

use crate::components::page_header::PageHeader;
use leptos::prelude::*;

#[component]
pub fn PrintPage() -> impl IntoView {
    view! {
        <PageHeader heading="print.title" />
        <main id="main" class="page"></main>
    }
}
