//! A clause's history, one click away on each clause: every wording it had, who changed it and
//! why (an accepted proposal, a version cut, a coordinator's edit), newest first. Read only when
//! opened, and then again as the clause's text, versions or acceptances change.

use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, ClauseWording, WordingCause};

#[component]
pub fn ClauseHistory(clause: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let open = RwSignal::new(false);
    let id = clause.clone();
    let steps = move || {
        if !open.get() {
            return Ok(Vec::new());
        }
        // A recorded edit (who edited) arrives as a change of the clause's text.
        let keys = [
            Change::Text(id.clone()),
            Change::Versions,
            Change::Acceptances,
        ];
        live.read(keys, |a| a.clause_history(&id))
    };
    view! {
        <details class="clause-history" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary>{t("meeting.clause_history.open")}</summary>
            {move || match steps() {
                Ok(steps) => view! {
                    <ol class="clause-history-steps">
                        {steps.into_iter().map(|s| view! { <Step step=s /> }).collect_view()}
                    </ol>
                }
                .into_any(),
                Err(e) => view! { <p class="error" role="alert">{locale.get().error(&e)}</p> }.into_any(),
            }}
        </details>
    }
}

/// One wording of the clause, with what brought it about.
#[component]
fn Step(step: ClauseWording) -> impl IntoView {
    let locale = use_i18n();
    let l = locale.get_untracked();
    let when = format::date_time(step.at_ms, l);
    let (title, edited) = match &step.cause {
        WordingCause::Now { edited } => (l.text("meeting.clause_history.now", &[]), *edited),
        WordingCause::Accepted { proposer, .. } => (
            l.text(
                "meeting.clause_history.accepted",
                &[("proposer", proposer), ("by", &step.by), ("date", &when)],
            ),
            false,
        ),
        WordingCause::Version { name, edited } => (
            l.text(
                "meeting.clause_history.version",
                &[("name", name), ("by", &step.by), ("date", &when)],
            ),
            *edited,
        ),
        WordingCause::Edited => (
            l.text(
                "meeting.clause_history.edited_by",
                &[("by", &step.by), ("date", &when)],
            ),
            false,
        ),
    };
    let kind = match step.cause {
        WordingCause::Now { .. } => "now",
        WordingCause::Accepted { .. } => "accepted",
        WordingCause::Version { .. } => "version",
        WordingCause::Edited => "edited",
    };
    view! {
        <li data-step=kind>
            <p class="history-when">{title}</p>
            {edited.then(|| view! { <p class="history-edited">{t("meeting.clause_history.edited")}</p> })}
            <p class="history-wording">{step.wording}</p>
        </li>
    }
}
