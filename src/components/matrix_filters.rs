//! The matrix's filters: one chapter, one stance, answered or not. Each narrows the grid at
//! once and is kept in the page's address (see `matrix_page`); the key to the symbols sits
//! beside them.

use crate::components::matrix_symbol::{position_word, symbol};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use samrad_domain::compilation::MatrixFilter;
use samrad_domain::{Position, StanceOverview};

#[component]
pub fn MatrixFilters(
    overview: ReadSignal<StanceOverview>,
    filter: RwSignal<MatrixFilter>,
) -> impl IntoView {
    let locale = use_i18n();
    let chapters = move || {
        overview.with(|o| {
            o.chapters
                .iter()
                .map(|c| {
                    let label = format!("{} {}", c.number, c.title);
                    let id = c.id.clone();
                    let chosen = move || filter.with(|f| f.chapter.as_ref() == Some(&id));
                    view! {
                        <option value=c.id.clone() prop:selected=chosen>
                            {label}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let positions = move || {
        let locale = locale.get();
        Position::ALL
            .into_iter()
            .map(|p| {
                let chosen = move || filter.with(|f| f.position == Some(p));
                view! {
                    <option value=p.key() prop:selected=chosen>
                        {position_word(p, locale)}
                    </option>
                }
            })
            .collect_view()
    };
    let set_chapter = move |ev| {
        let value = event_target_value(&ev);
        filter.update(|f| f.chapter = (!value.is_empty()).then_some(value));
    };
    let set_position = move |ev| {
        let value = event_target_value(&ev);
        filter.update(|f| f.position = Position::ALL.into_iter().find(|p| p.key() == value));
    };
    let set_answered = move |ev| {
        let value = event_target_value(&ev);
        filter.update(|f| {
            f.answered = ["yes", "no"]
                .iter()
                .position(|v| *v == value)
                .map(|i| i == 0)
        });
    };
    let answered = move |a: bool| move || filter.with(|f| f.answered == Some(a));
    let legend = move || {
        let locale = locale.get();
        Position::ALL
            .into_iter()
            .map(|p| {
                view! {
                    <li class=format!("matrix-key pos-{}", p.key())>
                        <span class="matrix-symbol" aria-hidden="true">{symbol(p)}</span>
                        " "{position_word(p, locale)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="filters matrix-filters ui">
            <label>
                {t("matrix.filter-chapter")}
                <select on:change=set_chapter>
                    <option value="">{t("matrix.filter-all")}</option>
                    {chapters}
                </select>
            </label>
            <label>
                {t("matrix.filter-stance")}
                <select on:change=set_position>
                    <option value="">{t("matrix.filter-all")}</option>
                    {positions}
                </select>
            </label>
            <label>
                {t("matrix.filter-answered")}
                <select on:change=set_answered>
                    <option value="">{t("matrix.filter-all")}</option>
                    <option value="yes" prop:selected=answered(true)>
                        {t("matrix.filter-answered-yes")}
                    </option>
                    <option value="no" prop:selected=answered(false)>
                        {t("matrix.filter-answered-no")}
                    </option>
                </select>
            </label>
            <div class="matrix-legend">
                <h2 class="visually-hidden">{t("matrix.legend")}</h2>
                <ul>
                    {legend}
                    <li class="matrix-key">
                        <span class="matrix-draft" aria-hidden="true">"✎"</span>
                        " "{t("matrix.draft")}
                    </li>
                </ul>
            </div>
        </div>
    }
}
