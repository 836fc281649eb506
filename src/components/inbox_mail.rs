//! The inbox's e-mail choice: an address and at once, a daily digest or none. Shown only when
//! the server sends e-mail; every e-mail it sends has its own unsubscribe link as well.

use crate::i18n::{t, use_i18n};
use crate::inbox::mail::{fetch_mail, save_mail, MailMode, MailSetting};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn InboxMail() -> impl IntoView {
    let locale = use_i18n();
    let address = RwSignal::new(String::new());
    let mode = RwSignal::new(MailMode::Off);
    let enabled = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(state) = fetch_mail().await {
            enabled.set(state.enabled);
            if let Some(s) = state.setting {
                address.set(s.address);
                mode.set(s.mode);
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let setting = MailSetting {
            address: address.get_untracked(),
            mode: mode.get_untracked(),
            lang: locale.get_untracked().code().to_string(),
        };
        spawn_local(async move {
            let said = match save_mail(&setting).await {
                Ok(_) => locale.get_untracked().text("inbox.mail_saved", &[]),
                Err(e) => locale.get_untracked().text("inbox.error", &[("error", &e)]),
            };
            status.set(Some(said));
        });
    };
    view! {
        <Show when=move || enabled.get()>
            <form class="inbox-mail" on:submit=submit>
                <h3>{t("inbox.mail_title")}</h3>
                <label>
                    <span>{t("inbox.mail_address")}</span>
                    <input
                        type="email"
                        name="email"
                        autocomplete="email"
                        prop:value=move || address.get()
                        on:input=move |ev| address.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    <span>{t("inbox.mail_mode")}</span>
                    <select on:change=move |ev| {
                        if let Some(m) = MailMode::from_key(&event_target_value(&ev)) {
                            mode.set(m);
                        }
                    }>
                        {MailMode::ALL
                            .into_iter()
                            .map(|m| {
                                let key = format!("inbox.mail_{}", m.key());
                                view! {
                                    <option value=m.key() selected=move || mode.get() == m>
                                        {move || locale.get().text(&key, &[])}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit">{t("inbox.mail_save")}</button>
                <span class="inbox-mail-status" role="status">{move || status.get()}</span>
            </form>
        </Show>
    }
}
