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
//!
//! A browser that accepts gzip (every one does, over plain http too) gets it gzipped, a
//! fifth of the size: the log is compressed once, in the background after the first page that
//! asks for it, and kept until it is compacted anew (compacted.rs); the rows stored since are
//! compressed per request (deflated.rs).

mod compacted;
mod deflated;

pub(crate) use compacted::CompactedBlocks;

use super::{guard, member_of, AppState};
use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use compacted::LogBlocks;
use std::sync::Arc;

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
    let gzip = accepts_gzip(&headers);
    let kept = gzip.then(|| state.compacted.get(&id)).flatten();
    let answer = {
        let id = id.clone();
        state
            .store
            .run(move |store| Ok::<_, AppError>(answer(&store.load_updates(&id)?, kept)))
            .await?
    };
    let (body, coding) = match answer {
        Answer::Gzipped(body) => (Bytes::from(body), Some("gzip")),
        Answer::AsStored { rows, log } => {
            let log = Bytes::from(log);
            if gzip {
                state.compacted.make(&id, rows, log.clone());
            }
            (log, None)
        }
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, STATE_TYPE),
            (header::CACHE_CONTROL, "no-store"),
            (header::VARY, "accept-encoding"),
        ],
        body,
    )
        .into_response();
    if let Some(coding) = coding {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    Ok(response)
}

/// The stored log as it is sent.
enum Answer {
    /// Gzipped, from the blocks kept for its first rows.
    Gzipped(Vec<u8>),
    /// As stored: the log of `rows` rows.
    AsStored { rows: usize, log: Vec<u8> },
}

/// The answer for the stored log `rows`: gzipped if blocks of its first rows are `kept`.
fn answer(rows: &[Vec<u8>], kept: Option<Arc<LogBlocks>>) -> Answer {
    match kept.and_then(|k| k.gzip(rows)) {
        Some(Ok(body)) => Answer::Gzipped(body),
        found => {
            if let Some(Err(e)) = found {
                tracing::warn!(error = %e, "gzipping the stored state failed; sent as stored");
            }
            let log = samrad_domain::wire::join_log(rows);
            Answer::AsStored {
                rows: rows.len(),
                log,
            }
        }
    }
}

/// Whether `Accept-Encoding` allows gzip (named, or `*`, with a weight above zero).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let weight = parts
                .find_map(|p| p.strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
            (name.eq_ignore_ascii_case("gzip") || name == "*") && weight.is_some_and(|q| q > 0.0)
        })
}
