//! The compilation (remissammanställning / høringsoppsummering) of the consultation round: an
//! introduction, a summary with the stances per chapter, then per chapter and clause the
//! remiss wording, the stances by organisation, the arguments, the coordinators' response and
//! the outcome. It renders the domain's `Compilation` struct, as the Word document and the
//! spreadsheet do. The struct is re-read when stances, remarks, answers, the outline or the
//! versions change; each clause's response is read on its own key, so typing in one does not
//! recompute the whole compilation.

use crate::components::compilation_bar::CompilationBar;
use crate::components::compilation_clause::CompilationClause;
use crate::components::compilation_intro::CompilationIntro;
use crate::components::page_header::PageHeader;
use crate::i18n::{t, use_i18n, Arg};
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use samrad_domain::{Change, Compilation};

#[component]
pub fn CompilationPage() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let agreement = use_agreement();
    let compilation: Memo<Option<Compilation>> = Memo::new(move |_| {
        let (clauses, organisations) = live.read(
            [
                Change::Outline,
                Change::Participants,
                Change::Meta,
                Change::Versions,
            ],
            |a| (a.clause_ids(), a.consulted_organisations()),
        );
        let remarks: Vec<Change> = clauses.iter().cloned().map(Change::Remarks).collect();
        let keys = clauses
            .into_iter()
            .map(Change::Stances)
            .chain(remarks)
            .chain(organisations.into_iter().map(Change::Organisation));
        live.read(keys, |a| {
            let version = a.presumed_remiss_version()?;
            a.compilation(&version).ok()
        })
    });
    let id = agreement.id.clone();
    let download = move |kind: &str| {
        let version = compilation.with(|c| {
            c.as_ref()
                .map(|c| c.introduction.remiss_version.id.clone())
                .unwrap_or_default()
        });
        format!(
            "/api/agreements/{id}/compilation.{kind}?version={version}&lang={}",
            locale.get().code()
        )
    };
    let download_csv = download.clone();
    let body = move || {
        let Some(c) = compilation.get() else {
            return view! { <p role="status">{t("compilation.none")}</p> }.into_any();
        };
        let locale = locale.get();
        let outcomes = c.summary.outcomes;
        let outcome_text = locale.format(
            "compilation.outcomes",
            &[
                ("changed", Arg::Count(outcomes.changed)),
                ("unchanged", Arg::Count(outcomes.unchanged)),
                ("removed", Arg::Count(outcomes.removed)),
                ("added", Arg::Count(outcomes.added)),
            ],
        );
        let chapters = c
            .chapters
            .into_iter()
            .map(|chapter| {
                let heading = format!("{} {}", chapter.number, chapter.title);
                let clauses = chapter
                    .clauses
                    .into_iter()
                    .map(|clause| view! { <CompilationClause clause=clause /> })
                    .collect_view();
                view! {
                    <section class="compilation-chapter">
                        <h3>{heading}</h3>
                        {clauses}
                    </section>
                }
            })
            .collect_view();
        view! {
            <CompilationIntro introduction=c.introduction.clone() summary=c.summary.clone() />
            <section class="compilation-summary" aria-labelledby="compilation-summary">
                <h2 id="compilation-summary">{t("compilation.summary")}</h2>
                <p>{outcome_text}</p>
                <CompilationBar chapters=c.summary.chapters.clone() />
            </section>
            <section class="compilation-views" aria-labelledby="compilation-views">
                <h2 id="compilation-views">{t("compilation.views")}</h2>
                {chapters}
            </section>
        }
        .into_any()
    };
    view! {
        <PageHeader heading="compilation.title" />
        <main id="main" class="page compilation-page">
            <p class="compilation-downloads ui">
                <a class="button" href=move || download("docx") download="">
                    {t("compilation.download-docx")}
                </a>
                " "
                <a class="button" href=move || download_csv("csv") download="">
                    {t("compilation.download-csv")}
                </a>
            </p>
            <Show
                when=move || live.arrived()
                fallback=|| view! { <p role="status">{t("matrix.loading")}</p> }
            >
                {body}
            </Show>
        </main>
    }
}
