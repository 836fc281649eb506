//! The phase of the consultation, shown to everyone and changed by coordinators.

use crate::components::phase_confirm::PhaseConfirm;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{may, Action, Phase};

fn phase_key(p: Phase) -> &'static str {
    match p {
        Phase::Drafting => "phase.drafting",
        Phase::Consultation => "phase.consultation",
        Phase::Merging => "phase.merging",
        Phase::Closed => "phase.closed",
    }
}

#[component]
pub fn PhaseControl() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let phase = move || live.phase();
    let manages = may(me.role, Phase::Drafting, Action::Manage);
    // The phase asked for, waiting for the coordinator to confirm it (nothing written yet).
    let asked = RwSignal::new(None::<Phase>);
    let select = NodeRef::<leptos::html::Select>::new();
    let done = Callback::new(move |changed: bool| {
        asked.set(None);
        if !changed {
            // Back to the phase that holds: the select showed the one only asked for.
            if let Some(s) = select.get_untracked() {
                s.set_value(live.untracked(|a| a.phase()).key());
            }
        }
    });
    view! {
        <div class="phase">
            {if manages {
                view! {
                    <label for="phase-select" class="phase-label">{t("phase.label")}</label>
                    <select
                        id="phase-select"
                        node_ref=select
                        on:change=move |ev| {
                            asked.set(Phase::from_key(&event_target_value(&ev)));
                        }
                    >
                        {Phase::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.key() selected=move || phase() == p>{t(phase_key(p))}</option> })
                            .collect_view()}
                    </select>
                }
                .into_any()
            } else {
                view! {
                    <span class="phase-label">{t("phase.label")}": "</span>
                    <strong>{move || locale.get().text(phase_key(phase()), &[])}</strong>
                }
                .into_any()
            }}
            {move || asked.get().map(|p| view! { <PhaseConfirm phase=p on_done=done /> })}
        </div>
    }
}
