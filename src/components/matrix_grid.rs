//! The matrix as a data table: a caption, chapters as column groups (each collapsible),
//! clauses as column headers, organisations as row headers, figures per organisation and per
//! clause. Headers stay in view while scrolling (CSS sticky). The grid is one tab stop:
//! arrow keys, Home and End move between cells (roving tabindex), Enter or a click opens the
//! cell. Rows are built from the overview without a signal per cell, a screenful at once and
//! the rest a chunk of rows (a `tbody` each) when the browser is idle (see deferred.rs), so
//! 6,000 cells show their first rows at once and never freeze the page. Rows not built yet
//! are still counted (`aria-rowcount`, each row's `aria-rowindex`), their place is held, and
//! moving the focus past the built edge builds the next rows and moves on into them.

use crate::components::matrix_page::OpenCell;
use crate::components::matrix_symbol::{counts_text, position_word, symbol};
use crate::deferred::Deferred;
use crate::format;
use crate::i18n::{t, use_i18n, Locale};
use leptos::prelude::*;
use samrad_domain::compilation::{MatrixFilter, MatrixOrganisation};
use samrad_domain::{ChapterId, Position, StanceCell, StanceCounts, StanceOverview};
use std::collections::HashSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

/// Widths in rem, as the stylesheet declares them for the columns: the organisation's and the
/// status column together, and one clause's.
const HEADER_REM: f64 = 24.0;
const CELL_REM: f64 = 2.6;

/// Rows per `tbody` chunk, chunks built at once (a laptop screen's rows and more), and chunks
/// built per idle period after.
const CHUNK: usize = 6;
const FIRST_CHUNKS: usize = 2;
const STEP_CHUNKS: usize = 2;

/// The height a row not built yet holds, in rem (a row with a two-line status).
const ROW_REM: f64 = 2.7;

/// Header rows above the body (chapters, clauses): the first body row's `aria-rowindex` is
/// one more.
const HEAD_ROWS: usize = 2;

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
    overview: ReadSignal<StanceOverview>,
    filter: RwSignal<MatrixFilter>,
    collapsed: RwSignal<HashSet<ChapterId>>,
    open: RwSignal<OpenCell>,
) -> impl IntoView {
    let locale = use_i18n();
    // The table is rebuilt only when what it shows changes shape; a change of stances
    // re-renders the rows and figures it touched (see `row` and `foot`).
    let shape = Memo::new(move |_| {
        overview.with(|o| filter.with(|f| collapsed.with(|c| Shape::of(o, f, c))))
    });
    // The chunks of rows built, of the table as it is now shown.
    let built: StoredValue<Option<Deferred>> = StoredValue::new(None);
    let table = move || {
        let locale = locale.get();
        shape
            .with(|s| overview.with_untracked(|o| render(o, s, collapsed, overview, built, locale)))
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
            let clause = ov.clause(k)?.id.clone();
            Some((name, clause))
        });
        // The opened cell stays marked while its detail is shown beside the grid.
        mark_open(Some(target));
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
        } else if let Some((r, c)) = neighbour(&cell, &ev) {
            ev.prevent_default();
            if let Some(next) = cell_at(&cell, r, c) {
                move_focus(&cell, &next);
            } else if r < shape.with_untracked(|s| s.rows.len()) {
                // A row not built yet: build up to its chunk, then move on once it is there
                // (the table is updated before the next frame).
                if let Some(rows) = built.get_value() {
                    rows.at_least(r / CHUNK + 1);
                }
                request_animation_frame(move || {
                    if let Some(next) = cell_at(&cell, r, c) {
                        move_focus(&cell, &next);
                    }
                });
            }
        }
    };
    view! {
        // A stance filter also marks the cells holding that stance: the others are dimmed
        // (style/pages.css), not rebuilt.
        <div
            class="matrix-scroll"
            data-position=move || filter.with(|f| f.position.map(|p| p.key()))
            on:click=on_click
            on:keydown=on_keydown
        >
            {table}
        </div>
    }
}

/// Marks `cell` as the one whose detail is open (`None`: none is).
pub fn mark_open(cell: Option<&HtmlElement>) {
    let marked = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("td.matrix-cell[data-open]").ok());
    if let Some(marked) = marked {
        for i in 0..marked.length() {
            if let Some(Ok(m)) = marked.item(i).map(|n| n.dyn_into::<web_sys::Element>()) {
                let _ = m.remove_attribute("data-open");
            }
        }
    }
    if let Some(cell) = cell {
        let _ = cell.set_attribute("data-open", "");
    }
}

/// The table cell an event happened in.
fn cell_of(target: Option<web_sys::EventTarget>) -> Option<HtmlElement> {
    let element: web_sys::Element = target?.dyn_into().ok()?;
    element.closest("[data-r]").ok()??.dyn_into().ok()
}

/// The grid position (row, column) an arrow, Home or End key moves to from `cell`, built or
/// not.
fn neighbour(cell: &HtmlElement, ev: &KeyboardEvent) -> Option<(usize, usize)> {
    let r: usize = cell.get_attribute("data-r")?.parse().ok()?;
    let c: usize = cell.get_attribute("data-c")?.parse().ok()?;
    Some(match ev.key().as_str() {
        "ArrowUp" => (r.checked_sub(1)?, c),
        "ArrowDown" => (r + 1, c),
        "ArrowLeft" => (r, c.checked_sub(1)?),
        "ArrowRight" => (r, c + 1),
        "Home" if ev.ctrl_key() => (0, 0),
        "Home" => (r, 0),
        "End" => {
            let row = cell.parent_element()?;
            let last = row.query_selector_all("[data-c]").ok()?.length();
            (r, last.checked_sub(1)? as usize)
        }
        _ => return None,
    })
}

/// The cell at grid position (`r`, `c`) in `cell`'s table, if it is built.
fn cell_at(cell: &HtmlElement, r: usize, c: usize) -> Option<HtmlElement> {
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

/// What the table's shape depends on: the rows and columns shown, and the names and numbers
/// in its headers.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    rows: Vec<usize>,
    columns: Vec<usize>,
    collapsed: HashSet<ChapterId>,
    organisations: Vec<String>,
    headers: Vec<(String, String, usize)>,
}

impl Shape {
    fn of(o: &StanceOverview, filter: &MatrixFilter, collapsed: &HashSet<ChapterId>) -> Shape {
        let (rows, columns) = o.select(filter);
        Shape {
            rows,
            columns,
            collapsed: collapsed.clone(),
            organisations: o.organisations.iter().map(|r| r.name.clone()).collect(),
            headers: o
                .chapters
                .iter()
                .map(|c| (c.number.clone(), c.title.clone(), c.clauses.len()))
                .collect(),
        }
    }
}

fn render(
    overview: &StanceOverview,
    shape: &Shape,
    collapsed: RwSignal<HashSet<ChapterId>>,
    memo: ReadSignal<StanceOverview>,
    built: StoredValue<Option<Deferred>>,
    locale: Locale,
) -> AnyView {
    let rows = shape.rows.clone();
    let groups = groups(overview, &shape.columns, &shape.collapsed);
    let shown = shape.columns.len();
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
    let flat: Arc<Vec<Column>> = Arc::new(
        groups
            .iter()
            .flat_map(|g| g.columns.iter().copied())
            .collect(),
    );
    // Declared widths let the browser lay the table out from its columns alone (fixed
    // layout), not by measuring every cell of every row again as rows arrive.
    let width = format!("{}rem", HEADER_REM + CELL_REM * flat.len() as f64);
    let cols = flat
        .iter()
        .map(|_| view! { <col class="matrix-col" /> })
        .collect_view();
    // Every row and column counts for a screen reader, built yet or not.
    let row_count = HEAD_ROWS + rows.len() + 1;
    let column_count = 2 + flat.len();
    view! {
        <p class="matrix-shown" role="status">{summary}</p>
        <table
            class="matrix"
            style:width=width
            aria-rowcount=row_count
            aria-colcount=column_count
        >
            <caption class="visually-hidden">{t("matrix.caption")}</caption>
            <colgroup>
                <col class="matrix-col-org" />
                <col class="matrix-col-status" />
                {cols}
            </colgroup>
            {head(overview, &groups, collapsed, locale)}
            {body(memo, Arc::new(rows), flat.clone(), built, locale)}
            {foot(memo, &flat, row_count, locale)}
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
            <tr class="matrix-chapters" aria-rowindex="1">
                <th scope="col" rowspan="2" class="matrix-corner">{t("matrix.organisation")}</th>
                <th scope="col" rowspan="2" class="matrix-status-head">{t("matrix.status")}</th>
                {chapters}
            </tr>
            <tr class="matrix-clauses" aria-rowindex="2">{numbers}</tr>
        </thead>
    }
}

/// The rows, a chunk of [`CHUNK`] per `tbody`: the first [`FIRST_CHUNKS`] at once, the rest
/// [`STEP_CHUNKS`] each time the browser is idle, or at once when the grid's focus moves past
/// the built edge (see `MatrixGrid`); the place of the rows not built yet is held below them.
/// Chunks read the overview as it is when they are built; a change to it rebuilds the table
/// (see `MatrixGrid`).
fn body(
    overview: ReadSignal<StanceOverview>,
    rows: Arc<Vec<usize>>,
    flat: Arc<Vec<Column>>,
    built: StoredValue<Option<Deferred>>,
    locale: Locale,
) -> impl IntoView {
    let total = rows.len();
    let chunks = total.div_ceil(CHUNK);
    let shown = Deferred::new(FIRST_CHUNKS, STEP_CHUNKS, move || chunks);
    built.set_value(Some(shown));
    let words = Arc::new(Words::new(locale));
    let pending = move || total.saturating_sub(shown.get() * CHUNK);
    let columns = 2 + flat.len();
    view! {
        <For
            each=move || 0..shown.get().min(chunks)
            key=|i| *i
            children=move |i| {
                let end = (i * CHUNK + CHUNK).min(rows.len());
                chunk(overview, i * CHUNK, &rows[i * CHUNK..end], &flat, &words, locale)
            }
        />
        <Show when=move || pending() != 0>
            <tbody class="matrix-pending" aria-hidden="true">
                <tr>
                    <td
                        colspan=columns
                        style:height=move || format!("{:.1}rem", pending() as f64 * ROW_REM)
                    ></td>
                </tr>
            </tbody>
        </Show>
    }
}

/// Rows `rows` (organisation indexes), the first of them the grid's row `first`.
fn chunk(
    overview: ReadSignal<StanceOverview>,
    first: usize,
    rows: &[usize],
    flat: &Arc<Vec<Column>>,
    words: &Arc<Words>,
    locale: Locale,
) -> impl IntoView {
    let rows = rows
        .iter()
        .enumerate()
        .map(|(j, &o)| row(overview, first + j, o, flat.clone(), words.clone(), locale))
        .collect_view();
    view! { <tbody>{rows}</tbody> }
}

/// What a cell says for a screen reader, worded once per table rather than once per cell.
struct Words {
    /// By position, in the order of `Position::ALL`.
    positions: Vec<(Position, String)>,
    draft: String,
}

impl Words {
    fn new(locale: Locale) -> Words {
        Words {
            positions: Position::ALL
                .into_iter()
                .map(|p| (p, position_word(p, locale)))
                .collect(),
            draft: locale.text("matrix.draft", &[]),
        }
    }

    /// The words of a cell at `position`, a draft not sent or not.
    fn of(&self, position: Position, draft: bool) -> String {
        let word = self
            .positions
            .iter()
            .find(|(p, _)| *p == position)
            .map_or("", |(_, w)| w.as_str());
        if draft {
            format!("{word}, {}", self.draft)
        } else {
            word.to_string()
        }
    }
}

/// The same shared value: equal only to itself, so a memo of an untouched row or column stops
/// at a pointer comparison (the overview keeps what a change did not touch).
#[derive(Debug)]
struct Same<T>(Arc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Grid row `r`, organisation `o`: re-rendered only when its own row changed.
fn row(
    overview: ReadSignal<StanceOverview>,
    r: usize,
    o: usize,
    flat: Arc<Vec<Column>>,
    words: Arc<Words>,
    locale: Locale,
) -> impl IntoView {
    let data = Memo::new(move |_| {
        overview.with(|ov| {
            let organisation = Same(ov.organisations.get(o)?.clone());
            Some((organisation, Same(ov.cells.get(o)?.clone())))
        })
    });
    move || {
        data.with(|d| {
            d.as_ref().map(|(organisation, cells)| {
                let organisation = &organisation.0;
                let cells = flat
                    .iter()
                    .enumerate()
                    .map(|(c, column)| {
                        let cell = match column {
                            Column::Clause(k) => cells.0.get(*k).map(|cell| (*k, cell)),
                            Column::Collapsed => None,
                        };
                        cell_view(r, o, c, cell, organisation, &words)
                    })
                    .collect_view();
                view! {
                    <tr aria-rowindex={HEAD_ROWS + r + 1}>
                        <th scope="row" class="matrix-org">{organisation.name.clone()}</th>
                        <td class="matrix-status">{status(organisation, locale)}</td>
                        {cells}
                    </tr>
                }
            })
        })
    }
}

/// One cell: the symbol (drawn by the stylesheet from the position's class, with the draft
/// mark from `data-draft`) for the eye, the words in the one node inside for a screen reader.
/// The grid's one tab stop starts on the first cell; the others get theirs as focus moves.
/// A draft is marked only where it differs from an answer sent; before any answer, the row
/// says once that the organisation is drafting.
fn cell_view(
    r: usize,
    o: usize,
    c: usize,
    cell: Option<(usize, &StanceCell)>,
    organisation: &MatrixOrganisation,
    words: &Words,
) -> AnyView {
    let tabindex = (r == 0 && c == 0).then_some("0");
    let Some((k, stance)) = cell else {
        return view! { <td class="matrix-cell folded" data-r=r data-c=c tabindex=tabindex></td> }
            .into_any();
    };
    let position = Position::of(stance.sent.as_ref().map(|s| s.value));
    let draft = organisation.marks_draft(stance);
    let words = words.of(position, draft);
    view! {
        <td
            class=format!("matrix-cell pos-{}", position.key())
            data-r=r
            data-c=c
            data-o=o
            data-k=k
            data-draft=draft.then_some("")
            tabindex=tabindex
        >
            <span class="visually-hidden">{words}</span>
        </td>
    }
    .into_any()
}

/// An organisation's answer, deadline and figures.
fn status(organisation: &MatrixOrganisation, locale: Locale) -> impl IntoView {
    let answer = match &organisation.answer {
        Some(a) => {
            // The column is narrow: a whole month's name wrapped every row onto three lines.
            let date = format::short_date(a.sent_ms, locale);
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
        .map(|d| {
            locale.text(
                "matrix.extended",
                &[("date", &format::short_date(d, locale))],
            )
        });
    let answered = organisation.answer.is_some();
    let drafting = organisation.drafting().map(|n| {
        let words = locale.text_n("matrix.drafting", n, &[]);
        view! { <span class="matrix-drafting">{words}</span> }
    });
    view! {
        <span class=if answered { "matrix-answered" } else { "matrix-unanswered" }>{answer}</span>
        {drafting}
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

/// Figures per clause, each re-read when the overview changes (a few numbers per column).
fn foot(
    overview: ReadSignal<StanceOverview>,
    flat: &[Column],
    row_count: usize,
    locale: Locale,
) -> impl IntoView {
    let cells = flat
        .iter()
        .map(|column| match *column {
            Column::Clause(k) => {
                let figures = Memo::new(move |_| overview.with(|o| o.clause(k).cloned().map(Same)));
                let shown =
                    move || figures.with(|f| f.as_ref().map(|f| counts(&f.0.counts, locale)));
                view! { <td class="matrix-foot">{shown}</td> }.into_any()
            }
            Column::Collapsed => view! { <td class="matrix-foot"></td> }.into_any(),
        })
        .collect_view();
    view! {
        <tfoot>
            <tr aria-rowindex=row_count>
                // One column wide, as the organisations' column it stands under: held in
                // place with it when the grid scrolls sideways, not covering clauses.
                <th scope="row">{t("matrix.count-clause")}</th>
                <td class="matrix-foot"></td>
                {cells}
            </tr>
        </tfoot>
    }
}
