//! Starting the replica over after a refusal (see the module header of socket.rs), and
//! handing back what of the writer's the server lacks.
//!
//! Finding what to hand back compares the refused replica with the fresh one entry by entry
//! (the domain's unsaved.rs) — code only a refusal runs. With `split` it is a wasm file of its
//! own, fetched as the refusal arrives (the network is there: the server just said no) while
//! the fresh replica loads, so the first screen does not wait for it.

use super::{fresh_client_id, Transport};
use leptos::prelude::*;
use samrad_domain::device::Write;
use samrad_domain::{Agreement, Participant, SyncClient, Unsaved};
use std::rc::Rc;

/// How long after a failed fetch of the hand-back code it is asked for again.
const RETRY: std::time::Duration = std::time::Duration::from_secs(3);

impl Transport {
    /// Starts the replica over after a refusal: the next connection loads a fresh replica
    /// from the server, while the refused one stays on screen and takes further edits (they
    /// are handed back with the rest). A refusal during a restart starts the fresh one over.
    pub(super) fn start_over(self: &Rc<Self>, reason: String) {
        let shown = self.live.agreement();
        shown.off_update("socket");
        if let Some((fresh, _, _)) = self.restart.borrow().as_ref() {
            fresh.off_update("socket");
        }
        let fresh = Agreement::new(fresh_client_id());
        let mut client = SyncClient::new(&fresh, || js_sys::Date::now() as u64);
        let _ = client.set_presence(&self.presence.borrow());
        *self.client.borrow_mut() = client;
        self.watch(&fresh);
        *self.restart.borrow_mut() = Some((fresh, shown, reason));
        fetch_unsaved_code();
    }

    /// Once the fresh replica holds the server's state, it replaces the refused one and the
    /// writer gets back what the server lacks. Returns at once; the swap follows when the code
    /// that finds what to hand back is there (at once when it is), and frames arriving
    /// meanwhile go to the fresh replica as before.
    pub(super) fn finish_restart(self: &Rc<Self>) {
        if !self.client.borrow().synced() || self.handing_back.replace(true) {
            return;
        }
        let t = self.clone();
        leptos::task::spawn_local(async move {
            let restart = t.restart.borrow().clone();
            let Some((fresh, refused, _)) = restart else {
                t.handing_back.set(false);
                return;
            };
            // Read when the code is there, in the same turn as the swap: edits to the refused
            // replica until then are handed back too.
            let items = unsaved(refused, fresh.clone(), t.live.me()).await;
            t.handing_back.set(false);
            match items {
                Ok(items) => {
                    t.swap(&fresh, items);
                    // A refusal during the wait started another fresh replica; if that one
                    // synced meanwhile, its own finish was turned away by this one: nothing
                    // else would start it in a quiet room.
                    if t.restart.borrow().is_some() {
                        t.finish_restart();
                    }
                }
                // Offline since the refusal: the fresh replica keeps loading, and the code is
                // asked for again shortly (a frame from the server may ask first).
                Err(_) => {
                    leptos::logging::warn!("what to hand back could not be fetched yet");
                    set_timeout(move || t.finish_restart(), RETRY);
                }
            }
        });
    }

    /// Puts `fresh` in place of the refused replica and hands `items` back — unless a refusal
    /// during the wait started another fresh replica, whose own restart will do it.
    fn swap(self: &Rc<Self>, fresh: &Agreement, items: Vec<Unsaved>) {
        let current = self.restart.borrow().as_ref().map(|(f, _, _)| f.clone());
        if current.is_none_or(|f| f.doc().client_id() != fresh.doc().client_id()) {
            return;
        }
        let Some((fresh, _, reason)) = self.restart.borrow_mut().take() else {
            return;
        };
        // The refused changes must not load from the device and be sent again: the copy
        // becomes the fresh replica (what is handed back is kept with the list).
        if let Some(device) = self.device.get() {
            device.decide(|copy| {
                let replaced = copy.replace(&fresh);
                vec![replaced, Write::Acks(copy.acks().clone())]
            });
            self.live.acks.set(device.acks());
        }
        self.live.replace(fresh);
        self.live.give_back(reason, items);
        self.settled();
    }
}

/// What of `refused` (the writer's replica the server refused) the server's copy `fresh`
/// lacks, for `me` to send again.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    unsaved,
    wasm_split_path = ::leptos::wasm_split,
    preload(preload_unsaved),
    fallible
)]
fn unsaved(
    refused: Agreement,
    fresh: Agreement,
    me: Participant,
) -> Result<Vec<Unsaved>, crate::later::NotFetched> {
    Ok(refused.unsaved_against(&fresh, &me))
}

/// Without `split` (tests, `cargo check`) the code is in the one module.
#[cfg(not(feature = "split"))]
async fn unsaved(
    refused: Agreement,
    fresh: Agreement,
    me: Participant,
) -> Result<Vec<Unsaved>, crate::later::NotFetched> {
    Ok(refused.unsaved_against(&fresh, &me))
}

/// Fetches the file of [`unsaved`] without running it (a failure is retried when it is run).
fn fetch_unsaved_code() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = preload_unsaved().await;
    });
}
