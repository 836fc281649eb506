//! The matrix as a data table: a caption, chapters as column groups (each collapsible),
//! clauses as column headers, organisations as row headers, figures per organisation and per
//! clause. Headers stay in view while scrolling (CSS sticky). The grid is one tab stop:
//! arrow keys, Home and End move between cells (roving tabindex), Enter or a click opens the
//! cell. The table is built in one pass from the overview, without a signal per cell, so
//! 6,000 cells render at once.

use crate::components::matrix_page::OpenCell;
use crate::components::matrix_symbol::{counts_text, position_word, symbol};
use crate::format;
use crate::i18n::{t, use_i18n, Locale};
use leptos::prelude::*;
use samrad_domain::compilation::{MatrixFilter, MatrixOrganisation};
use samrad_domain::{ChapterId, Position, StanceCounts, StanceOverview};
use std::collections::HashSet;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

/// One shown column: a clause (its index in reading order) or a collapsed chapter.
#[derive(Clone, Copy)]
enum Column {
    Clause(usize),
    Collapsed,
}

/// A chapter's shown columns.
struct Group {
    chapter: usize,
    columns: Vec<Column>,
}

#[component]
pub fn MatrixGrid(
    overview: Memo<StanceOverview>,
    filter: RwSignal<MatrixFilter>,
    collapsed: RwSignal<HashSet<ChapterId>>,
    open: RwSignal<OpenCell>,
) -> impl IntoView {
    let locale = use_i18n();
    let table = move || {
        let locale = locale.get();
        overview.with(|o| filter.with(|f| collapsed.with(|c| render(o, f, c, collapsed, locale))))
    };
    let opens = move |target: &HtmlElement| {
        let (Some(o), Some(k)) = (
            target.get_attribute("data-o"),
            target.get_attribute("data-k"),
        ) else {
            return;
        };
        let (Ok(o), Ok(k)) = (o.parse::<usize>(), k.parse::<usize>()) else {
            return;
        };
        let cell = overview.with_untracked(|ov| {
            let name = ov.organisations.get(o)?.name.clone();
            let clause = ov.clauses().nth(k)?.id.clone();
            Some((name, clause))
        });
        open.set(cell);
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(cell) = cell_of(ev.target()) {
            move_focus(&cell, &cell);
            opens(&cell);
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let Some(cell) = cell_of(ev.target()) else {
            return;
        };
        if matches!(ev.key().as_str(), "Enter" | " ") {
            ev.prevent_default();
            opens(&cell);
        } else if let Some(next) = neighbour(&cell, &ev) {
            ev.prevent_default();
            move_focus(&cell, &next);
        }
    };
    view! {
        <div class="matrix-scroll" on:click=on_click on:keydown=on_keydown>
            {table}
        </div>
    }
}

/// The table cell an event happened in.
fn cell_of(target: Option<web_sys::EventTarget>) -> Option<HtmlElement> {
    let element: web_sys::Element = target?.dyn_into().ok()?;
    element.closest("[data-r]").ok()??.dyn_into().ok()
}

/// The cell an arrow, Home or End key moves to from `cell`.
fn neighbour(cell: &HtmlElement, ev: &KeyboardEvent) -> Option<HtmlElement> {
    let r: i64 = cell.get_attribute("data-r")?.parse().ok()?;
    let c: i64 = cell.get_attribute("data-c")?.parse().ok()?;
    let (r, c) = match ev.key().as_str() {
        "ArrowUp" => (r - 1, c),
        "ArrowDown" => (r + 1, c),
        "ArrowLeft" => (r, c - 1),
        "ArrowRight" => (r, c + 1),
        "Home" if ev.ctrl_key() => (0, 0),
        "Home" => (r, 0),
        "End" => {
            let row = cell.parent_element()?;
            let last = row.query_selector_all("[data-c]").ok()?.length() as i64 - 1;
            (r, last)
        }
        _ => return None,
    };
    let table = cell.closest("table").ok()??;
    let found = table
        .query_selector(&format!("[data-r=\"{r}\"][data-c=\"{c}\"]"))
        .ok()??;
    found.dyn_into().ok()
}

/// Moves the grid's one tab stop from `from` to `to` and focuses it.
fn move_focus(from: &HtmlElement, to: &HtmlElement) {
    if let Some(table) = from.closest("table").ok().flatten() {
        if let Ok(stops) = table.query_selector_all("[data-r][tabindex=\"0\"]") {
            for i in 0..stops.length() {
                if let Some(Ok(stop)) = stops.item(i).map(|n| n.dyn_into::<web_sys::Element>()) {
                    let _ = stop.set_attribute("tabindex", "-1");
                }
            }
        }
    }
    let _ = to.set_attribute("tabindex", "0");
    let _ = to.focus();
}

/// The shown columns, chapter by chapter.
fn groups(
    overview: &StanceOverview,
    columns: &[usize],
    collapsed: &HashSet<ChapterId>,
) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut start = 0;
    for (chapter, c) in overview.chapters.iter().enumerate() {
        let end = start + c.clauses.len();
        let shown: Vec<Column> = columns
            .iter()
            .filter(|&&k| k >= start && k < end)
            .map(|&k| Column::Clause(k))
            .collect();
        start = end;
        if shown.is_empty() {
            continue;
        }
        let columns = if collapsed.contains(&c.id) {
            vec![Column::Collapsed]
        } else {
            shown
        };
        groups.push(Group { chapter, columns });
    }
    groups
}

fn render(
    overview: &StanceOverview,
    filter: &MatrixFilter,
    collapsed_now: &HashSet<ChapterId>,
    collapsed: RwSignal<HashSet<ChapterId>>,
    locale: Locale,
) -> AnyView {
    let (rows, columns) = overview.select(filter);
    let groups = groups(overview, &columns, collapsed_now);
    let shown = columns.len();
    let summary = locale.format(
        "matrix.shown",
        &[
            ("organisations", crate::i18n::Arg::Count(rows.len())),
            ("clauses", crate::i18n::Arg::Count(shown)),
        ],
    );
    if rows.is_empty() || groups.is_empty() {
        return view! { <p role="status">{t("matrix.empty")}</p> }.into_any();
    }
    let flat: Vec<Column> = groups
        .iter()
        .flat_map(|g| g.columns.iter().copied())
        .collect();
    view! {
        <p class="matrix-shown" role="status">{summary}</p>
        <table class="matrix">
            <caption class="visually-hidden">{t("matrix.caption")}</caption>
            {head(overview, &groups, collapsed, locale)}
            {body(overview, &rows, &flat, locale)}
            {foot(overview, &flat, locale)}
        </table>
    }
    .into_any()
}

fn head(
    overview: &StanceOverview,
    groups: &[Group],
    collapsed: RwSignal<HashSet<ChapterId>>,
    locale: Locale,
) -> impl IntoView {
    let chapters = groups
        .iter()
        .map(|g| {
            let chapter = &overview.chapters[g.chapter];
            let id = chapter.id.clone();
            let folded = matches!(g.columns.first(), Some(Column::Collapsed));
            let key = if folded {
                "matrix.expand"
            } else {
                "matrix.collapse"
            };
            let label = locale.text(key, &[("number", &chapter.number)]);
            let toggle = move |_| {
                collapsed.update(|c| {
                    if !c.remove(&id) {
                        c.insert(id.clone());
                    }
                })
            };
            view! {
                <th scope="colgroup" colspan=g.columns.len() class="matrix-chapter">
                    <button
                        type="button"
                        class="matrix-fold"
                        aria-expanded=(!folded).to_string()
                        aria-label=label
                        title=chapter.title.clone()
                        on:click=toggle
                    >
                        <span aria-hidden="true">{if folded { "▸ " } else { "▾ " }}</span>
                        {chapter.number.clone()}
                    </button>
                </th>
            }
        })
        .collect_view();
    let clauses: Vec<_> = overview.clauses().collect();
    let numbers = groups
        .iter()
        .flat_map(|g| g.columns.iter().map(move |c| (g.chapter, *c)))
        .map(|(chapter, column)| match column {
            Column::Clause(k) => view! {
                <th scope="col" class="matrix-clause" title=clauses[k].heading.clone()>
                    {clauses[k].number.clone()}
                </th>
            }
            .into_any(),
            Column::Collapsed => {
                let number = &overview.chapters[chapter].number;
                let label = locale.text("matrix.collapsed", &[("number", number)]);
                view! { <th scope="col" class="matrix-clause"><span class="visually-hidden">{label}</span>"…"</th> }
                    .into_any()
            }
        })
        .collect_view();
    view! {
        <thead>
            <tr class="matrix-chapters">
                <th scope="col" rowspan="2" class="matrix-corner">{t("matrix.organisation")}</th>
                <th scope="col" rowspan="2" class="matrix-status-head">{t("matrix.status")}</th>
                {chapters}
            </tr>
            <tr class="matrix-clauses">{numbers}</tr>
        </thead>
    }
}

fn body(
    overview: &StanceOverview,
    rows: &[usize],
    flat: &[Column],
    locale: Locale,
) -> impl IntoView {
    let rows = rows
        .iter()
        .enumerate()
        .map(|(r, &o)| {
            let organisation = &overview.organisations[o];
            let cells = flat
                .iter()
                .enumerate()
                .map(|(c, column)| cell(overview, r, o, c, *column, locale))
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="matrix-org">{organisation.name.clone()}</th>
                    <td class="matrix-status">{status(organisation, locale)}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! { <tbody>{rows}</tbody> }
}

fn cell(
    overview: &StanceOverview,
    r: usize,
    o: usize,
    c: usize,
    column: Column,
    locale: Locale,
) -> AnyView {
    let tabindex = if r == 0 && c == 0 { "0" } else { "-1" };
    let Column::Clause(k) = column else {
        return view! { <td class="matrix-cell folded" data-r=r data-c=c tabindex=tabindex></td> }
            .into_any();
    };
    let stance = &overview.cells[o][k];
    let position = Position::of(stance.sent.as_ref().map(|s| s.value));
    let draft = stance.unsent_changes();
    let word = position_word(position, locale);
    let draft_word = draft.then(|| format!(", {}", locale.text("matrix.draft", &[])));
    view! {
        <td
            class=format!("matrix-cell pos-{}", position.key())
            data-r=r
            data-c=c
            data-o=o
            data-k=k
            tabindex=tabindex
        >
            <span aria-hidden="true">{symbol(position)}</span>
            {draft.then(|| view! { <span class="matrix-draft" aria-hidden="true">"✎"</span> })}
            <span class="visually-hidden">{word}{draft_word}</span>
        </td>
    }
    .into_any()
}

/// An organisation's answer, deadline and figures.
fn status(organisation: &MatrixOrganisation, locale: Locale) -> impl IntoView {
    let answer = match &organisation.answer {
        Some(a) => {
            let date = format::date(a.sent_ms, locale);
            let mut text = locale.text(
                "matrix.answered",
                &[("number", &a.number.to_string()), ("date", &date)],
            );
            if a.on_behalf {
                text = format!("{text} ({})", locale.text("matrix.on_behalf", &[]));
            }
            text
        }
        None => locale.text("matrix.unanswered", &[]),
    };
    let extended = organisation
        .deadline_ms
        .filter(|_| organisation.extended)
        .map(|d| locale.text("matrix.extended", &[("date", &format::date(d, locale))]));
    let answered = organisation.answer.is_some();
    view! {
        <span class=if answered { "matrix-answered" } else { "matrix-unanswered" }>{answer}</span>
        {extended.map(|e| view! { <span class="matrix-extended">{e}</span> })}
        {counts(&organisation.counts, locale)}
    }
}

/// Figures as symbols for the eye and words for a screen reader.
fn counts(counts: &StanceCounts, locale: Locale) -> impl IntoView {
    let items = counts_text(counts, locale)
        .into_iter()
        .map(|(p, word, n)| {
            let title = word.clone();
            view! {
                <span class=format!("matrix-count pos-{}", p.key()) title=title>
                    <span aria-hidden="true">{symbol(p)}</span>
                    {n}
                    <span class="visually-hidden">" "{word}</span>
                </span>
            }
        })
        .collect_view();
    view! { <span class="matrix-counts">{items}</span> }
}

fn foot(overview: &StanceOverview, flat: &[Column], locale: Locale) -> impl IntoView {
    let clauses: Vec<_> = overview.clauses().collect();
    let cells = flat
        .iter()
        .map(|column| match column {
            Column::Clause(k) => {
                view! { <td class="matrix-foot">{counts(&clauses[*k].counts, locale)}</td> }
                    .into_any()
            }
            Column::Collapsed => view! { <td class="matrix-foot"></td> }.into_any(),
        })
        .collect_view();
    view! {
        <tfoot>
            <tr>
                <th scope="row" colspan="2">{t("matrix.count-clause")}</th>
                {cells}
            </tr>
        </tfoot>
    }
}
