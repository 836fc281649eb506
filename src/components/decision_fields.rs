//! The formal decision sent with an answer: the body that decided, the date, the § or
//! saksnummer, reservations and special statements by party, and conditions on single
//! clauses. Left empty, the answer goes without one. The server judges it as the writer does
//! (a body and a date that has come; parties named; conditions on clauses the answer answers).

use crate::components::clause_select::ClauseSelect;
use crate::components::date_field::DateField;
use crate::i18n::t;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Condition, Decision, Reservation, ReservationKind};

#[component]
pub fn DecisionFields(decision: RwSignal<Option<Decision>>) -> impl IntoView {
    let body = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let item = RwSignal::new(String::new());
    let reservations = RwSignal::new(Vec::<Reservation>::new());
    let conditions = RwSignal::new(Vec::<Condition>::new());
    // The decision as the fields stand: none until a body is named.
    Effect::new(move |_| {
        let named = body.get();
        decision.set((!named.trim().is_empty()).then(|| Decision {
            body: named.trim().to_string(),
            date: date.get(),
            item: item.get().trim().to_string(),
            reservations: reservations.get(),
            conditions: conditions.get(),
        }));
    });
    let party = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("reservation"));
    let statement = RwSignal::new(String::new());
    let add_reservation = move |_| {
        if party.get_untracked().trim().is_empty() {
            return;
        }
        reservations.update(|r| {
            r.push(Reservation {
                party: party.get_untracked().trim().to_string(),
                kind: if kind.get_untracked() == "reservation" {
                    ReservationKind::Reservation
                } else {
                    ReservationKind::SpecialStatement
                },
                text: statement.get_untracked(),
            })
        });
        party.set(String::new());
        statement.set(String::new());
    };
    let clause = RwSignal::new(String::new());
    let condition = RwSignal::new(String::new());
    let add_condition = move |_| {
        if clause.get_untracked().is_empty() || condition.get_untracked().trim().is_empty() {
            return;
        }
        conditions.update(|c| {
            c.push(Condition {
                clause: clause.get_untracked(),
                text: condition.get_untracked(),
            })
        });
        condition.set(String::new());
    };
    // Listed by the clause's number, as chosen, not by its id.
    let live = use_live();
    let number = move |clause: &str| {
        live.read([Change::Outline], |a| a.heading(clause).map(|h| h.number))
            .unwrap_or_default()
    };
    let listed = move || {
        let r = reservations
            .get()
            .into_iter()
            .map(|r| view! { <li>{r.party}": "{r.text}</li> });
        let c = conditions
            .get()
            .into_iter()
            .map(|c| view! { <li>{number(&c.clause)}": "{c.text}</li> });
        r.chain(c).collect_view()
    };
    view! {
        <details class="decision-fields ui">
            <summary>{t("decision.title")}</summary>
            <label>{t("decision.body")}<input id="decision-body" bind:value=body maxlength="120" /></label>
            <label>{t("decision.date")}<DateField id="decision-date" value=date /></label>
            <label>{t("decision.item")}<input id="decision-item" bind:value=item maxlength="60" /></label>
            <fieldset>
                <legend>{t("decision.reservations")}</legend>
                <label>{t("decision.party")}<input id="decision-party" bind:value=party /></label>
                <label>
                    {t("decision.kind")}
                    <select id="decision-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="reservation">{t("decision.reservation")}</option>
                        <option value="special_statement">{t("decision.special_statement")}</option>
                    </select>
                </label>
                <label>{t("decision.statement")}<input id="decision-statement" bind:value=statement /></label>
                <button type="button" on:click=add_reservation>{t("decision.add")}</button>
            </fieldset>
            <fieldset>
                <legend>{t("decision.conditions")}</legend>
                <ClauseSelect id="decision-clause" chosen=clause />
                <label>{t("decision.condition")}<input id="decision-condition" bind:value=condition /></label>
                <button type="button" on:click=add_condition>{t("decision.add")}</button>
            </fieldset>
            <ul class="decision-listed">{listed}</ul>
        </details>
    }
}
