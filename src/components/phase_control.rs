//! The phase of the consultation, shown to everyone and changed by coordinators.

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
    let error = RwSignal::new(None::<String>);
    view! {
        <div class="phase">
            {if manages {
                view! {
                    <label for="phase-select" class="phase-label">{t("phase.label")}</label>
                    <select
                        id="phase-select"
                        on:change=move |ev| {
                            if let Some(p) = Phase::from_key(&event_target_value(&ev)) {
                                // A consultation runs six weeks unless the coordinator says otherwise.
                                let deadline = (p == Phase::Consultation)
                                    .then(|| js_sys::Date::now() + 42.0 * 86_400_000.0);
                                let r = live.write(|a, me| a.set_phase(me, p, deadline));
                                error.set(r.err().map(|e| locale.get_untracked().error(&e)));
                            }
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
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </div>
    }
}
