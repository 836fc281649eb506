//! The chapters that stood approved when a version was cut, as ranges ("Kapitel 1–5
//! godkända av ASU 17 april 2024"): what the version's readers may take as settled.

use crate::format;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use samrad_domain::Approval;

/// One chapter's number and its approval, in the outline's order.
pub type ChapterApproval = (String, Option<Approval>);

/// Runs of neighbouring chapters approved together (same body, same day) at `cut_ms`.
fn ranges(chapters: &[ChapterApproval], cut_ms: f64) -> Vec<(String, String, String, f64)> {
    let mut out: Vec<(String, String, String, f64)> = Vec::new();
    let mut open = false;
    for (number, approval) in chapters {
        let standing = approval
            .as_ref()
            .filter(|a| a.at_ms <= cut_ms && a.reopened.as_ref().is_none_or(|r| r.at_ms > cut_ms));
        match (standing, out.last_mut()) {
            (Some(a), Some(last)) if open && last.2 == a.body && last.3 == a.on_ms => {
                last.1 = number.clone();
            }
            (Some(a), _) => {
                out.push((number.clone(), number.clone(), a.body.clone(), a.on_ms));
                open = true;
            }
            (None, _) => open = false,
        }
    }
    out
}

#[component]
pub fn VersionApprovals(chapters: Memo<Vec<ChapterApproval>>, cut_ms: f64) -> impl IntoView {
    let locale = use_i18n();
    move || {
        let runs = chapters.with(|c| ranges(c, cut_ms));
        (!runs.is_empty()).then(|| {
            let locale = locale.get();
            let lines: Vec<String> = runs
                .into_iter()
                .map(|(first, last, body, on)| {
                    let span = if first == last {
                        first
                    } else {
                        format!("{first}–{last}")
                    };
                    let date = format::date(on, locale);
                    locale.text(
                        "approval.in_version",
                        &[("chapters", &span), ("body", &body), ("date", &date)],
                    )
                })
                .collect();
            view! {
                <ul class="version-approvals">
                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
