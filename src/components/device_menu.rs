//! "This device": whether the agreement is kept on this device, with what that means. Turning
//! it off deletes the copy at once (offline then means "this page only"); turning it on again
//! opens the agreement afresh so the copy is made.

use crate::i18n::t;
use crate::live::{device, use_live, DeviceState};
use leptos::prelude::*;

#[component]
pub fn DeviceMenu() -> impl IntoView {
    let live = use_live();
    let kept = move || !matches!(live.device.get(), DeviceState::TurnedOff);
    let change = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            leptos::task::spawn_local(async move {
                let _ = device::set_wanted(&live.place(), true).await;
                let _ = window().location().reload();
            });
        } else {
            leptos::task::spawn_local(async move { live.turn_off_device().await });
        }
    };
    view! {
        <details class="device-menu" data-testid="device-menu">
            <summary>{t("device.menu")}</summary>
            <div class="device-menu-body">
                <label>
                    <input type="checkbox" prop:checked=kept on:change=change data-testid="device-keep" />
                    {t("device.keep")}
                </label>
                <p class="help">{t("device.keep_help")}</p>
                <Show when=move || !kept()>
                    <p class="help">{t("device.turned_off")}</p>
                </Show>
            </div>
        </details>
    }
}
