//! Support and opposition on a proposal, one per participant, with the counts.

use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, Change, Support};

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
    let allowed = move || live.may(Action::Support);
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
    // Someone who may not take a position (an observer, a closed agreement) reads the counts;
    // buttons that do nothing are not offered.
    let counts = move || {
        let l = locale.get();
        let c = count.get();
        format!(
            "{} · {}",
            l.text_n("support.for", c.for_, &[]),
            l.text_n("support.against", c.against, &[])
        )
    };
    view! {
        <Show when=allowed fallback=move || view! { <p class="support support-counts">{counts}</p> }>
            <div class="support" role="group" aria-label=move || locale.get().text("support.label", &[])>
                <button
                    type="button"
                    class="support-for"
                    aria-pressed={
                        let mine_for = mine_for.clone();
                        move || (mine_for() == Some(Support::For)).to_string()
                    }
                    on:click={
                        let set_for = set_for.clone();
                        move |_| set_for(Support::For)
                    }
                >
                    {move || locale.get().text_n("support.for", count.get().for_, &[])}
                </button>
                <button
                    type="button"
                    class="support-against"
                    aria-pressed={
                        let mine = mine.clone();
                        move || (mine() == Some(Support::Against)).to_string()
                    }
                    on:click={
                        let set = set.clone();
                        move |_| set(Support::Against)
                    }
                >
                    {move || locale.get().text_n("support.against", count.get().against, &[])}
                </button>
            </div>
        </Show>
    }
}
