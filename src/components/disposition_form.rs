//! The coordinators' disposition of a remark with its motivation, and accepting a proposal's
//! wording into the clause text.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, DispositionValue, Remark, RemarkKind};

pub(crate) fn disposition_key(value: DispositionValue) -> &'static str {
    match value {
        DispositionValue::Accepted => "disposition.accepted",
        DispositionValue::PartlyAccepted => "disposition.partly_accepted",
        DispositionValue::Rejected => "disposition.rejected",
        DispositionValue::Noted => "disposition.noted",
        DispositionValue::Answered => "disposition.answered",
    }
}

/// The coordinators' disposition of a remark, and accepting a proposal into the text.
#[component]
pub fn DispositionForm(remark: Remark) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let value = RwSignal::new(
        remark
            .disposition
            .as_ref()
            .map(|d| d.value)
            .unwrap_or(DispositionValue::Noted),
    );
    let motivation = RwSignal::new(
        remark
            .disposition
            .as_ref()
            .map(|d| d.motivation.clone())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let id = remark.id.clone();
    let select_id = format!("disposition-{id}");
    let motivation_id = format!("motivation-{id}");
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let now = js_sys::Date::now();
            let result = live.write(|a, me| {
                a.set_disposition(
                    me,
                    &id,
                    value.get_untracked(),
                    &motivation.get_untracked(),
                    now,
                )
            });
            error.set(result.err().map(|e| locale.get_untracked().error(&e)));
        }
    };
    // Accepted once, the wording is in the text; a second acceptance is refused by the domain.
    let accepted = remark.disposition.as_ref().map(|d| d.value) == Some(DispositionValue::Accepted);
    let can_accept = remark.kind == RemarkKind::Proposal && !accepted && live.may(Action::EditText);
    // While the text is out on remiss (or closed) the button is not offered; say why, or the
    // coordinator looks for it in vain.
    let text_locked =
        remark.kind == RemarkKind::Proposal && !accepted && !live.may(Action::EditText);
    let accept = {
        let id = id.clone();
        move |_| {
            let now = js_sys::Date::now();
            let result =
                live.write(|a, me| a.accept_proposal(me, &id, &motivation.get_untracked(), now));
            error.set(result.err().map(|e| locale.get_untracked().error(&e)));
        }
    };
    // A remark already answered offers to change the response, not to give one.
    let summary = if remark.disposition.is_some() {
        "disposition.change"
    } else {
        "disposition.give"
    };
    // The form is built when the coordinator opens it: a page lists many remarks, each with
    // this form folded away.
    let open = RwSignal::new(false);
    let save = StoredValue::new_local(save);
    let accept = StoredValue::new_local(accept);
    view! {
        <details
            class="disposition-form"
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>{t(summary)}</summary>
            <Show when=move || open.get()>
            <form on:submit=move |ev| save.with_value(|f| f(ev))>
                <label for=select_id.clone()>{t("disposition.label")}</label>
                <select
                    id=select_id.clone()
                    on:change=move |ev| {
                        if let Some(v) = DispositionValue::from_key(&event_target_value(&ev)) {
                            value.set(v);
                        }
                    }
                >
                    {DispositionValue::ALL
                        .into_iter()
                        .map(|v| {
                            view! {
                                <option value=v.key() selected=move || value.get() == v>
                                    {t(disposition_key(v))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for=motivation_id.clone()>{t("disposition.motivation")}</label>
                <textarea
                    id=motivation_id.clone()
                    rows="2"
                    prop:value=move || motivation.get()
                    on:input=move |ev| motivation.set(event_target_value(&ev))
                ></textarea>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit">{t("disposition.save")}</button>
                    {can_accept
                        .then(|| {
                            view! {
                                <button type="button" class="primary" on:click=move |ev| accept.with_value(|f| f(ev))>
                                    {t("proposal.accept")}
                                </button>
                            }
                        })}
                </div>
                {text_locked.then(|| view! {
                    <p class="hint" data-testid="accept-later">{t("proposal.accept_later")}</p>
                })}
            </form>
            </Show>
        </details>
    }
}
