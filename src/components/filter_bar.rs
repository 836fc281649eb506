//! Filters over the remarks and a free-text search over clauses and remarks, run once the
//! reader pauses typing.

use crate::filters::use_filters;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use samrad_domain::{Change, RemarkKind, Role, StatusFilter};

/// How long the reader's typing in the search field pauses before the search runs.
const SEARCH_PAUSE_MS: u32 = 200;

#[component]
pub fn FilterBar() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let filters = use_filters();
    let organisations = move || live.read([Change::Participants], |a| a.organisations());
    // The search runs once the reader pauses, not on every key: it shows or hides every
    // clause and reads every remark's words (~100 ms at a real consultation's size), which on
    // each key would make typing in the field lag. Enter searches at once; clearing the filters
    // drops a search still waiting.
    let pending = StoredValue::new_local(None::<Timeout>);
    let committed = Memo::new(move |_| filters.with(|f| f.text.clone()));
    let search_now = move |text: String| {
        pending.set_value(None);
        let _ = filters.try_update(|f| f.text = text);
    };
    let search_after_pause = move |text: String| {
        let later = Timeout::new(SEARCH_PAUSE_MS, move || search_now(text));
        // The one it replaces is dropped, and so cancelled.
        pending.set_value(Some(later));
    };
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
                prop:value=move || committed.get()
                on:input=move |ev| search_after_pause(event_target_value(&ev))
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        search_now(event_target_value(&ev));
                    }
                }
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
                <button type="button" class="link-button" on:click=move |_| {
                    pending.set_value(None);
                    filters.set(Default::default());
                }>
                    {t("filters.clear")}
                </button>
            </Show>
        </section>
    }
}
