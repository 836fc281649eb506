//! Who is signed in: the server knows from the session cookie and tells the app.

use samrad_domain::Participant;
use serde::{Deserialize, Serialize};

/// The agreement the session gives access to.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct AgreementRef {
    pub id: String,
    pub title: String,
}

/// The signed-in participant and their agreement.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Session {
    pub participant: Participant,
    pub agreement: AgreementRef,
}

/// Asks the server who we are; `Ok(None)` when there is no valid session.
pub async fn fetch_session() -> Result<Option<Session>, String> {
    let response = gloo_net::http::Request::get("/api/session")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    match response.status() {
        200 => response
            .json::<Session>()
            .await
            .map(Some)
            .map_err(|e| e.to_string()),
        401 | 403 => Ok(None),
        status => Err(format!("HTTP {status}")),
    }
}

/// The session for opening `agreement`: the server's answer, or — when the server cannot be
/// reached — who last opened it on this device, so the device copy opens offline. When the
/// server says there is no session (it ended or was withdrawn), the device copy goes too.
pub async fn open_session(agreement: String) -> Result<Option<Session>, String> {
    match fetch_session().await {
        Ok(Some(session)) => Ok(Some(session)),
        Ok(None) => {
            let _ = crate::live::forget(&agreement).await;
            Ok(None)
        }
        Err(error) => {
            if crate::live::device::wanted() {
                if let Some(session) = crate::live::cached_session(&agreement).await {
                    return Ok(Some(session));
                }
            }
            Err(error)
        }
    }
}
