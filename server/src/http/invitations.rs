//! Coordinators invite people from the app: list who has access, invite someone new, send a
//! fresh link, withdraw access.
//!
//! Every route acts on the agreement of the caller's session and needs a coordinator
//! (`Action::Manage`, in any phase). Changes also need an allowed `Origin` — the session
//! cookie is `SameSite=Strict` already, the origin check keeps it safe should that ever be
//! relaxed. A new participant is stored, then registered in the agreement's document by its
//! room (the document's only writer, see `admission.rs`), so colleagues can @mention them at
//! once. Links are returned to the coordinator only; the store keeps their digest.

use super::{current_session, guard, AppState};
use crate::admission;
use crate::error::AppError;
use crate::now_ms;
use crate::store::{Access, Grant, SessionInfo};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use samrad_domain::Role;
use serde::Deserialize;
use serde_json::{json, Value};

/// How long an invitation link is valid.
pub const INVITATION_TTL_MS: i64 = 14 * 24 * 3_600_000;

/// `POST /api/participants`: who to invite.
#[derive(Debug, Deserialize)]
pub(crate) struct NewParticipant {
    name: String,
    organisation: String,
    role: String,
}

/// The caller's session, if the caller is a coordinator; for changes also the origin check.
async fn coordinator(
    state: &AppState,
    headers: &HeaderMap,
    changes: bool,
) -> Result<SessionInfo, AppError> {
    if changes && !guard::origin_allowed(&state.origins, headers) {
        return Err(AppError::Origin);
    }
    let session = current_session(state, headers).await?;
    if session.participant.role != Role::Coordinator {
        return Err(AppError::Forbidden("only coordinators manage participants"));
    }
    Ok(session)
}

fn access_json(a: &Access) -> Value {
    json!({
        "participant": a.participant,
        "invitation": a.invitation.as_ref().map(|i| json!({
            "expires_ms": i.expires_ms,
            "used_ms": i.used_ms,
            "revoked": i.revoked,
        })),
        "sessions": a.sessions,
    })
}

fn link(state: &AppState, token: &str) -> String {
    format!("{}/join/{token}", state.public_url)
}

fn no_store(status: StatusCode, body: Value) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// `GET /api/participants`: everyone with access to the agreement and the state of their link.
pub(crate) async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let session = coordinator(&state, &headers, false).await?;
    let now = now_ms();
    let access = state
        .store
        .run(move |store| store.access_of(&session.agreement.id, now))
        .await?;
    let body: Vec<Value> = access.iter().map(access_json).collect();
    Ok(no_store(StatusCode::OK, json!({ "participants": body })))
}

/// `POST /api/participants`: invites someone new; answers with their personal link.
pub(crate) async fn invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(new): Json<NewParticipant>,
) -> Result<Response, AppError> {
    let session = coordinator(&state, &headers, true).await?;
    let participant = admission::newcomer(&new.name, &new.organisation, &new.role)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let grant = Grant {
        participant: participant.id.clone(),
        agreement: session.agreement.id.clone(),
    };
    let expires_ms = now_ms() + INVITATION_TTL_MS;
    let added = participant.clone();
    let token = state
        .store
        .run(move |store| {
            store.add_participant(&grant.agreement, &added)?;
            store.create_invitation(&grant, expires_ms)
        })
        .await?;
    tracing::info!(
        agreement = %session.agreement.id,
        by = %session.participant.id,
        participant = %participant.id,
        role = participant.role.key(),
        "participant invited"
    );
    admission::enter(&state.rooms, &session.agreement.id, participant.clone()).await;
    Ok(no_store(
        StatusCode::CREATED,
        json!({
            "participant": participant,
            "link": link(&state, &token),
            "expires_ms": expires_ms,
        }),
    ))
}

/// `POST /api/participants/{id}/link`: a fresh link for someone already invited (lost or
/// expired); their earlier unused links stop working.
pub(crate) async fn renew(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let session = coordinator(&state, &headers, true).await?;
    let agreement = session.agreement.id.clone();
    let expires_ms = now_ms() + INVITATION_TTL_MS;
    let token = state
        .store
        .run(move |store| {
            store
                .participant(&agreement, &id)?
                .ok_or(AppError::UnknownParticipant)?;
            let grant = Grant {
                participant: id,
                agreement,
            };
            Ok::<_, AppError>(store.renew_invitation(&grant, expires_ms)?)
        })
        .await?;
    Ok(no_store(
        StatusCode::OK,
        json!({ "link": link(&state, &token), "expires_ms": expires_ms }),
    ))
}

/// `DELETE /api/participants/{id}/access`: withdraws someone's links and ends their sessions;
/// their open sync connections re-check at once and close. What they wrote stays.
pub(crate) async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let session = coordinator(&state, &headers, true).await?;
    if session.participant.id == id {
        return Err(AppError::BadRequest(
            "coordinators cannot withdraw their own access".into(),
        ));
    }
    let grant = Grant {
        participant: id,
        agreement: session.agreement.id.clone(),
    };
    let revoked = state
        .store
        .run(move |store| store.revoke_access(&grant))
        .await?;
    if !revoked {
        return Err(AppError::UnknownParticipant);
    }
    // Open sync connections re-check their sessions now rather than at the next interval.
    state.rooms.sessions_changed();
    Ok(StatusCode::NO_CONTENT.into_response())
}
