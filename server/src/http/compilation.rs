//! The compilation of a consultation round (remissammanställning / høringsoppsummering) over
//! HTTP: as JSON for the compilation page, and as a spreadsheet and a Word document to
//! download. The agreement's coordinators, members and jurists may read it; its observers may
//! not (it gathers every organisation's political positions in one file).
//!
//! - `GET /api/agreements/{id}/compilation?version=…` — the compilation as JSON, the domain's
//!   `Compilation` struct as it serialises.
//! - `GET /api/agreements/{id}/compilation.csv?version=…&lang=…` — one row per organisation ×
//!   clause sent on remiss (see `crate::compilation::csv`).
//! - `GET /api/agreements/{id}/compilation.docx?version=…&lang=…` — the compilation as a Word
//!   document with the remiss version's look (see `crate::docx::compilation`).
//!
//! `version` is the id of the version that was sent on remiss; without it, the version the
//! document presumes (`Agreement::presumed_remiss_version`). `lang` (sv, nb, nn, en; else the
//! browser's language) chooses the words of the spreadsheet and of refusals, which are JSON
//! `{"error": "<worded for the reader>", "key": "<stable key>"}`.

use super::docx::{download, Refusal, DOCX_TYPE, WRITING};
use super::{member_of, stored, AppState};
use crate::docx::Lang;
use crate::error::AppError;
use crate::store::SessionInfo;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use samrad_domain::{Compilation, DomainError, Role};
use serde::Deserialize;

/// The query of every compilation route.
#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    version: Option<String>,
    lang: Option<String>,
}

/// The caller's session, if it is for agreement `id` and may read its compilation.
async fn reader(state: &AppState, headers: &HeaderMap, id: &str) -> Result<SessionInfo, AppError> {
    let session = member_of(state, headers, id).await?;
    if session.participant.role == Role::Observer {
        return Err(AppError::Forbidden("observers do not read the compilation"));
    }
    Ok(session)
}

/// Reads the agreement and compiles it at the asked (or presumed) remiss version, its
/// organisations in the reader's alphabetical order, off the
/// async threads and queued with the Word exports: at 50 organisations × 120 clauses it takes
/// a good part of a second.
async fn compile(
    state: &AppState,
    headers: &HeaderMap,
    id: String,
    params: &Params,
) -> Result<(Compilation, Lang), Refusal> {
    let lang = Lang::negotiate(params.lang.as_deref(), headers);
    reader(state, headers, &id).await?;
    let _permit = WRITING
        .acquire()
        .await
        .map_err(|e| AppError::Room(e.to_string()))?;
    let agreement = stored(state, id).await?;
    let version = params.version.clone().filter(|v| !v.is_empty());
    let compilation = tokio::task::spawn_blocking(move || {
        let version = version
            .or_else(|| agreement.presumed_remiss_version())
            .ok_or_else(|| DomainError::UnknownVersion(String::new()))?;
        let compilation = agreement.compilation(&version)?;
        Ok(compilation.in_alphabet(crate::compilation::alphabet(lang)))
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
    let names = crate::compilation::file_name(&compilation, lang, "csv");
    Ok(download("text/csv; charset=utf-8", &names, bytes))
}

/// `GET /api/agreements/{id}/compilation.docx`: the compilation as a Word document.
pub(crate) async fn docx(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (compilation, lang) = compile(&state, &headers, id, &params).await?;
    let names = crate::compilation::file_name(&compilation, lang, "docx");
    let bytes = tokio::task::spawn_blocking(move || crate::docx::compilation(&compilation, lang))
        .await
        .map_err(|e| AppError::Room(e.to_string()))?
        .map_err(|e| Refusal::File(e, lang))?;
    Ok(download(DOCX_TYPE, &names, bytes))
}
