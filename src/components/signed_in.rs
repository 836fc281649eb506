//! A signed-in reader: their replica of the agreement, connected to the server, and the page
//! the address names (the router's outlet). The replica outlives moves between pages.

use crate::live::{connect, fresh_client_id, provide_live_context, Live};
use crate::session::{provide_agreement_context, take_wanted_page, Session};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use samrad_domain::Agreement;

#[component]
pub fn SignedIn(session: Session) -> impl IntoView {
    // A fresh client id per page load: two tabs of one person are two replicas.
    let live = Live::new(
        Agreement::new(fresh_client_id()),
        session.participant.clone(),
    );
    provide_live_context(live);
    provide_agreement_context(session.agreement.clone());
    live.keep_returned(&session.agreement.id);
    connect(live, &session.agreement.id);
    // Signing in lands on the agreement: go on to the page asked for before, if any.
    let home = format!("/a/{}", session.agreement.id);
    let location = use_location();
    if location.pathname.get_untracked().trim_end_matches('/') == home {
        if let Some(wanted) = take_wanted_page(&session.agreement.id) {
            let navigate = use_navigate();
            request_animation_frame(move || {
                navigate(
                    &wanted,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
        }
    }
    view! { <Outlet /> }
}
