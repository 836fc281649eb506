//! Unsent writing in open fields — a composer's text, a proposal's wording — kept on the
//! device as it is typed, so a closed tab, a reload or a browser restart gives it back where it
//! was. Kept with the device copy (sealed like it) and gone with it at sign-out; with the copy
//! off, drafts live as long as the page.

use super::Live;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A composer's unsent remark.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComposerDraft {
    /// The remark's kind (`comment`, `question`, `proposal`).
    pub kind: String,
    pub body: String,
    /// A proposal's new wording.
    #[serde(default)]
    pub wording: Option<String>,
}

impl ComposerDraft {
    /// The field key of the composer on `clause`.
    pub fn key(clause: &str) -> String {
        format!("composer:{clause}")
    }
}

impl Live {
    /// The draft kept for the field `key`, if any.
    pub fn draft<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.drafts
            .with_value(|d| d.get(key).cloned())
            .and_then(|json: String| serde_json::from_str(&json).ok())
    }

    /// Keeps `draft` for the field `key`; `None` forgets it (sent or discarded).
    pub fn keep_draft<T: Serialize>(&self, key: &str, draft: Option<&T>) {
        let json = draft.and_then(|d| serde_json::to_string(d).ok());
        let Some(()) = self.drafts.try_update_value(|d| match &json {
            Some(json) => {
                d.insert(key.to_string(), json.clone());
            }
            None => {
                d.remove(key);
            }
        }) else {
            return;
        };
        if let Some(Some(device)) = self.device_copy.try_get_value() {
            device.keep_draft(key, json);
        }
    }

    pub(crate) fn set_drafts(&self, drafts: Vec<(String, String)>) {
        self.drafts.set_value(drafts.into_iter().collect());
    }
}
