//! One clause in the compilation: the wording sent on remiss, the organisations grouped by
//! stance, their arguments quoted and attributed, the conditions set on it, the coordinators'
//! response and the outcome. It reads its own clause from the kept compilation, told only
//! when that clause's section is built again; the response editor stays in place meanwhile.

use crate::components::diff_view::DiffView;
use crate::components::matrix_symbol::{position_word, symbol};
use crate::components::response_editor::ResponseEditor;
use crate::i18n::{t, use_i18n};
use crate::kept_compilation::LiveCompilation;
use crate::markdown::markdown;
use leptos::prelude::*;
use samrad_domain::compilation::{ArgumentSource, ClauseCompilation, Outcome};
use samrad_domain::ClauseId;

#[component]
pub fn CompilationClause(compilation: LiveCompilation, id: ClauseId) -> impl IntoView {
    let key = id.clone();
    let clause = Memo::new(move |_| compilation.clause(&key));
    let said = move || clause.get().map(what_was_said);
    let outcome = move || clause.get().map(|c| outcome(c.outcome));
    view! {
        <article class="compilation-clause" data-clause=id.clone()>
            {said}
            <ResponseEditor clause=id.clone() />
            <h5>{t("compilation.outcome")}</h5>
            {outcome}
        </article>
    }
}

/// The heading, the remiss wording, the positions, the arguments and the conditions.
fn what_was_said(clause: ClauseCompilation) -> impl IntoView {
    let locale = use_i18n();
    let groups = clause.groups.clone();
    let positions = move || {
        let locale = locale.get();
        groups
            .iter()
            .filter(|g| !g.organisations.is_empty())
            .map(|g| {
                view! {
                    <li class=format!("pos-{}", g.position.key())>
                        <span aria-hidden="true">{symbol(g.position)}" "</span>
                        <strong>{position_word(g.position, locale)}</strong>
                        ": "
                        {g.organisations.join(", ")}
                    </li>
                }
            })
            .collect_view()
    };
    let arguments = clause
        .arguments
        .iter()
        .map(|a| {
            let remark = matches!(a.source, ArgumentSource::Remark { .. });
            let (who, proposed) = match &a.source {
                ArgumentSource::Motivation { .. } => (a.organisation.clone(), None),
                ArgumentSource::Remark {
                    author,
                    proposed_text,
                    ..
                } => (
                    format!("{author}, {}", a.organisation),
                    proposed_text.clone(),
                ),
            };
            view! {
                <figure class="compilation-argument">
                    // A remark is written in Markdown, as on the agreement; a motivation is plain.
                    {if remark {
                        view! { <blockquote class="remark-body" use:markdown=a.text.clone()></blockquote> }.into_any()
                    } else {
                        view! { <blockquote>{a.text.clone()}</blockquote> }.into_any()
                    }}
                    {proposed.map(|p| view! { <blockquote class="proposed">{p}</blockquote> })}
                    <figcaption>"— "{who}</figcaption>
                </figure>
            }
        })
        .collect_view();
    let conditions = clause
        .conditions
        .iter()
        .map(|c| {
            view! {
                <li>
                    <strong>{c.organisation.clone()}": "</strong>
                    {c.text.clone()}
                </li>
            }
        })
        .collect_view();
    let conditioned = !clause.conditions.is_empty();
    let heading = format!("{} {}", clause.number, clause.heading);
    view! {
        <h4>{heading}</h4>
        <h5>{t("compilation.proposal")}</h5>
        <p class="remiss-text">{clause.remiss_text.clone()}</p>
        <h5>{t("compilation.positions")}</h5>
        <ul class="compilation-positions">{positions}</ul>
        <h5>{t("compilation.arguments")}</h5>
        {arguments}
        {conditioned.then(|| view! {
            <h5>{t("compilation.conditions")}</h5>
            <ul class="compilation-conditions">{conditions}</ul>
        })}
    }
}

/// What became of the clause: unchanged, or changed with the word diff.
fn outcome(outcome: Outcome) -> AnyView {
    match outcome {
        Outcome::Unchanged => view! { <p>{t("compilation.outcome-unchanged")}</p> }.into_any(),
        Outcome::Changed { diff, .. } => view! {
            <p>{t("compilation.outcome-changed")}</p>
            <DiffView parts=diff />
        }
        .into_any(),
        Outcome::Removed => view! { <p>{t("compilation.outcome-removed")}</p> }.into_any(),
        Outcome::Added { text } => view! {
            <p>{t("compilation.outcome-added")}</p>
            <p>{text}</p>
        }
        .into_any(),
    }
}
