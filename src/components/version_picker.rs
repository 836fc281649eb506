//! Picks one side of a comparison: a named version, or the text as it reads now.

use crate::i18n::t;
use leptos::prelude::*;
use samrad_domain::Version;

#[component]
pub fn VersionPicker(
    id: &'static str,
    /// The label's message key.
    label: &'static str,
    versions: Memo<Vec<Version>>,
    selected: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <span class="picker">
            <label for=id>{t(label)}</label>
            <select id=id on:change=move |ev| on_pick.run(event_target_value(&ev))>
                {move || {
                    versions
                        .get()
                        .into_iter()
                        .map(|v| {
                            let key = v.id.clone();
                            view! {
                                <option value=v.id selected=move || selected.get() == key>
                                    {v.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
                <option value="now" selected=move || selected.get() == "now">
                    {t("compare.now")}
                </option>
            </select>
        </span>
    }
}
