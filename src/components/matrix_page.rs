//! The stance matrix: every consulted organisation × every clause, so the coordinators see at
//! a glance who stands where, who has answered and who has not. The overview is built once and
//! then kept current from what each change names (the domain's `StanceOverview::update`): a
//! stance on clause X re-reads that one cell and the counts of its row and column; the rows and
//! columns it did not touch stay the same shared values, so their views stop at a pointer
//! comparison.

use crate::components::matrix_detail::MatrixDetail;
use crate::components::matrix_filters::MatrixFilters;
use crate::components::matrix_grid::MatrixGrid;
use crate::components::page_header::PageHeader;
use crate::components::record_answer_form::RecordAnswerForm;
use crate::i18n::t;
use crate::live::{use_live, Live};
use crate::session::use_agreement;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use samrad_domain::compilation::MatrixFilter;
use samrad_domain::{Change, ChapterId, ClauseId, StanceOverview};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The cell whose stance, motivation and remarks are shown: (organisation, clause).
pub type OpenCell = Option<(String, ClauseId)>;

#[component]
pub fn MatrixPage() -> impl IntoView {
    let live = use_live();
    let overview = kept_overview(live);
    let filter = addressed_filter();
    // Once the overview holds the agreement's chapters, one it does not have (an old address)
    // filters nothing. (Not on `live.arrived()`: the overview takes in the arrival after.)
    Effect::new(move |_| {
        if overview.with(|o| o.chapters.is_empty()) {
            return;
        }
        let known = overview.with(|o| filter.with(|f| f.clone().within(o)));
        if filter.with_untracked(|f| *f != known) {
            filter.set(known);
        }
    });
    let collapsed = RwSignal::new(HashSet::<ChapterId>::new());
    let open = RwSignal::new(OpenCell::None);
    let arrived = move || live.arrived();
    // Coordinators record answers that came another way, beside the grid that shows them.
    let records = live.me().role == samrad_domain::Role::Coordinator;
    view! {
        <PageHeader heading="matrix.title" />
        <main id="main" class="page matrix-page">
            <Show
                when=arrived
                fallback=|| view! { <p role="status">{t("matrix.loading")}</p> }
            >
                {records.then(|| view! { <RecordAnswerForm /> })}
                <MatrixFilters overview=overview filter=filter />
                <div class="matrix-area" class:with-detail=move || open.with(Option::is_some)>
                    <MatrixGrid overview=overview filter=filter collapsed=collapsed open=open />
                    <MatrixDetail overview=overview open=open />
                </div>
            </Show>
        </main>
    }
}

/// The filter, kept in the page's address (`?chapter=&stance=&answered=`): a filtered grid
/// survives a reload and can be sent on. A choice replaces the address rather than adding to
/// the history, so Back leaves the matrix instead of stepping through every filter tried.
fn addressed_filter() -> RwSignal<MatrixFilter> {
    let query = use_query_map();
    let named = move || query.with(|q| MatrixFilter::from_query(|k| q.get(k)));
    let filter = RwSignal::new(named());
    let page = use_agreement().page("matrix");
    // Only while the address is this page's: leaving it changes the query too.
    let location = use_location();
    let here = {
        let page = page.clone();
        move || location.pathname.with_untracked(|p| *p == page)
    };
    // Back/forward, or a link to the page with other parameters.
    Effect::new({
        let here = here.clone();
        move |_| {
            let wanted = named();
            if here() && filter.with_untracked(|f| *f != wanted) {
                filter.set(wanted);
            }
        }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        let chosen = filter.get();
        let shown = query.with_untracked(|q| MatrixFilter::from_query(|k| q.get(k)));
        if !here() || shown == chosen {
            return;
        }
        let params: Vec<String> = (chosen.query().into_iter())
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
            .collect();
        let address = match params.is_empty() {
            true => page.clone(),
            false => format!("{page}?{}", params.join("&")),
        };
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&address, options);
    });
    filter
}

/// The overview, built now and updated after every transaction that touched what it shows.
fn kept_overview(live: Live) -> ReadSignal<StanceOverview> {
    let overview = RwSignal::new(live.untracked(|a| a.stance_overview()));
    let pending: Arc<Mutex<Vec<Change>>> = Arc::default();
    let arrived = ArcTrigger::new();
    live.watch({
        let (pending, arrived) = (pending.clone(), arrived.clone());
        move |changes| {
            let shown = changes.iter().filter(|c| shows(c)).cloned();
            let mut pending = pending.lock().unwrap_or_else(|e| e.into_inner());
            let before = pending.len();
            pending.extend(shown);
            if pending.len() > before {
                arrived.notify();
            }
        }
    });
    // The transaction has committed by the time this runs: the replica may be read.
    Effect::new(move |_| {
        arrived.track();
        let changes = std::mem::take(&mut *pending.lock().unwrap_or_else(|e| e.into_inner()));
        if changes.is_empty() {
            return;
        }
        overview.maybe_update(|o| {
            let update = live.untracked(|a| o.update(a, &changes));
            update.rebuilt || !update.rows.is_empty() || !update.columns.is_empty()
        });
    });
    overview.read_only()
}

/// Whether the overview shows what `change` is about.
fn shows(change: &Change) -> bool {
    matches!(
        change,
        Change::Outline
            | Change::Participants
            | Change::Meta
            | Change::Stances(_)
            | Change::Organisation(_)
    )
}
