//! Confirming a change of phase: one slip of the phase select must not freeze the text for
//! everyone or close the agreement. Before anything is written it says what the new phase means
//! — what each role may do afterwards, read from the domain's own rules, and the deadline — and
//! asks for the deadline of a consultation, and for the version of the text it goes out as
//! (see remiss_version.rs).

use crate::components::remiss_version::{self, RemissVersion};
use crate::escape::closes_on_escape;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{may_under, Action, Change, Phase, Role};
use wasm_bindgen::JsValue;

/// How long a consultation runs unless the coordinator says otherwise.
const CONSULTATION_DAYS: f64 = 42.0;
const DAY_MS: f64 = 86_400_000.0;

/// What a role is told it may do: the actions a participant meets, in this order.
const ACTIONS: [(Action, &str); 7] = [
    (Action::Remark, "remark"),
    (Action::Propose, "propose"),
    (Action::Reply, "reply"),
    (Action::Support, "support"),
    (Action::DraftStance, "draft_stance"),
    (Action::SendAnswer, "send_answer"),
    (Action::EditText, "edit_text"),
];

/// `ms` as the value of a date field (the reader's local day).
fn day_value(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The end of the local day a date field names.
fn day_end(value: &str) -> Option<f64> {
    let ms = js_sys::Date::new(&JsValue::from_str(&format!("{value}T23:59:00"))).get_time();
    ms.is_finite().then_some(ms)
}

#[component]
pub fn PhaseConfirm(
    /// The phase asked for.
    phase: Phase,
    /// Closes the confirmation; `true` when the phase was changed.
    on_done: Callback<bool>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let consultation = phase == Phase::Consultation;
    let day = RwSignal::new(day_value(js_sys::Date::now() + CONSULTATION_DAYS * DAY_MS));
    let error = RwSignal::new(None::<String>);
    // Whether to cut the version a consultation's text goes out as (see RemissVersion).
    let cut = RwSignal::new(true);
    let proposers = live.read([Change::Meta], |a| a.proposers());
    let phase_name = move || locale.get().text(&format!("phase.{}", phase.key()), &[]);
    let roles = move || {
        let l = locale.get();
        [
            Role::Member,
            Role::Jurist,
            Role::Coordinator,
            Role::Observer,
        ]
        .into_iter()
        .map(|role| {
            let can: Vec<String> = ACTIONS
                .iter()
                .filter(|(a, _)| may_under(role, phase, proposers, *a))
                .map(|(_, key)| l.text(&format!("meeting.phase.action.{key}"), &[]))
                .collect();
            let what = if can.is_empty() {
                l.text("meeting.phase.reads_only", &[])
            } else {
                can.join(", ")
            };
            let role = l.text(&format!("role.{}", role.key()), &[]);
            view! { <li><strong>{role}": "</strong>{what}</li> }
        })
        .collect_view()
    };
    let deadline_line = move || {
        let l = locale.get();
        match (consultation, live.read([Change::Meta], |a| a.deadline())) {
            (true, _) => None,
            (false, Some(_)) => Some(l.text("meeting.phase.deadline_removed", &[])),
            (false, None) => None,
        }
    };
    let confirm = move |_| {
        let deadline = if consultation {
            match day_end(&day.get_untracked()) {
                Some(d) => Some(d),
                None => {
                    error.set(Some(
                        locale.get_untracked().text("meeting.phase.bad_date", &[]),
                    ));
                    return;
                }
            }
        } else {
            None
        };
        let written = match deadline {
            Some(d) if consultation => {
                remiss_version::send(live, locale.get_untracked(), d, cut.get_untracked())
            }
            _ => live.write(|a, me| a.set_phase(me, phase, deadline)),
        };
        match written {
            Ok(()) => on_done.run(true),
            Err(e) => error.set(Some(locale.get_untracked().error(&e))),
        }
    };
    let shown_deadline = move || {
        day_end(&day.get()).map(|d| {
            locale.get().text(
                "meeting.phase.deadline",
                &[("date", &format::date_time(d, locale.get()))],
            )
        })
    };
    // Focus moves to the question, so a keyboard or screen reader user meets it at once.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <div
            class="phase-confirm"
            role="dialog"
            aria-labelledby="phase-confirm-title"
            on:keydown=closes_on_escape(move || on_done.run(false))
        >
            <h2 id="phase-confirm-title" tabindex="-1" node_ref=heading>
                {move || locale.get().text("meeting.phase.confirm_title", &[("phase", &phase_name())])}
            </h2>
            <p>{t("meeting.phase.afterwards")}</p>
            <ul class="phase-roles">{roles}</ul>
            {consultation.then(|| view! {
                <label for="phase-deadline">{t("meeting.phase.deadline_label")}</label>
                <input
                    id="phase-deadline"
                    type="date"
                    prop:value=move || day.get()
                    on:input=move |ev| day.set(event_target_value(&ev))
                />
                <p class="phase-deadline">{shown_deadline}</p>
                <RemissVersion cut=cut />
            })}
            {move || deadline_line().map(|d| view! { <p>{d}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="primary" data-action="confirm-phase" on:click=confirm>
                    {move || locale.get().text("meeting.phase.confirm", &[("phase", &phase_name())])}
                </button>
                <button type="button" on:click=move |_| on_done.run(false)>{t("meeting.cancel")}</button>
            </div>
        </div>
    }
}
