//! The compilation's chapters and clauses: chapters keyed by their outline, clauses by id, so
//! a change to one clause re-renders that clause, and clauses shown later are only appended —
//! a screenful at once, the rest a few per animation frame (see progressive.rs). A contents
//! list of the chapters leads to any of them, built first if it was not yet.

use crate::components::compilation_clause::CompilationClause;
use crate::i18n::t;
use crate::kept_compilation::LiveCompilation;
use crate::progressive::{fill, filling};
use leptos::prelude::*;
use samrad_domain::ClauseId;
use wasm_bindgen::JsCast;

/// Clauses shown at once, and added per animation frame after.
const FIRST_CLAUSES: usize = 4;
const STEP: usize = 3;

/// A chapter's heading and clause ids, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterOutline {
    pub heading: String,
    pub clauses: Vec<ClauseId>,
    /// How many clauses come before it.
    pub offset: usize,
}

#[component]
pub fn Clauses(
    compilation: LiveCompilation,
    outline: Memo<Option<Vec<ChapterOutline>>>,
) -> impl IntoView {
    let total = move || {
        outline.with(|o| {
            o.as_ref()
                .map_or(0, |o| o.iter().map(|c| c.clauses.len()).sum())
        })
    };
    let shown = fill(FIRST_CLAUSES, STEP, total, request_animation_frame);
    let busy = filling(shown.into(), total);
    let chapters = move || {
        outline.with(|o| {
            o.iter()
                .flatten()
                .filter(|c| c.offset < shown.get())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section
            class="compilation-views"
            aria-labelledby="compilation-views"
            aria-busy=move || busy.get().to_string()
        >
            <h2 id="compilation-views">{t("compilation.views")}</h2>
            <Contents outline=outline shown=shown />
            <For
                each=chapters
                key=|c| (c.heading.clone(), c.clauses.clone())
                children=move |chapter| {
                    let ChapterOutline { heading, clauses, offset } = chapter;
                    let visible = move || {
                        let n = shown.get().saturating_sub(offset);
                        clauses.iter().take(n).cloned().collect::<Vec<_>>()
                    };
                    view! {
                        <section class="compilation-chapter" id=chapter_anchor(offset)>
                            <h3 tabindex="-1">{heading}</h3>
                            <For
                                each=visible
                                key=|id| id.clone()
                                children=move |id| view! { <CompilationClause compilation=compilation id=id /> }
                            />
                        </section>
                    }
                }
            />
        </section>
    }
}

/// The id of the chapter section whose first clause is clause `offset` of the compilation.
fn chapter_anchor(offset: usize) -> String {
    format!("compilation-chapter-{offset}")
}

/// The chapters as links. A chapter further down than what is built yet is built first (the
/// clauses up to its end), then scrolled to and its heading given focus, so a keyboard or
/// screen reader user goes on reading from there.
#[component]
fn Contents(outline: Memo<Option<Vec<ChapterOutline>>>, shown: RwSignal<usize>) -> impl IntoView {
    let go = move |offset: usize, end: usize| {
        shown.update(|s| *s = (*s).max(end));
        request_animation_frame(move || {
            let Some(section) = document().get_element_by_id(&chapter_anchor(offset)) else {
                return;
            };
            section.scroll_into_view();
            if let Some(heading) = section
                .query_selector("h3")
                .ok()
                .flatten()
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    };
    let entries = move || {
        outline.with(|o| {
            o.iter()
                .flatten()
                .map(|c| {
                    let (offset, end) = (c.offset, c.offset + c.clauses.len());
                    view! {
                        <li>
                            <a
                                href=format!("#{}", chapter_anchor(offset))
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    go(offset, end);
                                }
                            >
                                {c.heading.clone()}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <nav class="compilation-contents ui" aria-labelledby="compilation-contents">
            <h3 id="compilation-contents">{t("compilation.contents")}</h3>
            <ol>{entries}</ol>
        </nav>
    }
}
