//! The remiss page.

use crate::components::page_header::PageHeader;
use leptos::prelude::*;

#[component]
pub fn RemissPage() -> impl IntoView {
    view! {
        <PageHeader heading="remiss.title" />
        <main id="main" class="page"></main>
    }
}
