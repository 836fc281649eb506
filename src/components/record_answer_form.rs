//! A coordinator records an answer that came by e-mail or on paper for a consulted
//! organisation: its stances clause by clause and its decision, if it sent one. The answer is
//! marked as recorded by the coordinator (the domain's `record_answer`).

use crate::components::clause_select::ClauseSelect;
use crate::components::decision_fields::DecisionFields;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, ClauseId, Decision, Stance, StanceValue};

#[component]
pub fn RecordAnswerForm() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let organisation = RwSignal::new(String::new());
    let clause = RwSignal::new(String::new());
    let value = RwSignal::new(String::from("supports"));
    let motivation = RwSignal::new(String::new());
    let stances = RwSignal::new(Vec::<(ClauseId, Stance)>::new());
    let decision = RwSignal::new(None::<Decision>);
    let message = RwSignal::new(None::<String>);
    let organisations = move || {
        live.read([Change::Participants, Change::Meta], |a| {
            a.consulted_organisations()
        })
        .into_iter()
        .map(|o| view! { <option value=o.clone()>{o.clone()}</option> })
        .collect_view()
    };
    let values = move || {
        let locale = locale.get();
        StanceValue::ALL
            .into_iter()
            .map(|v| view! { <option value=v.key()>{locale.text(&format!("stance.{}", v.key()), &[])}</option> })
            .collect_view()
    };
    let add = move |_| {
        let (Some(v), c) = (
            StanceValue::from_key(&value.get_untracked()),
            clause.get_untracked(),
        ) else {
            return;
        };
        if c.is_empty() {
            return;
        }
        let stance = Stance {
            value: v,
            motivation: motivation.get_untracked(),
        };
        stances.update(|s| {
            s.retain(|(k, _)| *k != c);
            s.push((c, stance));
        });
        motivation.set(String::new());
    };
    let record = move |_| {
        let org = organisation.get_untracked();
        let given = stances.get_untracked();
        let decided = decision.get_untracked();
        let now = js_sys::Date::now();
        let result = live.write(|a, me| a.record_answer(me, &org, &given, decided.as_ref(), now));
        let locale = locale.get_untracked();
        message.set(Some(match result {
            Ok(n) => {
                stances.set(Vec::new());
                locale.text(
                    "record.done",
                    &[("organisation", &org), ("number", &n.to_string())],
                )
            }
            Err(e) => locale.error(&e),
        }));
    };
    let listed = move || {
        let locale = locale.get();
        stances
            .get()
            .into_iter()
            .map(|(c, s)| {
                let word = locale.text(&format!("stance.{}", s.value.key()), &[]);
                let number = live.read([Change::Outline], |a| a.heading(&c).map(|h| h.number));
                view! { <li>{number.unwrap_or_default()}": "{word}" "{s.motivation}</li> }
            })
            .collect_view()
    };
    view! {
        <details class="record-answer ui">
            <summary>{t("record.title")}</summary>
            <label>
                {t("record.organisation")}
                <select id="record-organisation" on:change=move |ev| organisation.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {organisations}
                </select>
            </label>
            <fieldset>
                <legend>{t("record.stances")}</legend>
                <ClauseSelect id="record-clause" chosen=clause />
                <label>
                    {t("matrix.filter-stance")}
                    <select id="record-stance" on:change=move |ev| value.set(event_target_value(&ev))>{values}</select>
                </label>
                <label>{t("matrix.detail-motivation")}<input id="record-motivation" bind:value=motivation /></label>
                <button type="button" on:click=add>{t("decision.add")}</button>
                <ul>{listed}</ul>
            </fieldset>
            <DecisionFields decision=decision />
            <button type="button" class="primary" on:click=record>{t("record.submit")}</button>
            <p role="status">{move || message.get()}</p>
        </details>
    }
}
