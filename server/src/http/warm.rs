//! Starting an agreement's room when its page is fetched by someone signed in to it: the app's
//! HTML arrives a quarter of a second before its socket opens, and at a real consultation's
//! size loading the room takes longer than that, so it had better start with the HTML.

use super::{member_of, AppState};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

/// Serves the request as is; for a page of an agreement (`/a/{id}`, `/a/{id}/…`) asked with a
/// session cookie, also starts loading that agreement's room if the session is one of its
/// readers'. The session is checked off the request's path, so the page is never delayed.
pub(crate) async fn agreement_page(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let id = (request.method() == Method::GET)
        .then(|| agreement_of(request.uri().path()))
        .flatten();
    if let Some(id) = id {
        if super::guard::session_cookie(request.headers()).is_some() {
            let headers = request.headers().clone();
            let state = state.clone();
            tokio::spawn(async move {
                if member_of(&state, &headers, &id).await.is_ok() {
                    state.rooms.warm(&id);
                }
            });
        }
    }
    next.run(request).await
}

/// The agreement an app path names: `/a/{id}` or anything below it.
fn agreement_of(path: &str) -> Option<String> {
    let id = path.strip_prefix("/a/")?.split('/').next()?;
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::agreement_of;

    #[test]
    fn the_agreement_is_read_from_its_pages_paths_only() {
        assert_eq!(agreement_of("/a/bench"), Some("bench".into()));
        assert_eq!(agreement_of("/a/bench/versions/3"), Some("bench".into()));
        assert_eq!(agreement_of("/a/"), None);
        assert_eq!(agreement_of("/samrad-1.wasm"), None);
        assert_eq!(agreement_of("/api/session"), None);
    }
}
