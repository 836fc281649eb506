//! Writing the server refused, handed back to its writer (see `socket.rs` and the domain's
//! unsaved.rs) until they send it again or discard it. The list is kept in the browser's
//! local storage under the agreement and participant, so closing or reloading the page does
//! not lose it either; an empty list leaves nothing behind.

use super::Live;
use leptos::prelude::*;
use samrad_domain::{DomainError, Unsaved};
use serde::{Deserialize, Serialize};

/// Writing the server did not take, given back after the replica was loaded afresh: the
/// server's reason and each piece, with a key that stays put while others are removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Returned {
    pub reason: String,
    pub items: Vec<(u64, Unsaved)>,
}

impl Live {
    /// Hands `items` back to the writer, refused for `reason`, after any still waiting.
    pub(crate) fn give_back(&self, reason: String, items: Vec<Unsaved>) {
        self.refresh_returned();
        self.returned.update(|r| {
            let first = r.items.iter().map(|(k, _)| *k + 1).max().unwrap_or(0);
            r.reason = reason;
            r.items.extend((first..).zip(items));
        });
    }

    /// Sends a given-back item again (through the domain's checks) and, once written,
    /// removes it from the list.
    pub fn post_again(&self, key: u64) -> Result<(), DomainError> {
        // Another tab may have sent or discarded it meanwhile: then there is nothing to send.
        self.refresh_returned();
        let Some(item) = self.returned.with_untracked(|r| {
            r.items
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, i)| i.clone())
        }) else {
            return Ok(());
        };
        let now = js_sys::Date::now();
        self.write(|a, me| a.post_again(me, &item, now))?;
        self.discard(key);
        Ok(())
    }

    /// Drops a given-back item.
    pub fn discard(&self, key: u64) {
        self.refresh_returned();
        self.returned.update(|r| r.items.retain(|(k, _)| *k != key));
    }

    /// Takes the list as stored, which other tabs of the same person change too: each change
    /// is made to the stored list, read just before (local storage is one per origin and its
    /// reads and writes do not interleave), so no tab's entries overwrite another's.
    fn refresh_returned(&self) {
        // Disposed with the view (signed out): nothing to follow any more.
        let (Some(place), Some(me)) = (self.place.try_get_value(), self.me.try_get_value()) else {
            return;
        };
        let key = format!("samrad.unsaved.{place}.{}", me.id);
        let Some(storage) = crate::session::local_storage() else {
            return;
        };
        let stored = storage
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str::<Returned>(&json).ok())
            .unwrap_or_default();
        if self.returned.try_with_untracked(|r| *r != stored) == Some(true) {
            self.returned.set(stored);
        }
    }

    /// Follows changes another tab makes to the stored list.
    fn follow_other_tabs(&self) {
        let live = *self;
        let key = self.returned_key(&self.place());
        let on_storage = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
            move |e: web_sys::StorageEvent| {
                if e.key().as_deref() == Some(key.as_str()) {
                    live.refresh_returned();
                }
            },
        );
        if let Some(window) = web_sys::window() {
            use wasm_bindgen::JsCast;
            let _ = window
                .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
        // Lives as long as the page.
        on_storage.forget();
    }

    fn returned_key(&self, agreement: &str) -> String {
        format!("samrad.unsaved.{agreement}.{}", self.me().id)
    }

    /// Deletes the stored list (sign-out).
    pub(crate) fn forget_returned(&self, agreement: &str) {
        if let Some(storage) = crate::session::local_storage() {
            let _ = storage.remove_item(&self.returned_key(agreement));
        }
    }

    /// Restores what was handed back on an earlier visit to `agreement`, and keeps the list
    /// stored from now on.
    pub fn keep_returned(&self, agreement: &str) {
        let key = self.returned_key(agreement);
        self.follow_other_tabs();
        let stored = crate::session::local_storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .and_then(|json| serde_json::from_str::<Returned>(&json).ok());
        if let Some(stored) = stored {
            self.returned.set(stored);
        }
        let returned = self.returned;
        Effect::new(move |_| {
            let Some(storage) = crate::session::local_storage() else {
                return;
            };
            returned.with(|r| {
                if r.items.is_empty() {
                    let _ = storage.remove_item(&key);
                } else if let Ok(json) = serde_json::to_string(r) {
                    // A full storage keeps the list on the page for this visit only.
                    let _ = storage.set_item(&key, &json);
                }
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samrad_domain::{RemarkKind, StanceValue, UnsavedReply};

    #[test]
    fn a_handed_back_list_reads_back_as_it_was_stored() {
        let returned = Returned {
            reason:
                "writing remarks/r1-0: a Member may not Remark while the agreement is in Merging"
                    .into(),
            items: vec![
                (
                    0,
                    Unsaved::Remark {
                        clause: "c-2.2".into(),
                        kind: RemarkKind::Question,
                        body: "Gäller det även **helger**?".into(),
                        proposed_text: None,
                        quote: Some("dygnet runt".into()),
                        prefix: "vård ".into(),
                        mentions: vec!["p-sara-nystrom".into()],
                        replies: vec![UnsavedReply {
                            body: "Och röda dagar, @Karin Lindqvist?".into(),
                            mentions: vec!["p-karin-lindqvist".into()],
                        }],
                    },
                ),
                (
                    3,
                    Unsaved::Stance {
                        clause: "c-3.2".into(),
                        value: StanceValue::SupportsWithChanges,
                        motivation: "Se synpunkt.".into(),
                    },
                ),
            ],
        };
        let json = serde_json::to_string(&returned).expect("serialises");
        assert!(json.contains(r#""type":"remark""#), "{json}");
        let back: Returned = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, returned);
        assert!(
            serde_json::from_str::<Returned>(r#"{"reason":"x","items":[[0,{"type":"nonsense"}]]}"#)
                .is_err(),
            "a list written by something else is not taken for one"
        );
    }
}
