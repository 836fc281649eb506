//! Filters over the remarks and a free-text search over clauses and remarks.

use crate::filters::use_filters;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, RemarkKind, Role, StatusFilter};

#[component]
pub fn FilterBar() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let filters = use_filters();
    let organisations = move || live.read([Change::Participants], |a| a.organisations());
    let status_key = |s: StatusFilter| match s {
        StatusFilter::Open => "status.open",
        StatusFilter::Disposed => "status.disposed",
        StatusFilter::Withdrawn => "status.withdrawn",
        StatusFilter::Unanswered => "status.unanswered",
    };
    view! {
        <section class="filters" aria-label=move || locale.get().text("filters.label", &[])>
            <h2>{t("filters.label")}</h2>
            <label for="filter-text">{t("filters.search")}</label>
            <input
                id="filter-text"
                type="search"
                prop:value=move || filters.get().text
                on:input=move |ev| filters.update(|f| f.text = event_target_value(&ev))
            />
            <label for="filter-organisation">{t("filters.organisation")}</label>
            <select
                id="filter-organisation"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filters.update(|f| f.organisation = (!v.is_empty()).then_some(v));
                }
            >
                <option value="">{t("filters.all")}</option>
                {move || {
                    organisations()
                        .into_iter()
                        .map(|o| {
                            let selected = filters.get().organisation.as_deref() == Some(o.as_str());
                            view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <label for="filter-role">{t("filters.role")}</label>
            <select
                id="filter-role"
                on:change=move |ev| filters.update(|f| f.role = Role::from_key(&event_target_value(&ev)))
            >
                <option value="">{t("filters.all")}</option>
                {[Role::Member, Role::Jurist, Role::Coordinator]
                    .into_iter()
                    .map(|r| {
                        let key = format!("role.{}", r.key());
                        view! { <option value=r.key()>{move || locale.get().text(&key, &[])}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="filter-kind">{t("filters.kind")}</label>
            <select
                id="filter-kind"
                on:change=move |ev| filters.update(|f| f.kind = RemarkKind::from_key(&event_target_value(&ev)))
            >
                <option value="">{t("filters.all")}</option>
                <option value="comment">{t("kind.comment")}</option>
                <option value="question">{t("kind.question")}</option>
                <option value="proposal">{t("kind.proposal")}</option>
            </select>
            <label for="filter-status">{t("filters.status")}</label>
            <select
                id="filter-status"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let s = [StatusFilter::Open, StatusFilter::Disposed, StatusFilter::Withdrawn, StatusFilter::Unanswered]
                        .into_iter()
                        .find(|s| status_key(*s) == format!("status.{v}"));
                    filters.update(|f| f.status = s);
                }
            >
                <option value="">{t("filters.all")}</option>
                <option value="open">{t("status.open")}</option>
                <option value="unanswered">{t("status.unanswered")}</option>
                <option value="disposed">{t("status.disposed")}</option>
                <option value="withdrawn">{t("status.withdrawn")}</option>
            </select>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || filters.get().mine
                    on:change=move |ev| filters.update(|f| f.mine = event_target_checked(&ev))
                />
                {t("filters.mine")}
            </label>
            <Show when=move || filters.get().active()>
                <button type="button" class="link-button" on:click=move |_| filters.set(Default::default())>
                    {t("filters.clear")}
                </button>
            </Show>
        </section>
    }
}
