//! What an author has open on their own remark or reply: whether the edit field is open, what
//! is typed in it, the last refusal, and where the caret was. Kept by the thread, not by the
//! card: a card is built anew whenever its remark changes — the server's stamp arriving just
//! after posting (at once for a remark written offline, on reconnecting), a disposition — and
//! what the author is typing must outlive that, in the field, with the caret where it was.

use crate::live::Live;
use leptos::html;
use leptos::prelude::*;
use samrad_domain::{ParticipantId, Remark};
use wasm_bindgen::JsCast;

/// The author's edit of one remark, shared by the successive cards of that remark.
#[derive(Clone, Copy)]
pub struct RemarkEdit {
    /// Whether the edit field is open.
    pub open: RwSignal<bool>,
    /// What the field holds: the remark's wording until the author types.
    pub draft: RwSignal<String>,
    /// The last edit or withdrawal the server (or the domain) refused, worded for the reader.
    pub error: RwSignal<Option<String>>,
    live: Live,
    /// The field's key among the device's drafts (`edit:{remark}`).
    key: StoredValue<String>,
    /// The field's element id (`edit-{remark}`).
    field: StoredValue<String>,
    /// Where the caret was when the card was rebuilt with the field focused.
    caret: StoredValue<Option<(u32, u32)>>,
}

impl RemarkEdit {
    /// The edit of `remark` as `me` has it: an edit typed but not saved, kept on the device,
    /// is put back into the field (which shows it when the author opens it again).
    pub fn new(live: Live, remark: &Remark, me: &ParticipantId) -> Self {
        let edit = Self {
            open: RwSignal::new(false),
            draft: RwSignal::new(remark.body.clone()),
            error: RwSignal::new(None),
            live,
            key: StoredValue::new(format!("edit:{}", remark.id)),
            field: StoredValue::new(format!("edit-{}", remark.id)),
            caret: StoredValue::new(None),
        };
        if remark.author == *me {
            live.keep_text_draft(
                edit.key.get_value(),
                edit.draft,
                edit.open,
                remark.body.clone(),
            );
        }
        edit
    }

    /// The edit field's element id.
    pub fn field_id(&self) -> String {
        self.field.get_value()
    }

    /// Called as the card is about to be built anew from `remark` (the old card still in the
    /// page): notes where the caret is if the edit field has focus; while the field is closed,
    /// it will open on the kept draft or, if none, on the remark's wording as it now reads (an
    /// edit made on another device).
    pub fn rebuilding(&self, remark: &Remark) {
        if self.open.get_untracked() {
            let focused = document()
                .active_element()
                .filter(|el| el.id() == self.field.get_value())
                .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
            let caret = focused.and_then(|el| {
                let start = el.selection_start().ok().flatten()?;
                Some((start, el.selection_end().ok().flatten().unwrap_or(start)))
            });
            self.caret.set_value(caret);
        } else {
            let kept = self.live.draft::<String>(&self.key.get_value());
            self.draft.set(kept.unwrap_or_else(|| remark.body.clone()));
        }
    }

    /// Gives the field built for the new card the focus and caret the old one had, once it is
    /// in the page. The field's text is put in first: its own binding may fill it only after
    /// this runs, and filling a field moves its caret to the end.
    pub fn refocus(&self, field: NodeRef<html::Textarea>) {
        let (caret, draft) = (self.caret, self.draft);
        Effect::new(move |_| {
            let Some(el) = field.get() else { return };
            if let Some((start, end)) = caret.try_update_value(Option::take).flatten() {
                el.set_value(&draft.get_untracked());
                let _ = el.focus();
                let _ = el.set_selection_range(start, end);
            }
        });
    }
}
