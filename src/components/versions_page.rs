//! The versions page.

use crate::components::page_header::PageHeader;
use leptos::prelude::*;

#[component]
pub fn VersionsPage() -> impl IntoView {
    view! {
        <PageHeader heading="versions.title" />
        <main id="main" class="page"></main>
    }
}
