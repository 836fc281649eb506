//! What goes on remiss is a version of the text: the compilation answers it. Shown where the
//! coordinator confirms sending the text out: the version it goes as, when the newest one
//! still reads as the text does; otherwise why there is none, and the choice — made unless
//! the coordinator says otherwise — to cut one as the text is sent.

use crate::format;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn RemissVersion(
    /// The name of the version to cut as the text is sent (`None`: none is cut).
    cut: RwSignal<Option<String>>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    // Read once, as the confirmation opens: reading a version loads the text as it was then.
    let (reads, newest) = live.untracked(|a| (a.version_as_text_reads(), a.versions().pop()));
    if let Ok(Some(version)) = reads {
        cut.set(None);
        let said = move || {
            let locale = locale.get();
            let date = format::date(version.created_ms, locale);
            locale.text(
                "remiss.version_sent_as",
                &[("name", &version.name), ("date", &date)],
            )
        };
        return view! { <p class="remiss-version">{said}</p> }.into_any();
    }
    let now = js_sys::Date::now();
    let name = {
        let locale = locale.get_untracked();
        locale.text(
            "remiss.version_name",
            &[("date", &format::date(now, locale))],
        )
    };
    cut.set(Some(name.clone()));
    let why = move || match &newest {
        Some(v) => locale
            .get()
            .text("remiss.version_changed", &[("name", &v.name)]),
        None => locale.get().text("remiss.version_none", &[]),
    };
    let label = {
        let name = name.clone();
        move || locale.get().text("remiss.version_cut", &[("name", &name)])
    };
    view! {
        <p class="remiss-version">{why}</p>
        <label class="remiss-version-cut">
            <input
                type="checkbox"
                data-testid="remiss-version-cut"
                prop:checked=move || cut.with(Option::is_some)
                on:change=move |ev| cut.set(event_target_checked(&ev).then(|| name.clone()))
            />
            " "
            {label}
        </label>
    }
    .into_any()
}
