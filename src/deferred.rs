//! A long table shown a screenful first and the rest while the reader looks at it: the stance
//! matrix's 50 organisations × 120 clauses builds the rows that fill the screen at once, paints
//! them, and builds the rest a chunk at a time when the browser is idle — so the first screen
//! is not held back by rows nobody sees yet, and a click or a key pressed while the table fills
//! is answered between chunks. A reader who reaches the built edge first (moving the grid's
//! focus past it) asks for more at once (`Deferred::at_least`). (The compilation's sections
//! fill per animation frame instead, see progressive.rs: filled in idle periods, its many
//! clauses completed later.)

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The longest wait for an idle period: a page kept busy (another tab's work, a live update
/// every frame) still fills.
const FALLBACK: Duration = Duration::from_millis(300);

/// How many items of a long list are built.
#[derive(Clone, Copy)]
pub struct Deferred {
    built: RwSignal<usize>,
}

impl Deferred {
    /// `first` items at once, then `step` more each time the browser is idle after painting
    /// what is built, until `total()` are. A total that changes (a filter, a new clause) is
    /// followed from what is built already; once the page is gone the chain stops (its signal
    /// is disposed).
    pub fn new(
        first: usize,
        step: usize,
        total: impl Fn() -> usize + Send + Sync + 'static,
    ) -> Self {
        let built = crate::progressive::fill(first, step, total, when_idle);
        Deferred { built }
    }

    /// How many are built (tracked).
    pub fn get(&self) -> usize {
        self.built.get()
    }

    /// Builds at least `n` now: the reader reached the built edge.
    pub fn at_least(&self, n: usize) {
        let _ = self.built.try_update(|b| *b = (*b).max(n));
    }
}

/// Runs `f` once, in the browser's next idle period or after [`FALLBACK`], whichever is first.
pub(crate) fn when_idle(f: impl FnOnce() + 'static) {
    let once = Rc::new(Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = once.take() {
            f();
        }
    };
    if let Some(window) = web_sys::window() {
        let idle = Closure::once_into_js(run.clone());
        let _ = window.request_idle_callback(idle.unchecked_ref());
    }
    set_timeout(run, FALLBACK);
}
