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

/// Asks the service worker (once one is active) to keep the agreement page's interactive parts
/// (`SOON` in `/sw.js`): the app has just fetched them, after its first screen, possibly before
/// the worker controlled the page.
pub fn keep_interactive_parts() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let Ok(ready) = navigator.service_worker().ready() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(ready).await else {
            return;
        };
        // `ServiceWorker.postMessage`, read through the registration's `active` worker.
        let sent = js_sys::Reflect::get(&registration, &"active".into()).and_then(|worker| {
            let post = js_sys::Reflect::get(&worker, &"postMessage".into())?;
            js_sys::Function::from(post).call1(&worker, &"keep-soon".into())
        });
        if let Err(e) = sent {
            leptos::logging::warn!("the interactive parts are not kept offline: {e:?}");
        }
    });
}
