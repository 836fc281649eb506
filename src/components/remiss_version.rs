//! What goes on remiss is a version of the text: the compilation answers it. Shown where the
//! coordinator confirms sending the text out: the version it goes as, when the newest one
//! still reads as the text does; otherwise why there is none, and the choice — ticked unless
//! the coordinator says otherwise — to cut one as the text is sent, with what leaving it out
//! means. The choice is only a wish: whether a version is cut is decided again as the text is
//! sent (`Agreement::send_on_remiss`), so an edit made meanwhile is not sent out unversioned.

use crate::format;
use crate::i18n::{use_i18n, Locale};
use crate::live::{use_live, Live};
use leptos::prelude::*;
use samrad_domain::DomainError;

#[component]
pub fn RemissVersion(
    /// Whether to cut a version as the text is sent, should none read as it does.
    cut: RwSignal<bool>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    // Read once, as the confirmation opens: reading a version loads the text as it was then.
    let (reads, newest) = live.untracked(|a| (a.version_as_text_reads(), a.versions().pop()));
    if let Ok(Some(version)) = reads {
        let said = move || {
            locale
                .get()
                .text("remiss.version_sent_as", &[("name", &version.name)])
        };
        return view! { <p class="remiss-version">{said}</p> }.into_any();
    }
    // Not knowing (a replica still waiting for changes) is no reason to say why.
    let known = reads.is_ok();
    let older = newest.map(|v| v.name);
    let why = {
        let older = older.clone();
        move || {
            let locale = locale.get();
            match &older {
                Some(name) => locale.text("remiss.version_changed", &[("name", name)]),
                None => locale.text("remiss.version_none", &[]),
            }
        }
    };
    let label = move || {
        let locale = locale.get();
        locale.text("remiss.version_cut", &[("name", &version_name(locale))])
    };
    // Left out, the answers are compiled against an older text, or against nothing.
    let left_out = move || {
        (!cut.get()).then(|| match &older {
            Some(name) => locale.get().text("remiss.version_older", &[("name", name)]),
            None => locale.get().text("remiss.version_needed", &[]),
        })
    };
    view! {
        {known.then(|| view! { <p class="remiss-version">{why}</p> })}
        <label class="remiss-version-cut">
            <input
                type="checkbox"
                data-testid="remiss-version-cut"
                prop:checked=cut
                on:change=move |ev| cut.set(event_target_checked(&ev))
            />
            " "
            {label}
        </label>
        {move || left_out().map(|text| view! { <p class="remiss-version-left-out" role="status">{text}</p> })}
    }
    .into_any()
}

/// The name of a version cut as the text goes on remiss: "Remissversion 2 december 2026".
pub fn version_name(locale: Locale) -> String {
    let date = format::date(js_sys::Date::now(), locale);
    locale.text("remiss.version_name", &[("date", &date)])
}

/// Sends the text on remiss until `deadline_ms`, cutting the version it goes out as when `cut`
/// is ticked and none reads as the text does (`Agreement::send_on_remiss`).
pub fn send(live: Live, locale: Locale, deadline_ms: f64, cut: bool) -> Result<(), DomainError> {
    let cut_as = cut.then(|| version_name(locale));
    let now = js_sys::Date::now();
    live.write(|a, me| a.send_on_remiss(me, deadline_ms, cut_as.as_deref(), now))
        .map(|_| ())
}
