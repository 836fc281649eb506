//! The language picker: Swedish, bokmål, nynorsk, English, each named in itself. Its label
//! names it in all three languages, since the reader may not read the current one.

use crate::i18n::{choose, remember, use_i18n, Locale};
use leptos::prelude::*;

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_i18n();
    view! {
        <select
            class="language"
            aria-label="Språk / Språk / Language"
            on:change=move |ev| {
                if let Some(l) = Locale::from_code(&event_target_value(&ev)) {
                    remember(l);
                    choose(locale, l);
                }
            }
        >
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <option value=l.code() lang=l.tag() selected=move || locale.get() == l>
                            {l.name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
