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
use leptos::prelude::*;
use samrad_domain::{Remark, RemarkKind};
use std::cell::RefCell;
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
        if soon_loaded().await.is_ok() {
            keep_offline();
        }
    });
}

thread_local! {
    static KEPT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the service worker to keep the parts' files, once per page, as soon as they are here.
pub(super) fn keep_offline() {
    if cfg!(feature = "split") && !KEPT.replace(true) {
        crate::shell::keep_interactive_parts();
    }
}

/// Nothing but the `soon` file's preload (a split point of that file with no view).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(soon, wasm_split_path = ::leptos::wasm_split, preload(soon_loaded), fallible)]
#[allow(dead_code)]
fn soon_anchor() -> Result<(), NotFetched> {
    Ok(())
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
