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

/// Asks the server who we are; `Ok(None)` when there is no valid session. The first time,
/// the answer to the request `index.html` made while the app loaded is taken instead.
pub async fn fetch_session() -> Result<Option<Session>, String> {
    let response = match early_session().await {
        Some(response) => response,
        None => gloo_net::http::Request::get("/api/session")
            .send()
            .await
            .map_err(|e| e.to_string())?,
    };
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

/// Where `index.html` leaves its session request: a promise of the response, or of `null`
/// when the request failed (then the app asks again, and falls back as it always does).
const EARLY_SESSION: &str = "samradSession";

/// The response to the session request `index.html` started before the app was loaded,
/// taken once: the server starts loading the agreement's room as it answers, so asking before
/// the app's code has even been compiled lets the agreement arrive that much sooner.
async fn early_session() -> Option<gloo_net::http::Response> {
    use wasm_bindgen::JsCast;
    let promise = crate::early::take(EARLY_SESSION)?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    answer
        .dyn_into::<web_sys::Response>()
        .ok()
        .map(gloo_net::http::Response::from)
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

/// Where a page asked for before signing in is kept (per browser, for one agreement).
const WANTED_KEY: &str = "samrad-wanted-page";

/// Remembers `path` (an address under `/a/{agreement}`) to open once the reader has signed
/// in. The agreement's own address needs no remembering.
pub fn remember_wanted_page(agreement: &str, path: &str) {
    let home = format!("/a/{agreement}");
    if path.trim_end_matches('/') == home || !path.starts_with(&format!("{home}/")) {
        return;
    }
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(WANTED_KEY, path);
    }
}

/// The page remembered for `agreement`, forgotten as it is taken. Only an address under that
/// agreement is ever returned, so a stored value cannot send the reader elsewhere.
pub fn take_wanted_page(agreement: &str) -> Option<String> {
    let storage = local_storage()?;
    let path = storage.get_item(WANTED_KEY).ok()??;
    let _ = storage.remove_item(WANTED_KEY);
    let under = format!("/a/{agreement}/");
    (path.starts_with(&under) && !path.contains("//")).then_some(path)
}

/// This origin's localStorage, if the browser gives one (not in some private modes).
pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The agreement the pages below show (the session's).
pub type AgreementCtx = AgreementRef;

/// Provides the signed-in agreement to the pages below.
pub fn provide_agreement_context(agreement: AgreementRef) {
    leptos::prelude::provide_context(agreement);
}

/// The signed-in agreement of the enclosing pages.
pub fn use_agreement() -> AgreementCtx {
    leptos::prelude::expect_context::<AgreementCtx>()
}

/// Whether the address is the agreement itself rather than a page beside it: a link to a
/// place in the agreement (`#clause-…`, `#unsaved`) goes straight there only on it.
pub fn showing_agreement() -> leptos::prelude::Memo<bool> {
    use leptos::prelude::*;
    let agreement = use_agreement().page("");
    let location = leptos_router::hooks::use_location();
    Memo::new(move |_| {
        location
            .pathname
            .with(|p| p.trim_end_matches('/') == agreement)
    })
}

impl AgreementRef {
    /// The address of one of the agreement's pages (`""` for the agreement itself).
    pub fn page(&self, page: &str) -> String {
        if page.is_empty() {
            format!("/a/{}", self.id)
        } else {
            format!("/a/{}/{page}", self.id)
        }
    }
}
