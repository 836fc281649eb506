//! Unsent writing in open fields — a composer's text, a proposal's wording — kept on the
//! device as it is typed, so a closed tab, a reload or a browser restart gives it back where it
//! was. Kept with the device copy (sealed like it) and gone with it at sign-out; with the copy
//! off, drafts live as long as the page.

use super::Live;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

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

    /// Whether a draft is kept for the field `key` (read when asked, not tracked).
    pub fn has_draft(&self, key: &str) -> bool {
        self.drafts
            .try_with_value(|d| d.contains_key(key))
            .unwrap_or(false)
    }

    /// Keeps `draft` for the field `key`; `None` forgets it (sent or discarded).
    pub fn keep_draft<T: Serialize>(&self, key: &str, draft: Option<&T>) {
        let json = draft.and_then(|d| serde_json::to_string(d).ok());
        // Only a change is written: views keep asking to forget drafts that were never kept.
        let changed = self.drafts.try_update_value(|d| match &json {
            Some(json) => d.insert(key.to_string(), json.clone()).as_ref() != Some(json),
            None => d.remove(key).is_some(),
        });
        if changed != Some(true) {
            return;
        }
        if let Some(Some(device)) = self.device_copy.try_get_value() {
            device.keep_draft(key, json);
        }
    }

    /// Takes the drafts the device copy kept; a field typed in on this page before the copy
    /// opened (a first visit shows the agreement first) keeps what was typed. Returns those
    /// fields' drafts, for the copy to keep.
    pub(crate) fn set_drafts(&self, drafts: Vec<(String, String)>) -> Vec<(String, String)> {
        let stored: HashMap<String, String> = drafts.into_iter().collect();
        let mut typed = Vec::new();
        self.drafts.update_value(|kept| {
            for (key, draft) in kept.iter() {
                if stored.get(key) != Some(draft) {
                    typed.push((key.clone(), draft.clone()));
                }
            }
            for (key, draft) in stored {
                kept.entry(key).or_insert(draft);
            }
        });
        typed
    }
}

/// Draft keys of the fields under a remark: its reply field, and the field editing it.
const REMARK_FIELDS: [&str; 2] = ["reply:", "edit:"];

/// The draft key of the reply field under `remark`.
pub fn reply_draft_key(remark: &str) -> String {
    format!("{}{remark}", REMARK_FIELDS[0])
}

/// The draft key of the field editing `remark`.
pub fn edit_draft_key(remark: &str) -> String {
    format!("{}{remark}", REMARK_FIELDS[1])
}

impl Live {
    /// The remarks (threads or replies) with an unsent reply or edit kept on the device (read
    /// when asked, not tracked). Empty for nearly every reader, so asking is cheap.
    pub fn remarks_with_drafts(&self) -> HashSet<String> {
        self.drafts
            .try_with_value(|d| {
                d.keys()
                    .filter_map(|k| REMARK_FIELDS.iter().find_map(|f| k.strip_prefix(f)))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Keeps the text of a field that opens and closes (a reply box, an edit box) as a draft
    /// under `key` while it is open and differs from `unchanged`; gone once the field closes
    /// (sent or cancelled). `unchanged` is read as the field changes (an edit's remark may be
    /// edited meanwhile on another device). A draft kept earlier is put back into the field,
    /// which shows it when the reader opens it again. Returns whether one was.
    pub fn keep_text_draft(
        &self,
        key: String,
        text: RwSignal<String>,
        open: RwSignal<bool>,
        unchanged: impl Fn() -> String + 'static,
    ) -> bool {
        let restored: Option<String> = self.draft(&key);
        let was_restored = restored.is_some();
        if let Some(kept) = restored {
            text.set(kept);
        }
        let live = *self;
        Effect::new(move |was_open: Option<bool>| {
            let (typed, is_open) = (text.get(), open.get());
            if is_open {
                let keep = !typed.trim().is_empty() && typed != unchanged();
                live.keep_draft(&key, keep.then_some(&typed));
            } else if was_open == Some(true) {
                // Closed: sent, or cancelled.
                live.keep_draft::<String>(&key, None);
            }
            is_open
        });
        was_restored
    }
}
