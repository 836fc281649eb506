//! The compilation of a consultation round (remissammanställning / høringsoppsummering) over
//! HTTP: as JSON for the compilation page, and as a spreadsheet to download. The agreement's
//! coordinators, members and jurists may read it; its observers may not (it gathers every
//! organisation's political positions in one file).
//!
//! - `GET /api/agreements/{id}/compilation?version=…` — the compilation as JSON, the domain's
//!   `Compilation` struct as it serialises.
//! - `GET /api/agreements/{id}/compilation.csv?version=…&lang=…` — one row per organisation ×
//!   clause sent on remiss (see `crate::compilation::csv`).
//!
//! `version` is the id of the version that was sent on remiss; without it, the version the
//! document presumes (`Agreement::presumed_remiss_version`). `lang` (sv, nb, nn, en; else the
//! browser's language) chooses the words of the spreadsheet and of refusals, which are JSON
//! `{"error": "<worded for the reader>", "key": "<stable key>"}`.

use super::lang::Lang;
use super::{current_session, AppState};
use crate::error::AppError;
use crate::store::SessionInfo;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use samrad_domain::{Agreement, Compilation, DomainError, Role};
use serde::Deserialize;

/// The query of every compilation route.
#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    version: Option<String>,
    lang: Option<String>,
}

/// Why a compilation is not given.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// Session, role and the like, as everywhere.
    App(AppError),
    /// The agreement cannot be compiled at that version.
    Domain(DomainError, Lang),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::App(e)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::App(e) => e.into_response(),
            Refusal::Domain(e, lang) => {
                let status = match e {
                    DomainError::UnknownVersion(_) => StatusCode::NOT_FOUND,
                    DomainError::MissingChanges => StatusCode::CONFLICT,
                    _ => StatusCode::BAD_REQUEST,
                };
                let body = serde_json::json!({
                    "error": crate::compilation::words(lang).error(&e),
                    "key": format!("error.{}", e.key()),
                });
                (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
            }
        }
    }
}

/// The caller's session, if it is for agreement `id` and may read its compilation.
async fn reader(state: &AppState, headers: &HeaderMap, id: &str) -> Result<SessionInfo, AppError> {
    let session = current_session(state, headers).await?;
    if session.agreement.id != id {
        return Err(AppError::WrongAgreement);
    }
    if session.participant.role == Role::Observer {
        return Err(AppError::Forbidden("observers do not read the compilation"));
    }
    Ok(session)
}

/// The agreement as stored: every update is stored before anyone sees it, so this is what
/// everyone connected has.
async fn stored(state: &AppState, id: String) -> Result<Agreement, AppError> {
    state
        .store
        .run(move |store| {
            let agreement = Agreement::new(0);
            for update in store.load_updates(&id)? {
                agreement
                    .apply_update(&update)
                    .map_err(|e| AppError::Room(e.to_string()))?;
            }
            Ok::<_, AppError>(agreement)
        })
        .await
}

/// Reads the agreement and compiles it at the asked (or presumed) remiss version, off the
/// async threads: at 50 organisations × 120 clauses it takes a good part of a second.
async fn compile(
    state: &AppState,
    headers: &HeaderMap,
    id: String,
    params: &Params,
) -> Result<(Compilation, Lang), Refusal> {
    let lang = Lang::negotiate(params.lang.as_deref(), headers);
    reader(state, headers, &id).await?;
    let agreement = stored(state, id).await?;
    let version = params.version.clone().filter(|v| !v.is_empty());
    let compilation = tokio::task::spawn_blocking(move || {
        let version = version
            .or_else(|| agreement.presumed_remiss_version())
            .ok_or_else(|| DomainError::UnknownVersion(String::new()))?;
        agreement.compilation(&version)
    })
    .await
    .map_err(|e| AppError::Room(e.to_string()))?
    .map_err(|e| Refusal::Domain(e, lang))?;
    Ok((compilation, lang))
}

/// `GET /api/agreements/{id}/compilation`: the compilation as JSON.
pub(crate) async fn json(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (compilation, _) = compile(&state, &headers, id, &params).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(compilation)).into_response())
}

/// `GET /api/agreements/{id}/compilation.csv`: one row per organisation × clause.
pub(crate) async fn csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (compilation, lang) = compile(&state, &headers, id, &params).await?;
    let bytes = crate::compilation::csv::write(&compilation, lang)
        .map_err(|e| AppError::Room(format!("writing the spreadsheet: {e}")))?;
    let name = crate::compilation::file_name(&compilation, lang, "csv");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, attachment(&name)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// `Content-Disposition` for a download named `name` (ASCII already, see `file_name`).
fn attachment(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}
