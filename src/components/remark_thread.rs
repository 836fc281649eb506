//! A remark as a card: who, when, what kind, the quoted text, the remark (Markdown),
//! a proposal's word diff with support and opposition, the coordinators' disposition, the
//! author's own edit and withdraw, and the replies with a reply field that offers @mentions.
//! Replies re-render on their own, so a reader typing a reply keeps the draft while others
//! answer in the same thread.

mod reply_box;
mod reply_row;

use crate::components::remark_card::{RemarkCard, RemarkEdit};
use crate::live::use_live;
use leptos::prelude::*;
use reply_box::ReplyBox;
use reply_row::ReplyRow;
use samrad_domain::{Change, Remark};

#[component]
pub fn RemarkThread(id: String) -> impl IntoView {
    let live = use_live();
    let thread = {
        let id = id.clone();
        Memo::new(move |_| live.read([Change::Remark(id.clone())], |a| a.remark(&id)))
    };
    // The remark itself, apart from its replies: a new reply does not rebuild the card.
    let remark = Memo::new(move |_| {
        thread.with(|t| {
            t.as_ref().map(|r| Remark {
                replies: Vec::new(),
                ..r.clone()
            })
        })
    });
    let Some(first) = remark.get_untracked() else {
        return ().into_any();
    };
    let me = live.me().id;
    // The author's edit outlives the card, which is built anew when the remark changes.
    let edit = RemarkEdit::new(live, &first, &me);
    let history_open = RwSignal::new(false);
    let reply_ids = move || {
        thread
            .with(|t| {
                t.as_ref()
                    .map(|r| r.replies.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    };
    let data_remark = id.clone();
    let dom_id = format!("remark-{id}");
    view! {
        <li class="remark" id=dom_id data-remark=data_remark data-kind=first.kind.key()>
            {move || remark.get().map(|r| {
                edit.rebuilding(&r);
                view! { <RemarkCard remark=r edit history_open /> }
            })}
            <ol class="replies">
                <For
                    each=reply_ids
                    key=|id| id.clone()
                    children=move |reply_id| view! { <ReplyRow thread id=reply_id me=me.clone() /> }
                />
            </ol>
            <ReplyBox remark=id clause=first.clause.clone() author_name=first.author_name.clone() />
        </li>
    }
    .into_any()
}
