//! A remark with its replies and a reply form. Replies re-render on their own, so a reader
//! typing a reply keeps the draft while others answer in the same thread.

use crate::components::remark_form::RemarkForm;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Remark;

#[component]
pub fn RemarkThread(id: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let remark = {
        let id = id.clone();
        move || live.read(|a| a.remark(&id))
    };
    let (replying, set_replying) = signal(false);
    let Some(first) = remark() else {
        return ().into_any();
    };
    let reply_label = Signal::derive({
        let name = first.author_name.clone();
        move || locale.get().text("remark.reply_label", &[("name", &name)])
    });
    let submit = {
        let id = id.clone();
        Callback::new(move |body: String| {
            let now = js_sys::Date::now();
            let result = live
                .write(|a, me| a.reply(&id, me, &body, now))
                .map(|_| ())
                .map_err(|e| e.to_string());
            if result.is_ok() {
                set_replying.set(false);
            }
            result
        })
    };
    let replies = move || remark().map(|r| r.replies).unwrap_or_default();
    let data_remark = id.clone();
    let reply_field = format!("reply-{id}");
    view! {
        <li class="remark" data-remark=data_remark>
            <RemarkBody remark=first />
            <ol class="replies">
                <For
                    each=replies
                    key=|r| r.id.clone()
                    children=|r| {
                        let data = r.id.clone();
                        view! { <li class="reply" data-remark=data><RemarkBody remark=r /></li> }
                    }
                />
            </ol>
            <Show
                when=move || replying.get()
                fallback=move || {
                    view! {
                        <button class="link-button" on:click=move |_| set_replying.set(true)>
                            {t("remark.reply_open")}
                        </button>
                    }
                }
            >
                <RemarkForm
                    field_id=reply_field.clone()
                    label=reply_label
                    submit_key="remark.reply_submit"
                    on_submit=submit
                    on_cancel=Callback::new(move |_| set_replying.set(false))
                    autofocus=true
                />
            </Show>
        </li>
    }
    .into_any()
}

/// Author line and text of a remark or reply.
#[component]
fn RemarkBody(remark: Remark) -> impl IntoView {
    let locale = use_i18n();
    let when = remark.created_ms;
    view! {
        <div class="remark-meta">
            <span class="author">{remark.author_name}</span>
            <span class="organisation">{remark.organisation}</span>
            <time datetime=format::iso(when)>{move || format::date_time(when, locale.get())}</time>
        </div>
        <p class="remark-body">{remark.body}</p>
    }
}
