//! The agreement: the top bar, the title and where the process stands, the table of contents
//! and filters, chapters of clauses.

use crate::components::approval_badge::ApprovalBadge;
use crate::components::clause_card::ClauseCard;
use crate::components::deadline_badge::DeadlineBadge;
use crate::components::phase_notice::PhaseNotice;
use crate::components::process_timeline::ProcessTimeline;
use crate::components::respondent_notice::RespondentNotice;
use crate::components::toc::Toc;
use crate::components::topbar::Topbar;
use crate::filters::provide_filters_context;
use crate::i18n::t;
use crate::later::{self, quiet_part, PartsMissing};
use crate::live::use_live;
use crate::near::{follow_address_fragment, provide_near_context};
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn AgreementView() -> impl IntoView {
    let live = use_live();
    provide_filters_context();
    provide_near_context();
    crate::reading::provide_reading_context();
    crate::unsaved_stances::provide_unsaved_stances_context();
    let title = move || live.read([Change::Meta], |a| a.title());
    let outline = Memo::new(move |_| live.read([Change::Outline], |a| a.outline()));
    // The first chapter at once, then one more per frame: the first screen is painted and
    // usable without waiting for every clause's heading and wording further down, which
    // follow within a few frames (see progressive.rs).
    let chapters = crate::progressive::progressive(1, 1, move || outline.with(Vec::len));
    // A deep link (`#clause-…`) is followed once the agreement has arrived and been built.
    Effect::new(move |followed: Option<bool>| {
        let arrived = !outline.with(Vec::is_empty) && chapters.get() >= outline.with(Vec::len);
        if arrived && followed != Some(true) {
            request_animation_frame(follow_address_fragment);
        }
        arrived || followed == Some(true)
    });
    let sidebar_open = RwSignal::new(false);
    let filters = crate::filters::use_filters();
    let filtering = move || filters.with(|f| f.active());
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_text>{t("meeting.skip_to_text")}</a>
        <Topbar />
        <PartsMissing />
        {quiet_part(later::device_notice)}
        <div class="intro">
            <h1 class="agreement-title">{title}</h1>
            <DeadlineBadge />
            {quiet_part(later::answer_bar)}
            <ProcessTimeline />
            <RespondentNotice />
            <PhaseNotice />
        </div>
        {quiet_part(later::unsaved_panel)}
        <div class="layout">
            // On a phone the text comes first; contents and filters open from this button.
            <button
                type="button"
                class="sidebar-toggle"
                aria-controls="sidebar"
                aria-expanded=move || sidebar_open.get().to_string()
                on:click=move |_| sidebar_open.update(|o| *o = !*o)
            >
                {t("meeting.contents_and_filters")}
            </button>
            <aside class="sidebar" id="sidebar" class:open=move || sidebar_open.get()>
                <Toc />
                {quiet_part(later::filter_bar)}
            </aside>
            <main class="clauses" id="main" tabindex="-1" class:filtering=filtering>
                // Shown (by the stylesheet) only when the filters leave no clause: an empty
                // page of chapter headings would say nothing.
                {move || filtering().then(|| view! { <p class="no-match" role="status">{t("meeting.no_match")}</p> })}
                <For
                    each=move || outline.get().into_iter().take(chapters.get())
                    key=|chapter| (chapter.id.clone(), chapter.number.clone(), chapter.title.clone())
                    children=move |chapter| {
                        let id = chapter.id.clone();
                        let clause_ids = move || {
                            outline.with(|o| {
                                o.iter()
                                    .find(|c| c.id == id)
                                    .map(|c| c.clauses.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
                                    .unwrap_or_default()
                            })
                        };
                        view! {
                            <section class="chapter" aria-labelledby=format!("chapter-{}", chapter.id)>
                                <h2 id=format!("chapter-{}", chapter.id)>
                                    {format!("{} {}", chapter.number, chapter.title)}
                                </h2>
                                <ApprovalBadge chapter=chapter.id.clone() />
                                <For
                                    each=clause_ids
                                    key=|id| id.clone()
                                    children=|id| view! { <ClauseCard id=id /> }
                                />
                            </section>
                        }
                    }
                />
            </main>
        </div>
    }
}

/// Moves focus to the agreement's text. The router takes over every link's click, a fragment
/// link's too, so the skip link focuses its target itself.
fn skip_to_text(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    ev.prevent_default();
    let main = document()
        .get_element_by_id("main")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}
