//! Says when the device copy is off because the browser could not keep it (storage full,
//! IndexedDB unavailable) or when damaged records of it were skipped: the app works online
//! either way, and the reader should know that offline writing is not kept.

use crate::i18n::use_i18n;
use crate::live::{use_live, DeviceError, DeviceState};
use leptos::prelude::*;

#[component]
pub fn DeviceNotice() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let text = move || {
        let l = locale.get();
        let off = match live.device.get() {
            DeviceState::Failed(DeviceError::Full) => Some(l.text("device.off_full", &[])),
            DeviceState::Failed(DeviceError::Unavailable) => {
                Some(l.text("device.off_unavailable", &[]))
            }
            DeviceState::Failed(e) => {
                Some(l.text("device.off_failed", &[("error", &e.to_string())]))
            }
            _ => None,
        };
        let skipped = live.skipped.get();
        let skipped = (skipped > 0).then(|| l.text_n("device.skipped", skipped, &[]));
        [off, skipped]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    };
    view! {
        <p class="device-notice" role="status" data-testid="device-notice" hidden=move || text().is_empty()>
            {text}
        </p>
    }
}
