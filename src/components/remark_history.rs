//! A remark's earlier wordings, under the remark: the record of what was said before an edit,
//! kept by the server (see the domain's revision.rs). Closed until asked for; read with the card
//! (a look-up per kept wording, and only cards that were edited have one).

use crate::format;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn RemarkHistory(
    remark: String,
    /// How many earlier wordings there are (from the remark as read).
    count: u32,
    /// Whether the reader has them open: kept beside the card, which is built anew whenever
    /// the remark changes, so an edit or a stamp arriving does not close them.
    open: RwSignal<bool>,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let id = remark.clone();
    let wordings = move || live.read([Change::Remark(id.clone())], |a| a.revisions_of(&id));
    view! {
        <details
            class="remark-history"
            open=open.get_untracked()
            on:toggle=move |ev| {
                let details = event_target::<web_sys::HtmlDetailsElement>(&ev);
                open.set(details.open());
            }
        >
            <summary>{move || locale.get().text_n("meeting.history.remark", count as usize, &[])}</summary>
            <ol>
                {move || {
                    let l = locale.get();
                    wordings()
                        .into_iter()
                        .map(|w| {
                            let until = l.text(
                                "meeting.history.replaced",
                                &[("date", &format::date_time(w.replaced_ms, l))],
                            );
                            view! {
                                <li>
                                    <p class="history-when">{until}</p>
                                    <p class="history-body">{w.body}</p>
                                    {w.proposed_text.map(|p| view! { <p class="history-wording">{p}</p> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </details>
    }
}
