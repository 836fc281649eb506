//! For a participant who drafts their organisation's stances but does not send its answer: who
//! does, or that nobody has been named yet and who can name someone. Without it a member of an
//! organisation invited from the app finds no send button and no reason.

use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, Change};

#[component]
pub fn RespondentNotice() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let notice = move || {
        if !live.may(Action::DraftStance) {
            return None;
        }
        let respondent = live.read([Change::Participants], |a| {
            a.respondent_of(&me.organisation).map(|id| {
                let name = a.participant(&id).map(|p| p.name).unwrap_or_default();
                (id, name)
            })
        });
        let l = locale.get();
        match respondent {
            Some((id, _)) if id == me.id => None,
            Some((_, name)) => Some(l.text("meeting.respondent.other", &[("name", &name)])),
            None => Some(l.text(
                "meeting.respondent.nobody",
                &[("organisation", &me.organisation)],
            )),
        }
    };
    view! {
        {move || notice().map(|text| view! { <p class="respondent-notice" role="note">{text}</p> })}
    }
}
