//! Every way an HTTP request can fail, and the response each one gets. API routes answer JSON
//! `{"error": "..."}` (invitation links are opened by people, so `http/signin.rs` answers them
//! with pages of its own). Internal details are logged, never sent.

use crate::store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use thiserror::Error;

/// A failed request.
#[derive(Debug, Error)]
pub enum AppError {
    /// No valid session cookie came with the request.
    #[error("not signed in")]
    Unauthenticated,
    /// The session is valid but not for this agreement.
    #[error("the session is for another agreement")]
    WrongAgreement,
    /// The websocket handshake came from an origin that is not allowed (cross-site hijacking).
    #[error("origin not allowed")]
    Origin,
    /// The request is not a websocket upgrade, or a malformed one.
    #[error("websocket upgrade expected")]
    NotWebSocket,
    /// The caller's role may not do this.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The request body is not acceptable; the message says why.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The agreement has no participant with this id.
    #[error("no such participant")]
    UnknownParticipant,
    /// No such API route.
    #[error("not found")]
    NotFound,
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// The agreement's room could not be started.
    #[error("room: {0}")]
    Room(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match &self {
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "not signed in"),
            AppError::WrongAgreement => {
                (StatusCode::FORBIDDEN, "not a participant of this agreement")
            }
            AppError::Origin => (StatusCode::FORBIDDEN, "origin not allowed"),
            AppError::NotWebSocket => (StatusCode::BAD_REQUEST, "websocket upgrade expected"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not found"),
            AppError::Forbidden(why) => (StatusCode::FORBIDDEN, *why),
            AppError::BadRequest(why) => {
                let body = serde_json::json!({ "error": why });
                return (StatusCode::BAD_REQUEST, Json(body)).into_response();
            }
            AppError::UnknownParticipant => (StatusCode::NOT_FOUND, "no such participant"),
            AppError::Store(_) | AppError::Room(_) => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        };
        (status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}
