//! The root: the language, then the pages by address. Every page of an agreement lives under
//! `/a/{agreement}` and shares one signed-in replica (see `workspace.rs`), so moving between
//! pages keeps the connection, the drafts and the reactive reads; each page has its own
//! address, which can be sent, bookmarked and reached with back and forward.

use crate::components::agreement_view::AgreementView;
use crate::components::workspace::Workspace;
use crate::i18n::{choose, preferred, provide_i18n_context, t, Locale};
use crate::later::{self, page};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    // The address's language, the reader's last choice or the browser's (see `preferred`);
    // Swedish, compiled in, until another language's file is here.
    let locale = provide_i18n_context(Locale::Sv);
    let wanted = preferred();
    if wanted != Locale::Sv {
        choose(locale, wanted);
    }
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.get().tag());
        }
    });
    view! {
        <Router>
            <Routes fallback=Landing>
                <ParentRoute path=path!("/a/:agreement") view=Workspace>
                    <Route path=path!("") view=AgreementView />
                    <Route path=path!("versions") view=|| page(later::versions) />
                    <Route path=path!("versions/:version") view=|| page(later::version) />
                    <Route path=path!("compare") view=|| page(later::compare) />
                    <Route path=path!("remiss") view=|| page(later::remiss) />
                    <Route path=path!("print") view=|| page(later::print) />
                    <Route path=path!("matrix") view=|| page(later::matrix) />
                    <Route path=path!("compilation") view=|| page(later::compilation) />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Any address that is not an agreement's.
#[component]
fn Landing() -> impl IntoView {
    view! {
        <main class="notice">
            <h1>{t("landing.title")}</h1>
            <p>{t("landing.body")}</p>
        </main>
    }
}
