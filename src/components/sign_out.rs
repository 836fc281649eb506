//! "Logga ut": signs out on this device. With changes not yet sent it warns first and lets the
//! reader wait for the network (signing out by itself once everything is saved) or discard them.

use crate::components::signed_out::use_signed_out;
use crate::i18n::{t, use_i18n};
use crate::live::{use_live, ConnectionState};
use leptos::prelude::*;

#[component]
pub fn SignOut() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let signed_out = use_signed_out();
    let asking = RwSignal::new(false);
    let waiting = RwSignal::new(false);
    let unsent = move || live.pending.get() + live.returned.with(|r| r.items.len());
    let go = move || {
        asking.set(false);
        waiting.set(false);
        leptos::task::spawn_local(async move {
            let place = live.place();
            let reached = live.sign_out(&place).await.is_ok();
            signed_out.set(Some(reached));
        });
    };
    // Waiting: signs out as soon as the server has everything.
    Effect::new(move |_| {
        let saved = live.connection.get() == ConnectionState::Online && unsent() == 0;
        if waiting.get() && saved {
            go();
        }
    });
    let click = move |_| {
        if unsent() > 0 {
            asking.set(true);
        } else {
            go();
        }
    };
    let warning = move || locale.get().text_n("signout.pending", unsent(), &[]);
    view! {
        <button type="button" class="sign-out" data-testid="sign-out" on:click=click>
            {t("signout.button")}
        </button>
        <Show when=move || asking.get()>
            <div class="sign-out-warning" role="alertdialog" aria-labelledby="sign-out-warning-text" data-testid="sign-out-warning">
                <p id="sign-out-warning-text">{warning}</p>
                <button type="button" on:click=move |_| { asking.set(false); waiting.set(true); }>
                    {t("signout.wait")}
                </button>
                <button type="button" class="danger" data-testid="sign-out-discard" on:click=move |_| go()>
                    {t("signout.discard")}
                </button>
                <button type="button" on:click=move |_| asking.set(false)>{t("signout.cancel")}</button>
            </div>
        </Show>
        <Show when=move || waiting.get()>
            <span class="sign-out-waiting" role="status">{t("signout.waiting")}</span>
        </Show>
    }
}
