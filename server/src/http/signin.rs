//! Signing in with a personal invitation link, in two steps.
//!
//! `GET /join/{token}` only shows a page: who the link is for, in the reader's language, and a
//! button. Opening a link changes nothing, so a mail scanner or link preview that fetches it
//! does not use it up. The button posts the token to `POST /join`, which redeems the link and
//! opens a session in one transaction, sets the session cookie and sends the browser to the
//! agreement. Only a POST from Samråd's own page is accepted ([`guard::same_origin_post`]):
//! another site's form cannot sign its visitor in as someone the attacker invited (login
//! CSRF). A used, expired, withdrawn or unknown link gets a page saying so.

use super::lang::Lang;
use super::pages::Chrome;
use super::{guard, AppState, SESSION_TTL_MS};
use crate::error::AppError;
use crate::now_ms;
use crate::store::{InvitationView, InviteRefusal, RedeemError};
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

/// `?lang=` on a link.
#[derive(Debug, Deserialize)]
pub(crate) struct LangQuery {
    lang: Option<String>,
}

/// What the sign-in page's form posts.
#[derive(Debug, Deserialize)]
pub(crate) struct SignInForm {
    token: String,
    lang: Option<String>,
}

/// `GET /join/{token}`: the sign-in page, or why the link signs nobody in. Reads only.
pub(crate) async fn page(
    State(state): State<AppState>,
    Path(token): Path<String>,
    query: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let asked = query.ok().and_then(|Query(q)| q.lang);
    let lang = Lang::negotiate(asked.as_deref(), &headers);
    let chrome = Chrome {
        lang,
        stylesheets: &state.stylesheets,
        switch: true,
    };
    // A language picked in the link travels on to the app; one only guessed from the browser
    // does not (the app's own default is Swedish, and its picker is one click away).
    let carried = asked.as_deref().and_then(Lang::from_code);
    let now = now_ms();
    let lookup = token.clone();
    let invitation = state
        .store
        .run(move |store| store.invitation(&lookup, now))
        .await?;
    match invitation {
        Some(view) if view.refusal.is_none() => Ok((
            StatusCode::OK,
            [
                (header::CACHE_CONTROL, "no-store"),
                // Lets browsers without `Sec-Fetch-Site` send their true `Origin` with the
                // button's POST; other sites still learn nothing (the token is in this URL).
                (header::REFERRER_POLICY, "same-origin"),
            ],
            Html(chrome.sign_in(&token, carried, &view)),
        )
            .into_response()),
        Some(view) => {
            let refusal = view.refusal.unwrap_or(InviteRefusal::Unknown);
            refused(&state, &headers, chrome, refusal, Some(view)).await
        }
        None => refused(&state, &headers, chrome, InviteRefusal::Unknown, None).await,
    }
}

/// `POST /join`: the sign-in page's button. Redeems the link, opens a session and sends the
/// browser to the agreement; refuses anything not posted from this server's own page.
pub(crate) async fn redeem(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form.ok().map(|Form(form)| form);
    let asked = form.as_ref().and_then(|f| f.lang.clone());
    let lang = Lang::negotiate(asked.as_deref(), &headers);
    let carried = asked.as_deref().and_then(Lang::from_code);
    let chrome = Chrome {
        lang,
        stylesheets: &state.stylesheets,
        switch: false,
    };
    if !guard::same_origin_post(&state.origins, &headers) {
        tracing::warn!("a sign-in from another site was refused");
        let page = chrome.cross_site();
        return Ok((StatusCode::FORBIDDEN, no_store(), Html(page)).into_response());
    }
    let Some(token) = form.map(|f| f.token) else {
        return refused(&state, &headers, chrome, InviteRefusal::Unknown, None).await;
    };
    let now = now_ms();
    let redeeming = token.clone();
    let signed_in = state
        .store
        .run(move |store| Ok::<_, AppError>(store.sign_in(&redeeming, now, now + SESSION_TTL_MS)))
        .await?;
    match signed_in {
        Ok((grant, session)) => {
            tracing::info!(
                agreement = %grant.agreement,
                participant = %grant.participant,
                "signed in"
            );
            state.rooms.warm(&grant.agreement);
            let cookie =
                guard::set_session_cookie(&session, SESSION_TTL_MS / 1000, state.secure_cookie);
            Ok((
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, app_path(&grant.agreement, carried)),
                    (header::SET_COOKIE, cookie),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
            )
                .into_response())
        }
        Err(RedeemError::Refused(refusal)) => {
            let view = state
                .store
                .run(move |store| store.invitation(&token, now))
                .await?;
            refused(&state, &headers, chrome, refusal, view).await
        }
        Err(RedeemError::Store(e)) => Err(e.into()),
    }
}

/// The page for a link that signs nobody in. Someone who opens their own link again while
/// signed in (a second click in the mail) is offered the way to the agreement.
async fn refused(
    state: &AppState,
    headers: &HeaderMap,
    chrome: Chrome<'_>,
    refusal: InviteRefusal,
    link: Option<InvitationView>,
) -> Result<Response, AppError> {
    let cookie = guard::session_cookie(headers).map(str::to_string);
    let open = match (link, cookie) {
        (Some(link), Some(cookie)) => {
            let now = now_ms();
            let session = state
                .store
                .run(move |store| store.session(&cookie, now))
                .await?;
            session
                .filter(|s| {
                    s.participant.id == link.participant.id && s.agreement.id == link.agreement.id
                })
                .map(|s| app_path(&s.agreement.id, None))
        }
        _ => None,
    };
    let status = match refusal {
        InviteRefusal::Unknown => StatusCode::NOT_FOUND,
        InviteRefusal::Used | InviteRefusal::Expired => StatusCode::GONE,
        InviteRefusal::Revoked => StatusCode::FORBIDDEN,
    };
    let page = chrome.refused(refusal, open.as_deref());
    Ok((status, no_store(), Html(page)).into_response())
}

fn no_store() -> [(header::HeaderName, &'static str); 1] {
    [(header::CACHE_CONTROL, "no-store")]
}

/// The app's address for an agreement, in `lang` if one was picked.
fn app_path(agreement: &str, lang: Option<Lang>) -> String {
    let id: String = agreement
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    match lang {
        Some(lang) => format!("/a/{id}?lang={}", lang.code()),
        None => format!("/a/{id}"),
    }
}

/// `POST /api/signout`: ends the session behind the cookie, expires the cookie and tells the
/// browser to clear what this site keeps (`Clear-Site-Data`: the device copies in IndexedDB,
/// local storage, the offline shell and its cache), since remarks can reveal political
/// opinions (OWASP ASVS V14.3). Posted by the app itself: a cross-site form cannot sign a
/// visitor out. Signing out without a session still clears the browser.
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !guard::same_origin_post(&state.origins, &headers) {
        return Err(AppError::Forbidden(
            "sign-out must come from Samråd's own page",
        ));
    }
    if let Some(cookie) = guard::session_cookie(&headers).map(str::to_string) {
        state
            .store
            .run(move |store| store.end_session(&cookie).map_err(AppError::from))
            .await?;
    }
    let expired = guard::set_session_cookie("", 0, state.secure_cookie);
    Ok((
        StatusCode::NO_CONTENT,
        [
            (header::SET_COOKIE, expired),
            (
                HeaderName::from_static("clear-site-data"),
                "\"cache\", \"cookies\", \"storage\"".to_string(),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_path_keeps_the_language_and_encodes_the_id() {
        assert_eq!(app_path("hsa-2027", None), "/a/hsa-2027");
        assert_eq!(app_path("hsa-2027", Some(Lang::Nn)), "/a/hsa-2027?lang=nn");
        assert_eq!(app_path("a b/å", None), "/a/a%20b%2F%C3%A5");
    }
}
