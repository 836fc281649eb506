//! The reply field under a remark: opened on demand, its draft kept on the device, its
//! @mentions offered as the reader types, sent through the domain's guard.

use crate::i18n::{t, use_i18n, I18nCtx};
use crate::live::{use_live, Live};
use crate::writes;
use leptos::prelude::*;
use samrad_domain::Action;

/// What the reader has in the reply field: whether it is open, the text, the people mentioned
/// and the last refusal.
#[derive(Clone, Copy)]
struct ReplyDraft {
    open: RwSignal<bool>,
    body: RwSignal<String>,
    mentions: RwSignal<Vec<String>>,
    error: RwSignal<Option<String>>,
}

/// `remark` is the remark replied to, `clause` its clause (for presence), `author_name` whom
/// the field's label names.
#[component]
pub fn ReplyBox(remark: String, clause: String, author_name: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let draft = ReplyDraft {
        open: RwSignal::new(false),
        body: RwSignal::new(String::new()),
        mentions: RwSignal::new(Vec::new()),
        error: RwSignal::new(None),
    };
    // A reply typed but not sent is kept on the device and comes back into this field; until
    // the reader opens it, the closed box says a draft waits (as a clause does for a remark),
    // or a reload would look as if the reply was lost.
    let waiting = RwSignal::new(live.keep_text_draft(
        crate::live::reply_draft_key(&remark),
        draft.body,
        draft.open,
        String::new,
    ));
    let label = Signal::derive(move || {
        locale
            .get()
            .text("remark.reply_label", &[("name", &author_name)])
    });
    let field_id = StoredValue::new(format!("reply-{remark}"));
    let typing = Callback::new({
        let clause = clause.clone();
        move |typing: bool| live.announce(Some(&clause), typing)
    });
    let send = send_reply(live, locale, remark, clause, draft);
    view! {
        <Show when=move || live.may(Action::Reply)>
            <Show
                when=move || draft.open.get()
                fallback=move || {
                    view! {
                        <button class="link-button" data-action="reply" on:click=move |_| {
                            waiting.set(false);
                            draft.open.set(true);
                        }>
                            {t("remark.reply_open")}
                        </button>
                        {move || waiting.get().then(|| view! {
                            <span class="draft-waiting" data-testid="reply-draft-waiting">{t("device.draft_restored")}</span>
                        })}
                    }
                }
            >
                <form class="reply-form" on:submit=move |ev| send.run(ev)>
                    {crate::later::part(move || crate::later::reply_field(
                        field_id.get_value(),
                        label,
                        draft.body,
                        draft.mentions,
                        typing,
                    ))}
                    {move || draft.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary">{t("remark.reply_submit")}</button>
                        <button type="button" on:click=move |_| draft.open.set(false)>
                            {t("remark.cancel")}
                        </button>
                    </div>
                </form>
            </Show>
        </Show>
    }
}

/// Sends the reply; on success the field closes empty and the reader's presence on the clause
/// stops saying they type, on a refusal the text stays with the reason beside it.
fn send_reply(
    live: Live,
    locale: I18nCtx,
    remark: String,
    clause: String,
    draft: ReplyDraft,
) -> Callback<leptos::ev::SubmitEvent> {
    Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = draft.body.get_untracked();
        let mentions = draft.mentions.get_untracked();
        let now = js_sys::Date::now();
        // The write's code is in the interactive parts' file (writes.rs).
        let reply = writes::reply(
            live,
            locale.get_untracked(),
            remark.clone(),
            body,
            mentions,
            now,
        );
        let clause = clause.clone();
        leptos::task::spawn_local(async move {
            match reply.await {
                Ok(()) => {
                    draft.body.set(String::new());
                    draft.mentions.set(Vec::new());
                    draft.error.set(None);
                    draft.open.set(false);
                    live.announce(Some(&clause), false);
                }
                Err(e) => draft.error.set(Some(e)),
            }
        });
    })
}
