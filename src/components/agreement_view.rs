//! The agreement: header with connection and presence, table of contents, chapters of clauses.

use crate::components::approval_badge::ApprovalBadge;
use crate::components::clause_card::ClauseCard;
use crate::components::connection_badge::ConnectionBadge;
use crate::components::deadline_badge::DeadlineBadge;
use crate::components::inbox_bell::InboxBell;
use crate::components::page_nav::PageNav;
use crate::components::presence_bar::PresenceBar;
use crate::components::process_timeline::ProcessTimeline;
use crate::components::respondent_notice::RespondentNotice;
use crate::components::toc::Toc;
use crate::components::unsaved_link::UnsavedLink;
use crate::filters::provide_filters_context;
use crate::i18n::{t, use_i18n};
use crate::later::{self, quiet_part, PartsMissing};
use crate::live::use_live;
use crate::near::{follow_address_fragment, provide_near_context};
use leptos::prelude::*;
use samrad_domain::{Change, Role};

#[component]
pub fn AgreementView() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    provide_filters_context();
    provide_near_context();
    crate::unsaved_stances::provide_unsaved_stances_context();
    let me = live.me();
    let signed_in = move || {
        locale.get().text(
            "app.signed_in_as",
            &[("name", &me.name), ("organisation", &me.organisation)],
        )
    };
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
    // Only coordinators manage participants; the server refuses anyone else anyway.
    let manages = me.role == Role::Coordinator;
    let participants_open = RwSignal::new(false);
    let sidebar_open = RwSignal::new(false);
    let filters = crate::filters::use_filters();
    let filtering = move || filters.with(|f| f.active());
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let close_participants = Callback::new(move |()| {
        participants_open.set(false);
        if let Some(button) = toggle_ref.get_untracked() {
            let _ = button.focus();
        }
    });
    let inbox_open = RwSignal::new(false);
    let bell_ref = NodeRef::<leptos::html::Button>::new();
    let close_inbox = Callback::new(move |()| {
        inbox_open.set(false);
        if let Some(button) = bell_ref.get_untracked() {
            let _ = button.focus();
        }
    });
    // Shortened when the bar is narrow: whole in its title.
    let whole_name = signed_in.clone();
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_text>{t("meeting.skip_to_text")}</a>
        <header class="topbar">
            <div class="topbar-row">
                <span class="brand">{t("app.name")}</span>
                <ConnectionBadge
                    state=live.connection.into()
                    pending=live.pending.into()
                    refusal=live.refusal
                    device_writing=live.device_writing
                />
                <PageNav />
                <UnsavedLink />
                <PresenceBar />
                {quiet_part(later::phase_control)}
                {manages
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="participants-toggle"
                                node_ref=toggle_ref
                                aria-expanded=move || participants_open.get().to_string()
                                aria-controls="participants-panel"
                                on:click=move |_| participants_open.update(|o| *o = !*o)
                            >
                                {t("access.open")}
                            </button>
                        }
                    })}
                <InboxBell open=inbox_open node_ref=bell_ref />
                <span class="me" title=whole_name>{signed_in}</span>
                {quiet_part(later::device_menu)}
                {quiet_part(later::sign_out)}
                {quiet_part(later::language_picker)}
            </div>
        </header>
        <PartsMissing />
        {quiet_part(later::device_notice)}
        <div class="intro">
            <h1 class="agreement-title">{title}</h1>
            <DeadlineBadge />
            {quiet_part(later::answer_bar)}
            <ProcessTimeline />
            <RespondentNotice />
        </div>
        {quiet_part(later::unsaved_panel)}
        <Show when=move || inbox_open.get()>
            {crate::later::page(move || shown_then_focused(crate::later::inbox(close_inbox), "inbox-heading"))}
        </Show>
        <Show when=move || participants_open.get()>
            {crate::later::page(move || shown_then_focused(crate::later::participants(close_participants), "participants-title"))}
        </Show>
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

/// A panel whose code is fetched on first opening (`crate::later`): once it has arrived and
/// is drawn, the reader is taken to its heading.
async fn shown_then_focused(
    panel: impl std::future::Future<Output = Result<AnyView, crate::later::NotFetched>>,
    heading: &'static str,
) -> Result<AnyView, crate::later::NotFetched> {
    let panel = panel.await;
    // After the panel is mounted (the view is mounted in the task that finishes this future);
    // not an animation frame, which a page in the background never gets.
    queue_microtask(move || focus_heading(heading));
    panel
}

/// Takes the reader to a panel's heading once the panel has just been rendered.
fn focus_heading(id: &str) {
    if let Some(heading) = document().get_element_by_id(id) {
        use wasm_bindgen::JsCast;
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
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
