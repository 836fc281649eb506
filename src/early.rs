//! Requests `index.html` starts before the app's code has loaded (the session, and on a first
//! visit the agreement itself), left on the window as promises for the app to pick up.

use wasm_bindgen::JsCast;

/// Takes the promise `index.html` left on the window under `key`, once: a second call (or a
/// page that made no such request) finds nothing.
pub fn take(key: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(key);
    let promise = js_sys::Reflect::get(&window, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(promise)
}
