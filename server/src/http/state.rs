//! `GET /api/agreements/{id}/state`: the agreement as stored, for a page opening it.
//!
//! `index.html` asks for it on a first visit (no device copy kept) as it starts loading the
//! app, so the state — several megabytes at a real consultation's size — is received by the
//! browser's network stack while the app's code downloads and compiles, instead of over the
//! socket once the app has started (a websocket's messages are delivered on the page's main
//! thread, busy starting the app). The page applies it before its socket's sync step, which
//! then carries only what was stored after.
//!
//! It reads exactly what the socket's sync step would give this reader: every participant
//! of an agreement is sent its whole document, so the rule is the socket's — a live session of
//! a participant of this agreement — plus the socket's origin rule as it applies to a read
//! (see [`guard::same_origin_read`]). The answer comes from the stored log, without building
//! the room: everything anyone was sent is stored first, so it is never ahead of the room.

use super::{guard, member_of, AppState};
use crate::error::AppError;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};

/// The answer's media type: the rows as `samrad_domain::wire::join_log` writes them.
pub const STATE_TYPE: &str = "application/x-samrad-log";

/// `GET /api/agreements/{id}/state`: the stored log's rows (see `wire::join_log`).
pub(crate) async fn stored_state(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !guard::same_origin_read(&state.origins, &headers) {
        return Err(AppError::Origin);
    }
    member_of(&state, &headers, &id).await?;
    // The page's socket follows: its room had better be loading.
    state.rooms.warm(&id);
    let rows = state
        .store
        .run(move |store| store.load_updates(&id))
        .await?;
    let body = samrad_domain::wire::join_log(&rows);
    Ok((
        [
            (header::CONTENT_TYPE, STATE_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}
