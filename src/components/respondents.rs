//! The coordinator names each organisation's respondent — the one participant who sends the
//! organisation's answer — in the participants panel, and changes them. An organisation with
//! nobody named cannot answer, so it is flagged here.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, Change, Participant, Role};

/// One organisation's line: its name, who answers for it (or a flag), and the choice.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    organisation: String,
    respondent: Option<String>,
    people: Vec<Participant>,
}

#[component]
pub fn Respondents() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let lines = move || {
        live.read([Change::Participants], |a| {
            let people = a.participants();
            a.organisations()
                .into_iter()
                .map(|organisation| Line {
                    respondent: a.respondent_of(&organisation),
                    people: people
                        .iter()
                        .filter(|p| p.organisation == organisation && p.role != Role::Observer)
                        .cloned()
                        .collect(),
                    organisation,
                })
                .filter(|l| !l.people.is_empty())
                .collect::<Vec<_>>()
        })
    };
    let may_manage = move || live.may(Action::Manage);
    let error = RwSignal::new(None::<String>);
    let choose = move |organisation: String, id: String| match live
        .write(|a, me| a.set_respondent(me, &organisation, &id))
    {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(locale.get_untracked().error(&e))),
    };
    view! {
        <section class="respondents">
            <h3 id="respondents-title">{t("meeting.respondents.title")}</h3>
            <p class="hint">{t("meeting.respondents.hint")}</p>
            <ul>
                {move || {
                    lines()
                        .into_iter()
                        .map(|line| {
                            let field = format!("respondent-{}", line.organisation.replace(' ', "-"));
                            let missing = line.respondent.is_none();
                            let org = line.organisation.clone();
                            view! {
                                <li class:missing=missing data-organisation=line.organisation.clone()>
                                    <label for=field.clone()>{line.organisation.clone()}</label>
                                    <select
                                        id=field
                                        disabled=move || !may_manage()
                                        on:change=move |ev| choose(org.clone(), event_target_value(&ev))
                                    >
                                        {missing.then(|| view! { <option value="" selected=true>{t("meeting.respondents.none_chosen")}</option> })}
                                        {line
                                            .people
                                            .iter()
                                            .map(|p| {
                                                let chosen = line.respondent.as_deref() == Some(p.id.as_str());
                                                view! { <option value=p.id.clone() selected=chosen>{p.name.clone()}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                    {missing.then(|| view! { <span class="flag">{t("meeting.respondents.missing")}</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
