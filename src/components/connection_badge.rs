//! The connection and save state ("Sparat", "Frånkopplad – 3 ändringar väntar"), announced
//! politely to screen readers when it changes.

use crate::i18n::use_i18n;
use crate::live::ConnectionState;
use leptos::prelude::*;

#[component]
pub fn ConnectionBadge(
    /// Where the connection stands.
    state: Signal<ConnectionState>,
    /// Own changes not yet confirmed stored by the server.
    pending: Signal<usize>,
    /// Why the server last refused a change of ours, if it did and it is not resolved.
    #[prop(into)]
    refusal: Signal<Option<String>>,
    /// Whether the device copy still has writes under way (`data-device-writing`): closing
    /// the page before they end may lose the newest.
    #[prop(into)]
    device_writing: Signal<bool>,
) -> impl IntoView {
    let locale = use_i18n();
    let text = move || {
        let l = locale.get();
        let n = pending.get();
        // The server's reason is English, for its operators; the list of what was handed
        // back shows it as a technical detail.
        if refusal.with(Option::is_some) {
            return l.text("connection.refused", &[]);
        }
        match (state.get(), n) {
            (ConnectionState::SignedOut, _) => l.text("connection.signed_out", &[]),
            (ConnectionState::Online, 0) => l.text("connection.saved", &[]),
            (ConnectionState::Online, _) => l.text("connection.saving", &[]),
            (ConnectionState::Connecting, 0) => l.text("connection.connecting", &[]),
            (_, 0) => l.text("connection.offline", &[]),
            (_, n) => l.text_n("connection.offline_pending", n, &[]),
        }
    };
    view! {
        <span
            class=move || format!("connection {}", state.get().key())
            data-state=move || state.get().key()
            data-device-writing=move || device_writing.get().to_string()
            role="status"
            aria-live="polite"
            data-testid="connection"
        >
            {text}
        </span>
    }
}
