//! What an author has open on their own remark or reply: whether the edit field is open, what
//! is typed in it, the last refusal, and where the caret was. Kept by the remark's row in its
//! thread, not by the card: a card is built anew whenever its remark changes — the server's
//! stamp arriving just after posting (at once for a remark written offline, on reconnecting),
//! a disposition — and what the author is typing must outlive that, in the field, with the
//! caret where it was.

use crate::i18n::{use_i18n, I18nCtx};
use crate::later::NotFetched;
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
    /// What the field holds.
    pub draft: RwSignal<String>,
    /// The last edit or withdrawal the server (or the domain) refused, worded for the reader.
    pub error: RwSignal<Option<String>>,
    live: Live,
    /// The remark's id.
    id: StoredValue<String>,
    /// The remark's wording as it now reads: what the field holds until the author types.
    body: StoredValue<String>,
    /// Where the caret was when the card was rebuilt with the field focused.
    caret: StoredValue<Option<(u32, u32)>>,
    /// The reader's language, for a refusal worded here.
    locale: I18nCtx,
}

impl RemarkEdit {
    /// The edit of `remark` as `me` has it. An edit typed but not saved is kept on the device
    /// (as long as it differs from the wording as it then reads).
    pub fn new(live: Live, remark: &Remark, me: &ParticipantId) -> Self {
        let edit = Self {
            open: RwSignal::new(false),
            draft: RwSignal::new(remark.body.clone()),
            error: RwSignal::new(None),
            live,
            id: StoredValue::new(remark.id.clone()),
            body: StoredValue::new(remark.body.clone()),
            caret: StoredValue::new(None),
            locale: use_i18n(),
        };
        if remark.author == *me {
            let body = edit.body;
            live.keep_text_draft(edit.key(), edit.draft, edit.open, move || body.get_value());
        }
        edit
    }

    /// The field's key among the device's drafts.
    fn key(&self) -> String {
        crate::live::edit_draft_key(&self.id.get_value())
    }

    /// The edit field's element id.
    pub fn field_id(&self) -> String {
        format!("edit-{}", self.id.get_value())
    }

    /// Opens the field (`start`) once the interactive parts' file, which holds the form, is
    /// here: until then the wording stays in place. Offline before the file was kept, it says
    /// so instead — an open field with no form would leave the author neither the wording nor
    /// a way to close it.
    pub fn open_when_ready(self) {
        leptos::task::spawn_local(async move {
            match crate::later::parts_ready().await {
                Ok(()) => self.start(),
                Err(NotFetched) => {
                    let text = self
                        .locale
                        .get_untracked()
                        .text("later.edit_not_fetched", &[]);
                    self.error.set(Some(text));
                }
            }
        });
    }

    /// Opens the field on the edit kept on the device, or else on the wording as it now reads.
    pub fn start(&self) {
        let kept = self.live.draft::<String>(&self.key());
        self.draft
            .set(kept.unwrap_or_else(|| self.body.get_value()));
        self.error.set(None);
        self.open.set(true);
    }

    /// Called as the card is about to be built anew from `remark` (the old card still in the
    /// page): follows its wording and, while the field is open, notes where the caret is if
    /// the field has focus — and takes a wording edited on another device into a field the
    /// author has not typed in.
    pub fn rebuilding(&self, remark: &Remark) {
        let before = self.body.get_value();
        self.body.set_value(remark.body.clone());
        if !self.open.get_untracked() {
            return;
        }
        if let Some(caret) = self.focused_caret() {
            self.caret.set_value(Some(caret));
        }
        if remark.body != before && self.draft.with_untracked(|d| *d == before) {
            self.draft.set(remark.body.clone());
        }
    }

    /// The caret in the edit field, if the field has focus.
    fn focused_caret(&self) -> Option<(u32, u32)> {
        let field = document()
            .active_element()
            .filter(|el| el.id() == self.field_id())?
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .ok()?;
        let start = field.selection_start().ok().flatten()?;
        Some((start, field.selection_end().ok().flatten().unwrap_or(start)))
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
