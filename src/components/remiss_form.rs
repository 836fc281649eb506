//! Sending the draft on remiss with a deadline (or moving the deadline). Nothing happens on
//! the first press: the coordinator is told what will happen — who can answer, until when,
//! what is refused after, and the version of the text that goes out (cut as it is sent, if
//! the text has none yet) — and confirms.

use crate::components::date_field::DateField;
use crate::components::remiss_version::{self, RemissVersion};
use crate::escape::closes_on_escape;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Phase};

#[component]
pub fn RemissForm() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let phase = Memo::new(move |_| live.read([Change::Meta], |a| a.phase()));
    // Six weeks is the usual remiss time; the coordinator picks the day.
    let date = RwSignal::new(format::input_date(
        js_sys::Date::now() + 42.0 * 86_400_000.0,
    ));
    let asking = RwSignal::new(None::<f64>);
    let message = RwSignal::new(None::<Result<String, String>>);
    // Whether to cut the version the text goes out as (see RemissVersion): ticked on each ask.
    let cut = RwSignal::new(true);
    let ask = move || match format::end_of_day(&date.get_untracked()) {
        Some(d) if d > js_sys::Date::now() => {
            message.set(None);
            cut.set(true);
            asking.set(Some(d));
        }
        _ => message.set(Some(Err(locale
            .get_untracked()
            .text("remiss.bad_date", &[])))),
    };
    let confirm = move |deadline: f64| {
        let result = if phase.get_untracked() == Phase::Consultation {
            live.write(|a, me| a.set_phase(me, Phase::Consultation, Some(deadline)))
        } else {
            remiss_version::send(live, locale.get_untracked(), deadline, cut.get_untracked())
        };
        asking.set(None);
        let locale = locale.get_untracked();
        message.set(Some(match result {
            Ok(()) => Ok(locale.text("remiss.sent", &[("date", &format::date(deadline, locale))])),
            Err(e) => Err(locale.error(&e)),
        }));
    };
    // Focus moves to the question, so Escape (and a screen reader) meets it at once.
    let title_ref = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(h) = title_ref.get() {
            let _ = h.focus();
        }
    });
    let what_happens = move || {
        asking.get().map(|d| {
            let locale = locale.get();
            // Moving the deadline of a remiss already out is said as such.
            let moving = phase.get() == Phase::Consultation;
            let (title, body, yes) = if moving {
                ("remiss.confirm_move_title", "remiss.confirm_move_text", "remiss.confirm_move")
            } else {
                ("remiss.confirm_title", "remiss.confirm_text", "remiss.confirm")
            };
            let text = locale.text(body, &[("date", &format::date(d, locale))]);
            let title = locale.text(title, &[]);
            let yes = locale.text(yes, &[]);
            view! {
                <div
                    class="confirm-box"
                    role="alertdialog"
                    aria-labelledby="remiss-confirm-title"
                    on:keydown=closes_on_escape(move || asking.set(None))
                >
                    <h3 id="remiss-confirm-title" tabindex="-1" node_ref=title_ref>{title}</h3>
                    <p>{text}</p>
                    {(!moving).then(|| view! { <RemissVersion cut=cut /> })}
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| confirm(d)>
                            {yes}
                        </button>
                        <button type="button" on:click=move |_| asking.set(None)>{t("remiss.cancel")}</button>
                    </div>
                </div>
            }
        })
    };
    let heading = move || {
        if phase.get() == Phase::Consultation {
            "remiss.move_title"
        } else {
            "remiss.send_title"
        }
    };
    view! {
        <section class="remiss-form" aria-labelledby="remiss-form-title">
            <h2 id="remiss-form-title">{move || locale.get().text(heading(), &[])}</h2>
            <form
                class="ui stacked-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    ask();
                }
            >
                <label for="remiss-deadline">{t("remiss.deadline")}</label>
                <DateField id="remiss-deadline" value=date required=true />
                <div class="actions">
                    <button type="submit" class="primary">{move || locale.get().text(heading(), &[])}</button>
                </div>
            </form>
            {what_happens}
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}
