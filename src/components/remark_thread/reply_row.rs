//! One reply in its thread.

use crate::components::remark_card::{RemarkCard, RemarkEdit};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{ParticipantId, Remark};

/// One reply in its thread, listed by id: like the remark's own card, built anew whenever the
/// reply changes (its wording, the server's stamp, a withdrawal), while what the reader has
/// open on it — the author's edit, the earlier wordings — lives as long as the row.
#[component]
pub fn ReplyRow(thread: Memo<Option<Remark>>, id: String, me: ParticipantId) -> impl IntoView {
    let live = use_live();
    // Where the reply stood in the thread last time: looked at first, so a change to the
    // thread costs each row one comparison rather than a search of every reply.
    let at = StoredValue::new(0_usize);
    let reply = {
        let id = id.clone();
        Memo::new(move |_| {
            thread.with(|t| {
                let replies = &t.as_ref()?.replies;
                let hint = at.get_value();
                if let Some(r) = replies.get(hint).filter(|r| r.id == id) {
                    return Some(r.clone());
                }
                let found = replies.iter().position(|r| r.id == id)?;
                at.set_value(found);
                Some(replies[found].clone())
            })
        })
    };
    // `<For>` lists the ids the same thread holds, so the reply is there as its row is made.
    let Some(first) = reply.get_untracked() else {
        return ().into_any();
    };
    let edit = RemarkEdit::new(live, &first, &me);
    let history_open = RwSignal::new(false);
    // Addressable, so a notice about a reply leads to it.
    let dom_id = format!("remark-{id}");
    view! {
        <li class="reply" id=dom_id data-remark=id>
            {move || reply.get().map(|r| {
                edit.rebuilding(&r);
                view! { <RemarkCard remark=r edit history_open /> }
            })}
        </li>
    }
    .into_any()
}
