//! An organisation's stance on a clause. Members draft their own organisation's stance with a
//! motivation; everyone sees each organisation's sent stance. Drafts are offered only while
//! the agreement is out for consultation. With many organisations the sent stances show as a
//! tally per stance until the reader asks for every organisation's.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, Change, StanceValue};

/// Lists of sent stances up to this long show whole; longer ones as a tally first.
const COLLAPSE_AFTER: usize = 8;

/// UI string key of a stance value.
pub fn stance_key(value: StanceValue) -> &'static str {
    match value {
        StanceValue::Supports => "stance.supports",
        StanceValue::Opposes => "stance.opposes",
        StanceValue::SupportsWithChanges => "stance.supports_with_changes",
        StanceValue::NoRemarks => "stance.no_remarks",
    }
}

#[component]
pub fn StancePanel(clause: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let org = me.organisation.clone();
    let id = clause.clone();
    let sent = Memo::new(move |_| live.read([Change::Stances(id.clone())], |a| a.sent_on(&id)));
    let expanded = RwSignal::new(false);
    let collapsed = move || !expanded.get() && sent.with(Vec::len) > COLLAPSE_AFTER;
    let id = clause.clone();
    let own_org = org.clone();
    let own =
        Memo::new(move |_| live.read([Change::Stances(id.clone())], |a| a.stance(&own_org, &id)));
    let can_draft = move || live.may(Action::DraftStance);
    let value = RwSignal::new(None::<StanceValue>);
    let motivation = RwSignal::new(String::new());
    // A stance picked but not saved is kept on the device and comes back here.
    let draft_key = StoredValue::new(format!("stance:{clause}"));
    let mut kept = live.draft::<(Option<StanceValue>, String)>(&draft_key.get_value());
    Effect::new(move |_| {
        let cell = own.get();
        value.set(cell.draft.as_ref().map(|d| d.value));
        motivation.set(cell.draft.map(|d| d.motivation).unwrap_or_default());
        if let Some((v, m)) = kept.take() {
            value.set(v);
            motivation.set(m);
        }
    });
    Effect::new(move |_| {
        let picked = (value.get(), motivation.get());
        let saved = own.with_untracked(|c| {
            c.draft
                .as_ref()
                .map(|d| (Some(d.value), d.motivation.clone()))
                .unwrap_or_default()
        });
        let unsaved = picked != saved && (picked.0.is_some() || !picked.1.trim().is_empty());
        live.keep_draft(&draft_key.get_value(), unsaved.then_some(&picked));
    });
    // A choice on the page that is not the saved draft: said here, counted in the answer bar.
    let unsaved_stances = crate::unsaved_stances::use_unsaved_stances();
    let unsaved = move || {
        let saved = own.with(|c| c.draft.clone());
        let chosen = value.get();
        match (chosen, saved) {
            (None, None) => false,
            (Some(v), Some(s)) => v != s.value || motivation.get() != s.motivation,
            _ => chosen.is_some(),
        }
    };
    {
        let clause = clause.clone();
        Effect::new(move |_| unsaved_stances.mark(&clause, unsaved()));
    }
    {
        let clause = clause.clone();
        on_cleanup(move || unsaved_stances.mark(&clause, false));
    }
    let error = RwSignal::new(None::<String>);
    let save = {
        let clause = clause.clone();
        Callback::new(move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(v) = value.get_untracked() else {
                return;
            };
            let now = js_sys::Date::now();
            // The write's code is in the interactive parts' file (writes.rs).
            let set = crate::writes::set_stance(
                live,
                locale.get_untracked(),
                clause.clone(),
                v,
                motivation.get_untracked(),
                now,
            );
            leptos::task::spawn_local(async move { error.set(set.await.err()) });
        })
    };
    let select_id = StoredValue::new(format!("stance-{clause}"));
    let motivation_id = StoredValue::new(format!("stance-motivation-{clause}"));
    let org = StoredValue::new(org);
    let status = move || {
        let cell = own.get();
        let l = locale.get();
        if unsaved() {
            l.text("meeting.stance.unsaved", &[])
        } else if cell.unsent_changes() {
            l.text("stance.draft_status", &[])
        } else if let Some(n) = cell.revision.filter(|_| cell.sent.is_some()) {
            l.text("stance.sent_status", &[("number", &n.to_string())])
        } else {
            String::new()
        }
    };
    view! {
        <section class="stances" aria-label=move || locale.get().text("stance.label", &[])>
            <ul class="sent-stances">
                {move || {
                    collapsed()
                        .then(|| {
                            sent.with(|all| {
                                StanceValue::ALL
                                    .into_iter()
                                    .map(|v| (v, all.iter().filter(|(_, s, _)| s.value == v).count()))
                                    .filter(|(_, n)| *n > 0)
                                    .map(|(v, n)| {
                                        view! {
                                            <li class=format!("stance-chip stance-tally stance-{}", v.key())>
                                                <strong>{t(stance_key(v))}</strong>
                                                {format!(" {n}")}
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                        })
                }}
                {move || {
                    let shown = if collapsed() { Vec::new() } else { sent.get() };
                    shown
                        .into_iter()
                        .map(|(org, s, _)| {
                            let key = stance_key(s.value);
                            view! {
                                <li class=format!("stance-chip stance-{}", s.value.key())>
                                    <span class="stance-org">{org}": "</span>
                                    <strong>{t(key)}</strong>
                                    {(!s.motivation.is_empty()).then(|| format!(" – {}", s.motivation))}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                collapsed()
                    .then(|| {
                        let label = locale
                            .get()
                            .text_n("stance.show_all", sent.with(Vec::len), &[]);
                        view! {
                            <button type="button" class="link-button show-all" on:click=move |_| expanded.set(true)>
                                {label}
                            </button>
                        }
                    })
            }}
            <Show when=can_draft>
                <form class="stance-form" on:submit=move |ev| save.run(ev)>
                    <label for=select_id.get_value()>
                        {move || locale.get().text("stance.own", &[("organisation", &org.get_value())])}
                    </label>
                    <select
                        id=select_id.get_value()
                        on:change=move |ev| value.set(StanceValue::from_key(&event_target_value(&ev)))
                    >
                        <option value="" selected=move || value.get().is_none()>{t("stance.choose")}</option>
                        {StanceValue::ALL
                            .into_iter()
                            .map(|v| {
                                view! {
                                    <option value=v.key() selected=move || value.get() == Some(v)>
                                        {t(stance_key(v))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <label for=motivation_id.get_value()>{t("stance.motivation")}</label>
                    <textarea
                        id=motivation_id.get_value()
                        rows="2"
                        prop:value=move || motivation.get()
                        on:input=move |ev| motivation.set(event_target_value(&ev))
                    ></textarea>
                    <div class="actions">
                        <button type="submit">{t("stance.save")}</button>
                        <span class="stance-status" class:unsaved-choice=unsaved>{status}</span>
                    </div>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </form>
            </Show>
        </section>
    }
}
