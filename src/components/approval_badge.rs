//! A chapter's approval beside its heading: by whom and when, and that its wording is locked —
//! or that a coordinator reopened it, and why; where asked, that it has none yet.

use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn ApprovalBadge(
    chapter: String,
    /// Whether a chapter without an approval says so (the remiss page's list of every chapter)
    /// rather than showing nothing (beside the chapter's heading in the agreement).
    #[prop(optional)]
    say_none: bool,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let approval =
        Memo::new(move |_| live.read([Change::Outline], |a| a.chapter_approval(&chapter)));
    move || {
        let Some(a) = approval.get() else {
            return say_none.then(|| {
                view! { <p class="approval-badge none" data-testid="not-approved">{t("approval.none")}</p> }
                    .into_any()
            });
        };
        Some({
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
            view! { <p class=class data-testid="approval">{text}</p> }.into_any()
        })
    }
}
