//! E-mail of notices over HTTP:
//!
//! - `GET /api/mail` — whether the server sends e-mail, and the signed-in person's choice;
//! - `POST /api/mail` — `{"address": "…", "mode": "off|immediate|daily", "lang": "sv"}`, from a
//!   page of this server, for the signed-in person only;
//! - `GET /mail/unsubscribe/{agreement}/{participant}/{token}` — a page with one button; opening
//!   it changes nothing (mail scanners follow links);
//! - `POST` to the same address — turns e-mail off: the page's button, or a mail program's
//!   one-click unsubscribe (RFC 8058, body `List-Unsubscribe=One-Click`). The signed token is
//!   the only credential: no session, no origin, so it works from the mail program itself.

use super::lang::Lang;
use super::pages::{escape, Chrome};
use super::{current_session, guard, AppState};
use crate::error::AppError;
use crate::mail::{token_holds, TOKEN_SECRET};
use crate::store::{MailMode, MailSetting};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

/// `GET /api/mail`.
pub(crate) async fn setting(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let session = current_session(&state, &headers).await?;
    let (a, p) = (session.agreement.id, session.participant.id);
    let setting = state
        .store
        .run(move |store| store.mail_setting(&a, &p).map_err(AppError::from))
        .await?;
    let body = json!({ "enabled": state.mail_enabled, "setting": setting });
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// The body of `POST /api/mail`.
#[derive(Debug, Deserialize)]
pub(crate) struct Choice {
    address: String,
    mode: MailMode,
    lang: String,
}

/// `POST /api/mail`.
pub(crate) async fn choose(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(choice): Json<Choice>,
) -> Result<Response, AppError> {
    if !guard::same_origin_post(&state.origins, &headers) {
        return Err(AppError::Origin);
    }
    let session = current_session(&state, &headers).await?;
    let address = choice.address.trim().to_string();
    if choice.mode != MailMode::Off && address.parse::<lettre::Address>().is_err() {
        return Err(AppError::BadRequest("not an e-mail address".into()));
    }
    let lang = Lang::from_code(&choice.lang).unwrap_or(Lang::Sv);
    let setting = MailSetting {
        address,
        mode: choice.mode,
        lang: lang.code().to_string(),
    };
    let (a, p, s) = (
        session.agreement.id,
        session.participant.id,
        setting.clone(),
    );
    let now = crate::now_ms();
    state
        .store
        .run(move |store| store.set_mail(&a, &p, &s, now).map_err(AppError::from))
        .await?;
    let body = json!({ "enabled": state.mail_enabled, "setting": setting });
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// Whether the link's token is the one made for this person.
async fn holds(state: &AppState, agreement: &str, participant: &str, token: &str) -> bool {
    let store = state.store.clone();
    let secret = store
        .run(|s| s.secret(TOKEN_SECRET).map_err(AppError::from))
        .await;
    secret.is_ok_and(|secret| token_holds(&secret, agreement, participant, token))
}

/// `GET /mail/unsubscribe/…`: the page with the button.
pub(crate) async fn unsubscribe_page(
    State(state): State<AppState>,
    Path((agreement, participant, token)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let lang = Lang::negotiate(None, &headers);
    let chrome = Chrome {
        lang,
        stylesheets: &state.stylesheets,
        switch: false,
    };
    let words = |key: &str| crate::mail::words::text(lang, key, &[]);
    if !holds(&state, &agreement, &participant, &token).await {
        let body = format!("<h1>{}</h1>", words("mail.unsubscribe_bad"));
        let page = chrome.page(&words("mail.unsubscribe_bad"), &body);
        return (StatusCode::NOT_FOUND, Html(page)).into_response();
    }
    let body = format!(
        "<h1>{title}</h1>\n<form method=\"post\" class=\"ui\">\n\
         <button type=\"submit\" class=\"primary\">{button}</button>\n</form>",
        title = escape(&words("mail.unsubscribe_title")),
        button = escape(&words("mail.unsubscribe_button")),
    );
    Html(chrome.page(&words("mail.unsubscribe_title"), &body)).into_response()
}

/// `POST /mail/unsubscribe/…`: e-mail off for that person.
pub(crate) async fn unsubscribe(
    State(state): State<AppState>,
    Path((agreement, participant, token)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !holds(&state, &agreement, &participant, &token).await {
        return Err(AppError::NotFound);
    }
    state
        .store
        .run(move |store| {
            store
                .mail_off(&agreement, &participant)
                .map_err(AppError::from)
        })
        .await?;
    let lang = Lang::negotiate(None, &headers);
    let chrome = Chrome {
        lang,
        stylesheets: &state.stylesheets,
        switch: false,
    };
    let done = crate::mail::words::text(lang, "mail.unsubscribed", &[]);
    let body = format!("<h1>{}</h1>", escape(&done));
    Ok(Html(chrome.page(&done, &body)).into_response())
}
