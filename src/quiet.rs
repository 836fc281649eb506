//! Waiting for a reader who is not doing anything: work nobody waits for (fetching the other
//! pages' code, see later.rs) is done then, not between the keys of someone typing. Each of
//! those files is instantiated on the page's main thread; done while a reader typed in the
//! composer straight after opening, it held single keys back by 10–20 ms.

use std::cell::Cell;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long the reader must have neither typed, pointed nor scrolled.
const QUIET: Duration = Duration::from_secs(2);

/// What counts as the reader doing something.
const INPUT: [&str; 4] = ["keydown", "pointerdown", "wheel", "input"];

thread_local! {
    /// When the reader last did something (ms since the epoch); `None` until listened for.
    static LAST_INPUT: Cell<Option<f64>> = const { Cell::new(None) };
}

/// Resolves once the reader has been still for [`QUIET`] and the browser is idle.
pub async fn reader_quiet() {
    listen();
    loop {
        let last = LAST_INPUT.with(Cell::get).unwrap_or_default();
        let still_for = js_sys::Date::now() - last;
        let quiet_ms = QUIET.as_millis() as f64;
        if still_for >= quiet_ms {
            idle().await;
            if LAST_INPUT.with(Cell::get).unwrap_or_default() == last {
                return;
            }
        } else {
            gloo_timers::future::TimeoutFuture::new((quiet_ms - still_for).ceil() as u32).await;
        }
    }
}

/// Notes the time of the reader's every input, from the first call on (listening on the
/// window, capturing, passive: it never delays the input itself).
fn listen() {
    if LAST_INPUT.with(Cell::get).is_some() {
        return;
    }
    LAST_INPUT.with(|l| l.set(Some(js_sys::Date::now())));
    let Some(window) = web_sys::window() else {
        return;
    };
    let noted = Closure::<dyn Fn()>::new(|| LAST_INPUT.with(|l| l.set(Some(js_sys::Date::now()))));
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_passive(true);
    for kind in INPUT {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            noted.as_ref().unchecked_ref(),
            &options,
        );
    }
    // Listens for the page's lifetime.
    noted.forget();
}

/// The browser's next idle period (or `deferred`'s fallback).
async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        crate::deferred::when_idle(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
