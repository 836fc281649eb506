//! Word documents over HTTP: the remiss version as a download, and a new draft uploaded by a
//! coordinator.
//!
//! - `GET /api/agreements/{id}/versions/{version}/docx?remarks=1&lang=sv` — any participant of
//!   the agreement; `version` is a version id or `current` for the live text. Answers the
//!   document as an attachment.
//! - `POST /api/agreements/{id}/draft?lang=sv` — a coordinator, from an allowed origin; the
//!   body is the DOCX itself (at most 20 MB). The draft replaces the chapters and clauses in
//!   one change made through the agreement's room, so it is stored and relayed to everyone
//!   connected like any other; allowed while drafting, before anyone has remarked. Answers a
//!   summary, or the reason in the caller's language.
//!
//! Refusals are JSON `{"error": "<worded for the reader>", "key": "<stable key>"}`.

use super::{guard, member_of, stored, AppState};
use crate::docx::{self, DocxError, ExportOptions, Imported, Lang, Words, MAX_DOCX_BYTES};
use crate::error::AppError;
use crate::rooms::{Command, ServerWrite, WriteError};
use crate::store::SessionInfo;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use samrad_domain::{Agreement, DomainError, DraftSummary, Role, Touched};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{oneshot, Semaphore};

/// The DOCX media type.
pub(crate) const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Drafts read at once: each may hold tens of megabytes of XML while it is read.
static READING: Semaphore = Semaphore::const_new(2);

/// Documents written at once: a large agreement with thousands of remarks takes a core for
/// half a second, and any participant may ask, so requests queue rather than pile up. The
/// compilation (http/compilation.rs) queues here too.
pub(crate) static WRITING: Semaphore = Semaphore::const_new(2);

/// The query of both routes.
#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    lang: Option<String>,
    remarks: Option<String>,
}

impl Params {
    /// `?lang=` if it names a language, else the browser's, else Swedish (as the server's pages).
    fn lang(&self, headers: &HeaderMap) -> Lang {
        Lang::negotiate(self.lang.as_deref(), headers)
    }

    fn remarks(&self) -> bool {
        matches!(self.remarks.as_deref(), Some("1" | "true" | "yes"))
    }
}

/// Why a request about Word documents (or the compilation, http/compilation.rs) is refused.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// Session, origin, role and the like, as everywhere.
    App(AppError),
    /// The uploaded file.
    File(DocxError, Lang),
    /// The agreement's rules.
    Domain(DomainError, Lang),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::App(e)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, key, message) = match self {
            Refusal::App(e) => return e.into_response(),
            Refusal::File(DocxError::Write(detail), _) => {
                tracing::error!(%detail, "writing a Word document failed");
                return AppError::Room(detail).into_response();
            }
            Refusal::File(e, lang) => {
                let status = match e {
                    DocxError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                    _ => StatusCode::BAD_REQUEST,
                };
                (status, format!("docx.error.{}", e.key()), e.message(lang))
            }
            Refusal::Domain(e, lang) => {
                let status = match e {
                    DomainError::NotAllowed { .. } => StatusCode::FORBIDDEN,
                    DomainError::UnknownVersion(_) => StatusCode::NOT_FOUND,
                    DomainError::NotDrafting(_)
                    | DomainError::HasRemarks(_)
                    | DomainError::MissingChanges => StatusCode::CONFLICT,
                    _ => StatusCode::BAD_REQUEST,
                };
                (status, format!("error.{}", e.key()), lang.error(&e))
            }
        };
        let body = json!({ "error": message, "key": key });
        (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
    }
}

/// `GET /api/agreements/{id}/versions/{version}/docx`: the version as a Word document.
pub(crate) async fn export(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let lang = params.lang(&headers);
    member_of(&state, &headers, &id).await?;
    let options = ExportOptions {
        lang,
        remarks: params.remarks(),
        now_ms: crate::now_ms() as f64,
    };
    let _permit = WRITING
        .acquire()
        .await
        .map_err(|e| AppError::Room(e.to_string()))?;
    let agreement = stored(&state, id).await?;
    let (bytes, names) = tokio::task::spawn_blocking(move || {
        let version = (version != "current").then_some(version.as_str());
        let text = agreement
            .version_text(version, options.remarks)
            .map_err(|e| Refusal::Domain(e, lang))?;
        let bytes = docx::export(&text, &options).map_err(|e| Refusal::File(e, lang))?;
        Ok::<_, Refusal>((bytes, docx::filename(&text, &options)))
    })
    .await
    .map_err(|e| AppError::Room(e.to_string()))??;
    Ok(download(DOCX_TYPE, &names, bytes))
}

/// A file to download: its type, its names (see [`attachment`]), never cached.
pub(crate) fn download(
    content_type: &'static str,
    names: &(String, String),
    bytes: Vec<u8>,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, attachment(names)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}

/// `Content-Disposition` for a download named `names` (the name, and its ASCII fallback for
/// clients that do not read RFC 5987's `filename*`).
pub(crate) fn attachment(names: &(String, String)) -> HeaderValue {
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        names.1,
        percent_encode(&names.0)
    );
    HeaderValue::from_str(&disposition)
        .unwrap_or_else(|_| HeaderValue::from_static("attachment; filename=\"samrad\""))
}

/// RFC 5987 encoding of a file name's UTF-8 bytes.
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Reads the request body, refusing it as soon as it passes [`MAX_DOCX_BYTES`].
async fn body_bytes(headers: &HeaderMap, body: Body, lang: Lang) -> Result<Vec<u8>, Refusal> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_DOCX_BYTES) {
        return Err(Refusal::File(DocxError::TooLarge, lang));
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(MAX_DOCX_BYTES));
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("reading the upload: {e}")))?;
        if bytes.len() + chunk.len() > MAX_DOCX_BYTES {
            return Err(Refusal::File(DocxError::TooLarge, lang));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// `POST /api/agreements/{id}/draft`: a new draft from Word replaces the text.
pub(crate) async fn import_draft(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let lang = params.lang(&headers);
    if !guard::origin_allowed(&state.origins, &headers) {
        return Err(AppError::Origin.into());
    }
    let session = member_of(&state, &headers, &id).await?;
    if session.participant.role != Role::Coordinator {
        return Err(AppError::Forbidden("only coordinators import drafts").into());
    }
    let bytes = body_bytes(&headers, body, lang).await?;
    let Imported { draft, notes } = {
        let _permit = READING
            .acquire()
            .await
            .map_err(|e| AppError::Room(e.to_string()))?;
        tokio::task::spawn_blocking(move || docx::import(&bytes))
            .await
            .map_err(|e| AppError::Room(e.to_string()))?
            .map_err(|e| Refusal::File(e, lang))?
    };
    let title = draft.title.clone();
    let summary = replace_in_room(&state, &id, session, draft, lang).await?;
    tracing::info!(agreement = %id, clauses = summary.clauses, "draft imported from Word");
    let notes: Vec<_> = notes
        .iter()
        .map(|n| json!({ "key": format!("docx.note.{}", n.key()), "message": n.message(lang) }))
        .collect();
    let body = json!({
        "title": title,
        "chapters": summary.chapters,
        "clauses": summary.clauses,
        "kept": summary.kept,
        "changed": summary.changed,
        "added": summary.added,
        "removed": summary.removed,
        "notes": notes,
    });
    Ok((
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response())
}

/// Replaces the agreement's text with `draft` through its room, as the session's coordinator.
async fn replace_in_room(
    state: &AppState,
    id: &str,
    session: SessionInfo,
    draft: samrad_domain::Draft,
    lang: Lang,
) -> Result<DraftSummary, Refusal> {
    let room = state
        .rooms
        .get(id)
        .map_err(|e| AppError::Room(e.to_string()))?;
    let (summary_tx, summary_rx) = oneshot::channel();
    let (done, verdict) = oneshot::channel();
    let coordinator = session.participant;
    let by = coordinator.clone();
    let run = Box::new(move |agreement: &Agreement| {
        let summary = agreement.replace_draft(&coordinator, &draft)?;
        // Everyone is told a new draft was read in (its changes alone look like edits).
        let clauses = summary.changed + summary.added + summary.removed;
        let _ = summary_tx.send(summary);
        Ok(Touched {
            draft: Some(clauses as u32),
            ..Touched::default()
        })
    });
    let write = ServerWrite { by, run };
    if !room.send(Command::Write { write, done }).await {
        return Err(AppError::Room(WriteError::Stopped.to_string()).into());
    }
    match verdict.await {
        Ok(Ok(())) => summary_rx
            .await
            .map_err(|e| AppError::Room(e.to_string()).into()),
        Ok(Err(WriteError::Refused(e))) => Err(Refusal::Domain(e, lang)),
        Ok(Err(e)) => Err(AppError::Room(e.to_string()).into()),
        Err(e) => Err(AppError::Room(e.to_string()).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_percent_encoded() {
        assert_eq!(
            percent_encode("Avtal – Utkast.docx"),
            "Avtal%20%E2%80%93%20Utkast.docx"
        );
    }
}
