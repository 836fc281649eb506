//! Cutting a named version. A replica still waiting for someone's changes cannot name a state
//! everybody saw, so the cut is refused until they arrive; the form says so and offers to try
//! again, keeping what was typed.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::DomainError;

#[component]
pub fn CutVersionForm() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let name = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, DomainError>>);
    let cut = move || {
        let (n, d) = (name.get_untracked(), note.get_untracked());
        let result = live.write(|a, me| {
            a.cut_noted_version(me, &n, Some(&d), js_sys::Date::now())
                .map(|_| n.trim().to_string())
        });
        if result.is_ok() {
            name.set(String::new());
            note.set(String::new());
        }
        outcome.set(Some(result));
    };
    let message = move || {
        outcome.get().map(|r| match r {
            Ok(cut) => view! {
                <p class="ok" role="status">{locale.get().text("versions.cut_done", &[("name", &cut)])}</p>
            }
            .into_any(),
            Err(DomainError::MissingChanges) => view! {
                <div class="error-box" role="alert">
                    <p>{t("versions.missing_changes")}</p>
                    <button type="button" on:click=move |_| cut()>{t("versions.retry")}</button>
                </div>
            }
            .into_any(),
            Err(e) => view! { <p class="error" role="alert">{locale.get().error(&e)}</p> }.into_any(),
        })
    };
    view! {
        <section class="cut-version" aria-labelledby="cut-version-title">
            <h2 id="cut-version-title">{t("versions.cut_title")}</h2>
            <form
                class="ui stacked-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    cut();
                }
            >
                <label for="version-name">{t("versions.name")}</label>
                <input
                    id="version-name"
                    type="text"
                    required
                    maxlength="120"
                    placeholder=move || locale.get().text("versions.name_example", &[])
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <label for="version-note">{t("versions.note")}</label>
                <textarea
                    id="version-note"
                    rows="2"
                    maxlength="1000"
                    prop:value=note
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <p class="hint">{t("versions.cut_hint")}</p>
                <div class="actions">
                    <button type="submit" class="primary">{t("versions.cut")}</button>
                </div>
            </form>
            {message}
        </section>
    }
}
