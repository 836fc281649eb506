//! The coordinator's participants panel: who has access and how their link stands, a form to
//! invite someone, a fresh link for someone who lost theirs, withdrawing access.
//!
//! Links are shown once, to the coordinator who asked for them, and never stored in the
//! document; the coordinator sends each one personally. Everything here goes through the
//! server's participants API (`crate::access`), which refuses anyone but a coordinator.

use crate::access::{
    fetch_access, invite, renew_link, revoke_access, AccessStatus, NewParticipant,
};
use crate::components::proposers_setting::ProposersSetting;
use crate::components::respondents::Respondents;
use crate::escape::closes_on_escape;
use crate::format::date_time;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samrad_domain::{Change, Role};

/// How often the open panel reads the participants' link states again.
const REFRESH_MS: u32 = 10_000;

/// Puts `text` on the clipboard (the browser asks nothing for a click on the page itself).
fn copy_to_clipboard(text: &str) -> bool {
    let navigator = js_sys::Reflect::get(&window(), &"navigator".into()).unwrap_or_default();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let write = clipboard
        .as_ref()
        .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
    match (clipboard, write) {
        (Some(c), Some(f)) => f.call1(&c, &text.into()).is_ok(),
        _ => false,
    }
}

/// A link just issued, with whom it is for.
#[derive(Debug, Clone, PartialEq)]
struct Issued {
    name: String,
    link: String,
    expires_ms: f64,
}

#[component]
pub fn ParticipantsPanel(
    /// Closes the panel (and returns focus to the button that opened it).
    on_close: Callback<()>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        fetch_access()
    });
    // Link states change as people sign in: read again while the panel is open.
    let ticking =
        gloo_timers::callback::Interval::new(REFRESH_MS, move || reload.update(|n| *n += 1));
    let ticking = StoredValue::new_local(Some(ticking));
    on_cleanup(move || ticking.update_value(|t| drop(t.take())));
    let issued = RwSignal::new(None::<Issued>);
    let copied = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let name = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Member);
    let organisations = move || live.read([Change::Participants], |a| a.organisations());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let new = NewParticipant::new(
            &name.get_untracked(),
            &organisation.get_untracked(),
            role.get_untracked(),
        );
        busy.set(true);
        spawn_local(async move {
            match invite(&new).await {
                Ok((participant, link)) => {
                    copied.set(false);
                    issued.set(Some(Issued {
                        name: participant.name,
                        link: link.link,
                        expires_ms: link.expires_ms,
                    }));
                    error.set(None);
                    name.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let renew = move |id: String, who: String| {
        spawn_local(async move {
            match renew_link(&id).await {
                Ok(link) => {
                    copied.set(false);
                    issued.set(Some(Issued {
                        name: who,
                        link: link.link,
                        expires_ms: link.expires_ms,
                    }));
                    error.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let revoke = move |id: String, who: String| {
        let question = locale
            .get_untracked()
            .text("access.revoke_confirm", &[("name", &who)]);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            match revoke_access(&id).await {
                Ok(()) => {
                    error.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let rows = move || {
        let l = locale.get();
        let now = js_sys::Date::now();
        match list.get() {
            None => view! { <p role="status">{t("access.loading")}</p> }.into_any(),
            Some(Err(e)) => view! {
                <p class="error" role="alert">{l.text("access.error", &[("error", &e)])}</p>
            }
            .into_any(),
            Some(Ok(people)) => view! {
                <table class="access-table">
                    <caption class="visually-hidden">{t("access.title")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("access.name")}</th>
                            <th scope="col">{t("access.organisation")}</th>
                            <th scope="col">{t("access.role")}</th>
                            <th scope="col">{t("access.status")}</th>
                            <th scope="col"><span class="visually-hidden">{t("access.actions")}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {people
                            .into_iter()
                            .map(|a| {
                                let status = a.status(now);
                                let status_text = match status {
                                    AccessStatus::Invited { until_ms } => {
                                        l.text(status.key(), &[("date", &date_time(until_ms, l))])
                                    }
                                    other => l.text(other.key(), &[]),
                                };
                                let p = a.participant;
                                let own = p.id == me.id;
                                let role_key = format!("role.{}", p.role.key());
                                let (id, who) = (p.id.clone(), p.name.clone());
                                let (id2, who2) = (p.id.clone(), p.name.clone());
                                view! {
                                    <tr data-participant=p.id.clone()>
                                        <th scope="row">
                                            {p.name.clone()}
                                            {own.then(|| view! { " " {t("access.you")} })}
                                        </th>
                                        <td>{p.organisation.clone()}</td>
                                        <td>{l.text(&role_key, &[])}</td>
                                        <td class=format!("access-status {}", status.key().replace('.', "-"))>
                                            {status_text}
                                        </td>
                                        <td class="access-actions">
                                            <div>
                                            <button
                                                type="button"
                                                aria-label=l.text("access.renew_for", &[("name", &p.name)])
                                                on:click=move |_| renew(id.clone(), who.clone())
                                            >
                                                {t("access.renew")}
                                            </button>
                                            {(!own && status != AccessStatus::Revoked)
                                                .then(|| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="danger"
                                                            aria-label=l
                                                                .text("access.revoke_for", &[("name", &p.name)])
                                                            on:click=move |_| revoke(id2.clone(), who2.clone())
                                                        >
                                                            {t("access.revoke")}
                                                        </button>
                                                    }
                                                })}
                                            </div>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        }
    };

    let issued_view = move || {
        issued.get().map(|i| {
            let l = locale.get();
            let hint = l.text(
                "access.link_hint",
                &[("name", &i.name), ("date", &date_time(i.expires_ms, l))],
            );
            let label = l.text("access.link_for", &[("name", &i.name)]);
            view! {
                <div class="issued-link" role="status">
                    <label for="issued-link">{label}</label>
                    <input
                        id="issued-link"
                        type="text"
                        readonly=true
                        prop:value=i.link.clone()
                        on:focus=move |ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = ev
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            {
                                input.select();
                            }
                        }
                    />
                    <button
                        type="button"
                        data-action="copy-link"
                        on:click={
                            let link = i.link.clone();
                            move |_| copied.set(copy_to_clipboard(&link))
                        }
                    >
                        {t("meeting.copy_link")}
                    </button>
                    <span class="copied" aria-live="polite">{move || copied.get().then(|| t("meeting.copied"))}</span>
                    <p>{hint}</p>
                </div>
            }
        })
    };

    view! {
        // Escape closes it, as its button does (focus goes back to the toggle).
        <section
            id="participants-panel"
            class="participants-panel"
            aria-labelledby="participants-title"
            on:keydown=closes_on_escape(move || on_close.run(()))
        >
            <div class="panel-head">
                <h2 id="participants-title" tabindex="-1">{t("access.title")}</h2>
                <button type="button" on:click=move |_| on_close.run(())>{t("access.close")}</button>
            </div>
            {issued_view}
            {move || error.get().map(|e| {
                let l = locale.get();
                view! { <p class="error" role="alert">{l.text("access.error", &[("error", &e)])}</p> }
            })}
            {rows}
            <Respondents />
            <ProposersSetting />
            <form class="invite-form" on:submit=submit>
                <h3>{t("access.invite_title")}</h3>
                <div class="invite-fields">
                    <label>
                        <span>{t("access.name")}</span>
                        <input
                            type="text"
                            name="name"
                            required=true
                            maxlength="120"
                            autocomplete="off"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        <span>{t("access.organisation")}</span>
                        <input
                            type="text"
                            name="organisation"
                            required=true
                            maxlength="120"
                            list="known-organisations"
                            autocomplete="off"
                            prop:value=move || organisation.get()
                            on:input=move |ev| organisation.set(event_target_value(&ev))
                        />
                        <datalist id="known-organisations">
                            {move || {
                                organisations()
                                    .into_iter()
                                    .map(|o| view! { <option value=o></option> })
                                    .collect_view()
                            }}
                        </datalist>
                    </label>
                    <label>
                        <span>{t("access.role")}</span>
                        <select
                            name="role"
                            on:change=move |ev| {
                                if let Some(r) = Role::from_key(&event_target_value(&ev)) {
                                    role.set(r);
                                }
                            }
                        >
                            {[Role::Member, Role::Jurist, Role::Coordinator, Role::Observer]
                                .into_iter()
                                .map(|r| {
                                    let key = format!("role.{}", r.key());
                                    view! {
                                        <option value=r.key() selected=move || role.get() == r>
                                            {move || locale.get().text(&key, &[])}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {t("access.invite")}
                    </button>
                </div>
            </form>
        </section>
    }
}
