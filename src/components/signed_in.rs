//! A signed-in reader: their replica of the agreement, connected to the server, and the view.

use crate::components::agreement_view::AgreementView;
use crate::live::{connect, fresh_client_id, provide_live_context, Live};
use crate::session::Session;
use leptos::prelude::*;
use samrad_domain::Agreement;

#[component]
pub fn SignedIn(session: Session) -> impl IntoView {
    // A fresh client id per page load: two tabs of one person are two replicas.
    let live = Live::new(
        Agreement::new(fresh_client_id()),
        session.participant.clone(),
    );
    provide_live_context(live);
    live.keep_returned(&session.agreement.id);
    connect(live, &session.agreement.id);
    view! { <AgreementView /> }
}
