//! The bar at the top of every page of an agreement: the product, the connection, what waits
//! unsaved, who is here, the phase, the coordinator's participants, the inbox, this device,
//! signing out and the language on its first row; the pages and who is signed in on its
//! second — the same on the agreement and on the pages beside it, so a coordinator compiling
//! answers still sees a mention arrive. The inbox and participants panels it opens follow it.

use crate::components::connection_badge::ConnectionBadge;
use crate::components::inbox_bell::InboxBell;
use crate::components::page_nav::PageNav;
use crate::components::presence_bar::PresenceBar;
use crate::components::unsaved_link::UnsavedLink;
use crate::i18n::{t, use_i18n};
use crate::later::{self, quiet_part};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Role;

#[component]
pub fn Topbar() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let signed_in = move || {
        locale.get().text(
            "app.signed_in_as",
            &[("name", &me.name), ("organisation", &me.organisation)],
        )
    };
    // Only coordinators manage participants; the server refuses anyone else anyway.
    let manages = me.role == Role::Coordinator;
    let participants_open = RwSignal::new(false);
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let close_participants = closes_to(participants_open, toggle_ref);
    let inbox_open = RwSignal::new(false);
    let bell_ref = NodeRef::<leptos::html::Button>::new();
    let close_inbox = closes_to(inbox_open, bell_ref);
    // Beside the page links, where the row has room for it; shortened should it not fit,
    // whole in its title.
    let whole_name = signed_in.clone();
    view! {
        <header class="topbar">
            <div class="topbar-row">
                <span class="brand">{t("app.name")}</span>
                <ConnectionBadge
                    state=live.connection.into()
                    pending=live.pending.into()
                    refusal=live.refusal
                    device_writing=live.device_writing
                />
                <UnsavedLink />
                <PresenceBar />
                {quiet_part(later::phase_control)}
                {manages
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="participants-toggle"
                                node_ref=toggle_ref
                                aria-expanded=move || participants_open.get().to_string()
                                aria-controls="participants-panel"
                                on:click=move |_| participants_open.update(|o| *o = !*o)
                            >
                                {t("access.open")}
                            </button>
                        }
                    })}
                <InboxBell open=inbox_open node_ref=bell_ref />
                <div class="topbar-account">
                    {quiet_part(later::device_menu)}
                    {quiet_part(later::sign_out)}
                    {quiet_part(later::language_picker)}
                </div>
            </div>
            <div class="topbar-row topbar-pages">
                <PageNav />
                <span class="me" title=whole_name>{signed_in}</span>
            </div>
        </header>
        <Show when=move || inbox_open.get()>
            {later::page(move || shown_then_focused(later::inbox(close_inbox), "inbox-heading"))}
        </Show>
        <Show when=move || participants_open.get()>
            {later::page(move || shown_then_focused(later::participants(close_participants), "participants-title"))}
        </Show>
    }
}

/// Closes a panel (`open` set false) and gives focus back to the button that opened it.
fn closes_to(open: RwSignal<bool>, button: NodeRef<leptos::html::Button>) -> Callback<()> {
    Callback::new(move |()| {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    })
}

/// A panel whose code is fetched on first opening (`crate::later`): once it has arrived and
/// is drawn, the reader is taken to its heading.
async fn shown_then_focused(
    panel: impl std::future::Future<Output = Result<AnyView, later::NotFetched>>,
    heading: &'static str,
) -> Result<AnyView, later::NotFetched> {
    let panel = panel.await;
    // After the panel is mounted (the view is mounted in the task that finishes this future);
    // not an animation frame, which a page in the background never gets.
    queue_microtask(move || focus_heading(heading));
    panel
}

/// Takes the reader to a panel's heading once the panel has just been rendered.
fn focus_heading(id: &str) {
    if let Some(heading) = document().get_element_by_id(id) {
        use wasm_bindgen::JsCast;
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
}
