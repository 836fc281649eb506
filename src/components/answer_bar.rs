//! The respondent's view of the organisation's answer: how many clauses have a drafted stance
//! not yet sent, "no remarks" drafted on every clause without a stance at once (as a written
//! answer ends "no remarks on the other clauses"), and the button that sends the answer.

use crate::components::answer_confirm::AnswerConfirm;
use crate::components::decision_fields::DecisionFields;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{may, Action, Change, StanceValue};

#[component]
pub fn AnswerBar() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let org = me.organisation.clone();
    let me_id = me.id.clone();
    let shown = Signal::derive({
        let org = org.clone();
        move || {
            live.read([Change::Meta, Change::Participants], |a| {
                may(me.role, a.phase(), Action::SendAnswer)
                    && a.respondent_of(&org).as_deref() == Some(me_id.as_str())
            })
        }
    });
    let unsent = Signal::derive({
        let org = org.clone();
        move || {
            live.read([Change::Organisation(org.clone()), Change::Outline], |a| {
                a.unsent_count(&org)
            })
        }
    });
    let sent = Signal::derive({
        let org = org.clone();
        move || {
            live.read([Change::Organisation(org.clone())], |a| {
                a.answers_of(&org).len()
            })
        }
    });
    let unsaved_stances = crate::unsaved_stances::use_unsaved_stances();
    // How many clauses are without a stance, but for those whose stance is being chosen on
    // the page: that choice is the reader's, and `draft_remaining` leaves it out.
    let without = Memo::new({
        let org = org.clone();
        move |_| {
            let choosing = unsaved_stances.clauses();
            live.read([Change::Organisation(org.clone()), Change::Outline], |a| {
                let open = a.clauses_without_stance(&org);
                open.iter().filter(|c| !choosing.contains(*c)).count()
            })
        }
    });
    let message = RwSignal::new(None::<String>);
    let no_remarks = move |_| {
        let now = js_sys::Date::now();
        let choosing: Vec<String> = unsaved_stances.clauses().into_iter().collect();
        let result =
            live.write(|a, me| a.draft_remaining(me, StanceValue::NoRemarks, &choosing, now));
        let locale = locale.get_untracked();
        message.set(Some(match result {
            Ok(n) => locale.text_n("answer.rest_drafted", n, &[]),
            Err(e) => locale.error(&e),
        }));
    };
    let decision = RwSignal::new(None::<samrad_domain::Decision>);
    let unsaved = move || unsaved_stances.clauses().len();
    // Sending waits for a confirmation with the answer's summary (see answer_confirm.rs).
    let confirming = RwSignal::new(false);
    let send = move || {
        let now = js_sys::Date::now();
        let decided = decision.get_untracked();
        let result = live.write(|a, me| a.send_answer_with(me, decided.as_ref(), now));
        message.set(Some(match result {
            Ok(n) => locale
                .get_untracked()
                .text("answer.sent", &[("number", &n.to_string())]),
            Err(e) => locale.get_untracked().error(&e),
        }));
    };
    let org = StoredValue::new(org);
    view! {
        <Show when=move || shown.get()>
            <section class="answer-bar" aria-label=move || locale.get().text("answer.label", &[])>
                <span>
                    {move || {
                        // Before the first answer, nothing has changed "since the last one".
                        let key = if sent.get() == 0 { "answer.status_first" } else { "answer.status" };
                        locale.get().format(
                            key,
                            &[
                                ("organisation", (&org.get_value()).into()),
                                ("unsent", unsent.get().into()),
                                ("sent", sent.get().into()),
                            ],
                        )
                    }}
                </span>
                {move || (unsaved() > 0).then(|| view! {
                    <span class="unsaved-count">{locale.get().text_n("meeting.answer.unsaved_count", unsaved(), &[])}</span>
                })}
                {move || {
                    let n = without.get();
                    (n > 0).then(|| view! {
                        <button type="button" class="answer-rest" on:click=no_remarks>
                            {locale.get().text_n("answer.rest", n, &[])}
                        </button>
                    })
                }}
                <button type="button" class="primary" disabled=move || unsent.get() == 0 on:click=move |_| confirming.set(true)>
                    {t("answer.send")}
                </button>
                <span role="status" class="answer-message">{move || message.get()}</span>
                <DecisionFields decision=decision />
                {move || confirming.get().then(|| {
                    let clauses: Vec<String> = unsaved_stances.clauses().into_iter().collect();
                    view! {
                        <AnswerConfirm
                            unsaved=clauses
                            on_done=Callback::new(move |go: bool| {
                                confirming.set(false);
                                if go {
                                    send();
                                }
                            })
                        />
                    }
                })}
            </section>
        </Show>
    }
}
