//! The stance matrix: every consulted organisation × every clause, so the coordinators see at
//! a glance who stands where, who has answered and who has not. The grid re-reads only when a
//! clause's stances, an organisation's answers, the outline or the participants change.

use crate::components::matrix_detail::MatrixDetail;
use crate::components::matrix_filters::MatrixFilters;
use crate::components::matrix_grid::MatrixGrid;
use crate::components::page_header::PageHeader;
use crate::components::record_answer_form::RecordAnswerForm;
use crate::i18n::t;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::compilation::MatrixFilter;
use samrad_domain::{Change, ChapterId, ClauseId, StanceOverview};
use std::collections::HashSet;

/// The cell whose stance, motivation and remarks are shown: (organisation, clause).
pub type OpenCell = Option<(String, ClauseId)>;

#[component]
pub fn MatrixPage() -> impl IntoView {
    let live = use_live();
    let overview: Memo<StanceOverview> = Memo::new(move |_| {
        let (clauses, organisations) = live
            .read([Change::Outline, Change::Participants, Change::Meta], |a| {
                (a.clause_ids(), a.consulted_organisations())
            });
        let keys = clauses
            .into_iter()
            .map(Change::Stances)
            .chain(organisations.into_iter().map(Change::Organisation));
        live.read(keys, |a| a.stance_overview())
    });
    let filter = RwSignal::new(MatrixFilter::default());
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
