//! The agreement's text as one version reads, not editable: chapters, numbered clauses and
//! their wording with its Markdown emphasis and lists, and — when given — the remark threads
//! on each clause with author and organisation. A version read, and the print view.

use crate::i18n::t;
use crate::markdown::markdown;
use leptos::prelude::*;
use samrad_domain::{Chapter, ClauseId, Remark};
use std::collections::HashMap;

fn thread(remark: Remark) -> impl IntoView {
    let replies = remark.replies.clone();
    view! {
        <li class="static-remark">
            <p class="static-remark-meta">
                <span class="author">{remark.author_name}</span>
                ", "
                {remark.organisation}
            </p>
            <div class="remark-body" use:markdown=remark.body></div>
            {(!replies.is_empty()).then(|| view! {
                <ul class="replies">{replies.into_iter().map(|r| view! {
                    <li class="static-reply">
                        <p class="static-remark-meta"><span class="author">{r.author_name}</span>", "{r.organisation}</p>
                        <div class="remark-body" use:markdown=r.body></div>
                    </li>
                }).collect_view()}</ul>
            })}
        </li>
    }
}

#[component]
pub fn StaticAgreement(
    chapters: Vec<Chapter>,
    /// Remark threads by clause (none unless asked for).
    #[prop(optional)]
    remarks: HashMap<ClauseId, Vec<Remark>>,
) -> impl IntoView {
    let mut remarks = remarks;
    chapters
        .into_iter()
        .map(|chapter| {
            let heading = format!("static-chapter-{}", chapter.id);
            let labelled = heading.clone();
            let clauses: Vec<_> = chapter
                .clauses
                .into_iter()
                .map(|c| {
                    let threads = remarks.remove(&c.id).unwrap_or_default();
                    (c, threads)
                })
                .collect();
            view! {
                <section class="chapter static-chapter" aria-labelledby=labelled>
                    <h2 id=heading>{format!("{} {}", chapter.number, chapter.title)}</h2>
                    {clauses
                        .into_iter()
                        .map(|(clause, threads)| {
                            view! {
                                <article class="clause static-clause" id=format!("clause-{}", clause.id)>
                                    <h3>
                                        <span class="clause-number">{clause.number}</span>
                                        " "
                                        {clause.heading}
                                    </h3>
                                    <div class="clause-text" use:markdown=clause.text></div>
                                    {(!threads.is_empty()).then(|| view! {
                                        <aside class="static-remarks">
                                            <h4>{t("print.remarks")}</h4>
                                            <ul>{threads.into_iter().map(thread).collect_view()}</ul>
                                        </aside>
                                    })}
                                </article>
                            }
                        })
                        .collect_view()}
                </section>
            }
        })
        .collect_view()
}
