//! Who may talk to the server: the session cookie, and the `Origin` of websocket handshakes.
//!
//! Browsers do not apply the same-origin policy to websockets and send cookies with them, so
//! without an origin check any site could open a sync connection as the signed-in user
//! (cross-site websocket hijacking). Origins are compared exactly, after normalising case and
//! default ports, against an allowlist built at start-up.

use axum::http::{header, HeaderMap};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "samrad_session";

/// The session cookie's value, if the request carries one.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// The `Set-Cookie` value for a new session.
pub fn set_session_cookie(value: &str, max_age_s: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_s}{secure}"
    )
}

/// The origin (`scheme://host[:port]`) of a URL, normalised; `None` if it is not http(s).
pub fn origin_of(url: &str) -> Option<String> {
    let url = url.trim().to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let authority = match scheme {
        "http" => authority.strip_suffix(":80").unwrap_or(authority),
        "https" => authority.strip_suffix(":443").unwrap_or(authority),
        _ => return None,
    };
    Some(format!("{scheme}://{authority}"))
}

/// Whether a handshake's `Origin` header is in the allowlist. A missing origin is refused:
/// every browser sends one on websocket handshakes.
pub fn origin_allowed(allowed: &[String], headers: &HeaderMap) -> bool {
    headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .and_then(origin_of)
        .is_some_and(|origin| allowed.contains(&origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn origins_normalise_and_compare_exactly() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/"),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            origin_of("HTTPS://Samrad.example:443/x"),
            Some("https://samrad.example".into())
        );
        assert_eq!(origin_of("ftp://x"), None);
        let allowed = vec!["http://127.0.0.1:8080".to_string()];
        let mut headers = HeaderMap::new();
        assert!(!origin_allowed(&allowed, &headers), "missing origin");
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(origin_allowed(&allowed, &headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080.evil.example"),
        );
        assert!(!origin_allowed(&allowed, &headers));
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; samrad_session=xyz; b=2"),
        );
        assert_eq!(session_cookie(&headers), Some("xyz"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("samrad_session_old=1"),
        );
        assert_eq!(session_cookie(&headers), None);
    }
}
