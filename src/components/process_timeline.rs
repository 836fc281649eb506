//! The process as reference groups draw it in their status papers: the phases in order with
//! the current one marked and the date each last began (the server's record of the change),
//! and on a time line every change of phase (a remiss reopened shows both starts), the
//! versions cut, the answer deadline, each organisation's later deadline and the chapters
//! approved. An SVG with a title and a description, and the same events as a list for those
//! who do not see it. Re-read on the meta (phase, deadlines), the versions and the outline
//! (approvals live in the chapters).

use crate::format;
use crate::i18n::{t, use_i18n, Locale};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Agreement, Change, Phase};

const WIDTH: f64 = 640.0;
const AXIS: f64 = 70.0;

/// One dated event on the line.
struct Event {
    at_ms: f64,
    kind: &'static str,
    text: String,
}

#[component]
pub fn ProcessTimeline() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let drawn = move || {
        let locale = locale.get();
        let (phase, starts, events) = live
            .read([Change::Meta, Change::Versions, Change::Outline], |a| {
                (a.phase(), a.phase_starts(), events(a, locale))
            });
        view! {
            <ol class="timeline-phases">
                {Phase::ALL
                    .into_iter()
                    .map(|p| {
                        let now = p == phase;
                        let began = starts.iter().find(|s| s.phase == p).map(|s| {
                            view! {
                                " "
                                <time class="timeline-began" datetime=format::iso(s.began_ms)>
                                    {format::date(s.began_ms, locale)}
                                </time>
                            }
                        });
                        view! {
                            <li class:current=now aria-current=now.then_some("step")>
                                {locale.text(&format!("phase.{}", p.key()), &[])}
                                {began}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {line(&events, locale)}
            <ul class="timeline-events">
                {events
                    .iter()
                    .map(|e| view! {
                        <li class=format!("timeline-{}", e.kind)>
                            <time datetime=format::iso(e.at_ms)>{format::date(e.at_ms, locale)}</time>
                            " "{e.text.clone()}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
    };
    view! {
        <details class="timeline">
            <summary>{t("timeline.title")}</summary>
            {drawn}
        </details>
    }
}

/// The dated events, in time order.
fn events(a: &Agreement, locale: Locale) -> Vec<Event> {
    let mut events: Vec<Event> = a
        .versions()
        .into_iter()
        .map(|v| Event {
            at_ms: v.created_ms,
            kind: "version",
            text: locale.text("timeline.version", &[("name", &v.name)]),
        })
        .collect();
    if let Some(d) = a.deadline() {
        events.push(Event {
            at_ms: d,
            kind: "deadline",
            text: locale.text("timeline.deadline", &[]),
        });
    }
    for x in a.extensions() {
        let text = locale.text("timeline.extension", &[("organisation", &x.organisation)]);
        events.push(Event {
            at_ms: x.deadline_ms,
            kind: "extension",
            text,
        });
    }
    for chapter in a.outline() {
        if let Some(approval) = a
            .chapter_approval(&chapter.id)
            .filter(|ap| ap.reopened.is_none())
        {
            let text = locale.text(
                "timeline.approved",
                &[("number", &chapter.number), ("body", &approval.body)],
            );
            events.push(Event {
                at_ms: approval.on_ms,
                kind: "approved",
                text,
            });
        }
    }
    for start in a.phase_history() {
        let phase = locale.text(&format!("phase.{}", start.phase.key()), &[]);
        events.push(Event {
            at_ms: start.began_ms,
            kind: "phase",
            text: locale.text("timeline.phase_began", &[("phase", &phase)]),
        });
    }
    samrad_domain::sorting::sort_by(&mut events, |x, y| x.at_ms.total_cmp(&y.at_ms));
    events
}

/// The events on a line from the first to the last, today marked.
fn line(events: &[Event], locale: Locale) -> impl IntoView {
    let now = js_sys::Date::now();
    let first = events.first().map_or(now, |e| e.at_ms.min(now));
    let last = events.last().map_or(now, |e| e.at_ms.max(now));
    let span = (last - first).max(1.0);
    let x = move |ms: f64| 10.0 + (ms - first) / span * (WIDTH - 20.0);
    let marks = events
        .iter()
        .map(|e| view! { <circle cx=x(e.at_ms) cy=AXIS r="6" class=format!("mark timeline-{}", e.kind) /> })
        .collect_view();
    let title = locale.text("timeline.title", &[]);
    let desc = locale.text("timeline.desc", &[]);
    view! {
        <svg class="timeline-line" role="img" aria-labelledby="timeline-title timeline-desc" viewBox=format!("0 0 {WIDTH} 100") width="100%">
            <title id="timeline-title">{title}</title>
            <desc id="timeline-desc">{desc}</desc>
            <line x1="10" y1=AXIS x2=WIDTH - 10.0 y2=AXIS class="axis" />
            {marks}
            <line x1=x(now) y1="40" x2=x(now) y2="95" class="today" />
            <text x=x(now) y="34" class="today-label" text-anchor=anchor(x(now))>{locale.text("timeline.today", &[])}</text>
        </svg>
    }
}

/// Where a label at `x` hangs from, so that it stays inside the picture at either end.
fn anchor(x: f64) -> &'static str {
    if x < 40.0 {
        "start"
    } else if x > WIDTH - 40.0 {
        "end"
    } else {
        "middle"
    }
}
