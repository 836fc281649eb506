//! The compilation's introduction: the remiss version and its dates, who was consulted, who
//! answered when (recorded on an organisation's behalf, with its formal decision) and who had
//! a later deadline.

use crate::format;
use crate::i18n::{t, use_i18n, Arg, Locale};
use leptos::prelude::*;
use samrad_domain::compilation::{
    ConsultedOrganisation, EntryDays, Introduction, PhaseSpan, Summary,
};
use samrad_domain::ReservationKind;

#[component]
pub fn CompilationIntro(introduction: Introduction, summary: Summary) -> impl IntoView {
    let locale = use_i18n();
    let text = move || {
        let locale = locale.get();
        let v = &introduction.remiss_version;
        let date = format::date(v.created_ms, locale);
        let sent = match introduction.deadline_ms {
            Some(d) => locale.text(
                "compilation.intro-sent",
                &[
                    ("version", &v.name),
                    ("date", &date),
                    ("deadline", &format::date(d, locale)),
                ],
            ),
            None => locale.text(
                "compilation.intro-sent_open",
                &[("version", &v.name), ("date", &date)],
            ),
        };
        let answered = locale.format(
            "compilation.intro-answered",
            &[
                ("consulted", Arg::Count(summary.consulted)),
                ("answered", Arg::Count(summary.answered)),
            ],
        );
        let organisations = introduction
            .organisations
            .iter()
            .map(|o| organisation(o, locale))
            .collect_view();
        let phases = introduction
            .phases
            .iter()
            .map(|span| phase(span, locale))
            .collect_view();
        view! {
            <p>{sent}" "{answered}</p>
            <h3>{t("compilation.intro-phases")}</h3>
            <ul class="compilation-phases">{phases}</ul>
            <h3>{t("compilation.intro-organisations")}</h3>
            <ul class="compilation-organisations">{organisations}</ul>
        }
    };
    view! {
        <section class="compilation-intro" aria-labelledby="compilation-intro">
            <h2 id="compilation-intro">{t("compilation.introduction")}</h2>
            {text}
        </section>
    }
}

/// One phase: when it began (the server's record of the change) and the span of what was
/// written in it.
fn phase(span: &PhaseSpan, locale: Locale) -> impl IntoView {
    let name = locale.text(&format!("phase.{}", span.phase.key()), &[]);
    let began = span.began_ms.map(|ms| {
        view! {
            <time datetime=format::iso(ms)>
                {locale.text(
                    "compilation.intro-phase_began",
                    &[("phase", &name), ("date", &format::date(ms, locale))],
                )}
            </time>
            " "
        }
    });
    let (first, last) = (
        format::date(span.first_ms, locale),
        format::date(span.last_ms, locale),
    );
    // After "… began on <date>." the phase is not named again, and a day is said once.
    let entries = (span.entries > 0).then(|| {
        let n = ("entries", Arg::Count(span.entries));
        match span.entry_days() {
            EntryDays::Unstamped => locale.format(
                "compilation.intro-phase",
                &[
                    ("phase", Arg::Text(&name)),
                    ("first", Arg::Text(&first)),
                    ("last", Arg::Text(&last)),
                    n,
                ],
            ),
            EntryDays::DayItBegan => {
                locale.format("compilation.intro-phase_written_same_day", &[n])
            }
            EntryDays::OneDay => locale.format(
                "compilation.intro-phase_written_on",
                &[("date", Arg::Text(&first)), n],
            ),
            EntryDays::Days => locale.format(
                "compilation.intro-phase_written",
                &[("first", Arg::Text(&first)), ("last", Arg::Text(&last)), n],
            ),
        }
    });
    view! { <li>{began}{entries}</li> }
}

/// One consulted organisation: its latest answer, how it came and the decision behind it.
fn organisation(o: &ConsultedOrganisation, locale: Locale) -> impl IntoView {
    let answer = match o.answer() {
        Some(a) => locale.text(
            "compilation.answered_on",
            &[
                ("number", &a.number.to_string()),
                ("date", &format::date(a.sent_ms, locale)),
                ("name", &a.sent_by),
            ],
        ),
        None => locale.text("compilation.no_answer", &[]),
    };
    let on_behalf = o.answer().and_then(|a| a.on_behalf.as_ref()).map(|r| {
        locale.text(
            "compilation.on_behalf",
            &[("name", &r.by), ("date", &format::date(r.at_ms, locale))],
        )
    });
    let extension = o.extension_ms.map(|d| {
        locale.text(
            "compilation.extension",
            &[("date", &format::date(d, locale))],
        )
    });
    let decision = o.answer().and_then(|a| a.decision.as_ref()).map(|d| {
        let mut parts = vec![locale.text(
            "compilation.decision-text",
            &[("body", &d.body), ("date", &d.date), ("item", &d.item)],
        )];
        for r in &d.reservations {
            let key = match r.kind {
                ReservationKind::Reservation => "compilation.reservation",
                ReservationKind::SpecialStatement => "compilation.special_statement",
            };
            parts.push(format!(
                "{}: {}",
                locale.text(key, &[("party", &r.party)]),
                r.text
            ));
        }
        let label = locale.text("compilation.decision", &[]);
        format!("{label}: {}", parts.join(" · "))
    });
    view! {
        <li>
            <strong>{o.name.clone()}</strong>
            ": "
            {answer}
            {on_behalf.map(|t| view! { " — "<em>{t}</em> })}
            {extension.map(|t| view! { " — "{t} })}
            {decision.map(|t| view! { <br />{t} })}
        </li>
    }
}
