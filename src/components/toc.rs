//! Table of contents: chapters and clauses with their remark counts. Each count follows its
//! own clause's remarks; the list follows the outline.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::near::follow_fragment_link;
use leptos::prelude::*;
use samrad_domain::{Change, ClauseHeading};

#[component]
pub fn Toc() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let outline = Memo::new(move |_| live.read([Change::Outline], |a| a.outline()));
    let entry = move |c: ClauseHeading| {
        let id = c.id.clone();
        let count = Memo::new(move |_| {
            live.read([Change::Remarks(id.clone())], |a| a.counts_of(&id).remarks)
        });
        view! {
            <li>
                <a href=format!("#clause-{}", c.id) on:click=follow_fragment_link>{format!("{} {}", c.number, c.heading)}</a>
                <Show when=move || { count.get() > 0 }>
                    <span class="count">
                        <span aria-hidden="true">{move || count.get()}</span>
                        <span class="visually-hidden">
                            {move || locale.get().text_n("toc.remarks", count.get(), &[])}
                        </span>
                    </span>
                </Show>
            </li>
        }
    };
    view! {
        <nav class="toc" aria-label=move || locale.get().text("toc.label", &[])>
            <h2>{t("toc.label")}</h2>
            <ol>
                <For
                    each=move || outline.get()
                    key=|ch| (ch.id.clone(), ch.number.clone(), ch.title.clone())
                    children=move |ch| {
                        let id = ch.id.clone();
                        let clauses = move || {
                            outline.with(|o| {
                                o.iter().find(|c| c.id == id).map(|c| c.clauses.clone()).unwrap_or_default()
                            })
                        };
                        view! {
                            <li>
                                <a href=format!("#chapter-{}", ch.id) on:click=follow_fragment_link>{format!("{} {}", ch.number, ch.title)}</a>
                                <ol>
                                    <For
                                        each=clauses
                                        key=|c| (c.id.clone(), c.number.clone(), c.heading.clone())
                                        children=entry
                                    />
                                </ol>
                            </li>
                        }
                    }
                />
            </ol>
        </nav>
    }
}
