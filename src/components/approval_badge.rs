//! A chapter's approval beside its heading: by whom and when, and that its wording is locked —
//! or that a coordinator reopened it, and why.

use crate::format;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn ApprovalBadge(chapter: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let approval =
        Memo::new(move |_| live.read([Change::Outline], |a| a.chapter_approval(&chapter)));
    move || {
        approval.get().map(|a| {
            let locale = locale.get();
            let date = format::date(a.on_ms, locale);
            let (class, text) = match &a.reopened {
                None => (
                    "approval-badge locked",
                    locale.text("approval.locked", &[("body", &a.body), ("date", &date)]),
                ),
                Some(r) => (
                    "approval-badge reopened",
                    locale.text(
                        "approval.reopened",
                        &[("body", &a.body), ("date", &date), ("reason", &r.reason)],
                    ),
                ),
            };
            view! { <p class=class data-testid="approval">{text}</p> }
        })
    }
}
