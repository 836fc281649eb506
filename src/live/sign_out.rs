//! Signing out on this device: the server ends the session (and tells the browser to clear
//! the site's storage, `Clear-Site-Data`), the socket closes for good, and the device copy of
//! the agreement and the list of handed-back writing are deleted here too — also when the
//! browser ignores that header or the server cannot be reached.

use super::{forget, Live};
use leptos::prelude::*;

/// What could not be done at sign-out (everything on the device is deleted regardless).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOutError {
    /// The server could not be reached: the session ends when it expires or the coordinator
    /// withdraws it, but nothing of it is left on this device.
    #[error("the server could not be reached: {0}")]
    Unreached(String),
}

impl Live {
    /// Signs out of `agreement` on this device. Unsent changes are lost: warn first.
    pub async fn sign_out(&self, agreement: &str) -> Result<(), SignOutError> {
        let ended = gloo_net::http::Request::post("/api/signout")
            .send()
            .await
            .map_err(|e| SignOutError::Unreached(e.to_string()))
            .and_then(|r| match r.status() {
                204 | 401 => Ok(()),
                s => Err(SignOutError::Unreached(format!("HTTP {s}"))),
            });
        if let Some(disconnect) = self.disconnect.get_value() {
            disconnect();
        }
        // The handed-back list empties and its stored copy goes with it (see returned.rs).
        self.returned.set(Default::default());
        self.forget_returned(agreement);
        if let Some(device) = self.device_copy.get_value() {
            device.close();
        }
        self.device_copy.set_value(None);
        if let Err(e) = forget(agreement).await {
            leptos::logging::warn!("the device copy could not be deleted: {e}");
        }
        ended
    }
}
