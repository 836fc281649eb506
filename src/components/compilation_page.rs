//! The compilation (remissammanställning / høringsoppsummering) of the consultation round: an
//! introduction, a summary with the stances per chapter, then per chapter and clause the
//! remiss wording, the stances by organisation, the arguments, the coordinators' response and
//! the outcome. It renders the domain's `Compilation` struct, as the Word document and the
//! spreadsheet do.
//!
//! The struct is kept current change by change (see kept_compilation.rs): a remark on clause
//! X builds clause X's section and tells clause X's view and the front matter, nothing else.
//! What is shown is split by what it depends on: the introduction and summary, the outline
//! (chapters and clause ids), and each clause. Each clause's response is read on its own key,
//! so typing in one recomputes nothing else. The clauses appear a screenful first and the rest
//! a few per animation frame (see progressive.rs).

use crate::components::compilation_bar::CompilationBar;
use crate::components::compilation_clauses::ChapterOutline;
use crate::components::compilation_clauses::Clauses;
use crate::components::compilation_intro::CompilationIntro;
use crate::components::page_header::PageHeader;
use crate::i18n::{t, use_i18n, Arg};
use crate::kept_compilation::keep_compilation;
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use samrad_domain::compilation::{Introduction, Summary};
use samrad_domain::{ClauseId, Compilation};

#[component]
pub fn CompilationPage() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let agreement = use_agreement();
    let compilation = keep_compilation(live, agreement.id.clone());
    let front: Memo<Option<(Introduction, Summary)>> =
        Memo::new(move |_| compilation.with(|c| (c.introduction.clone(), c.summary.clone())));
    let outline = Memo::new(move |_| compilation.with(outline_of));
    let remiss = Memo::new(move |_| {
        front.with(|f| {
            f.as_ref()
                .map(|(i, _)| i.remiss_version.id.clone())
                .unwrap_or_default()
        })
    });
    let id = agreement.id.clone();
    let download = move |kind: &str| {
        format!(
            "/api/agreements/{id}/compilation.{kind}?version={}&lang={}",
            remiss.get(),
            locale.get().code()
        )
    };
    let download_csv = download.clone();
    let body = move || {
        if outline.with(Option::is_none) {
            return view! { <p role="status">{t("compilation.none")}</p> }.into_any();
        }
        view! {
            {move || front.get().map(|(i, s)| front_matter(i, s))}
            <Clauses compilation=compilation outline=outline />
        }
        .into_any()
    };
    view! {
        <PageHeader heading="compilation.title" />
        <main id="main" class="page compilation-page">
            // Nothing to download before there is a remiss version to compile.
            <Show when=move || !remiss.with(String::is_empty)>
                {
                    let (docx, csv) = (download.clone(), download_csv.clone());
                    view! {
                        <p class="compilation-downloads ui">
                            <a class="button" href=move || docx("docx") download="">
                                {t("compilation.download-docx")}
                            </a>
                            " "
                            <a class="button" href=move || csv("csv") download="">
                                {t("compilation.download-csv")}
                            </a>
                        </p>
                    }
                }
            </Show>
            <Show
                when=move || live.arrived()
                fallback=|| view! { <p role="status">{t("matrix.loading")}</p> }
            >
                {body}
            </Show>
        </main>
    }
}

fn outline_of(c: &Compilation) -> Vec<ChapterOutline> {
    let mut offset = 0;
    c.chapters
        .iter()
        .map(|chapter| {
            let clauses: Vec<ClauseId> = chapter.clauses.iter().map(|c| c.id.clone()).collect();
            let at = offset;
            offset += clauses.len();
            ChapterOutline {
                heading: format!("{} {}", chapter.number, chapter.title),
                clauses,
                offset: at,
            }
        })
        .collect()
}

/// The introduction and the summary with its bars.
fn front_matter(introduction: Introduction, summary: Summary) -> impl IntoView {
    let locale = use_i18n();
    let outcomes = summary.outcomes;
    let outcome_text = move || {
        locale.get().format(
            "compilation.outcomes",
            &[
                ("changed", Arg::Count(outcomes.changed)),
                ("unchanged", Arg::Count(outcomes.unchanged)),
                ("removed", Arg::Count(outcomes.removed)),
                ("added", Arg::Count(outcomes.added)),
            ],
        )
    };
    let chapters = summary.chapters.clone();
    view! {
        <CompilationIntro introduction=introduction summary=summary />
        <section class="compilation-summary" aria-labelledby="compilation-summary">
            <h2 id="compilation-summary">{t("compilation.summary")}</h2>
            <p>{outcome_text}</p>
            <CompilationBar chapters=chapters />
        </section>
    }
}
