//! (d) The sync websocket refuses foreign origins (cross-site websocket hijacking) and
//! connections without a session, before upgrading.

use crate::support::*;
use tokio_tungstenite::tungstenite;

fn refused_status(result: Result<Socket, tungstenite::Error>) -> u16 {
    match result {
        Err(tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(other) => panic!("expected an HTTP refusal, got {other}"),
        Ok(_) => panic!("the handshake was accepted"),
    }
}

#[tokio::test]
async fn foreign_origins_and_missing_sessions_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let cookie = sign_in(&server, "member").await;
    let own = server.public_url.clone();

    let evil =
        refused_status(open_socket(&server, Some(&cookie), Some("http://evil.example")).await);
    println!("cookie + Origin http://evil.example -> {evil}");
    assert_eq!(evil, 403);

    let lookalike = format!("{own}.evil.example");
    let status = refused_status(open_socket(&server, Some(&cookie), Some(&lookalike)).await);
    println!("cookie + Origin {lookalike} -> {status}");
    assert_eq!(status, 403);

    let no_origin = refused_status(open_socket(&server, Some(&cookie), None).await);
    println!("cookie, no Origin -> {no_origin}");
    assert_eq!(no_origin, 403);

    let no_cookie = refused_status(open_socket(&server, None, Some(&own)).await);
    println!("own Origin, no cookie -> {no_cookie}");
    assert_eq!(no_cookie, 401);

    // The same request with both is accepted, so the refusals above are about what was missing.
    let accepted = open_socket(&server, Some(&cookie), Some(&own)).await;
    println!("cookie + own Origin -> accepted: {}", accepted.is_ok());
    assert!(accepted.is_ok());
    drop(accepted);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn configured_extra_origins_are_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config =
        samrad_server::Config::new(dir.path().join("samrad.db"), dir.path().join("dist"));
    config.allowed_origins = vec!["http://localhost:3000".into()];
    let server = start_with(config).await;
    let cookie = sign_in(&server, "jurist").await;
    let dev = open_socket(&server, Some(&cookie), Some("http://localhost:3000")).await;
    println!(
        "extra origin http://localhost:3000 -> accepted: {}",
        dev.is_ok()
    );
    assert!(dev.is_ok());
    let other =
        refused_status(open_socket(&server, Some(&cookie), Some("http://localhost:3001")).await);
    assert_eq!(other, 403);
    drop(dev);
    server.shutdown().await.expect("clean shutdown");
}
