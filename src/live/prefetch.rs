//! The agreement fetched by `index.html` while the app loads (`window.samradState`), on a
//! first visit: a device keeping a copy of the agreement (marked in localStorage, see
//! [`copy_marker`]) opens from the copy and asks the server only for what it lacks instead.
//!
//! A websocket's messages are delivered on the page's main thread, busy compiling and starting
//! the app, so the agreement sent over the socket arrived only after the app had started and
//! opened it; a fetch's body is received by the browser's network stack meanwhile. Applied
//! before the socket's sync step, it makes that step carry only what was stored since. The
//! socket does not wait for the device copy to open (that took as long as receiving a real
//! consultation's agreement): on a first visit the copy is attached once it has opened. The
//! server still answers that sync step and judges every write; a failed or refused fetch
//! leaves the replica empty and the socket brings everything, as before.

use wasm_bindgen::JsCast;

/// Where `index.html` leaves its request: a promise of the body (an `ArrayBuffer`), or of
/// `null` when the request failed or was refused.
const EARLY_STATE: &str = "samradState";

/// The localStorage key saying this device keeps a copy of `agreement`, which `index.html`
/// reads to skip the fetch. Holds nothing of the agreement but its id.
pub fn copy_marker(agreement: &str) -> String {
    format!("samrad-copy.{agreement}")
}

/// Sets or clears the marker of `agreement`'s device copy.
pub fn mark_kept(agreement: &str, kept: bool) {
    let Some(storage) = crate::session::local_storage() else {
        return;
    };
    let key = copy_marker(agreement);
    let _ = if kept {
        storage.set_item(&key, "1")
    } else {
        storage.remove_item(&key)
    };
}

/// `index.html`'s request, taken off the window: the body is still on its way.
pub struct EarlyState(js_sys::Promise);

impl EarlyState {
    /// Takes the request `index.html` made, if any (once): it made one only if the device
    /// keeps no copy of the agreement, by the marker.
    pub fn take() -> Option<EarlyState> {
        crate::early::take(EARLY_STATE).map(EarlyState)
    }

    /// The body once received; `None` if the request failed or was refused.
    pub async fn body(self) -> Option<Vec<u8>> {
        let body = wasm_bindgen_futures::JsFuture::from(self.0).await.ok()?;
        let body = body.dyn_into::<js_sys::ArrayBuffer>().ok()?;
        Some(js_sys::Uint8Array::new(&body).to_vec())
    }
}
