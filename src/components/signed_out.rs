//! After signing out: says that nothing of the agreement is left on this device, and how to
//! sign in again.

use crate::i18n::t;
use leptos::prelude::*;

/// Set once the reader has signed out: `Some(true)` when the server ended the session,
/// `Some(false)` when it could not be reached (the device was cleared all the same).
pub type SignedOutCtx = RwSignal<Option<bool>>;

/// Provides the signed-out state to the workspace below.
pub fn provide_signed_out_context() -> SignedOutCtx {
    let signed_out = RwSignal::new(None);
    provide_context(signed_out);
    signed_out
}

/// The signed-out state of the enclosing workspace.
pub fn use_signed_out() -> SignedOutCtx {
    expect_context::<SignedOutCtx>()
}

#[component]
pub fn SignedOut(
    /// Whether the server ended the session.
    reached: bool,
) -> impl IntoView {
    view! {
        <main class="notice signed-out-page" data-testid="signed-out">
            <h1>{t("signout.done_title")}</h1>
            <p role="status">{t("signout.done")}</p>
            {(!reached).then(|| view! { <p>{t("signout.unreached")}</p> })}
        </main>
    }
}
