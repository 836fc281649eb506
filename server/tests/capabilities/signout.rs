//! Signing out: the app's own POST ends the session on the server, expires the cookie and tells
//! the browser to clear what the site keeps (`Clear-Site-Data`), so the device copy of the
//! agreement does not outlive the session. A cross-site form cannot sign anyone out.

use crate::support::*;

async fn post_sign_out(
    server: &samrad_server::RunningServer,
    cookie: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = http()
        .post(format!("{}/api/signout", server.public_url))
        .header("cookie", cookie);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("POST /api/signout");
    println!("POST /api/signout {headers:?} -> {}", response.status());
    response
}

async fn session_status(server: &samrad_server::RunningServer, cookie: &str) -> u16 {
    http()
        .get(format!("{}/api/session", server.public_url))
        .header("cookie", cookie)
        .send()
        .await
        .expect("GET /api/session")
        .status()
        .as_u16()
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_the_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let cookie = sign_in(&server, "member").await;
    assert_eq!(session_status(&server, &cookie).await, 200);

    // Tried: a form on another site posting to the sign-out address.
    let foreign = post_sign_out(
        &server,
        &cookie,
        &[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ],
    )
    .await;
    assert_eq!(foreign.status(), 403);
    assert_eq!(
        session_status(&server, &cookie).await,
        200,
        "still signed in"
    );

    let own = [
        ("origin", server.public_url.as_str()),
        ("sec-fetch-site", "same-origin"),
    ];
    let response = post_sign_out(&server, &cookie, &own).await;
    assert_eq!(response.status(), 204);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let clear = header("clear-site-data");
    for what in ["\"cache\"", "\"cookies\"", "\"storage\""] {
        assert!(
            clear.contains(what),
            "Clear-Site-Data names {what}: {clear}"
        );
    }
    assert!(
        header("set-cookie").contains("Max-Age=0"),
        "the cookie expires"
    );
    assert_eq!(
        session_status(&server, &cookie).await,
        401,
        "the session ended"
    );
    // The ended session opens no sync socket either.
    let socket = open_socket(&server, Some(&cookie), Some(&server.public_url)).await;
    assert!(socket.is_err(), "no socket for an ended session");
    // Signing out again (a second tab) is harmless and clears that browser too.
    let again = post_sign_out(&server, &cookie, &own).await;
    assert_eq!(again.status(), 204);
    server.shutdown().await.expect("stops");
}
