//! Two states of the agreement compared, as a Word document with tracked changes (see
//! `crate::docx::comparison`): the compare page's choice, to send to those who read the
//! difference in Word.
//!
//! - `GET /api/agreements/{id}/compare.docx?from=…&to=…&lang=…` — any participant of the
//!   agreement; `from` and `to` are version ids, or `now` for the text as it reads now (as in
//!   the compare page's address; `current` is read the same). Without `to`, the text now;
//!   without `from`, the latest version.
//!
//! Refusals are JSON `{"error": "<worded for the reader>", "key": "<stable key>"}`: an unknown
//! version is a 404 `error.unknown_version`.

use super::docx::{download, Refusal, DOCX_TYPE, WRITING};
use super::{member_of, stored, AppState};
use crate::docx::{self, Compared, Lang, Words};
use crate::error::AppError;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use samrad_domain::Agreement;
use serde::Deserialize;

/// The query: the two states and the language.
#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    from: Option<String>,
    to: Option<String>,
    lang: Option<String>,
}

/// A state as the address names it: a version id, or `None` for the text now.
fn state(named: Option<&str>) -> Option<&str> {
    named.filter(|v| !matches!(*v, "now" | "current" | ""))
}

/// `GET /api/agreements/{id}/compare.docx`.
pub(crate) async fn docx(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let lang = Lang::negotiate(params.lang.as_deref(), &headers);
    member_of(&state, &headers, &id).await?;
    let _permit = WRITING
        .acquire()
        .await
        .map_err(|e| AppError::Room(e.to_string()))?;
    let agreement = stored(&state, id).await?;
    let now_ms = crate::now_ms() as f64;
    let (bytes, names) =
        tokio::task::spawn_blocking(move || write(&agreement, &params, lang, now_ms))
            .await
            .map_err(|e| AppError::Room(e.to_string()))??;
    Ok(download(DOCX_TYPE, &names, bytes))
}

/// The comparison `params` names, written, with its file names.
fn write(
    agreement: &Agreement,
    params: &Params,
    lang: Lang,
    now_ms: f64,
) -> Result<(Vec<u8>, (String, String)), Refusal> {
    let versions = agreement.versions();
    let latest = versions.last().map(|v| v.id.as_str());
    let from = match params.from.as_deref() {
        None => latest,
        named => state(named),
    };
    let to = state(params.to.as_deref());
    // Name and date of a state; an unknown version is refused by the comparison itself.
    let named = |v: Option<&str>| match v.and_then(|id| versions.iter().find(|x| x.id == id)) {
        Some(version) => (version.name.clone(), version.created_ms),
        None => (lang.text("compare.now", &[]), now_ms),
    };
    let comparison = agreement
        .compare(from, to)
        .map_err(|e| Refusal::Domain(e, lang))?;
    let ((from_name, _), (to_name, to_ms)) = (named(from), named(to));
    let title = agreement.title();
    let compared = Compared {
        title: &title,
        from: &from_name,
        to: &to_name,
        to_ms,
    };
    let bytes =
        docx::comparison(&comparison, &compared, lang).map_err(|e| Refusal::File(e, lang))?;
    let what = lang.text(
        "docx.compared",
        &[
            ("from", from_name.as_str().into()),
            ("to", to_name.as_str().into()),
        ],
    );
    Ok((bytes, docx::file_names(vec![title, what], "docx")))
}
