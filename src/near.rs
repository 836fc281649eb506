//! What is on or near the screen. A clause's heading and wording are always in the page (the
//! outline, find-in-page, a screen reader's list of headings, deep links); its remarks,
//! stances and forms — most of the page's weight at a real consultation's size — are built
//! when the clause comes within a screen's height of the viewport, and then stay (so a draft
//! in an open form is never lost by scrolling away). One `IntersectionObserver` watches every
//! clause; printing builds everything first. A small agreement is built whole at once.
//!
//! The first screen is drawn only once the observer has said which clauses are near and those
//! are built: [`when_near_built`] tells the one who waits for it (the interactive parts' file,
//! signed_in.rs, which must not compete with the first screen).

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// Agreements with at most this many threads are built whole at once, as they always were:
/// they cost less than the bookkeeping of building them piecemeal, find-in-page finds every
/// remark, and nothing shifts while a reader scrolls.
pub const EAGER_THREADS: usize = 200;

type Waiting = Rc<RefCell<HashMap<String, RwSignal<bool>>>>;

/// The observer and the clauses still waiting to come near, by element id.
#[derive(Clone)]
pub struct Near {
    observer: IntersectionObserver,
    waiting: Waiting,
}

/// The nearness context.
pub type NearCtx = StoredValue<Option<Near>, LocalStorage>;

/// Starts watching what comes near the viewport, for the components below.
pub fn provide_near_context() -> NearCtx {
    let near = start();
    let ctx = StoredValue::new_local(near);
    provide_context(ctx);
    ctx
}

fn start() -> Option<Near> {
    let waiting: Waiting = Rc::default();
    let seen = waiting.clone();
    FIRST_SCREEN.with_borrow_mut(|f| f.beyond = false);
    let callback = Closure::<dyn Fn(js_sys::Array, IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: IntersectionObserver| {
            let mut beyond = false;
            for entry in entries.iter() {
                let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                    continue;
                };
                let target = entry.target();
                let id = target.id();
                FIRST_SCREEN.with_borrow_mut(|f| f.unreported.remove(&id));
                if !entry.is_intersecting() {
                    beyond = true;
                    continue;
                }
                observer.unobserve(&target);
                if let Some(signal) = seen.borrow_mut().remove(&id) {
                    signal.set(true);
                }
            }
            round_handled(beyond);
        },
    );
    let options = IntersectionObserverInit::new();
    // A screen's height above and below: a reader scrolling finds it built already.
    options.set_root_margin("100% 0px 100% 0px");
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    callback.forget();
    // Paper has no viewport: build everything before printing.
    let all = waiting.clone();
    let before_print = Closure::<dyn Fn()>::new(move || {
        let signals: Vec<RwSignal<bool>> = all.borrow_mut().drain().map(|(_, s)| s).collect();
        for s in signals {
            s.set(true);
        }
        FIRST_SCREEN.with_borrow_mut(|f| f.unreported.clear());
        round_handled(true);
    });
    let _ = window()
        .add_event_listener_with_callback("beforeprint", before_print.as_ref().unchecked_ref());
    before_print.forget();
    Some(Near { observer, waiting })
}

/// Whether the element with id `element_id` (once `node` is mounted) has come near the
/// viewport. Always true for an `eager` caller (an agreement small enough to build whole,
/// see [`EAGER_THREADS`]) and without a nearness context (a component shown on its own).
pub fn use_near<E>(element_id: String, node: NodeRef<E>, eager: bool) -> Signal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let ctx = use_context::<NearCtx>().filter(|c| c.with_value(Option::is_some));
    let Some(ctx) = ctx.filter(|_| !eager) else {
        return Signal::stored(true);
    };
    let signal = RwSignal::new(false);
    let observer = ctx.with_value(|near| {
        near.as_ref().map(|near| {
            near.waiting.borrow_mut().insert(element_id.clone(), signal);
            FIRST_SCREEN.with_borrow_mut(|f| f.unreported.insert(element_id.clone()));
            near.observer.clone()
        })
    });
    if let Some(observer) = observer {
        observe_while_mounted(node, observer);
    }
    on_cleanup(move || {
        ctx.with_value(|near| {
            if let Some(near) = near {
                near.waiting.borrow_mut().remove(&element_id);
                FIRST_SCREEN.with_borrow_mut(|f| f.unreported.remove(&element_id));
            }
        });
    });
    signal.into()
}

/// Has `observer` watch `node`'s element once it is mounted, and stop watching it when the
/// component goes: an observer outlives the cards it watches (the nearness one, the reading
/// one in reading.rs), and would otherwise keep a removed card's element alive.
pub fn observe_while_mounted<E>(node: NodeRef<E>, observer: IntersectionObserver)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let observer = StoredValue::new_local(observer);
    let watched = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let el: web_sys::Element = el.unchecked_into();
            observer.with_value(|o| o.observe(&el));
            watched.set_value(Some(el));
        }
    });
    on_cleanup(move || {
        if let Some(el) = watched.try_get_value().flatten() {
            observer.try_with_value(|o| o.unobserve(&el));
        }
    });
}

/// How far the clauses near the screen are built, for those waiting on it.
#[derive(Default)]
struct FirstScreen {
    /// Clauses waiting to come near that the observer has not yet reported on (near or not):
    /// until it has, nobody knows whether they are on screen.
    unreported: HashSet<String>,
    /// A report with nothing left unreported found a clause beyond the near zone: every clause
    /// above it was reported too (the page is built top down), and the near ones are built.
    beyond: bool,
    /// Who waits for the clauses near the screen to be built.
    waiting: Vec<Box<dyn FnOnce()>>,
}

thread_local! {
    static FIRST_SCREEN: RefCell<FirstScreen> = RefCell::default();
}

/// Calls `then` once the clauses near the screen are built, from inside an animation frame
/// before it is painted (so a `set_timeout(.., 0)` in `then` runs after the frame that paints
/// them); call it from an animation frame too. At once when no clause waits for the
/// observer's first word on it (an agreement built whole, a page without clauses, a browser
/// without the observer, printing); otherwise after the observer's report has been handled
/// (the near clauses' remarks built) and a frame has begun — and once more if that frame
/// added clauses (the page builds a chapter per frame) while no clause was yet found beyond
/// the near zone, so a short first chapter waits for the next.
pub fn when_near_built(then: impl FnOnce() + 'static) {
    let ready = FIRST_SCREEN.with_borrow(|f| f.beyond || f.unreported.is_empty());
    if ready {
        then();
    } else {
        FIRST_SCREEN.with_borrow_mut(|f| f.waiting.push(Box::new(then)));
    }
}

/// The observer's report has been handled (`beyond`: it found a clause beyond the near zone):
/// once nothing is left unreported, those waiting look again in the next frame, when what the
/// report built is in the page.
fn round_handled(beyond: bool) {
    let waiting = FIRST_SCREEN.with_borrow_mut(|f| {
        if !f.unreported.is_empty() {
            return Vec::new();
        }
        f.beyond |= beyond;
        std::mem::take(&mut f.waiting)
    });
    for then in waiting {
        request_animation_frame(move || when_near_built(then));
    }
}

/// Follows the address's fragment (`#clause-…`) now and whenever it changes (a link in the
/// table of contents): the page is built after it loads, so the browser's own jump finds
/// nothing yet, and clauses that come near above the target grow as they are built and push
/// it down. So the target is kept in place for a moment — until it has stood still for a
/// few frames, at most a second and a half, or until the reader scrolls or types.
pub fn follow_address_fragment() {
    if !PIN.with(|p| p.listening.replace(true)) {
        let on_hash = Closure::<dyn Fn()>::new(pin_fragment);
        let _ = window()
            .add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        on_hash.forget();
        // The reader taking over ends any pinning.
        let release = Closure::<dyn Fn()>::new(|| PIN.with(|p| p.round.set(p.round.get() + 1)));
        for event in ["wheel", "touchstart", "keydown", "mousedown"] {
            let _ =
                window().add_event_listener_with_callback(event, release.as_ref().unchecked_ref());
        }
        release.forget();
    }
    pin_fragment();
}

/// Follows a link to a place on this page (`#clause-…`) from its click. The router takes over
/// every link's click and moves the address without a `hashchange`, so the target would not
/// be kept in place while the clauses above it are built (and it drifts off screen); setting
/// the fragment here fires `hashchange`, which [`follow_address_fragment`] follows.
pub fn follow_fragment_link(ev: leptos::ev::MouseEvent) {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    let href = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|a| a.get_attribute("href"));
    let Some(fragment) = href.filter(|h| h.starts_with('#')) else {
        return;
    };
    ev.prevent_default();
    if window().location().hash().ok().as_deref() == Some(fragment.as_str()) {
        // The same target again (the reader scrolled away): no `hashchange` would fire.
        pin_fragment();
    } else {
        let _ = window().location().set_hash(&fragment);
    }
}

/// The pinning state: whether the listeners are in place, and the current round (a new
/// target or the reader's own input starts a new one, which ends the previous).
struct Pin {
    listening: std::cell::Cell<bool>,
    round: std::cell::Cell<u32>,
}

thread_local! {
    static PIN: Pin = const {
        Pin {
            listening: std::cell::Cell::new(false),
            round: std::cell::Cell::new(0),
        }
    };
}

/// How many frames a followed target is kept in place at most, and how many still frames
/// end it sooner.
const PIN_FRAMES: u32 = 90;
const STILL_FRAMES: u32 = 20;

fn pin_fragment() {
    let hash = window().location().hash().unwrap_or_default();
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return;
    };
    let Some(el) = document().get_element_by_id(id) else {
        return;
    };
    el.scroll_into_view();
    let want = el.get_bounding_client_rect().top();
    let round = PIN.with(|p| {
        p.round.set(p.round.get() + 1);
        p.round.get()
    });
    keep(el, want, round, PIN_FRAMES, 0);
}

fn keep(el: web_sys::Element, want: f64, round: u32, left: u32, still: u32) {
    let current = PIN.with(|p| p.round.get()) == round;
    if left == 0 || !current || still > STILL_FRAMES {
        return;
    }
    request_animation_frame(move || {
        if PIN.with(|p| p.round.get()) != round {
            return;
        }
        let moved = (el.get_bounding_client_rect().top() - want).abs() > 1.0;
        if moved {
            el.scroll_into_view();
        }
        keep(el, want, round, left - 1, if moved { 0 } else { still + 1 });
    });
}
