//! The stances per chapter as a stacked bar: one bar per chapter, a segment per position with
//! its symbol and count written in it, so it reads without colour; an SVG with a title and a
//! description, and the same figures as a table beside it for those who do not see it.

use crate::components::matrix_symbol::{position_word, symbol};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use samrad_domain::compilation::ChapterSummary;
use samrad_domain::Position;

const WIDTH: f64 = 640.0;
const LABEL: f64 = 60.0;
const ROW: f64 = 26.0;

#[component]
pub fn CompilationBar(chapters: Vec<ChapterSummary>) -> impl IntoView {
    let locale = use_i18n();
    move || {
        let locale = locale.get();
        let height = ROW * chapters.len() as f64 + 4.0;
        let bars = chapters
            .iter()
            .enumerate()
            .map(|(i, c)| bar(c, i as f64 * ROW))
            .collect_view();
        let head = Position::ALL
            .into_iter()
            .map(|p| view! { <th scope="col">{position_word(p, locale)}</th> })
            .collect_view();
        let rows = chapters
            .iter()
            .map(|c| {
                let cells = Position::ALL
                    .into_iter()
                    .map(|p| view! { <td>{c.counts.get(p)}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{format!("{} {}", c.number, c.title)}</th>{cells}</tr> }
            })
            .collect_view();
        let title = locale.text("compilation.per_chapter", &[]);
        let desc = locale.text("compilation.bar-desc", &[]);
        view! {
            <figure class="compilation-bar">
                <svg
                    role="img"
                    aria-labelledby="bar-title bar-desc"
                    viewBox=format!("0 0 {WIDTH} {height}")
                    width="100%"
                >
                    <title id="bar-title">{title}</title>
                    <desc id="bar-desc">{desc}</desc>
                    {bars}
                </svg>
                // Six columns do not fit a phone: the table scrolls within its own box (which
                // takes the keyboard for that) instead of widening the whole page.
                <div class="compilation-bar-scroll" tabindex="0" role="region" aria-labelledby="bar-caption">
                    <table class="compilation-bar-table">
                        <caption id="bar-caption">{t("compilation.per_chapter")}</caption>
                        <thead><tr><th scope="col">{t("matrix.filter-chapter")}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </figure>
        }
    }
}

/// One chapter's bar at height `y`.
fn bar(chapter: &ChapterSummary, y: f64) -> impl IntoView {
    let total: usize = Position::ALL.iter().map(|p| chapter.counts.get(*p)).sum();
    let scale = if total == 0 {
        0.0
    } else {
        (WIDTH - LABEL) / total as f64
    };
    let mut x = LABEL;
    let segments = Position::ALL
        .into_iter()
        .filter(|p| chapter.counts.get(*p) > 0)
        .map(|p| {
            let n = chapter.counts.get(p);
            let w = n as f64 * scale;
            let at = x;
            x += w;
            let label = (w > 28.0).then(|| {
                view! {
                    <text x=at + 4.0 y=y + 17.0 class="bar-text">{format!("{}{n}", symbol(p))}</text>
                }
            });
            view! {
                <rect x=at y=y + 2.0 width=w height=ROW - 4.0 class=format!("bar pos-{}", p.key()) />
                {label}
            }
        })
        .collect_view();
    view! {
        <text x="0" y=y + 17.0 class="bar-label">{chapter.number.clone()}</text>
        {segments}
    }
}
