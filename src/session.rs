//! Who is signed in: the server knows from the session cookie and tells the app.

use samrad_domain::Participant;
use serde::Deserialize;

/// The agreement the session gives access to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AgreementRef {
    pub id: String,
    pub title: String,
}

/// The signed-in participant and their agreement.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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

fn local_storage() -> Option<web_sys::Storage> {
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
