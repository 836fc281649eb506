//! The version page.

use crate::components::page_header::PageHeader;
use leptos::prelude::*;

#[component]
pub fn VersionPage() -> impl IntoView {
    view! {
        <PageHeader heading="version.title" />
        <main id="main" class="page"></main>
    }
}
