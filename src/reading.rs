//! Which clause the reader is at: the one crossing a line a third of the way down the
//! viewport, where the eye rests while reading (under the sticky header). The table of
//! contents marks it and keeps it in sight, so a reader deep in a 120-clause agreement sees
//! where they are. One `IntersectionObserver` whose root is that line watches every clause; it
//! reports only when a clause crosses the line, so reading costs nothing per scrolled frame.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// The element id of a clause's card is this followed by the clause's id (clause_card.rs).
const CLAUSE_PREFIX: &str = "clause-";

/// How far down the viewport the reading line lies, in per cent of its height.
const LINE_PERCENT: f64 = 30.0;

/// The clause being read, and the observer that follows it.
#[derive(Clone)]
pub struct Reading {
    observer: IntersectionObserver,
    /// The id of the clause being read; none above the first clause or between chapters.
    pub at: RwSignal<Option<String>>,
}

/// The reading context.
pub type ReadingCtx = StoredValue<Option<Reading>, LocalStorage>;

/// Starts following the clause being read, for the components below, until they go.
pub fn provide_reading_context() -> ReadingCtx {
    let ctx = StoredValue::new_local(start());
    provide_context(ctx);
    ctx
}

fn start() -> Option<Reading> {
    let at = RwSignal::new(None::<String>);
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        crossed(at, entries.iter().filter_map(|e| e.dyn_into().ok()));
    });
    let options = IntersectionObserverInit::new();
    // The line as a band one per cent high: "-30% 0px -69% 0px".
    let below = 99.0 - LINE_PERCENT;
    options.set_root_margin(&format!("-{LINE_PERCENT}% 0px -{below}% 0px"));
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    // Reports queued before the page goes find the signal gone (`try_` below); the observer
    // and its callback go with the page.
    let callback = StoredValue::new_local(Some(callback));
    let watching = observer.clone();
    on_cleanup(move || {
        watching.disconnect();
        callback.try_update_value(Option::take);
    });
    Some(Reading { observer, at })
}

/// Reads one report: the clause now on the line is read; if none is, and the one read has
/// left the line downwards (the reader scrolled up above it, into a chapter's heading or the
/// title), none is.
fn crossed(at: RwSignal<Option<String>>, entries: impl Iterator<Item = IntersectionObserverEntry>) {
    let mut crossing = None;
    let mut left_downwards = None;
    for entry in entries {
        let target = entry.target();
        let Some(clause) = target.id().strip_prefix(CLAUSE_PREFIX).map(str::to_string) else {
            continue;
        };
        if entry.is_intersecting() {
            crossing = Some(clause);
        } else {
            let line = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or_default()
                * LINE_PERCENT
                / 100.0;
            if target.get_bounding_client_rect().top() > line {
                left_downwards = Some(clause);
            }
        }
    }
    let now = match crossing {
        Some(clause) => Some(clause),
        None if left_downwards.is_some()
            && at.try_with_untracked(|a| *a == left_downwards) == Some(true) =>
        {
            None
        }
        None => return,
    };
    if at.try_with_untracked(|a| *a != now) == Some(true) {
        at.try_set(now);
    }
}

/// The clause being read, when the page follows it (none without the context).
pub fn reading_clause() -> Option<RwSignal<Option<String>>> {
    use_context::<ReadingCtx>()?.with_value(|r| r.as_ref().map(|r| r.at))
}

/// Follows a clause's card (`node`, with the element id `clause-<id>`) while it is mounted.
pub fn follow_reading<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let observer = use_context::<ReadingCtx>()
        .and_then(|ctx| ctx.with_value(|r| r.as_ref().map(|r| r.observer.clone())));
    if let Some(observer) = observer {
        crate::near::observe_while_mounted(node, observer);
    }
}
