//! The coordinator's choice of who may propose wording, in the participants panel: one
//! checkbox per role that writes. The choice is the agreement's (a document field the server's
//! guard judges), so every replica offers "propose new wording" by it at once.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, Change, Proposers};

#[component]
pub fn ProposersSetting() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let chosen = move || live.read([Change::Meta], |a| a.proposers());
    let may_manage = move || live.may(Action::Manage);
    let error = RwSignal::new(None::<String>);
    let toggle = move |role, allowed: bool| {
        let next = chosen().with(role, allowed);
        match live.write(|a, me| a.set_proposers(me, next)) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(locale.get_untracked().error(&e))),
        }
    };
    view! {
        <fieldset class="proposers-setting">
            <legend>{t("meeting.proposers.title")}</legend>
            <p class="hint">{t("meeting.proposers.hint")}</p>
            {Proposers::ROLES
                .into_iter()
                .map(|role| {
                    let key = format!("role.{}", role.key());
                    view! {
                        <label>
                            <input
                                type="checkbox"
                                name=format!("proposers-{}", role.key())
                                prop:checked=move || chosen().contains(role)
                                disabled=move || !may_manage()
                                on:change=move |ev| toggle(role, event_target_checked(&ev))
                            />
                            {move || locale.get().text(&key, &[])}
                        </label>
                    }
                })
                .collect_view()}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </fieldset>
    }
}
