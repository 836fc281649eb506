//! A remark as a card: who, when, what kind, the quoted text, the remark (Markdown),
//! a proposal's word diff with support and opposition, the coordinators' disposition, the
//! author's own edit and withdraw, and the replies with a reply field that offers @mentions.
//! Replies re-render on their own, so a reader typing a reply keeps the draft while others
//! answer in the same thread.

use crate::components::remark_card::{RemarkCard, RemarkEdit};
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::writes;
use leptos::prelude::*;
use samrad_domain::{Action, Change, ParticipantId, Remark};

#[component]
pub fn RemarkThread(id: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
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
    let clause = first.clause.clone();
    let me = live.me().id;
    // The author's edit outlives the card, which is built anew when the remark changes.
    let edit = RemarkEdit::new(live, &first, &me);
    let history_open = RwSignal::new(false);
    let replying_box = RwSignal::new(false);
    let reply_body = RwSignal::new(String::new());
    // A reply typed but not sent is kept on the device and opens again here.
    live.keep_text_draft(format!("reply:{id}"), reply_body, replying_box, String::new);
    let (replying, set_replying) = replying_box.split();
    let reply_mentions = RwSignal::new(Vec::<String>::new());
    let reply_error = RwSignal::new(None::<String>);
    let reply_label = Signal::derive({
        let name = first.author_name.clone();
        move || locale.get().text("remark.reply_label", &[("name", &name)])
    });
    let send_reply = {
        let id = id.clone();
        let clause = clause.clone();
        Callback::new(move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = reply_body.get_untracked();
            let mentions = reply_mentions.get_untracked();
            let now = js_sys::Date::now();
            // The write's code is in the interactive parts' file (writes.rs).
            let reply = writes::reply(
                live,
                locale.get_untracked(),
                id.clone(),
                body,
                mentions,
                now,
            );
            let clause = clause.clone();
            leptos::task::spawn_local(async move {
                match reply.await {
                    Ok(()) => {
                        reply_body.set(String::new());
                        reply_mentions.set(Vec::new());
                        reply_error.set(None);
                        set_replying.set(false);
                        live.announce(Some(&clause), false);
                    }
                    Err(e) => reply_error.set(Some(e)),
                }
            });
        })
    };
    let reply_ids = move || {
        thread
            .with(|t| {
                t.as_ref()
                    .map(|r| r.replies.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    };
    let may_reply = move || live.may(Action::Reply);
    let data_remark = id.clone();
    let reply_field = StoredValue::new(format!("reply-{id}"));
    let typing = Callback::new({
        let c = clause.clone();
        move |typing: bool| live.announce(Some(&c), typing)
    });
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
            <Show when=may_reply>
                <Show
                    when=move || replying.get()
                    fallback=move || {
                        view! {
                            <button class="link-button" data-action="reply" on:click=move |_| set_replying.set(true)>
                                {t("remark.reply_open")}
                            </button>
                        }
                    }
                >
                    <form class="reply-form" on:submit=move |ev| send_reply.run(ev)>
                        {crate::later::part(move || crate::later::reply_field(
                            reply_field.get_value(),
                            reply_label,
                            reply_body,
                            reply_mentions,
                            typing,
                        ))}
                        {move || reply_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                        <div class="actions">
                            <button type="submit" class="primary">{t("remark.reply_submit")}</button>
                            <button type="button" on:click=move |_| set_replying.set(false)>
                                {t("remark.cancel")}
                            </button>
                        </div>
                    </form>
                </Show>
            </Show>
        </li>
    }
    .into_any()
}

/// One reply in its thread, listed by id: like the remark's own card, built anew whenever the
/// reply changes (its wording, the server's stamp, a withdrawal), while what the reader has
/// open on it — the author's edit, the earlier wordings — lives as long as the row.
#[component]
fn ReplyRow(thread: Memo<Option<Remark>>, id: String, me: ParticipantId) -> impl IntoView {
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
