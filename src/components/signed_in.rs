//! A signed-in reader: their replica of the agreement — opened from the device copy first,
//! when one is kept — connected to the server, and the page the address names (the router's
//! outlet). The replica outlives moves between pages.

use crate::live::prefetch::EarlyState;
use crate::live::{
    connect, device, fresh_client_id, provide_live_context, Device, DeviceState, Live,
};
use crate::session::{provide_agreement_context, take_wanted_page, Session};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use samrad_domain::Agreement;

#[component]
pub fn SignedIn(session: Session) -> impl IntoView {
    // A fresh client id per page load: two tabs of one person are two replicas.
    let client_id = fresh_client_id();
    let live = Live::new(Agreement::new(client_id), session.participant.clone());
    provide_live_context(live);
    provide_agreement_context(session.agreement.clone());
    live.set_place(&session.agreement.id);
    live.keep_returned(&session.agreement.id);
    leptos::task::spawn_local(open_and_connect(live, session.clone(), client_id));
    // Signing in lands on the agreement: go on to the page asked for before, if any.
    let home = format!("/a/{}", session.agreement.id);
    let location = use_location();
    if location.pathname.get_untracked().trim_end_matches('/') == home {
        if let Some(wanted) = take_wanted_page(&session.agreement.id) {
            let navigate = use_navigate();
            request_animation_frame(move || {
                navigate(
                    &wanted,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
        }
    }
    parts_once_drawn(live);
    preload_pages_once_arrived(live);
    view! { <Outlet /> }
}

/// The other pages' code is fetched a while after the agreement has arrived, each file when the
/// reader is still and the browser idle (quiet.rs): the first screen is still being drawn when
/// it arrives (fetching and instantiating the pages' files then made the first screen
/// measurably later), and moving to a page later should not wait for the network.
fn preload_pages_once_arrived(live: Live) {
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if live.arrived() && !started.get_value() {
            started.set_value(true);
            set_timeout(crate::later::preload, PRELOAD_AFTER);
        }
    });
}

/// The agreement page's interactive parts (`crate::later::parts`) are fetched once the first
/// screen is drawn: the agreement has arrived and is connected (or known offline), the
/// clauses near the screen are built (`near::when_near_built`: their remarks too, when the
/// agreement is built piecemeal), and a frame has been painted since. A connection that hangs
/// (a network that answers nothing) waits no longer than `PARTS_AFTER_ARRIVAL` once the
/// agreement is shown from the device copy; a first screen that never comes gets its menus
/// after `PARTS_AT_LATEST` when known offline (no device copy), after `PARTS_LAST_RESORT` while
/// still connecting.
fn parts_once_drawn(live: Live) {
    let started = StoredValue::new(false);
    // Also called from timers and the nearness observer's report, which may come after the
    // reader has signed out and this scope is gone: then there is nothing to start.
    let start = move || {
        if started.try_get_value() == Some(false) {
            started.set_value(true);
            crate::later::first_screen_drawn();
            crate::later::preload_soon();
        }
    };
    let arrived_seen = StoredValue::new(false);
    Effect::new(move |_| {
        let settled = live.connection.get() != crate::live::ConnectionState::Connecting;
        if !live.arrived() || started.get_value() {
            return;
        }
        if settled {
            // After the frame that paints the first screen, with the remarks of the clauses on
            // it: an agreement built piecemeal builds them once the observer has reported
            // which clauses are near, which can come a frame or more after the arrival.
            request_animation_frame(move || {
                crate::near::when_near_built(move || set_timeout(start, std::time::Duration::ZERO))
            });
        } else if !arrived_seen.get_value() {
            arrived_seen.set_value(true);
            set_timeout(start, PARTS_AFTER_ARRIVAL);
        }
    });
    // Nothing shown yet: known offline (no device copy), the menus now; still connecting (a
    // slow first load), the first screen keeps its turn up to the last resort.
    set_timeout(
        move || {
            // Signed out meanwhile: the scope and its signals are gone, nothing to start.
            let Some(connection) = live.connection.try_get_untracked() else {
                return;
            };
            let connecting = connection == crate::live::ConnectionState::Connecting;
            if connecting && !untrack(|| live.arrived()) {
                set_timeout(start, PARTS_LAST_RESORT);
            } else {
                start();
            }
        },
        PARTS_AT_LATEST,
    );
}

/// The longest the interactive parts wait for the connection once the agreement is shown.
const PARTS_AFTER_ARRIVAL: std::time::Duration = std::time::Duration::from_secs(1);

/// How long the interactive parts wait for a first screen before they look why it is not there.
const PARTS_AT_LATEST: std::time::Duration = std::time::Duration::from_secs(3);

/// The longest the interactive parts wait for a first screen still loading (a network that
/// answers nothing).
const PARTS_LAST_RESORT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long after the agreement's arrival the pages' files are fetched.
const PRELOAD_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens the replica from the device copy, if one is kept, and connects it to the server.
async fn open_and_connect(live: Live, session: Session, client_id: u64) {
    let id = &session.agreement.id;
    match EarlyState::take() {
        // A first visit: the agreement index.html fetched while the app loaded is applied and
        // the socket connected at once; the device copy (none is kept yet) joins them once it
        // has opened — on a real consultation's agreement, opening it took as long as
        // receiving the agreement.
        Some(early) => {
            let connection = connect(live, id, None, Some(early));
            match open_from_device(live, &session, client_id).await {
                Some((device, opened)) => connection.attach_device(device, &opened),
                None => connection.without_device(),
            }
        }
        // Only the difference travels: the server answers the loaded copy's state vector.
        None => {
            let device = open_from_device(live, &session, client_id).await;
            let device = device.map(|(device, opened)| {
                live.replace(opened);
                device
            });
            connect(live, id, device, None);
        }
    }
}

/// Opens the device copy, if one is kept, with what it holds (for the caller to show); says
/// why not otherwise.
async fn open_from_device(
    live: Live,
    session: &Session,
    client_id: u64,
) -> Option<(std::rc::Rc<Device>, Agreement)> {
    if !device::wanted() {
        live.device.set(DeviceState::TurnedOff);
        return None;
    }
    match Device::open(
        &session.agreement.id,
        client_id,
        live.device,
        live.device_writing,
    )
    .await
    {
        Ok((device, opened)) => {
            live.skipped.set(opened.damaged.len());
            // Drafts first: the views built as the agreement arrives offer them back (on a
            // first visit the agreement is shown before: the copy has none then).
            let typed = live.set_drafts(device.drafts().await);
            for damage in &opened.damaged {
                leptos::logging::warn!("device copy: {damage}");
            }
            device.adopt(opened.copy);
            live.acks.set(device.acks());
            // On a first visit the socket may have sent own writes already.
            let pending = device.acks().pending();
            live.pending.update(|p| *p = (*p).max(pending));
            live.device.set(DeviceState::On);
            device.keep_session(session);
            live.set_device(Some(device.clone()));
            for (key, draft) in typed {
                device.keep_draft(&key, Some(draft));
            }
            Some((device, opened.agreement))
        }
        Err(e) => {
            live.device.set(DeviceState::Failed(e));
            None
        }
    }
}
