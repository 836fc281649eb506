//! One notice in the inbox: who did what, where, and when, as a link to the clause (and the
//! remark, once the clause's remarks are built near the screen). Following it marks the notice
//! read.

use crate::format::date_time;
use crate::i18n::{use_i18n, Locale};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, InboxItem, NoticeKind};
use wasm_bindgen::JsCast;

#[component]
pub fn InboxEntry(
    item: InboxItem,
    /// Called after the reader follows the link (closes the panel).
    on_open: Callback<()>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let inbox = live.inbox;
    let clause = item.notice.clause.clone();
    let place = {
        let clause = clause.clone();
        Memo::new(move |_| {
            let clause = clause.clone()?;
            live.read([Change::Outline], |a| a.heading(&clause))
                .map(|h| format!("{} {}", h.number, h.heading))
        })
    };
    let id = item.id;
    let read = Memo::new(move |_| inbox.items().iter().any(|i| i.id == id && i.read));
    let kind = item.notice.kind.key();
    let at = item.at_ms;
    let what = {
        let item = item.clone();
        move || describe(&item, locale.get(), place.get().as_deref())
    };
    // On the agreement the link goes straight to the clause and the remark. From a page beside
    // it, the router takes it to the agreement at the clause, which follows its address once
    // built (near.rs).
    let agreement = crate::session::use_agreement().page("");
    let here = crate::session::showing_agreement();
    let href = clause.as_ref().map(|c| format!("{agreement}#clause-{c}"));
    let target = StoredValue::new((clause, item.notice.remark.clone()));
    let follow = move |ev: leptos::ev::MouseEvent| {
        inbox.mark_read(Some(vec![id]));
        on_open.run(());
        if let (Some(clause), remark) = target.get_value() {
            if here.get_untracked() {
                ev.prevent_default();
                go_to(&clause, remark);
            }
        }
    };
    let when = move || date_time(at, locale.get());
    let link = move || {
        match href.clone() {
        Some(href) => view! { <a href=href on:click=follow>{what.clone()}</a> }.into_any(),
        None => view! {
            <button type="button" class="link-button" on:click=move |_| inbox.mark_read(Some(vec![id]))>
                {what.clone()}
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <li class="inbox-item" class:unread=move || !read.get() data-kind=kind data-notice=id>
            {link}
            <span class="inbox-when">{when}</span>
            <Show when=move || !read.get()>
                <span class="inbox-new">{move || locale.get().text("inbox.new", &[])}</span>
            </Show>
        </li>
    }
}

/// The notice in words.
fn describe(item: &InboxItem, l: Locale, place: Option<&str>) -> String {
    let n = &item.notice;
    let by = n.by.as_str();
    let place = place.unwrap_or("");
    match &n.kind {
        NoticeKind::Mention => l.text("inbox.mention", &[("name", by), ("clause", place)]),
        NoticeKind::Reply => l.text("inbox.reply", &[("name", by), ("clause", place)]),
        NoticeKind::Disposition { value } => {
            let value = l.text(&format!("disposition.{}", value.key()), &[]);
            let args = [("name", by), ("clause", place), ("value", value.as_str())];
            l.text("inbox.disposition", &args)
        }
        NoticeKind::Accepted => l.text("inbox.accepted", &[("name", by), ("clause", place)]),
        NoticeKind::Phase { phase } => {
            let phase = l.text(&format!("phase.{}", phase.key()), &[]);
            l.text("inbox.phase", &[("name", by), ("phase", &phase)])
        }
        NoticeKind::Deadline { deadline_ms } => {
            l.text("inbox.deadline", &[("date", &date_time(*deadline_ms, l))])
        }
        NoticeKind::Version { name } => l.text("inbox.version", &[("name", by), ("version", name)]),
        NoticeKind::Draft { clauses } => {
            l.text_n("inbox.draft", *clauses as usize, &[("name", by)])
        }
    }
}

/// Takes the reader to a clause, then — once the clause's remarks are built, which happens as
/// it comes near the screen — to the remark, focused so reading goes on from there.
fn go_to(clause: &str, remark: Option<String>) {
    let Some(target) = document().get_element_by_id(&format!("clause-{clause}")) else {
        return;
    };
    target.scroll_into_view();
    match remark {
        Some(remark) => find_remark(remark, 120),
        None => {
            let _ = window().location().set_hash(&format!("clause-{clause}"));
        }
    }
}

/// Waits up to `frames` animation frames for the remark's element, then follows it by address
/// (which keeps it in place while the clauses around it are built) and focuses it.
fn find_remark(remark: String, frames: u32) {
    let id = format!("remark-{remark}");
    if let Some(el) = document().get_element_by_id(&id) {
        let _ = el.set_attribute("tabindex", "-1");
        let _ = window().location().set_hash(&id);
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
        return;
    }
    if frames > 0 {
        request_animation_frame(move || find_remark(remark, frames - 1));
    }
}
