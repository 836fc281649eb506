//! Table of contents: chapters and clauses with their remark counts.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn Toc() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let entries = move || {
        live.read(|a| {
            let counts = a.counts();
            a.chapters()
                .into_iter()
                .map(|ch| {
                    let clauses: Vec<_> = ch
                        .clauses
                        .into_iter()
                        .map(|c| {
                            let n = counts.get(&c.id).map(|k| k.remarks).unwrap_or(0);
                            (c, n)
                        })
                        .collect();
                    (ch.id, ch.number, ch.title, clauses)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="toc" aria-label=move || locale.get().text("toc.label", &[])>
            <h2>{t("toc.label")}</h2>
            <ol>
                {move || {
                    let l = locale.get();
                    entries()
                        .into_iter()
                        .map(|(id, number, title, clauses)| {
                            view! {
                                <li>
                                    <a href=format!("#chapter-{id}")>{format!("{number} {title}")}</a>
                                    <ol>
                                        {clauses
                                            .into_iter()
                                            .map(|(c, count)| {
                                                let label = l.text_n("toc.remarks", count, &[]);
                                                view! {
                                                    <li>
                                                        <a href=format!("#clause-{}", c.id)>
                                                            {format!("{} {}", c.number, c.heading)}
                                                        </a>
                                                        {(count > 0)
                                                            .then(|| {
                                                                view! {
                                                                    <span class="count">
                                                                        <span aria-hidden="true">{count}</span>
                                                                        <span class="visually-hidden">{label}</span>
                                                                    </span>
                                                                }
                                                            })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
