//! Recording an approval: a chapter or a range of chapters, the body that approved it and the
//! day ("Kapittel 1–5 godkjent av ASU 17. april 2024").

use crate::components::date_field::DateField;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, MAX_APPROVAL_BODY};

#[component]
pub fn ApprovalForm() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let outline = Memo::new(move |_| live.read([Change::Outline], |a| a.outline()));
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let date = RwSignal::new(format::input_date(js_sys::Date::now()));
    let message = RwSignal::new(None::<Result<String, String>>);
    let approve = move || {
        let locale = locale.get_untracked();
        let ids: Vec<String> = outline.with_untracked(|o| o.iter().map(|c| c.id.clone()).collect());
        let at = |id: String| ids.iter().position(|c| *c == id);
        let (Some(a), Some(b)) = (
            at(first.get_untracked()),
            at(last.get_untracked()).or(at(first.get_untracked())),
        ) else {
            return message.set(Some(Err(locale.text("approval.pick_chapters", &[]))));
        };
        let Some(on) = format::end_of_day(&date.get_untracked()) else {
            return message.set(Some(Err(locale.text("remiss.bad_date", &[]))));
        };
        let range = ids[a.min(b)..=a.max(b)].to_vec();
        let who = body.get_untracked();
        let result =
            live.write(|ag, me| ag.approve_chapters(me, &range, &who, on, js_sys::Date::now()));
        message.set(Some(match result {
            Ok(()) => Ok(locale.text_n("approval.done", range.len(), &[("body", who.trim())])),
            Err(e) => Err(locale.error(&e)),
        }));
    };
    let options = move |selected: RwSignal<String>| {
        outline
            .get()
            .into_iter()
            .map(|c| {
                let id = c.id.clone();
                view! { <option value=c.id selected=move || selected.get() == id>{format!("{} {}", c.number, c.title)}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="ui stacked-form approval-form" on:submit=move |ev| { ev.prevent_default(); approve(); }>
            <h3>{t("approval.record")}</h3>
            <label for="approval-first">{t("approval.first")}</label>
            <select id="approval-first" on:change=move |ev| first.set(event_target_value(&ev))>
                <option value="">{t("approval.pick_chapters")}</option>
                {move || options(first)}
            </select>
            <label for="approval-last">{t("approval.last")}</label>
            <select id="approval-last" on:change=move |ev| last.set(event_target_value(&ev))>
                <option value="">{t("approval.same")}</option>
                {move || options(last)}
            </select>
            <label for="approval-body">{t("approval.body")}</label>
            <input id="approval-body" type="text" required maxlength=MAX_APPROVAL_BODY.to_string()
                prop:value=body on:input=move |ev| body.set(event_target_value(&ev)) />
            <label for="approval-date">{t("approval.date")}</label>
            <DateField id="approval-date" value=date required=true />
            <div class="actions"><button type="submit" class="primary">{t("approval.approve")}</button></div>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </form>
    }
}
