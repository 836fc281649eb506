//! The signed-in participant's inbox over HTTP (new notices also come live over the sync
//! socket, see `samrad_domain::InboxMessage`):
//!
//! - `GET /api/inbox` — `{"items": [...], "unread": n}`, newest first;
//! - `POST /api/inbox/read` — `{"ids": [1, 2]}` marks those read, `{}` marks all; from a page
//!   of this server only. The participant's other open connections are told.
//!
//! Both act on the session's own participant and agreement only: nobody reads or marks
//! another's notices, whatever ids they send.

use super::{current_session, guard, AppState};
use crate::error::AppError;
use crate::rooms::Command;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use samrad_domain::InboxMessage;
use serde::Deserialize;
use serde_json::json;

/// Most ids one request marks read.
const MAX_IDS: usize = 1000;

/// `GET /api/inbox`.
pub(crate) async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let session = current_session(&state, &headers).await?;
    let (agreement, recipient) = (session.agreement.id, session.participant.id);
    let (items, unread) = state
        .store
        .run(move |store| store.inbox(&agreement, &recipient).map_err(AppError::from))
        .await?;
    let body = json!({ "items": items, "unread": unread });
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// The body of `POST /api/inbox/read`.
#[derive(Debug, Deserialize)]
pub(crate) struct MarkRead {
    ids: Option<Vec<i64>>,
}

/// `POST /api/inbox/read`.
pub(crate) async fn mark_read(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<MarkRead>,
) -> Result<Response, AppError> {
    if !guard::same_origin_post(&state.origins, &headers) {
        return Err(AppError::Origin);
    }
    let session = current_session(&state, &headers).await?;
    if body.ids.as_ref().is_some_and(|ids| ids.len() > MAX_IDS) {
        return Err(AppError::BadRequest(format!(
            "at most {MAX_IDS} notices at a time"
        )));
    }
    let (agreement, recipient) = (session.agreement.id, session.participant.id);
    let (a, r, ids) = (agreement.clone(), recipient.clone(), body.ids.clone());
    let changed = state
        .store
        .run(move |store| {
            store
                .mark_read(&a, &r, ids.as_deref())
                .map_err(AppError::from)
        })
        .await?;
    if changed > 0 {
        if let Some(room) = state.rooms.loaded(&agreement) {
            let message = InboxMessage::Read { ids: body.ids };
            let tell = Command::Tell {
                participant: recipient,
                message,
            };
            room.send(tell).await;
        }
    }
    let body = json!({ "changed": changed });
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}
