//! The websocket edge: moves frames between the browser's WebSocket and the sans-IO
//! [`SyncClient`], and reconnects with backoff. No protocol logic lives here.
//!
//! A change the server refuses stays in the replica that made it, and would be resent — and
//! refused — on every reconnect, with every later change queued behind it. So a refusal starts
//! the replica over: a fresh one (new client id) is loaded from the server while the old one
//! stays on screen, and once the fresh one holds the server's state it takes the old one's
//! place and the writer gets back, as drafts, whatever of theirs the server lacks (see the
//! domain's unsaved.rs).

mod restart;
mod tabs;

use super::prefetch::EarlyState;
use super::{
    close_cause, fresh_client_id, people_present, CloseCause, ConnectionState, Device, Live,
    Presence,
};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use samrad_domain::device::Fetched;
use samrad_domain::{Agreement, SyncClient};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use tabs::TabLink;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

struct Transport {
    url: String,
    live: Live,
    client: RefCell<SyncClient>,
    socket: RefCell<Option<WebSocket>>,
    /// Set while a remote frame is applied, so its update is not echoed to the server.
    applying_remote: Cell<bool>,
    attempts: Cell<u32>,
    /// Our presence as last announced, for a client started over.
    presence: RefCell<String>,
    /// After a refusal: the fresh replica being loaded, the refused one still shown, and the
    /// server's reason.
    restart: RefCell<Option<(Agreement, Agreement, String)>>,
    /// Set while the fresh replica waits to take the refused one's place (restart.rs).
    handing_back: Cell<bool>,
    /// The device copy, if it is kept: own changes go to it as they commit, received ones
    /// gathered a moment later. On a first visit it is attached once it has opened, after
    /// the socket (see [`Connection::attach_device`]).
    device: OnceCell<Rc<Device>>,
    /// The agreement fetched on a first visit, as applied: the device copy keeps it as it came
    /// once this tab writes the copy (tabs.rs).
    fetched: RefCell<Option<Fetched>>,
    /// Set when no device copy will be attached: the fetched agreement is not held for one.
    no_copy: Cell<bool>,
    flush: RefCell<Option<Timeout>>,
    /// Set at sign-out: the socket closes for good.
    stopped: Cell<bool>,
    /// The other tabs of this agreement and person (tabs.rs).
    tabs: Option<TabLink>,
    /// Set while the agreement fetched by index.html is awaited: the first connection's hello
    /// (our state vector) waits for it, so the server's answer is only what came after.
    holding: Cell<bool>,
}

/// How long received changes gather before they are written to the device copy.
const FLUSH_AFTER_MS: u32 = 400;

/// The connection of a page's replica, to attach its device copy to once that has opened.
pub struct Connection(Option<Rc<Transport>>);

impl Connection {
    /// Keeps the device copy current from now on. `opened` is what the copy held: with
    /// records (a first visit's copy normally has none) it joins the replica as a change from
    /// elsewhere — shown; unsent writing of earlier pages among it goes to the server with the
    /// next sync step the server begins (after this page's next write, or on reconnecting).
    pub fn attach_device(&self, device: Rc<Device>, opened: &Agreement) {
        let Some(t) = self.0.as_ref().filter(|t| !t.stopped.get()) else {
            return;
        };
        if t.device.set(device).is_err() {
            return;
        }
        if !opened.holds_nothing() {
            t.apply_from_elsewhere(&opened.encode_state());
        }
        t.hold_writer_lock();
    }

    /// No device copy is kept (turned off, or it failed to open): nothing waits for one.
    pub fn without_device(&self) {
        if let Some(t) = &self.0 {
            t.no_copy.set(true);
            t.fetched.borrow_mut().take();
        }
    }
}

/// Connects `live` to the server's sync endpoint for `agreement_id` and keeps it connected;
/// with `device`, keeps the device copy current too. With `early` (a first visit, see
/// prefetch.rs), the socket opens at once — the device copy is attached once it has opened
/// — but says hello only once the fetched agreement is applied: its handshake overlaps the
/// applying.
pub fn connect(
    live: Live,
    agreement_id: &str,
    device: Option<Rc<Device>>,
    early: Option<EarlyState>,
) -> Connection {
    let Some(window) = web_sys::window() else {
        return Connection(None);
    };
    let location = window.location();
    let scheme = if location.protocol().ok().as_deref() == Some("https:") {
        "wss"
    } else {
        "ws"
    };
    let host = location.host().unwrap_or_default();
    let agreement = live.agreement();
    let mut client = SyncClient::new(&agreement, || js_sys::Date::now() as u64);
    let me = live.me();
    // The server stamps the same identity; having it here too lets our own entry merge with
    // our other devices' (see `people_present`).
    let presence = Presence::of(&me, None, None);
    let _ = client.set_presence(&presence);
    let transport = Rc::new(Transport {
        url: format!("{scheme}://{host}/sync/{agreement_id}"),
        live,
        client: RefCell::new(client),
        socket: RefCell::new(None),
        applying_remote: Cell::new(false),
        attempts: Cell::new(0),
        presence: RefCell::new(presence),
        restart: RefCell::new(None),
        handing_back: Cell::new(false),
        device: device.map(OnceCell::from).unwrap_or_default(),
        fetched: RefCell::new(None),
        no_copy: Cell::new(false),
        flush: RefCell::new(None),
        stopped: Cell::new(false),
        tabs: TabLink::open(agreement_id, &me.id),
        holding: Cell::new(early.is_some()),
    });
    let t = transport.clone();
    live.set_sink(Rc::new(move |json: &str| {
        *t.presence.borrow_mut() = json.to_string();
        let frame = t.client.borrow_mut().set_presence(json);
        if let Ok(frame) = frame {
            t.send(&frame);
        }
    }));
    transport.watch(&agreement);
    let t = transport.clone();
    live.set_disconnect(Rc::new(move || {
        t.stopped.set(true);
        // The view goes with the sign-out: nothing may touch it from a timer later.
        t.flush.borrow_mut().take();
        t.current().off_update("socket");
        if let Some(ws) = t.socket.borrow_mut().take() {
            let _ = ws.close();
        }
        t.live.connection.set(ConnectionState::SignedOut);
    }));
    flush_when_hidden(&transport);
    transport.join_tabs();
    open(transport.clone());
    let connection = transport.clone();
    if let Some(early) = early {
        leptos::task::spawn_local(async move {
            let body = early.body().await;
            // Said in the same task as the applying, before the views render what it brought:
            // the server's answer travels while they do. So the socket had better be open.
            transport.opened(OPEN_WAIT_MS).await;
            // Signed out meanwhile: the view is gone, nothing more is applied.
            if transport.stopped.get() {
                return;
            }
            if let Some(body) = body {
                transport.apply_early(body);
            }
            transport.holding.set(false);
            if transport.is_open() {
                transport.hello();
            }
        });
    }
    Connection(Some(connection))
}

/// How long the agreement fetched early waits for the socket to open before it is applied
/// anyway, the hello then following when the socket opens. A handshake takes a few
/// milliseconds; a server busy loading the room can take a tenth of a second, longer than the
/// views' rendering that a hello said at once would overlap with.
const OPEN_WAIT_MS: f64 = 50.0;

impl Transport {
    /// Sends every local change of `agreement` as it commits.
    fn watch(self: &Rc<Self>, agreement: &Agreement) {
        let t = self.clone();
        let client = agreement.doc().client_id().get();
        let _ = agreement.on_update("socket", move |update| {
            // This runs while the transaction commits: the document cannot be read here.
            if !t.applying_remote.get() {
                t.client.borrow_mut().note_local_change();
                t.live.pending.update(|n| *n += 1);
                if let Some(device) = t.device.get() {
                    device.decide(|copy| copy.own_change(client, update));
                    t.live.acks.set(device.acks());
                }
                t.send(&SyncClient::update_frame(update));
                t.tell_tabs(update);
                t.tell_tabs_acks();
            }
        });
    }

    /// Applies the agreement fetched early as it would a frame from the server: not echoed.
    /// The device copy keeps it as fetched once this tab writes the copy (encoding the
    /// agreement anew for it would cost a third of applying it, just after the first screen);
    /// should it not take it, the next flush writes the state.
    fn apply_early(self: &Rc<Self>, body: Vec<u8>) {
        let current = self.current();
        current.off_update("socket");
        self.applying_remote.set(true);
        let fetched = current.apply_fetched(body);
        self.applying_remote.set(false);
        self.watch(&current);
        match (fetched, self.device.get().filter(|d| d.writes())) {
            (Ok(fetched), Some(device)) => device.decide(|copy| copy.keep_fetched(&fetched)),
            // Kept once this tab writes the copy (tabs.rs).
            (Ok(fetched), None) if !self.no_copy.get() => {
                *self.fetched.borrow_mut() = Some(fetched)
            }
            (Ok(_), None) => {}
            (Err(e), _) => {
                leptos::logging::warn!("the agreement fetched early could not be read: {e}")
            }
        }
    }

    /// Says hello on an open socket: our state vector (and presence), so the server answers
    /// with what we lack.
    fn hello(&self) {
        // Earlier page loads' unsent writing goes first if it takes several frames.
        let own = self.current().doc().client_id().get();
        let mut order = self.live.acks.with_untracked(|a| a.writing_order());
        order.push(own);
        self.client.borrow_mut().set_order(order);
        let hello = self.client.borrow().hello();
        self.send(&hello);
        // What was told while this device was away comes with the list.
        self.live.inbox.refresh();
    }

    /// Resolves once the socket is open, or after `limit_ms`.
    async fn opened(&self, limit_ms: f64) {
        let until = js_sys::Date::now() + limit_ms;
        while !self.is_open() && js_sys::Date::now() < until {
            gloo_timers::future::TimeoutFuture::new(4).await;
        }
    }

    fn is_open(&self) -> bool {
        self.socket
            .borrow()
            .as_ref()
            .is_some_and(|ws| ws.ready_state() == WebSocket::OPEN)
    }

    fn send(&self, frame: &[u8]) {
        if let Some(ws) = self.socket.borrow().as_ref() {
            if ws.ready_state() == WebSocket::OPEN {
                let _ = ws.send_with_u8_array(frame);
            }
        }
    }

    /// The replica the protocol client works on: the fresh one during a restart.
    fn current(&self) -> Agreement {
        match self.restart.borrow().as_ref() {
            Some((fresh, _, _)) => fresh.clone(),
            None => self.live.agreement(),
        }
    }

    fn receive(self: &Rc<Self>, frame: &[u8]) {
        // yrs encodes every transaction for whoever watches updates; a remote one is not sent
        // back, and re-encoding the whole agreement as it first arrives costs as much as a
        // tenth of loading it. So nobody watches while a frame from the server is applied.
        let current = self.current();
        current.off_update("socket");
        self.applying_remote.set(true);
        let replies = self.client.borrow_mut().receive(frame);
        self.applying_remote.set(false);
        self.watch(&current);
        for message in self.client.borrow_mut().take_inbox() {
            self.live.inbox.receive(message);
        }
        match replies {
            Ok(replies) => {
                for reply in replies {
                    self.send(&reply);
                }
                if self.restart.borrow().is_some() {
                    self.finish_restart();
                }
                self.live.connection.set(ConnectionState::Online);
                // While a restart is under way the fresh client has nothing of ours, which is
                // not the same as everything saved: the refusal stands until the swap.
                if self.restart.borrow().is_none() {
                    self.settled();
                }
                let stored = self.client.borrow().stored_clock();
                if self.live.stored_clock.get_untracked() != stored {
                    self.live.stored_clock.set(stored);
                }
                self.attempts.set(0);
                self.refresh_presence();
            }
            Err(e) => leptos::logging::warn!("ignored a frame the client could not read: {e}"),
        }
    }

    /// After a frame from the server, with no restart under way (or just after one): settles
    /// acceptances, keeps the device copy, and says what is still unsaved.
    fn settled(self: &Rc<Self>) {
        self.settle_acceptances();
        self.keep_on_device();
        let waiting = self.live.acks.with_untracked(|a| a.pending());
        self.live
            .pending
            .set(self.client.borrow().pending().max(waiting));
        if self.live.pending.get_untracked() == 0 && self.live.refusal.get_untracked().is_some() {
            self.live.refusal.set(None);
        }
    }

    /// After a frame from the server: takes its acknowledgements of own changes (this page's
    /// and earlier pages' on this device) and gathers received changes for the device copy.
    fn keep_on_device(self: &Rc<Self>) {
        let Some(device) = self.device.get() else {
            return;
        };
        for client in device.waiting_clients() {
            let clock = self.client.borrow().server_clock(client);
            device.decide(|copy| copy.acknowledged(client, clock).into_iter().collect());
        }
        let acks = device.acks();
        if self.live.acks.with_untracked(|a| *a != acks) {
            self.live.acks.set(acks);
            self.tell_tabs_acks();
        }
        self.flush_soon();
    }

    /// Writes received changes to the device copy a moment from now, gathered.
    fn flush_soon(self: &Rc<Self>) {
        if self.device.get().is_some() && self.flush.borrow().is_none() {
            let t = self.clone();
            let timer = Timeout::new(FLUSH_AFTER_MS, move || t.flush_now());
            *self.flush.borrow_mut() = Some(timer);
        }
    }

    /// Writes what the replica holds beyond the device copy.
    fn flush_now(&self) {
        self.flush.borrow_mut().take();
        if self.stopped.get() {
            return;
        }
        if let Some(device) = self.device.get() {
            let agreement = self.current();
            device.decide(|copy| copy.flush(&agreement).into_iter().collect());
        }
    }

    /// A coordinator's replica withdraws duplicate acceptances of a proposal that arrived
    /// from others (see the domain's acceptance.rs); the fix travels like any local change.
    /// Refused while the text is frozen, and then simply tried again with the next frame.
    fn settle_acceptances(&self) {
        let me = self.live.me();
        if me.role == samrad_domain::Role::Coordinator {
            if let Err(e) = self.live.write(|a, me| a.settle_acceptances(me)) {
                leptos::logging::debug_warn!("acceptances left to settle: {e}");
            }
        }
    }

    fn refresh_presence(&self) {
        let states: Vec<String> = self
            .client
            .borrow()
            .presence()
            .into_iter()
            .map(|(_, json)| json)
            .collect();
        let people = people_present(states.iter().map(String::as_str));
        if self.live.presence.get_untracked() != people {
            self.live.presence.set(people);
        }
    }
}

fn open(transport: Rc<Transport>) {
    transport.live.connection.set(ConnectionState::Connecting);
    let ws = match WebSocket::new(&transport.url) {
        Ok(ws) => ws,
        Err(_) => {
            retry_later(transport);
            return;
        }
    };
    ws.set_binary_type(BinaryType::Arraybuffer);

    let t = transport.clone();
    let on_open = Closure::<dyn FnMut()>::new(move || {
        if !t.holding.get() {
            t.hello();
        }
    });
    let t = transport.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if t.stopped.get() {
            return;
        }
        if let Ok(buf) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
            t.receive(&js_sys::Uint8Array::new(&buf).to_vec());
        }
    });
    let t = transport.clone();
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
        t.socket.borrow_mut().take();
        if t.stopped.get() {
            return;
        }
        t.live.presence.set(Vec::new());
        match close_cause(e.code(), &e.reason()) {
            CloseCause::SessionEnded => {
                // Retrying cannot help: the handshake would be refused until a new sign-in.
                t.live.connection.set(ConnectionState::SignedOut);
            }
            CloseCause::Refused(reason) => {
                t.live.refusal.set(Some(reason.clone()));
                t.live.connection.set(ConnectionState::Offline);
                t.start_over(reason);
                retry_later(t.clone());
            }
            CloseCause::Dropped => {
                t.live.connection.set(ConnectionState::Offline);
                retry_later(t.clone());
            }
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    // The socket owns its handlers for as long as it lives; they are replaced on reconnect.
    on_open.forget();
    on_message.forget();
    on_close.forget();
    *transport.socket.borrow_mut() = Some(ws);
}

/// Writes received changes and waiting drafts to the device copy as the page is hidden: the last moment a page
/// can rely on before it may be closed.
fn flush_when_hidden(transport: &Rc<Transport>) {
    let t = transport.clone();
    let on_hidden = Closure::<dyn FnMut()>::new(move || {
        if document_hidden() {
            t.flush_now();
            // Unsent text waiting for a pause in the typing is kept now, too.
            if let Some(device) = t.device.get() {
                device.write_drafts_now();
            }
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_hidden.as_ref().unchecked_ref(),
        );
    }
    // Lives as long as the page.
    on_hidden.forget();
}

fn document_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

fn retry_later(transport: Rc<Transport>) {
    if transport.stopped.get() {
        return;
    }
    let attempt = transport.attempts.get() + 1;
    transport.attempts.set(attempt);
    // 0.5 s, 1 s, 2 s … capped at 10 s, so a restarted server is found again quickly.
    let delay = (500u32 << attempt.min(5)).min(10_000);
    gloo_timers::callback::Timeout::new(delay, move || open(transport)).forget();
}
