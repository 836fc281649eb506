//! The HTTP edge: signing in with invitation links, the session API, the sync websocket and
//! the app's files.
//!
//! Every response carries the security headers, including the CSP computed from the app's
//! `index.html`. Anything that is not an API or sync route is the single-page app: a known file
//! is served as is, any other path gets `index.html` so deep links like `/a/{agreement}` work.

pub(crate) mod compare;
pub(crate) mod compilation;
pub(crate) mod docx;
pub(crate) mod guard;
pub(crate) mod inbox;
pub(crate) mod invitations;
pub(crate) mod lang;
pub(crate) mod mail;
pub(crate) mod pages;
pub(crate) mod signin;
mod state;
mod warm;

use crate::error::AppError;
use crate::now_ms;
use crate::rooms::Rooms;
use crate::store::{SessionInfo, Store};
use crate::ws::{self, WsConfig};
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use samrad_domain::Agreement;
use std::sync::Arc;
use tokio::sync::{mpsc, watch};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// How long a session lasts after signing in.
pub const SESSION_TTL_MS: i64 = 30 * 24 * 3_600_000;

/// What a sync socket reads into at a time. tungstenite's default, 128 KiB, is zero-filled
/// before every read and kept per connection: with a thousand connections that was 128 MB
/// resident, and an eighth of the server's CPU went to `memset` for frames of a few hundred
/// bytes. A larger frame (a reconnecting client's SyncStep2) is still read whole, in steps of
/// this.
const SOCKET_READ_BUFFER: usize = 8 * 1024;

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Store,
    pub rooms: Rooms,
    /// Normalised origins allowed to open sync connections.
    pub origins: Arc<Vec<String>>,
    /// The base URL people open (no trailing slash), for the links coordinators hand out.
    pub public_url: Arc<str>,
    /// Whether cookies get `Secure` (the public URL is https).
    pub secure_cookie: bool,
    /// The app's stylesheets, which the server's own pages (sign-in) wear too.
    pub stylesheets: Arc<Vec<String>>,
    pub ws: WsConfig,
    /// Flips to `true` when the server stops; sync connections close on it.
    pub shutdown: watch::Receiver<bool>,
    /// Whether the server sends notices by e-mail (the operator configured SMTP).
    pub mail_enabled: bool,
    /// Held by every sync connection, so shutdown can wait until they have all ended.
    pub alive: mpsc::Sender<()>,
    /// Each agreement's stored log compressed, for the stored state's gzipped answer.
    pub log_blocks: state::KeptBlocks,
}

/// The app's routes and headers. `csp` is the policy for every response.
pub(crate) fn router(state: AppState, app_dir: &std::path::Path, csp: HeaderValue) -> Router {
    let routes = Router::new()
        .route("/join/{token}", get(signin::page))
        .route("/join", post(signin::redeem))
        .route("/api/session", get(session))
        .route("/api/signout", post(signin::sign_out))
        .route(
            "/api/participants",
            get(invitations::list).post(invitations::invite),
        )
        .route("/api/participants/{id}/link", post(invitations::renew))
        .route("/api/participants/{id}/access", delete(invitations::revoke))
        // The compilation of a consultation round, for its page and to download.
        .route("/api/agreements/{id}/compilation", get(compilation::json))
        .route(
            "/api/agreements/{id}/compilation.csv",
            get(compilation::csv),
        )
        .route(
            "/api/agreements/{id}/compilation.docx",
            get(compilation::docx),
        )
        // Two states compared, as Word's tracked changes (see compare.rs).
        .route("/api/agreements/{id}/compare.docx", get(compare::docx))
        // The remiss version in Word, and a new draft from Word (see docx.rs). The upload
        // limit is the handler's own, so an oversized file gets a worded 413.
        .route(
            "/api/agreements/{id}/versions/{version}/docx",
            get(docx::export),
        )
        .route(
            "/api/agreements/{id}/draft",
            post(docx::import_draft).layer(DefaultBodyLimit::disable()),
        )
        // The agreement as stored, fetched by index.html while the app loads (see state.rs).
        .route("/api/agreements/{id}/state", get(state::stored_state))
        .route("/api/inbox", get(inbox::list))
        .route("/api/inbox/read", post(inbox::mark_read))
        .route("/api/mail", get(mail::setting).post(mail::choose))
        .route(
            "/mail/unsubscribe/{agreement}/{participant}/{token}",
            get(mail::unsubscribe_page).post(mail::unsubscribe),
        )
        .route("/api/{*rest}", any(|| async { AppError::NotFound }))
        .route("/sync/{agreement}", get(sync));
    let index = app_dir.join("index.html");
    let routes = if index.is_file() {
        // The wasm is ~2.5 MB raw. The build writes each file compressed at the best levels
        // beside it (`file.br`, brotli 11; `file.gz`, gzip 9 — scripts/precompress.mjs), which
        // is sent as is to a browser that accepts it; compressing per request can only afford
        // a fast level, a quarter larger. Anything without such a file is compressed here.
        let files = ServeDir::new(app_dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(
                ServeFile::new(index)
                    .precompressed_br()
                    .precompressed_gzip(),
            );
        routes.fallback_service(
            tower::ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    warm::agreement_page,
                ))
                .layer(tower_http::compression::CompressionLayer::new())
                .service(files),
        )
    } else {
        let page = pages::not_built(&app_dir.display().to_string());
        routes.fallback(move || async move { (StatusCode::SERVICE_UNAVAILABLE, Html(page)) })
    };
    let header = |name: &'static str, value: HeaderValue| {
        SetResponseHeaderLayer::overriding(HeaderName::from_static(name), value)
    };
    routes
        .layer(header("content-security-policy", csp))
        .layer(header(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        ))
        // The sign-in page sets its own (`same-origin`, see `signin.rs`); everything else
        // sends no referrer at all.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(header("x-frame-options", HeaderValue::from_static("DENY")))
        .with_state(state)
}

/// The session behind the request's cookie.
pub(crate) async fn current_session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<SessionInfo, AppError> {
    let cookie = guard::session_cookie(headers)
        .ok_or(AppError::Unauthenticated)?
        .to_string();
    let now = now_ms();
    state
        .store
        .run(move |store| store.session(&cookie, now).map_err(AppError::from))
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// The caller's session, if it is for agreement `id`.
pub(crate) async fn member_of(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
) -> Result<SessionInfo, AppError> {
    let session = current_session(state, headers).await?;
    if session.agreement.id != id {
        return Err(AppError::WrongAgreement);
    }
    Ok(session)
}

/// The agreement as stored (every update is stored before anyone sees it, so this is what
/// everyone connected has).
pub(crate) async fn stored(state: &AppState, id: String) -> Result<Agreement, AppError> {
    state
        .store
        .run(move |store| {
            let updates = store.load_updates(&id)?;
            let agreement = Agreement::new(0);
            for update in updates {
                agreement
                    .apply_update(&update)
                    .map_err(|e| AppError::Room(e.to_string()))?;
            }
            Ok::<_, AppError>(agreement)
        })
        .await
}

/// `GET /api/session`: who is signed in, for which agreement.
async fn session(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let SessionInfo {
        participant,
        agreement,
    } = current_session(&state, &headers).await?;
    // The page asking this opens the agreement's socket next.
    state.rooms.warm(&agreement.id);
    let body = serde_json::json!({
        "participant": {
            "id": participant.id,
            "name": participant.name,
            "organisation": participant.organisation,
            "role": participant.role.key(),
        },
        "agreement": { "id": agreement.id, "title": agreement.title },
    });
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// `GET /sync/{agreement}`: the y-websocket connection, for an allowed origin with a session
/// for this agreement. Both are checked before upgrading.
async fn sync(
    State(state): State<AppState>,
    Path(agreement): Path<String>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    if !guard::origin_allowed(&state.origins, &headers) {
        return Err(AppError::Origin);
    }
    let session = current_session(&state, &headers).await?;
    let participant = session.participant.clone();
    if session.agreement.id != agreement {
        return Err(AppError::WrongAgreement);
    }
    let upgrade = upgrade.map_err(|_| AppError::NotWebSocket)?;
    let room = state
        .rooms
        .get(&agreement)
        .map_err(|e| AppError::Room(e.to_string()))?;
    let (config, alive) = (state.ws, state.alive.clone());
    // The session is checked again while the socket is open, so revoking or expiring it
    // closes the socket (1008) within one check interval.
    let cookie = guard::session_cookie(&headers)
        .unwrap_or_default()
        .to_string();
    let checks = ws::Checks {
        shutdown: state.shutdown.clone(),
        session: ws::store_session(
            state.store.clone(),
            cookie,
            participant.id.clone(),
            agreement,
        ),
        recheck: state.rooms.session_changes(),
    };
    // The library's own limit sits above ours, so an oversized frame reaches `ws::serve` and
    // gets a proper 1009 close instead of a torn connection.
    let hard_limit = config.max_frame.saturating_mul(2);
    Ok(upgrade
        .read_buffer_size(SOCKET_READ_BUFFER)
        .max_message_size(hard_limit)
        .max_frame_size(hard_limit)
        .on_upgrade(move |socket| async move {
            let _alive = alive;
            let (sink, stream) = socket.split();
            ws::serve(sink, stream, room, participant, config, checks).await;
        }))
}
