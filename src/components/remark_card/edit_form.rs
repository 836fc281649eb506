//! The author's edit field on their own remark, in place of its text. Once the remark can no
//! longer be edited — a coordinator responded, the phase moved on — while the field is open,
//! it says why and offers no save; what was typed stays in the field to be copied.

use super::RemarkEdit;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::writes;
use leptos::html;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn RemarkEditForm(remark: String, edit: RemarkEdit) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let field = NodeRef::<html::Textarea>::new();
    edit.refocus(field);
    let frozen = {
        let id = remark.clone();
        Memo::new(move |_| {
            live.read([Change::Meta, Change::Remark(id.clone())], |a| {
                a.may_edit_remark(&me, &id).err()
            })
            .map(|why| locale.get().error(&why))
        })
    };
    // The write's code is in the interactive parts' file (writes.rs).
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = js_sys::Date::now();
        let text = edit.draft.get_untracked();
        let saved = writes::edit_remark(live, locale.get_untracked(), remark.clone(), text, now);
        leptos::task::spawn_local(async move {
            match saved.await {
                Ok(()) => {
                    edit.error.set(None);
                    edit.open.set(false);
                }
                Err(e) => edit.error.set(Some(e)),
            }
        });
    };
    let field_id = edit.field_id();
    view! {
        <form class="edit-form" on:submit=save>
            <label for=field_id.clone()>{t("remark.edit_label")}</label>
            <textarea
                node_ref=field
                id=field_id
                rows="3"
                prop:value=move || edit.draft.get()
                on:input=move |ev| edit.draft.set(event_target_value(&ev))
            ></textarea>
            {move || frozen.get().map(|why| view! { <p class="hint" role="status">{why}</p> })}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || frozen.with(Option::is_some)>
                    {t("remark.save")}
                </button>
                <button type="button" on:click=move |_| edit.open.set(false)>{t("remark.cancel")}</button>
            </div>
        </form>
    }
}
