//! Support and opposition on a proposal, one per participant, with the counts.

use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{may, Action, Change, Support};

/// Support and oppose a proposal, with the counts.
#[component]
pub fn SupportButtons(proposal: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let id = proposal.clone();
    let count =
        Memo::new(move |_| live.read([Change::Support(id.clone())], |a| a.support_count(&id)));
    let id = proposal.clone();
    let me_id = me.id.clone();
    let mine = move || live.read([Change::Support(id.clone())], |a| a.support_of(&id, &me_id));
    let role = me.role;
    let allowed = move || may(role, live.phase(), Action::Support);
    let set = {
        let proposal = proposal.clone();
        move |choice: Support| {
            let current = live.untracked(|a| a.support_of(&proposal, &live.me().id));
            let next = (current != Some(choice)).then_some(choice);
            let _ = live.write(|a, me| a.set_support(me, &proposal, next));
        }
    };
    let set_for = set.clone();
    let mine_for = mine.clone();
    view! {
        <div class="support" role="group" aria-label=move || locale.get().text("support.label", &[])>
            <button
                type="button"
                class="support-for"
                aria-pressed=move || (mine_for() == Some(Support::For)).to_string()
                disabled=move || !allowed()
                on:click=move |_| set_for(Support::For)
            >
                {move || locale.get().text_n("support.for", count.get().for_, &[])}
            </button>
            <button
                type="button"
                class="support-against"
                aria-pressed=move || (mine() == Some(Support::Against)).to_string()
                disabled=move || !allowed()
                on:click=move |_| set(Support::Against)
            >
                {move || locale.get().text_n("support.against", count.get().against, &[])}
            </button>
        </div>
    }
}
