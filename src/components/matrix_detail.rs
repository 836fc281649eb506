//! One cell of the matrix opened: the organisation's sent stance and its draft on the clause,
//! with the motivation, and the remarks its people wrote on the clause. It stands beside the
//! grid (below it on a narrow screen), never over the cell; opening it moves focus to its
//! heading, and Escape or its close button closes it and puts focus back on the cell.

use crate::components::matrix_page::OpenCell;
use crate::escape::closes_on_escape;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::markdown::markdown;
use leptos::prelude::*;
use samrad_domain::{Change, Stance, StanceOverview};
use wasm_bindgen::JsCast;

#[component]
pub fn MatrixDetail(
    overview: ReadSignal<StanceOverview>,
    open: RwSignal<OpenCell>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let heading_ref = NodeRef::<leptos::html::H2>::new();
    let shown = move || {
        let (organisation, clause) = open.get()?;
        let locale = locale.get();
        let (number, cell) = overview.with(|o| {
            let (k, row) = (o.column_of(&clause)?, o.row_of(&organisation)?);
            Some((
                o.clause(k)?.number.clone(),
                o.cells.get(row)?.get(k)?.clone(),
            ))
        })?;
        let remarks = live.read([Change::Remarks(clause.clone())], |a| {
            a.remarks_of(&clause)
                .into_iter()
                .filter(|r| r.parent.is_none() && !r.withdrawn && r.organisation == organisation)
                .collect::<Vec<_>>()
        });
        let heading = locale.text(
            "matrix.detail",
            &[("organisation", &organisation), ("number", &number)],
        );
        let remarks = if remarks.is_empty() {
            view! { <p>{t("matrix.detail-no_remarks")}</p> }.into_any()
        } else {
            let items = remarks
                .into_iter()
                // Written in Markdown, shown as on the agreement.
                .map(|r| view! { <li><blockquote class="remark-body" use:markdown=r.body></blockquote>" — "{r.author_name}</li> })
                .collect_view();
            view! { <ul class="matrix-remarks">{items}</ul> }.into_any()
        };
        let sent = stance(cell.sent.as_ref(), "matrix.detail-sent", locale);
        let draft = cell
            .unsent_changes()
            .then(|| stance(cell.draft.as_ref(), "matrix.detail-draft", locale));
        Some(view! {
            <section
                class="matrix-detail card"
                aria-labelledby="matrix-detail-heading"
                on:keydown=closes_on_escape(move || close(open))
            >
                <h2 id="matrix-detail-heading" tabindex="-1" node_ref=heading_ref>{heading}</h2>
                {sent}
                {draft}
                <h3>{t("matrix.detail-remarks")}</h3>
                {remarks}
                <button type="button" on:click=move |_| close(open)>{t("matrix.detail-close")}</button>
            </section>
        })
    };
    // Focus follows the reader into the detail once it is drawn.
    Effect::new(move |_| {
        if open.get().is_some() {
            request_animation_frame(move || {
                if let Some(h) = heading_ref.get_untracked() {
                    let _ = h.focus();
                }
            });
        }
    });
    view! { <div class="matrix-detail-slot">{shown}</div> }
}

/// Closes the detail and puts focus back on the cell it showed: the grid's one tab stop.
fn close(open: RwSignal<OpenCell>) {
    open.set(None);
    crate::components::matrix_grid::mark_open(None);
    let cell = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("td.matrix-cell[tabindex=\"0\"]")
                .ok()
                .flatten()
        })
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(cell) = cell {
        let _ = cell.focus();
    }
}

fn stance(
    stance: Option<&Stance>,
    heading: &'static str,
    locale: crate::i18n::Locale,
) -> impl IntoView {
    let body = match stance {
        Some(s) => {
            let word = locale.text(&format!("stance.{}", s.value.key()), &[]);
            let motivation = (!s.motivation.is_empty()).then(|| {
                view! {
                    <p>
                        <strong>{t("matrix.detail-motivation")}": "</strong>
                        {s.motivation.clone()}
                    </p>
                }
            });
            view! { <p class=format!("pos-{}", s.value.key())>{word}</p> {motivation} }.into_any()
        }
        None => view! { <p>{t("matrix.detail-none")}</p> }.into_any(),
    };
    view! {
        <h3>{t(heading)}</h3>
        {body}
    }
}
