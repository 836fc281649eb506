//! The threads on a clause, as filtered. A long list shows its latest threads — where new
//! remarks arrive — behind a button that shows all of them ("24 synpunkter – visa alla"), so
//! a clause with many remarks costs a few threads until the reader asks for the rest.

use crate::components::remark_thread::RemarkThread;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
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
    let live = use_live();
    // A thread that would be folded away but holds the reader's unsent reply or edit opens
    // the list: the draft is where the reader left it, not behind "show all".
    let holds_draft = ids.with_untracked(|all| {
        all.len() > COLLAPSE_AFTER
            && all[..all.len() - SHOWN]
                .iter()
                .any(|id| live.has_remark_draft(id.as_str()))
    });
    let expanded = RwSignal::new(holds_draft);
    let hidden = folded(ids, expanded);
    let shown = move || ids.with(|all| all[hidden.get().min(all.len())..].to_vec());
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
                    (hidden.get() > 0)
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

/// How many of the oldest threads are folded away. The list folds when it is built or its
/// threads change otherwise (a filter); a thread that arrives while the reader looks does not
/// fold away one already shown — in a busy meeting the thread being answered would vanish
/// with its reply box as others write.
fn folded(ids: Memo<Vec<RemarkId>>, expanded: RwSignal<bool>) -> Memo<usize> {
    let seen = StoredValue::new(Vec::<RemarkId>::new());
    Memo::new(move |before: Option<&usize>| {
        let expanded = expanded.get();
        ids.with(|all| {
            let grown = seen.with_value(|seen| all.len() >= seen.len() && all.starts_with(seen));
            seen.set_value(all.clone());
            match before {
                _ if expanded => 0,
                Some(&kept) if grown => kept,
                _ if all.len() <= COLLAPSE_AFTER => 0,
                _ => all.len() - SHOWN,
            }
        })
    })
}
