//! Long pages shown a screenful first: a page of many rows or sections (the stance matrix's
//! 50 organisations × 120 clauses, the compilation's 120 clauses with thousands of quoted
//! arguments) renders the first items at once and the rest a chunk per animation frame, so
//! the reader sees and uses the top of the page while the rest is built, and the browser
//! paints between chunks instead of freezing for the whole page.

use leptos::prelude::*;

/// How many of `total()` items to show: `first` at once, then `step` more each animation
/// frame until all are shown. A total that changes (a filter, a new clause) is followed from
/// what is shown already; once the page is gone the chain stops (its signal is disposed).
pub fn progressive(
    first: usize,
    step: usize,
    total: impl Fn() -> usize + Send + Sync + 'static,
) -> Signal<usize> {
    fill(first, step, total, request_animation_frame).into()
}

/// How many of `total()` items are built: `first` at once, then `step` more each time `later`
/// runs what it is given, until all are. A total that changes is followed from what is built
/// already; once the page is gone the chain stops (its signal is disposed). The scheduling is
/// the only difference between filling per frame (here) and in idle time (deferred.rs); a
/// step may run twice (a callback and its fallback timer), so it only ever raises the count.
pub(crate) fn fill(
    first: usize,
    step: usize,
    total: impl Fn() -> usize + Send + Sync + 'static,
    later: fn(Box<dyn FnOnce()>),
) -> RwSignal<usize> {
    let built = RwSignal::new(first);
    Effect::new(move |_| {
        let total = total();
        let now = built.get();
        if now < total {
            later(Box::new(move || {
                let _ = built.try_update(|b| *b = (*b).max((now + step).min(total)));
            }));
        }
    });
    built
}

/// Whether every item is shown: for `aria-busy` on the container while it fills.
pub fn filling(
    shown: Signal<usize>,
    total: impl Fn() -> usize + Send + Sync + 'static,
) -> Signal<bool> {
    Signal::derive(move || shown.get() < total())
}
