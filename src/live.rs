//! The live agreement: the local replica, its connection to the server and the signals the
//! components read. Components call domain methods on the replica.
//!
//! # Reactivity: what changed, not that something did
//!
//! A view reads the replica through [`Live::read`], naming what it shows as [`Change`] keys:
//! the outline, one clause's wording, one clause's remarks, one remark, one proposal's
//! support, one clause's stances, one organisation's answers, the phase … The domain's read
//! index (`samrad_domain`'s index.rs) reports, for every transaction committed to the replica
//! — typed here, arriving from the server, or loaded whole — exactly which keys it changed;
//! [`Live`] keeps one trigger per key a view has read and notifies only those. So a remark
//! posted on clause X re-runs the views of clause X's remarks and nothing else, and a
//! keystroke in clause X's wording re-runs what shows that wording and its ranges.
//!
//! Rules for views built on this (the pages to come — versions, compare, remiss,
//! compilation, inbox, device copy — follow them too):
//! - read with [`Live::read`] and name every key the answer depends on; a query that takes a
//!   clause is tracked by that clause's keys (`Text`, `Remarks`, `Stances`), one that takes a
//!   remark by `Remark` (and `Text` of its clause if it shows where its range stands);
//! - never rebuild a whole-agreement structure in a view: ask the domain a question that
//!   takes a clause or a remark (it answers from the index), and wrap it in a `Memo`, so an
//!   unchanged answer stops there;
//! - [`Live::untracked`] is for event handlers and one-off reads;
//! - a new kind of data gets its key in the domain's `Change`, reported by the index, and a
//!   test in the index's property test that it is reported.
//!
//! When the replica is replaced (loaded afresh after the server refused a change), the new one
//! is compared with the old ([`Agreement::changes_from`]) and only what differs is notified,
//! so open forms and drafts stay as they are.
//!
//! Offline edits need no queue of their own: on every (re)connection the client sends its
//! state vector and the server's SyncStep1 makes it send back whatever the server lacks.

mod drafts;
pub mod prefetch;
mod returned;
mod sign_out;
mod socket;

use leptos::prelude::*;
use samrad_domain::device::Acks;
use samrad_domain::{Agreement, Change, Participant, Phase};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};

pub mod device;
pub use device::{cached_session, forget, Device, DeviceError, DeviceState};
pub use drafts::{edit_draft_key, reply_draft_key, ComposerDraft};
pub use returned::Returned;
pub use sign_out::SignOutError;
pub use socket::connect;

/// Where the connection to the server stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// Opening the websocket or waiting for the first sync.
    Connecting,
    /// Synced with the server; changes travel as they happen.
    Online,
    /// The connection dropped; edits stay local until it is back.
    Offline,
    /// The server ended the session (expired or withdrawn): no reconnecting until the reader
    /// signs in again with a link. Edits stay local.
    SignedOut,
}

impl ConnectionState {
    /// Stable key, for `data-state` and styling.
    pub fn key(self) -> &'static str {
        match self {
            ConnectionState::Connecting => "connecting",
            ConnectionState::Online => "online",
            ConnectionState::Offline => "offline",
            ConnectionState::SignedOut => "signed-out",
        }
    }
}

/// Why the server closed the sync connection, from the close frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseCause {
    /// The session has ended (1008 with the server's session reason): sign in again.
    SessionEnded,
    /// The server refused a change (1008 with its reason); reconnecting resyncs the rest.
    Refused(String),
    /// Anything else: network loss, restart, going away — reconnect.
    Dropped,
}

/// What the sync connection's close `code` and `reason` mean for the reader. The server
/// closes with 1008 (policy) both for a refused update and for an ended session, and says
/// which in the reason (`server/src/ws.rs`, `SESSION_ENDED`).
pub fn close_cause(code: u16, reason: &str) -> CloseCause {
    match code {
        1008 if reason.starts_with("session ") => CloseCause::SessionEnded,
        1008 if !reason.is_empty() => CloseCause::Refused(reason.to_string()),
        _ => CloseCause::Dropped,
    }
}

/// Somebody with the agreement open, as their presence says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// The participant's id, stamped by the server; one person on two devices is one entry.
    #[serde(default)]
    pub participant: String,
    pub name: String,
    pub organisation: String,
    #[serde(default)]
    pub role: String,
    /// The clause they are reading or writing on.
    #[serde(default)]
    pub clause: Option<String>,
    /// The clause whose thread they are typing in.
    #[serde(default)]
    pub typing: Option<String>,
}

impl Presence {
    /// Our own presence state as JSON: who we are (the server stamps the same identity), where
    /// we are and where we type. Written through the derived writer rather than a
    /// `serde_json::Value`, whose map and writer would be compiled in for this alone.
    pub fn of(me: &Participant, clause: Option<String>, typing: Option<String>) -> String {
        let state = Presence {
            participant: me.id.to_string(),
            name: me.name.clone(),
            organisation: me.organisation.clone(),
            role: me.role.key().to_string(),
            clause,
            typing,
        };
        serde_json::to_string(&state).unwrap_or_default()
    }
}

/// Everyone present, from the presence states' JSON: sorted by name, one entry per person —
/// two tabs or devices of one participant are merged (where either is, whether either types).
/// Unreadable states are skipped.
pub fn people_present<'a>(states: impl IntoIterator<Item = &'a str>) -> Vec<Presence> {
    let mut people: Vec<Presence> = states
        .into_iter()
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect();
    samrad_domain::sorting::sort_by(&mut people, |a, b| {
        (&a.name, &a.participant).cmp(&(&b.name, &b.participant))
    });
    people.dedup_by(|later, kept| {
        let same = later.participant == kept.participant && later.name == kept.name;
        if same {
            kept.clause = kept.clause.take().or(later.clause.take());
            kept.typing = kept.typing.take().or(later.typing.take());
        }
        same
    });
    people
}

type PresenceSink = Rc<dyn Fn(&str)>;

/// A new client id for a replica: random below 2^53 (as in Yjs), so two tabs, devices or
/// reloaded replicas of one person never write under the same id.
pub fn fresh_client_id() -> u64 {
    (js_sys::Math::random() * (1u64 << 53) as f64) as u64 | 1
}

/// One trigger per key a view has read (see the module header). The map holds at most one
/// entry per clause, remark and organisation ever shown: bounded by the agreement's size.
#[derive(Default)]
struct Triggers {
    map: HashMap<Change, ArcTrigger>,
    /// Views that keep a structure current from what changed (see [`Live::watch`]).
    watchers: Vec<(u64, Watcher)>,
    next_watcher: u64,
}

/// Told every transaction's changes; runs while it commits, so it may note them but not read.
type Watcher = Arc<dyn Fn(&[Change]) + Send + Sync>;

impl Triggers {
    fn track(&mut self, key: Change) {
        self.map.entry(key).or_default().track();
    }

    /// The triggers of `changes` that some view has read.
    fn of(&self, changes: &[Change]) -> Vec<ArcTrigger> {
        changes
            .iter()
            .filter_map(|c| self.map.get(c).cloned())
            .collect()
    }
}

/// Notifies the views of `changes`, outside any lock of the map (a notified view may read).
fn notify(triggers: &SharedTriggers, changes: &[Change]) {
    let (hit, watchers) = {
        let t = lock(triggers);
        let watchers: Vec<Watcher> = t.watchers.iter().map(|(_, w)| w.clone()).collect();
        (t.of(changes), watchers)
    };
    for trigger in hit {
        trigger.notify();
    }
    for watcher in watchers {
        watcher(changes);
    }
}

/// Shared with the replica's change listener, which the domain requires to be `Send`.
type SharedTriggers = Arc<Mutex<Triggers>>;

fn lock(triggers: &SharedTriggers) -> MutexGuard<'_, Triggers> {
    triggers
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Handles to the live agreement; cheap to copy into closures.
#[derive(Debug, Clone, Copy)]
pub struct Live {
    agreement: StoredValue<Agreement, LocalStorage>,
    me: StoredValue<Participant>,
    /// The triggers of what views have read, notified by what each transaction changed.
    triggers: StoredValue<SharedTriggers, LocalStorage>,
    /// The connection's state.
    pub connection: RwSignal<ConnectionState>,
    /// Who else has the agreement open.
    pub presence: RwSignal<Vec<Presence>>,
    /// Own changes the server has not yet confirmed storing.
    pub pending: RwSignal<usize>,
    /// The server's clock for our client id: our changes below it are stored.
    pub stored_clock: RwSignal<u32>,
    /// The reason the server last refused a change of ours, until everything is saved.
    pub refusal: RwSignal<Option<String>>,
    /// Own writing the server refused, for the writer to send again or discard.
    pub returned: RwSignal<Returned>,
    /// Whether the agreement and unsent writing are kept on this device.
    pub device: RwSignal<DeviceState>,
    /// Whether the device copy still has writes queued or under way.
    pub device_writing: RwSignal<bool>,
    /// Records of the device copy that could not be read and were skipped at open.
    pub skipped: RwSignal<usize>,
    /// The server's acknowledgements of own changes, from this page and earlier ones on this
    /// device (kept with the device copy).
    pub acks: RwSignal<Acks>,
    /// What the server has told the signed-in person (mentions, replies, phase changes …).
    pub inbox: crate::inbox::Inbox,
    /// Where our own presence goes (the socket, once connected).
    sink: StoredValue<Option<PresenceSink>, LocalStorage>,
    /// Closes the connection for good (sign-out), once connected.
    disconnect: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage>,
    /// Unsent text of open fields, by field key (see drafts.rs).
    drafts: StoredValue<HashMap<String, String>>,
    /// The agreement's id (its address and its device copy's name).
    place: StoredValue<String>,
    /// The device copy, while it is kept.
    device_copy: StoredValue<Option<Rc<Device>>, LocalStorage>,
    /// Our own presence as last announced: (clause, typing).
    here: StoredValue<(Option<String>, Option<String>)>,
}

impl Live {
    /// A live handle over `agreement` that tracks its changes but is not connected (a test,
    /// or before the socket opens).
    pub fn new(agreement: Agreement, me: Participant) -> Self {
        let triggers = SharedTriggers::default();
        listen(&agreement, &triggers);
        Live {
            agreement: StoredValue::new_local(agreement),
            me: StoredValue::new(me),
            triggers: StoredValue::new_local(triggers),
            connection: RwSignal::new(ConnectionState::Connecting),
            presence: RwSignal::new(Vec::new()),
            pending: RwSignal::new(0),
            stored_clock: RwSignal::new(0),
            refusal: RwSignal::new(None),
            returned: RwSignal::new(Returned::default()),
            device: RwSignal::new(DeviceState::Opening),
            device_writing: RwSignal::new(false),
            skipped: RwSignal::new(0),
            acks: RwSignal::new(Acks::default()),
            inbox: crate::inbox::Inbox::new(),
            sink: StoredValue::new_local(None),
            disconnect: StoredValue::new_local(None),
            device_copy: StoredValue::new_local(None),
            place: StoredValue::new(String::new()),
            drafts: StoredValue::new(HashMap::new()),
            here: StoredValue::new((None, None)),
        }
    }

    /// Announces where we are (clause) and whether we are typing (in that clause's threads),
    /// if it changed.
    pub fn announce(&self, clause: Option<&str>, typing: bool) {
        let here = (
            clause.map(str::to_string),
            typing.then(|| clause.map(str::to_string)).flatten(),
        );
        if self.here.get_value() == here {
            return;
        }
        self.here.set_value(here.clone());
        let json = Presence::of(&self.me(), here.0, here.1);
        self.sink.with_value(|sink| {
            if let Some(sink) = sink {
                sink(&json);
            }
        });
    }

    /// Puts `agreement` in place of the replica (loaded afresh after a refusal); the views of
    /// whatever differs between the two re-read it.
    pub(crate) fn replace(&self, agreement: Agreement) {
        let old = self.agreement.get_value();
        old.off_change(LISTENER);
        let triggers = self.triggers.get_value();
        listen(&agreement, &triggers);
        let changes = agreement.changes_from(&old);
        self.agreement.set_value(agreement);
        notify(&triggers, &changes);
    }

    /// Names the agreement this handle is for.
    pub fn set_place(&self, agreement: &str) {
        self.place.set_value(agreement.to_string());
    }

    /// The agreement's id.
    pub fn place(&self) -> String {
        self.place.get_value()
    }

    /// Turns the device copy off for this page and deletes it (the reader's choice).
    pub async fn turn_off_device(&self) {
        self.device.set(DeviceState::TurnedOff);
        if let Some(device) = self.device_copy.get_value() {
            device.close();
        }
        self.device_copy.set_value(None);
        if let Err(e) = device::set_wanted(&self.place(), false).await {
            leptos::logging::warn!("the device copy could not be deleted: {e}");
        }
    }

    pub(crate) fn set_disconnect(&self, disconnect: Rc<dyn Fn()>) {
        self.disconnect.set_value(Some(disconnect));
    }

    /// The device copy this page keeps (drafts go to it too).
    pub fn set_device(&self, device: Option<Rc<Device>>) {
        self.device_copy.set_value(device);
    }

    pub(crate) fn set_sink(&self, sink: PresenceSink) {
        self.sink.set_value(Some(sink));
    }

    /// Runs `f` on the replica; the caller re-runs when any of `keys` changes. Name every
    /// key the answer depends on (see the module header).
    pub fn read<R>(
        &self,
        keys: impl IntoIterator<Item = Change>,
        f: impl FnOnce(&Agreement) -> R,
    ) -> R {
        self.triggers.with_value(|t| {
            let mut t = lock(t);
            for key in keys {
                t.track(key);
            }
        });
        self.agreement.with_value(f)
    }

    /// Tells `f` the changes of every transaction from now on — on the replica, and between
    /// it and one put in its place — until the calling view is disposed. For a view that keeps
    /// a structure current change by change (the stance overview) instead of re-reading it:
    /// `f` runs while the transaction commits, so it notes the changes for later.
    pub fn watch(&self, f: impl Fn(&[Change]) + Send + Sync + 'static) {
        let triggers = self.triggers.get_value();
        let id = {
            let mut t = lock(&triggers);
            t.next_watcher += 1;
            let id = t.next_watcher;
            t.watchers.push((id, Arc::new(f)));
            id
        };
        on_cleanup(move || lock(&triggers).watchers.retain(|(w, _)| *w != id));
    }

    /// Runs `f` on the replica without subscribing to anything (event handlers, one-off
    /// reads).
    pub fn untracked<R>(&self, f: impl FnOnce(&Agreement) -> R) -> R {
        self.agreement.with_value(f)
    }

    /// Whether the agreement has arrived from the server (or a stored copy): its outline has
    /// chapters. "Online" comes with the server's first frame, before the state itself, so
    /// pages that would otherwise say something untrue of an empty replica ("no differences",
    /// "unknown version") wait for this.
    pub fn arrived(&self) -> bool {
        self.read([Change::Outline], |a| !a.outline().is_empty())
    }

    /// The phase, re-read when it changes.
    pub fn phase(&self) -> Phase {
        self.read([Change::Meta], |a| a.phase())
    }

    /// Whether the signed-in participant may do `action` now — the domain's rule for their role
    /// in this phase and the agreement's own settings — re-read when either changes. A control
    /// is offered only when this holds.
    pub fn may(&self, action: samrad_domain::Action) -> bool {
        let role = self.me.get_value().role;
        self.read([Change::Meta], |a| a.may(role, action))
    }

    /// Runs a write on the replica (not tracked: writes never subscribe).
    pub fn write<R>(&self, f: impl FnOnce(&Agreement, &Participant) -> R) -> R {
        let me = self.me.get_value();
        self.agreement.with_value(|a| f(a, &me))
    }

    /// Whether the thing with `id` (a remark, a reply) was written on this page and still
    /// waits for the server to store it — offline, or in flight.
    /// A change of an earlier page on this device, loaded from the device copy, waits too
    /// until the server acknowledges it.
    pub fn unsaved(&self, id: &str) -> bool {
        let own = self.agreement.with_value(|a| a.doc().client_id().get());
        samrad_domain::written_at(id).is_some_and(|(client, clock)| {
            (client == own && clock >= self.stored_clock.get())
                || self.acks.with(|a| a.unsaved(client, clock))
        })
    }

    /// The signed-in participant.
    pub fn me(&self) -> Participant {
        self.me.get_value()
    }

    pub(crate) fn agreement(&self) -> Agreement {
        self.agreement.get_value()
    }
}

/// The key the live agreement listens to its replica's changes under.
const LISTENER: &str = "live";

/// Notifies the triggers of whatever each transaction on `agreement` changes.
fn listen(agreement: &Agreement, triggers: &SharedTriggers) {
    let triggers = triggers.clone();
    agreement.on_change(LISTENER, move |changes| notify(&triggers, changes));
}

/// The live agreement context.
pub type LiveCtx = Live;

/// Provides `live` to the components below.
pub fn provide_live_context(live: Live) -> LiveCtx {
    provide_context(live);
    live
}

/// The live agreement of the enclosing view.
pub fn use_live() -> LiveCtx {
    expect_context::<LiveCtx>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_frames_say_whether_to_sign_in_again() {
        assert_eq!(
            close_cause(1008, "session expired or revoked, please sign in again"),
            CloseCause::SessionEnded
        );
        assert_eq!(
            close_cause(1008, "not allowed: edit another's remark"),
            CloseCause::Refused("not allowed: edit another's remark".into())
        );
        assert_eq!(close_cause(1006, ""), CloseCause::Dropped);
        assert_eq!(
            close_cause(1012, "room reloaded, please reconnect"),
            CloseCause::Dropped
        );
        assert_eq!(close_cause(1008, ""), CloseCause::Dropped);
    }

    #[test]
    fn one_person_on_two_devices_is_present_once() {
        let states = [
            r#"{"participant":"p-karin","name":"Karin Lindqvist","organisation":"Region Norrvik","clause":null}"#,
            r#"{"participant":"p-erik","name":"Erik Johansson","organisation":"Strandviks kommun","clause":"c-1"}"#,
            r#"{"participant":"p-karin","name":"Karin Lindqvist","organisation":"Region Norrvik","clause":"c-3","typing":"c-3"}"#,
            "not json",
        ];
        let people = people_present(states);
        let names: Vec<_> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Erik Johansson", "Karin Lindqvist"]);
        assert_eq!(
            people[1].clause.as_deref(),
            Some("c-3"),
            "where either device is"
        );
        assert_eq!(people[1].typing.as_deref(), Some("c-3"));
        // Two different people who share a name stay two.
        let namesakes = [
            r#"{"participant":"p-1","name":"Anna Berg","organisation":"A"}"#,
            r#"{"participant":"p-2","name":"Anna Berg","organisation":"B"}"#,
        ];
        assert_eq!(people_present(namesakes).len(), 2);
    }

    #[test]
    fn own_presence_reads_back_as_it_was_written() {
        let me = Participant {
            id: "p-karin".into(),
            name: "Karin \"K\" Lindqvist".into(),
            organisation: "Region Norrvik".into(),
            role: samrad_domain::Role::Coordinator,
        };
        let json = Presence::of(&me, Some("c-3".into()), Some("c-3".into()));
        let people = people_present([json.as_str()]);
        assert_eq!(
            people,
            [Presence {
                participant: "p-karin".into(),
                name: "Karin \"K\" Lindqvist".into(),
                organisation: "Region Norrvik".into(),
                role: "coordinator".into(),
                clause: Some("c-3".into()),
                typing: Some("c-3".into()),
            }]
        );
        let here_only = Presence::of(&me, None, None);
        assert!(here_only.contains(r#""clause":null"#), "{here_only}");
        assert_eq!(people_present([here_only.as_str()])[0].clause, None);
    }
}
