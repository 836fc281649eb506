//! Confirming the organisation's answer before it is sent: sending is a formal step, so it
//! shows what will be sent — each clause's stance, by clause number — and names the clauses
//! the answer says nothing on (they count as not answered) and those whose chosen stance is
//! not saved and so will not be in the answer. Escape, as Cancel, closes it unsent.

use crate::components::stance_panel::stance_key;
use crate::escape::closes_on_escape;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

/// Clause numbers named before the list of clauses without a stance is cut short.
const MAX_LISTED: usize = 12;

#[component]
pub fn AnswerConfirm(
    /// The clauses whose stance form holds an unsaved choice.
    unsaved: Vec<String>,
    /// Closes the confirmation; `true` to send.
    on_done: Callback<bool>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let org = live.me().organisation;
    let number = move |a: &samrad_domain::Agreement, clause: &str| {
        a.heading(clause).map(|h| h.number).unwrap_or_default()
    };
    let summary = {
        let org = org.clone();
        live.read([Change::Organisation(org.clone()), Change::Outline], |a| {
            // "Changed since the last answer" says nothing before the first one.
            let answered = !a.answers_of(&org).is_empty();
            let mut rows: Vec<(String, String, String, bool)> = a
                .drafts_of(&org)
                .into_iter()
                .map(|(clause, s)| {
                    let changed = answered && a.stance(&org, &clause).unsent_changes();
                    (
                        number(a, &clause),
                        s.value.key().to_string(),
                        s.motivation,
                        changed,
                    )
                })
                .collect();
            samrad_domain::sorting::sort_by(&mut rows, |x, y| by_number(&x.0, &y.0));
            rows
        })
    };
    let unsaved_numbers: Vec<String> =
        live.untracked(|a| unsaved.iter().map(|c| number(a, c)).collect());
    // The clauses the answer says nothing on, in reading order, by clause (not by number,
    // which two clauses may share or a clause may lack): they count as not answered. A choice
    // not saved is named below, not here.
    let without: Vec<String> = live.untracked(|a| {
        let stated: std::collections::HashSet<String> = a
            .drafts_of(&org)
            .into_iter()
            .map(|(clause, _)| clause)
            .collect();
        let outline = a.outline().into_iter().flat_map(|chapter| chapter.clauses);
        outline
            .filter(|c| !stated.contains(&c.id) && !unsaved.contains(&c.id))
            .map(|c| {
                if c.number.is_empty() {
                    c.heading
                } else {
                    c.number
                }
            })
            .collect()
    });
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <div
            class="answer-confirm"
            role="dialog"
            aria-labelledby="answer-confirm-title"
            on:keydown=closes_on_escape(move || on_done.run(false))
        >
            <h2 id="answer-confirm-title" tabindex="-1" node_ref=heading>
                {move || locale.get().text("meeting.answer.confirm_title", &[("organisation", &org)])}
            </h2>
            <table class="answer-summary">
                <caption class="visually-hidden">{t("meeting.answer.summary")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("meeting.answer.clause")}</th>
                        <th scope="col">{t("meeting.answer.stance")}</th>
                        <th scope="col">{t("meeting.answer.motivation")}</th>
                    </tr>
                </thead>
                <tbody>
                    {summary
                        .into_iter()
                        .map(|(n, value, motivation, changed)| {
                            let key = samrad_domain::StanceValue::from_key(&value).map(stance_key).unwrap_or("stance.choose");
                            view! {
                                <tr class:changed=changed>
                                    <th scope="row">{n}</th>
                                    <td>{t(key)}{changed.then(|| view! { " " <span class="changed-note">{t("meeting.answer.changed")}</span> })}</td>
                                    <td>{motivation}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(!without.is_empty()).then(|| {
                let count = without.len();
                // A long list is cut: the clauses are in the table of contents.
                let mut list = without.iter().take(MAX_LISTED).cloned().collect::<Vec<_>>().join(", ");
                if count > MAX_LISTED {
                    list.push_str(", …");
                }
                view! {
                    <p class="answer-without" data-testid="answer-without">
                        {move || locale.get().text_n("meeting.answer.without", count, &[("clauses", &list)])}
                    </p>
                }
            })}
            {(!unsaved_numbers.is_empty()).then(|| {
                let list = unsaved_numbers.join(", ");
                let count = unsaved_numbers.len();
                view! {
                    <p class="unsaved-stances" role="alert">
                        {move || locale.get().text_n("meeting.answer.unsaved", count, &[("clauses", &list)])}
                    </p>
                }
            })}
            <div class="actions">
                <button type="button" class="primary" data-action="confirm-answer" on:click=move |_| on_done.run(true)>
                    {t("meeting.answer.send")}
                </button>
                <button type="button" on:click=move |_| on_done.run(false)>{t("meeting.cancel")}</button>
            </div>
        </div>
    }
}

/// Clause numbers in reading order ("2.10" after "2.9").
pub fn by_number(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<u32> { s.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a).cmp(&parts(b))
}
