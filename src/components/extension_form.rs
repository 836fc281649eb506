//! Giving one organisation a later deadline, with the reason (its board meets after the
//! summer, say).

use crate::components::date_field::DateField;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, MAX_EXTENSION_REASON};

#[component]
pub fn ExtensionForm() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let organisations =
        Memo::new(move |_| live.read([Change::Participants], |a| a.organisations()));
    let organisation = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let grant = move || {
        let locale = locale.get_untracked();
        let org = organisation.get_untracked();
        let Some(deadline) = format::end_of_day(&date.get_untracked()) else {
            return message.set(Some(Err(locale.text("remiss.bad_date", &[]))));
        };
        if org.is_empty() {
            return message.set(Some(Err(locale.text("remiss.pick_organisation", &[]))));
        }
        let why = reason.get_untracked();
        let result = live.write(|a, me| a.extend_deadline_because(me, &org, deadline, Some(&why)));
        message.set(Some(match result {
            Ok(()) => {
                reason.set(String::new());
                let date = format::date(deadline, locale);
                Ok(locale.text(
                    "remiss.extended",
                    &[("organisation", &org), ("date", &date)],
                ))
            }
            Err(e) => Err(locale.error(&e)),
        }));
    };
    view! {
        <form
            class="ui stacked-form extension-form"
            on:submit=move |ev| {
                ev.prevent_default();
                grant();
            }
        >
            <h3>{t("remiss.extend_title")}</h3>
            <label for="extension-organisation">{t("remiss.organisation")}</label>
            <select
                id="extension-organisation"
                on:change=move |ev| organisation.set(event_target_value(&ev))
            >
                <option value="" selected=move || organisation.get().is_empty()>{t("remiss.pick_organisation")}</option>
                {move || organisations.get().into_iter().map(|o| {
                    let key = o.clone();
                    let label = o.clone();
                    view! { <option value=o.clone() selected=move || organisation.get() == key>{label}</option> }
                }).collect_view()}
            </select>
            <label for="extension-date">{t("remiss.new_deadline")}</label>
            <DateField id="extension-date" value=date required=true />
            <label for="extension-reason">{t("remiss.reason")}</label>
            <input
                id="extension-reason"
                type="text"
                maxlength=MAX_EXTENSION_REASON.to_string()
                prop:value=reason
                on:input=move |ev| reason.set(event_target_value(&ev))
            />
            <div class="actions">
                <button type="submit" class="primary">{t("remiss.extend")}</button>
            </div>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </form>
    }
}
