//! The named versions: coordinators cut one ("Utkast 15 januari") with a note; everyone sees
//! the list, reads any version, compares it and downloads it in Word.

use crate::components::cut_version_form::CutVersionForm;
use crate::components::draft_import::DraftImport;
use crate::components::page_header::PageHeader;
use crate::components::version_list::VersionList;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{may, Action, Change, Phase, Role};

#[component]
pub fn VersionsPage() -> impl IntoView {
    let live = use_live();
    let me = live.me();
    let role = me.role;
    // A new draft from Word replaces the text only while drafting (the server says so too).
    let imports = move || {
        role == Role::Coordinator && live.read([Change::Meta], |a| a.phase()) == Phase::Drafting
    };
    // Coordinators cut versions in every phase but the closed one.
    let cuts = Phase::ALL
        .into_iter()
        .any(|p| may(role, p, Action::CutVersion));
    view! {
        <PageHeader heading="versions.title" />
        <main id="main" class="page versions-page">
            {cuts.then(|| view! { <CutVersionForm /> })}
            <VersionList />
            <Show when=imports>
                <DraftImport />
            </Show>
        </main>
    }
}
