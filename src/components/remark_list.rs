//! The threads on a clause, as filtered. A long list shows its latest threads — where new
//! remarks arrive — behind a button that shows all of them ("24 synpunkter – visa alla"), so
//! a clause with many remarks costs a few threads until the reader asks for the rest.

use crate::components::remark_thread::RemarkThread;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use samrad_domain::RemarkId;

/// Lists up to this long show whole.
pub const COLLAPSE_AFTER: usize = 6;
/// Threads a collapsed list shows: the latest.
pub const SHOWN: usize = 5;

#[component]
pub fn RemarkList(
    /// The clause (for the list's id).
    clause: String,
    /// The threads to list, oldest first (filtered by the caller).
    ids: Memo<Vec<RemarkId>>,
) -> impl IntoView {
    let locale = use_i18n();
    let expanded = RwSignal::new(false);
    let hidden = move || {
        let n = ids.with(Vec::len);
        if expanded.get() || n <= COLLAPSE_AFTER {
            0
        } else {
            n - SHOWN
        }
    };
    let shown = move || ids.with(|all| all[hidden().min(all.len())..].to_vec());
    let list_id = format!("remarks-{clause}");
    let controls = list_id.clone();
    view! {
        <Show
            when=move || !ids.with(Vec::is_empty)
            fallback=|| view! { <p class="empty">{t("clause.no_remarks")}</p> }
        >
            {
                let controls = controls.clone();
                move || {
                    (hidden() > 0)
                        .then(|| {
                            let label = locale
                                .get()
                                .text_n("clause.show_all_remarks", ids.with(Vec::len), &[]);
                            view! {
                                <button
                                    type="button"
                                    class="link-button show-all"
                                    aria-controls=controls.clone()
                                    aria-expanded="false"
                                    on:click=move |_| expanded.set(true)
                                >
                                    {label}
                                </button>
                            }
                        })
                }
            }
            <ol class="remark-list" id=list_id.clone()>
                <For each=shown key=|id| id.clone() children=|id| view! { <RemarkThread id=id /> } />
            </ol>
        </Show>
    }
}
