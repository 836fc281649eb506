//! The compilation's chapters and clauses: chapters keyed by their outline, clauses by id, so
//! a change to one clause re-renders that clause, and clauses shown later are only appended —
//! a screenful at once, the rest a few per animation frame (see progressive.rs).

use crate::components::compilation_clause::CompilationClause;
use crate::i18n::t;
use crate::kept_compilation::LiveCompilation;
use crate::progressive::{filling, progressive};
use leptos::prelude::*;
use samrad_domain::ClauseId;

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
    let shown = progressive(FIRST_CLAUSES, STEP, total);
    let busy = filling(shown, total);
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
                        <section class="compilation-chapter">
                            <h3>{heading}</h3>
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
