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
//! asks for it, and kept until it is compacted anew (kept_blocks.rs); the rows stored since
//! are compressed per request (deflated.rs).

mod deflated;
mod kept_blocks;

pub(crate) use kept_blocks::KeptBlocks;

use super::{guard, member_of, AppState};
use crate::error::AppError;
use crate::store::StoreError;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use kept_blocks::{Gzipped, LogBlocks};
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
    let kept = gzip.then(|| state.log_blocks.get(&id)).flatten();
    let rows = {
        let id = id.clone();
        state
            .store
            .run(move |store| store.load_updates(&id))
            .await?
    };
    let rows = Arc::new(rows);
    let answer = {
        let rows = rows.clone();
        tokio::task::spawn_blocking(move || answer(&rows, kept))
            .await
            .map_err(|e| AppError::Store(StoreError::Task(e.to_string())))?
    };
    let (body, coding) = match answer {
        Answer::Gzipped(Gzipped { body, outgrown }) => {
            if outgrown {
                state.log_blocks.make(&id, rows);
            }
            (body, Some("gzip"))
        }
        Answer::AsStored(log) => {
            if gzip {
                state.log_blocks.make(&id, rows);
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
    Gzipped(Gzipped),
    /// As stored.
    AsStored(Vec<u8>),
}

/// The answer for the stored log `rows`: gzipped if blocks of its first rows are `kept`.
fn answer(rows: &[Vec<u8>], kept: Option<Arc<LogBlocks>>) -> Answer {
    match kept.and_then(|k| k.gzip(rows)) {
        Some(Ok(gzipped)) => Answer::Gzipped(gzipped),
        found => {
            if let Some(Err(e)) = found {
                tracing::warn!(error = %e, "gzipping the stored state failed; sent as stored");
            }
            Answer::AsStored(samrad_domain::wire::join_log(rows))
        }
    }
}

/// Whether `Accept-Encoding` allows gzip: by its own weight if named, else by `*`'s (RFC 9110,
/// 12.5.3); a weight of zero refuses it.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    let (mut gzip, mut any) = (None, None);
    let codings = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for coding in codings {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let weight = parts
            .find_map(|p| {
                let (key, value) = p.split_once('=')?;
                key.trim().eq_ignore_ascii_case("q").then(|| value.trim())
            })
            .map_or(Some(1.0), |q| q.parse::<f32>().ok())
            .unwrap_or(0.0);
        if name.eq_ignore_ascii_case("gzip") {
            gzip = Some(weight);
        } else if name == "*" {
            any = Some(weight);
        }
    }
    gzip.or(any).is_some_and(|q| q > 0.0)
}

#[cfg(test)]
mod tests;
