//! A date to choose, with the chosen day written out in the app's language.
//!
//! The field is the browser's own date input (its picker, its keyboard use, its checks), but
//! the browser shows the date in its own language's order, not the page's: in an English
//! browser a Swedish coordinator sees 01/02/2027, which a Swede reads as the 1st of February
//! and the browser means as the 2nd of January. So the day chosen is written out beside the
//! field as the app's language says it ("lördag 2 januari 2027"), and the field is described
//! by it: what a deadline or a decision's date will be is never a guess.

use crate::format;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn DateField(
    /// The input's id, for its label's `for`.
    id: &'static str,
    /// The chosen date as the input holds it (`YYYY-MM-DD`), empty when none.
    value: RwSignal<String>,
    /// Whether a date must be chosen.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let locale = use_i18n();
    let said_id = format!("{id}-said");
    let said =
        move || format::end_of_day(&value.get()).map(|ms| format::full_date(ms, locale.get()));
    view! {
        <span class="date-field">
            <input
                id=id
                type="date"
                required=required
                aria-describedby=said_id.clone()
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            // Hidden from the label's name (a wrapping label would read it twice); the field's
            // description still reads it.
            <span id=said_id class="date-said" aria-hidden="true">{said}</span>
        </span>
    }
}
