//! Table of contents: chapters and clauses with their remark counts. Each count follows its
//! own clause's remarks; the list follows the outline. The clause being read is marked
//! (`aria-current`) and kept in sight in the sidebar as the reader scrolls (reading.rs).

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
    let reading = crate::reading::reading_clause();
    let nav = NodeRef::<leptos::html::Nav>::new();
    if let Some(at) = reading {
        Effect::new(move |was: Option<bool>| {
            let clause = at.get();
            let reading_one = clause.is_some();
            match clause {
                Some(clause) => request_animation_frame(move || keep_in_sight(&clause)),
                // Back above the first clause (a jump to the top, or scrolled there): the
                // list follows to its own top, where the agreement's start is listed.
                None if was == Some(true) => {
                    if let Some(sidebar) = nav.get_untracked().and_then(|n| sidebar_of(&n)) {
                        sidebar.set_scroll_top(0);
                    }
                }
                None => {}
            }
            reading_one
        });
    }
    let entry = move |c: ClauseHeading| {
        // Each entry compares one id when the clause read changes (a comparison per entry,
        // nothing rebuilt); only the two whose answer changes update their link.
        let is_current = {
            let key = c.id.clone();
            Memo::new(move |_| {
                reading.is_some_and(|at| at.with(|a| a.as_deref() == Some(key.as_str())))
            })
        };
        let id = c.id.clone();
        let count = Memo::new(move |_| {
            live.read([Change::Remarks(id.clone())], |a| a.counts_of(&id).remarks)
        });
        view! {
            <li>
                <a
                    href=format!("#clause-{}", c.id)
                    id=format!("toc-{}", c.id)
                    aria-current=move || is_current.get().then_some("location")
                    on:click=follow_fragment_link
                >
                    {format!("{} {}", c.number, c.heading)}
                </a>
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
        <nav class="toc" node_ref=nav aria-label=move || locale.get().text("toc.label", &[])>
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

/// Scrolls the sidebar, when it scrolls, so that the entry of `clause` is in sight: a reader
/// deep in the agreement sees where they are without looking for it. Nothing moves while the
/// entry shows already, nor when the sidebar is closed (a phone's).
fn keep_in_sight(clause: &str) {
    let Some(link) = document().get_element_by_id(&format!("toc-{clause}")) else {
        return;
    };
    let Some(sidebar) = sidebar_of(&link) else {
        return;
    };
    let height = f64::from(sidebar.client_height());
    if height == 0.0 || sidebar.scroll_height() <= sidebar.client_height() {
        return;
    }
    let box_top = sidebar.get_bounding_client_rect().top();
    let entry = link.get_bounding_client_rect();
    let (top, bottom) = (entry.top() - box_top, entry.bottom() - box_top);
    if top < 0.0 || bottom > height {
        let scrolled = f64::from(sidebar.scroll_top());
        let centred = scrolled + top - (height - entry.height()) / 2.0;
        sidebar.set_scroll_top(centred.max(0.0) as i32);
    }
}

/// The scrolling sidebar that holds `inside`, if it is in one.
fn sidebar_of(inside: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    inside
        .closest(".sidebar")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
}
