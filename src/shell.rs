//! The offline shell: registers the service worker the build generates (`/sw.js`, see
//! `scripts/service-worker.sh`), so the app opens at its own address with no network and
//! shows the device copy. Where the browser offers no service workers (an insecure origin,
//! a policy) the app simply needs the network to open, as before.

use wasm_bindgen_futures::JsFuture;

/// Registers `/sw.js` for the whole site; a new deployment's worker replaces the old one on
/// its own (the worker takes over at once and deletes the old build's cache).
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // `navigator.serviceWorker` is missing outside secure contexts.
    let present = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !present {
        return;
    }
    let promise = navigator.service_worker().register("/sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            leptos::logging::warn!("the offline shell is not installed: {e:?}");
        }
    });
}
