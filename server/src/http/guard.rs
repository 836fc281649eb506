//! Who may talk to the server: the session cookie, the `Origin` of websocket handshakes and
//! of changes, and where a sign-in came from.
//!
//! Browsers do not apply the same-origin policy to websockets and send cookies with them, so
//! without an origin check any site could open a sync connection as the signed-in user
//! (cross-site websocket hijacking). Origins are compared exactly, after normalising case and
//! default ports, against an allowlist built at start-up.
//!
//! Signing in needs the same care the other way round: a form on another site that posts a
//! link's token would sign the visitor in as whoever the attacker invited (login CSRF), so
//! only a POST from Samråd's own sign-in page redeems a link ([`same_origin_post`]).

use axum::http::{header, HeaderMap, HeaderName};

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

/// Whether a read of the agreement itself (its stored state, see `state.rs`) comes from a
/// page of this server — the websocket's origin rule as it applies to a `fetch`: a browser
/// sends no `Origin` on a same-origin GET, but says where a request comes from in
/// `Sec-Fetch-Site`. So a cross-site or same-site request is refused, and so is a real
/// `Origin` outside the allowlist. A request with neither header is a hand-made one, which
/// the session cookie alone decides (as it would a hand-made handshake with a forged origin).
pub fn same_origin_read(allowed: &[String], headers: &HeaderMap) -> bool {
    let (site, origin) = fetch_site_and_origin(headers);
    if site.is_some_and(|site| site != "same-origin") {
        return false;
    }
    origin.is_none() || origin_allowed(allowed, headers)
}

/// Whether a POST comes from a page of this server: `Sec-Fetch-Site: same-origin` where the
/// browser sends it (every current one does), and an allowed `Origin` where it sends a real
/// one. The sign-in page's referrer policy is `same-origin`, so browsers that predate
/// `Sec-Fetch-*` still send their true origin; `Origin: null` (a sandboxed frame, a
/// `no-referrer` page) tells nothing and counts as absent. A request with neither is refused:
/// browsers always send one of them on a POST, so only a hand-made request lacks both.
pub fn same_origin_post(allowed: &[String], headers: &HeaderMap) -> bool {
    let (site, origin) = fetch_site_and_origin(headers);
    if site.is_some_and(|site| site != "same-origin") {
        return false;
    }
    match origin.filter(|origin| *origin != "null") {
        Some(_) => origin_allowed(allowed, headers),
        None => site.is_some(),
    }
}

/// Where a browser says a request comes from: `Sec-Fetch-Site` and `Origin`, each when sent
/// (a value that is not text reads as empty, which no rule accepts as same-origin).
fn fetch_site_and_origin(headers: &HeaderMap) -> (Option<&str>, Option<&str>) {
    let text = |name: HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or_default());
    (
        text(HeaderName::from_static("sec-fetch-site")),
        text(header::ORIGIN),
    )
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
    fn a_sign_in_must_come_from_our_own_pages() {
        let allowed = vec!["http://127.0.0.1:8080".to_string()];
        let judge = |pairs: &[(&'static str, &'static str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            same_origin_post(&allowed, &headers)
        };
        let own = ("origin", "http://127.0.0.1:8080");
        let same = ("sec-fetch-site", "same-origin");
        assert!(judge(&[own, same]), "a current browser on our page");
        assert!(judge(&[own]), "an older browser on our page");
        assert!(
            judge(&[("origin", "null"), same]),
            "our page under no-referrer"
        );
        assert!(!judge(&[]), "a hand-made request");
        assert!(!judge(&[("origin", "null")]), "a sandboxed frame");
        assert!(!judge(&[("origin", "https://evil.example")]));
        assert!(
            !judge(&[("origin", "https://evil.example"), same]),
            "contradiction"
        );
        assert!(!judge(&[own, ("sec-fetch-site", "cross-site")]));
        assert!(!judge(&[own, ("sec-fetch-site", "same-site")]));
        assert!(!judge(&[own, ("sec-fetch-site", "none")]));
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
