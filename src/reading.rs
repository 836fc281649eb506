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

/// The clause being read, and the observer that follows it.
#[derive(Clone)]
pub struct Reading {
    observer: IntersectionObserver,
    /// The id of the clause being read; none above the first clause.
    pub at: RwSignal<Option<String>>,
}

/// The reading context.
pub type ReadingCtx = StoredValue<Option<Reading>, LocalStorage>;

/// Starts following the clause being read, for the components below.
pub fn provide_reading_context() -> ReadingCtx {
    let ctx = StoredValue::new_local(start());
    provide_context(ctx);
    ctx
}

fn start() -> Option<Reading> {
    let at = RwSignal::new(None::<String>);
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // Of the clauses now on the line, the last reported (two may touch it at a border).
        let crossing = entries
            .iter()
            .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
            .filter(IntersectionObserverEntry::is_intersecting)
            .filter_map(|e| {
                e.target()
                    .id()
                    .strip_prefix(CLAUSE_PREFIX)
                    .map(str::to_string)
            })
            .next_back();
        if let Some(clause) = crossing {
            if at.with_untracked(|a| a.as_deref() != Some(clause.as_str())) {
                at.set(Some(clause));
            }
        }
    });
    let options = IntersectionObserverInit::new();
    // A line 30 % down the viewport: the band from 30 % to 31 %.
    options.set_root_margin("-30% 0px -69% 0px");
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    callback.forget();
    Some(Reading { observer, at })
}

/// The clause being read, when the page follows it (none without the context).
pub fn reading_clause() -> Option<RwSignal<Option<String>>> {
    use_context::<ReadingCtx>()?.with_value(|r| r.as_ref().map(|r| r.at))
}

/// Follows a clause's card (`node`, with the element id `clause-<id>`) once it is mounted, and
/// lets go of it when the card goes.
pub fn follow_reading<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let Some(ctx) = use_context::<ReadingCtx>() else {
        return;
    };
    let watched = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let el: web_sys::Element = el.unchecked_into();
            ctx.with_value(|r| {
                if let Some(r) = r {
                    r.observer.observe(&el);
                }
            });
            watched.set_value(Some(el));
        }
    });
    on_cleanup(move || {
        if let Some(el) = watched.try_get_value().flatten() {
            ctx.try_with_value(|r| {
                if let Some(r) = r {
                    r.observer.unobserve(&el);
                }
            });
        }
    });
}
