//! The edge between tabs of one person's agreement: a BroadcastChannel carries the domain's
//! tab messages (its tabs.rs decides), and a Web Lock elects the one tab that writes the device
//! copy. Nothing here decides anything.

use super::{ConnectionState, Transport};
use leptos::prelude::{GetUntracked, Set, WithUntracked};
use samrad_domain::device::DeviceCopy;
use samrad_domain::tabs::{TabEffect, Tabs};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel to the other tabs and this tab's part in the exchange.
pub(super) struct TabLink {
    channel: BroadcastChannel,
    part: RefCell<Tabs>,
}

/// The channel's and the lock's name: one per agreement and person (the origin scopes both).
fn name(agreement: &str, participant: &str) -> String {
    format!("samrad.{agreement}.{participant}")
}

impl TabLink {
    /// Opens the channel of `agreement` for `participant`; `None` where the browser has none.
    pub(super) fn open(agreement: &str, participant: &str) -> Option<TabLink> {
        let channel = BroadcastChannel::new(&name(agreement, participant)).ok()?;
        Some(TabLink {
            channel,
            part: RefCell::new(Tabs::new()),
        })
    }

    fn post(&self, bytes: &[u8]) {
        let _ = self
            .channel
            .post_message(&js_sys::Uint8Array::from(bytes).into());
    }
}

impl Transport {
    /// Joins the other tabs: listens to them, asks them for what this replica lacks, and
    /// waits for the lock that makes this tab the device copy's writer (with a copy).
    pub(super) fn join_tabs(self: &Rc<Self>) {
        let Some(link) = &self.tabs else {
            return;
        };
        let t = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if t.stopped.get() {
                return;
            }
            if let Ok(bytes) = e.data().dyn_into::<js_sys::Uint8Array>() {
                t.from_tab(&bytes.to_vec());
            }
        });
        link.channel
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Lives as long as the page.
        on_message.forget();
        let hello = link.part.borrow().opened(&self.current());
        self.do_tab_effects(vec![hello]);
        self.hold_writer_lock();
    }

    /// With a device copy: asks for the lock that lets one tab of this agreement and person
    /// write the copy, and writes it once that is held.
    pub(super) fn hold_writer_lock(self: &Rc<Self>) {
        let (Some(link), Some(_)) = (&self.tabs, self.device.get()) else {
            return;
        };
        let t = self.clone();
        hold_lock(&link.channel.name(), move || t.take_over());
    }

    /// Tells the other tabs of an own change as it commits.
    pub(super) fn tell_tabs(&self, update: &[u8]) {
        if let Some(link) = &self.tabs {
            link.post(&match link.part.borrow().own_change(update) {
                TabEffect::Post(bytes) => bytes,
                _ => return,
            });
        }
    }

    /// Tells the other tabs the acknowledgements, if this tab writes the copy.
    pub(super) fn tell_tabs_acks(&self) {
        let (Some(link), Some(device)) = (&self.tabs, self.device.get()) else {
            return;
        };
        if let Some(TabEffect::Post(bytes)) = link.part.borrow().acks(&device.acks()) {
            link.post(&bytes);
        }
    }

    fn from_tab(self: &Rc<Self>, bytes: &[u8]) {
        let Some(link) = &self.tabs else {
            return;
        };
        let agreement = self.current();
        let read =
            |copy: Option<&mut DeviceCopy>| link.part.borrow().receive(&agreement, copy, bytes);
        let result = match self.device.get() {
            Some(device) => device.relay(|copy| match read(copy) {
                Ok((effects, writes)) => (Ok(effects), writes),
                Err(e) => (Err(e), Vec::new()),
            }),
            None => read(None).map(|(effects, _)| effects),
        };
        // The writing tab keeps others' changes as waiting: its own marks say so too.
        if let Some(device) = self.device.get().filter(|d| d.writes()) {
            let acks = device.acks();
            if self.live.acks.with_untracked(|a| *a != acks) {
                self.live.acks.set(acks);
            }
        }
        match result {
            Ok(effects) => self.do_tab_effects(effects),
            Err(e) => leptos::logging::warn!("ignored a message from another tab: {e}"),
        }
    }

    fn do_tab_effects(self: &Rc<Self>, effects: Vec<TabEffect>) {
        for effect in effects {
            match effect {
                TabEffect::Post(bytes) => {
                    if let Some(link) = &self.tabs {
                        link.post(&bytes);
                    }
                }
                TabEffect::Apply(update) => self.apply_from_elsewhere(&update),
                TabEffect::Acks(acks) => {
                    if let Some(device) = self.device.get() {
                        device.set_acks(acks.clone());
                    }
                    // Online, what waits is what the writing tab says still waits.
                    if self.live.connection.get_untracked() == ConnectionState::Online {
                        let pending = self.client.borrow().pending().max(acks.pending());
                        self.live.pending.set(pending);
                    }
                    self.live.acks.set(acks);
                }
            }
        }
    }

    /// Applies a change another tab (or the device copy) holds: shown, not sent to the server
    /// from here, and written to the copy with the next flush if this tab writes it.
    pub(super) fn apply_from_elsewhere(self: &Rc<Self>, update: &[u8]) {
        let current = self.current();
        current.off_update("socket");
        self.applying_remote.set(true);
        let applied = current.apply_update(update);
        self.applying_remote.set(false);
        self.watch(&current);
        if let Err(e) = applied {
            leptos::logging::warn!("a change from another tab did not apply: {e}");
        }
        self.flush_soon();
    }

    /// This tab holds the lock: it takes in what the tab before it stored, then writes the
    /// copy — the agreement fetched on a first visit as it came, then what the replica holds
    /// beyond (its whole replica, if the other tab wrote anything since this one opened).
    fn take_over(self: &Rc<Self>) {
        let Some(device) = self.device.get().cloned() else {
            return;
        };
        let t = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match device.take_over().await {
                Ok(update) => {
                    if let Some(link) = &t.tabs {
                        link.part.borrow_mut().became_writer();
                    }
                    // The agreement fetched on a first visit is kept as it came; the flush
                    // then writes only what came after it.
                    if let Some(fetched) = t.fetched.borrow_mut().take() {
                        device.decide(|copy| copy.keep_fetched(&fetched));
                    }
                    if let Some(update) = update {
                        t.apply_from_elsewhere(&update);
                    }
                    t.flush_now();
                    t.live.acks.set(device.acks());
                    t.tell_tabs_acks();
                }
                Err(e) => {
                    t.fetched.borrow_mut().take();
                    leptos::logging::warn!("the device copy could not be taken over: {e}")
                }
            }
        });
    }
}

/// Asks for the exclusive Web Lock `name` and holds it for the page's life; `granted` runs
/// once it is held. Without Web Locks (an old browser) the tab writes at once, as before tabs
/// shared the copy.
fn hold_lock(name: &str, granted: impl FnOnce() + 'static) {
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        granted();
        return;
    };
    let held = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
        granted();
        // Never settles: the lock is released only when the page goes.
        js_sys::Promise::new(&mut |_, _| {})
    });
    let _ = request.call2(&locks, &name.into(), &held);
}
