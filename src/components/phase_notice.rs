//! Why the reader's writing controls are gone: a member or lawyer whose agreement has moved on
//! to compilation or closed, or an observer, finds no "remark on the clause" button and no
//! stance form, and without a line saying so reads it as a fault.

use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Phase, Role};

/// The line for `role` in `phase`, when what they may write there is less than they expect.
pub fn notice_key(role: Role, phase: Phase) -> Option<&'static str> {
    match (role, phase) {
        (Role::Observer, _) => Some("meeting.phase_notice.observer"),
        (Role::Coordinator, _) => None,
        (_, Phase::Merging) => Some("meeting.phase_notice.merging"),
        (_, Phase::Closed) => Some("meeting.phase_notice.closed"),
        (_, Phase::Drafting | Phase::Consultation) => None,
    }
}

#[component]
pub fn PhaseNotice() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let role = live.me().role;
    let key = Memo::new(move |_| live.read([Change::Meta], |a| notice_key(role, a.phase())));
    move || {
        key.get().map(|key| {
            view! {
                <p class="phase-notice" role="note" data-testid="phase-notice">
                    {move || locale.get().text(key, &[])}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_why_only_where_writing_is_withheld() {
        use samrad_domain::{may, Action};
        for role in [
            Role::Member,
            Role::Jurist,
            Role::Coordinator,
            Role::Observer,
        ] {
            for phase in Phase::ALL {
                let writes = may(role, phase, Action::Remark);
                let noticed = notice_key(role, phase).is_some();
                // A coordinator in a closed agreement has the phase control beside the line.
                if role != Role::Coordinator {
                    assert_eq!(noticed, !writes, "{role:?} in {phase:?}");
                }
            }
        }
    }
}
