//! The threads on a clause, as filtered. A long list shows its latest threads — where new
//! remarks arrive — behind a button that shows all of them ("24 synpunkter – visa alla"), so
//! a clause with many remarks costs a few threads until the reader asks for the rest.

use crate::components::remark_thread::RemarkThread;
use crate::filters::{use_filters, Filters};
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::RemarkId;
use std::collections::HashSet;

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
    // A thread that would be folded away but holds the reader's unsent reply or edit (of the
    // remark or one of its replies) opens the list: the draft is where the reader left it,
    // not behind "show all".
    let holds_draft = ids.with_untracked(|all| {
        let drafted = live.remarks_with_drafts();
        !drafted.is_empty()
            && all.len() > COLLAPSE_AFTER
            && all[..all.len() - SHOWN].iter().any(|id| {
                drafted.contains(id)
                    || live.untracked(|a| a.remark(id)).is_some_and(|thread| {
                        thread.replies.iter().any(|r| drafted.contains(&r.id))
                    })
            })
    });
    let expanded = RwSignal::new(holds_draft);
    let hidden = folded(ids, expanded);
    let shown = move || {
        hidden.with(|hidden| {
            ids.with(|all| {
                let shown = all.iter().filter(|id| !hidden.contains(*id));
                shown.cloned().collect::<Vec<_>>()
            })
        })
    };
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
                    (!hidden.with(HashSet::is_empty))
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

/// The threads folded away. The list folds its oldest threads when it is built and when the
/// filters change; otherwise it folds nothing new — threads arriving are shown, wherever their
/// time puts them, and a thread on screen stays there. In a busy meeting the thread being
/// answered would otherwise vanish with its reply box as others write.
fn folded(ids: Memo<Vec<RemarkId>>, expanded: RwSignal<bool>) -> Memo<HashSet<RemarkId>> {
    let filters = use_filters();
    // The filters the threads were folded under.
    let under = StoredValue::new(None::<Filters>);
    Memo::new(move |before: Option<&HashSet<RemarkId>>| {
        let f = filters.get();
        if expanded.get() {
            return HashSet::new();
        }
        let same = under.with_value(|u| u.as_ref() == Some(&f));
        under.set_value(Some(f));
        ids.with(|all| match before {
            Some(before) if same => all
                .iter()
                .filter(|id| before.contains(*id))
                .cloned()
                .collect(),
            _ if all.len() <= COLLAPSE_AFTER => HashSet::new(),
            _ => all[..all.len() - SHOWN].iter().cloned().collect(),
        })
    })
}
