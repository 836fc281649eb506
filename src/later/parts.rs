//! The agreement page's interactive parts, in one wasm file of their own (`soon`, with the
//! `split` feature): what a reader uses after reading — writing a remark or a reply, choosing
//! a selection's kind, supporting a proposal, the coordinator's response, the phase control,
//! the filters, the header's menus, the unsaved writing's panel. The first screen is drawn
//! without them; `first_screen_drawn` then lets them load (`later::part`), and
//! `preload_soon` fetches the file at once, so the composer opens without a wait soon after.
//! Once fetched, the service worker is asked to keep it and the files it shares with the pages
//! (`SOON` in `scripts/service-worker.sh`): a reader who opened once writes offline.

use super::NotFetched;
use crate::components::clause_text::TextSelection;
use crate::components::composer::ComposerSeed;
use crate::components::remark_card::RemarkEdit;
use leptos::prelude::*;
use samrad_domain::{Remark, RemarkKind};
use std::cell::{Cell, RefCell};
use std::task::{Poll, Waker};

/// Declares one loader per part: `name(props) -> AnyView` (awaited), all in the file `soon`.
macro_rules! soon_parts {
    ($($name:ident($($prop:ident: $ty:ty),*) $body:block)*) => {
        $(
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split(soon, wasm_split_path = ::leptos::wasm_split, fallible)]
            pub fn $name($($prop: $ty),*) -> Result<AnyView, NotFetched> {
                Ok($body.into_any())
            }

            #[cfg(not(feature = "split"))]
            pub async fn $name($($prop: $ty),*) -> Result<AnyView, NotFetched> {
                Ok($body.into_any())
            }
        )*
    };
}

soon_parts! {
    composer(clause: String, seed: ComposerSeed, on_done: Callback<()>) {
        use crate::components::composer::Composer;
        view! { <Composer clause=clause seed=seed on_done=on_done /> }
    }
    selection_toolbar(selection: TextSelection, may_propose: bool, on_choose: Callback<RemarkKind>) {
        use crate::components::selection_toolbar::SelectionToolbar;
        view! { <SelectionToolbar selection=selection may_propose=may_propose on_choose=on_choose /> }
    }
    reply_field(
        field_id: String,
        label: Signal<String>,
        value: RwSignal<String>,
        mentions: RwSignal<Vec<String>>,
        on_typing: Callback<bool>
    ) {
        use crate::components::mention_field::MentionField;
        view! {
            <MentionField
                field_id=field_id
                label=label
                value=value
                mentions=mentions
                on_typing=on_typing
                autofocus=true
            />
        }
    }
    support_buttons(proposal: String) {
        use crate::components::support_buttons::SupportButtons;
        view! { <SupportButtons proposal=proposal /> }
    }
    edit_form(remark: String, edit: RemarkEdit) {
        use crate::components::remark_card::RemarkEditForm;
        view! { <RemarkEditForm remark=remark edit=edit /> }
    }
    disposition_form(remark: Remark) {
        use crate::components::disposition_form::DispositionForm;
        view! { <DispositionForm remark=remark /> }
    }
    clause_history(clause: String) {
        use crate::components::clause_history::ClauseHistory;
        view! { <ClauseHistory clause=clause /> }
    }
    phase_control() {
        use crate::components::phase_control::PhaseControl;
        view! { <PhaseControl /> }
    }
    answer_bar() {
        use crate::components::answer_bar::AnswerBar;
        view! { <AnswerBar /> }
    }
    unsaved_panel() {
        use crate::components::unsaved_panel::UnsavedPanel;
        view! { <UnsavedPanel /> }
    }
    device_menu() {
        use crate::components::device_menu::DeviceMenu;
        view! { <DeviceMenu /> }
    }
    device_notice() {
        use crate::components::device_notice::DeviceNotice;
        view! { <DeviceNotice /> }
    }
    sign_out() {
        use crate::components::sign_out::SignOut;
        view! { <SignOut /> }
    }
    language_picker() {
        use crate::components::language_picker::LanguagePicker;
        view! { <LanguagePicker /> }
    }
    filter_bar() {
        use crate::components::filter_bar::FilterBar;
        view! { <FilterBar /> }
    }
    trace_diff(clause: String, from: String, to: Option<String>) {
        use crate::components::remark_trace::TraceDiff;
        view! { <TraceDiff clause=clause from=from to=to /> }
    }
}

/// Fetches (and instantiates) the parts' file without showing a part: called once the first
/// screen is drawn, so that the composer opens at once when asked for. Offline, a part asked
/// for later tries again.
pub fn preload_soon() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = parts_ready().await;
    });
}

/// Resolves once the parts' file is here — at once when it came before, or without `split`
/// (one module) — for a part that must not be asked for before it can be shown; `NotFetched`
/// offline before the service worker kept the file.
pub async fn parts_ready() -> Result<(), NotFetched> {
    #[cfg(feature = "split")]
    {
        soon_loaded().await?;
        keep_offline();
    }
    Ok(())
}

thread_local! {
    static KEPT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the service worker to keep the parts' files, once per page, as soon as they are here;
/// no part is missing any longer.
pub(super) fn keep_offline() {
    if cfg!(feature = "split") && !KEPT.replace(true) {
        MISSING.with(|m| m.set(false));
        crate::shell::keep_interactive_parts();
    }
}

thread_local! {
    /// Whether a part the page offers on its own (`quiet_part`) could not be fetched.
    static MISSING: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Whether a part the page offers on its own is missing, its file not fetched (`PartsMissing`).
pub(super) fn missing() -> ArcRwSignal<bool> {
    MISSING.with(Clone::clone)
}

/// Nothing but the `soon` file's preload (a split point of that file with no view).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(soon, wasm_split_path = ::leptos::wasm_split, preload(soon_loaded), fallible)]
#[allow(dead_code)]
fn soon_anchor() -> Result<(), NotFetched> {
    Ok(())
}

/// The parts' file could not be fetched: the parts waiting to try again, on one timer.
#[derive(Default)]
struct Retry {
    /// What each waiting part does to try again.
    waiting: RefCell<Vec<Box<dyn FnOnce()>>>,
    /// The current round (a round ends when the timer tries again for all).
    round: Cell<u32>,
    /// The round whose failure has been announced.
    announced: Cell<Option<u32>>,
}

thread_local! {
    static RETRY: Retry = Retry::default();
}

/// How long the parts wait after their file could not be fetched before they try again.
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// A part could not get the file: `again` runs in a moment, with every other part's, on one
/// timer for all.
pub(super) fn retry_later(again: impl FnOnce() + 'static) {
    let first = RETRY.with(|r| {
        let mut waiting = r.waiting.borrow_mut();
        waiting.push(Box::new(again));
        waiting.len() == 1
    });
    if first {
        set_timeout(
            || {
                let waiting = RETRY.with(|r| {
                    r.round.set(r.round.get() + 1);
                    r.waiting.take()
                });
                waiting.into_iter().for_each(|again| again());
            },
            RETRY_AFTER,
        );
    }
}

/// Whether a part failing now is the first of its round to say so aloud: the parts failing
/// together (the header's menus, the filters, …) are announced once.
pub(super) fn announce_once() -> bool {
    RETRY.with(|r| {
        let now = Some(r.round.get());
        r.announced.replace(now) != now
    })
}

/// Whether the first screen is drawn, and who waits for it.
#[derive(Default)]
struct Drawn {
    done: bool,
    waiting: Vec<Waker>,
}

thread_local! {
    static DRAWN: RefCell<Drawn> = RefCell::default();
}

/// The first screen is drawn: the parts waiting for it load now.
pub fn first_screen_drawn() {
    let waiting = DRAWN.with_borrow_mut(|d| {
        d.done = true;
        std::mem::take(&mut d.waiting)
    });
    waiting.into_iter().for_each(Waker::wake);
}

/// Resolves once `first_screen_drawn` was called (at once without `split`: one module, nothing
/// to wait for).
pub(super) async fn drawn() {
    if cfg!(not(feature = "split")) {
        return;
    }
    std::future::poll_fn(|cx| {
        DRAWN.with_borrow_mut(|d| {
            if d.done {
                Poll::Ready(())
            } else {
                d.waiting.push(cx.waker().clone());
                Poll::Pending
            }
        })
    })
    .await
}
