//! The offline shell: registers the service worker the build generates (`/sw.js`, see
//! `scripts/service-worker.sh`), so the app opens at its own address with no network and
//! shows the device copy. Where the browser offers no service workers (an insecure origin,
//! a policy) the app simply needs the network to open, as before.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Registers `/sw.js` for the whole site; a new deployment's worker replaces the old one on
/// its own (the worker takes over at once and deletes the old build's cache).
pub fn register_service_worker() {
    let Some(container) = service_workers() else {
        return;
    };
    let promise = container.register("/sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            leptos::logging::warn!("the offline shell is not installed: {e:?}");
        }
    });
}

/// Asks the service worker (once one is active) to keep the agreement page's interactive parts
/// (`SOON` in `/sw.js`): the app has just fetched them, after its first screen, possibly before
/// the worker controlled the page. Asked again of the worker that takes over the page next: after
/// a deployment the active worker is still the old build's, whose cache the new one deletes.
pub fn keep_interactive_parts() {
    let Some(container) = service_workers() else {
        return;
    };
    let Ok(ready) = container.ready() else {
        return;
    };
    let watched = container.clone();
    let next = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Ok(controller) = js_sys::Reflect::get(&watched, &"controller".into()) {
            ask_to_keep(&controller);
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
        "controllerchange",
        next.unchecked_ref(),
        &options,
    );
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(registration) = JsFuture::from(ready).await {
            if let Ok(active) = js_sys::Reflect::get(&registration, &"active".into()) {
                ask_to_keep(&active);
            }
        }
    });
}

/// Posts `keep-soon` to `worker` (`ServiceWorker.postMessage`, read by name: no worker, nothing).
fn ask_to_keep(worker: &wasm_bindgen::JsValue) {
    if worker.is_null() || worker.is_undefined() {
        return;
    }
    let sent = js_sys::Reflect::get(worker, &"postMessage".into())
        .and_then(|post| js_sys::Function::from(post).call1(worker, &"keep-soon".into()));
    if let Err(e) = sent {
        leptos::logging::warn!("the interactive parts are not kept offline: {e:?}");
    }
}

/// The page's service worker container; `navigator.serviceWorker` is missing outside secure
/// contexts.
fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}
