//! The connection state, announced politely to screen readers when it changes.

use crate::i18n::use_i18n;
use crate::live::ConnectionState;
use leptos::prelude::*;

#[component]
pub fn ConnectionBadge(state: Signal<ConnectionState>) -> impl IntoView {
    let locale = use_i18n();
    let css = move || match state.get() {
        ConnectionState::Connecting => "connection connecting",
        ConnectionState::Online => "connection online",
        ConnectionState::Offline => "connection offline",
    };
    view! {
        <span class=css role="status" aria-live="polite" data-testid="connection">
            {move || locale.get().text(state.get().key(), &[])}
        </span>
    }
}
