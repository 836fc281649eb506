//! (f) Security headers on every response, a CSP that lets exactly Trunk's inline loader and
//! the wasm run, and the single-page-app fallback.

use crate::support::*;
use base64::Engine;
use sha2::{Digest, Sha256};

const HEADERS: [(&str, &str); 3] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
];

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let base = &server.public_url;
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_SCRIPT));
    let client = http();

    let mut index_body = None;
    for (path, status) in [
        ("/", 200),
        ("/a/hsa-norrvik-2027", 200),
        ("/api/session", 401),
        ("/api/nope", 404),
        ("/join/not-a-token", 404),
    ] {
        let response = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("GET");
        println!("GET {path} -> {}", response.status());
        assert_eq!(response.status(), status, "{path}");
        for (name, value) in HEADERS {
            assert_eq!(response.headers()[name], value, "{name} on {path}");
        }
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        assert!(!csp.contains("'unsafe-inline'"), "{csp}");
        assert!(
            csp.contains(&format!("'sha256-{hash}'")),
            "inline loader hash in {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        let body = response.text().await.expect("body");
        if path == "/" {
            index_body = Some(body);
        } else if path.starts_with("/a/") {
            assert_eq!(
                Some(&body),
                index_body.as_ref(),
                "deep link serves index.html"
            );
        }
    }
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn a_missing_app_gets_a_page_saying_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = samrad_server::Config::new(
        dir.path().join("samrad.db"),
        dir.path().join("no-such-dist"),
    );
    let server = start_with(config).await;
    let response = http()
        .get(format!("{}/a/hsa-norrvik-2027", server.public_url))
        .send()
        .await
        .expect("GET");
    println!("GET /a/… without a built app -> {}", response.status());
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    let body = response.text().await.expect("body");
    assert!(body.contains("The app is not built"), "{body}");
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn the_app_is_served_compressed_when_the_browser_accepts_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let url = format!(
        "{}/a/{}",
        server.public_url,
        samrad_domain::demo::AGREEMENT_ID
    );
    for (accept, expected) in [
        ("br", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let response = http()
            .get(&url)
            .header("accept-encoding", accept)
            .send()
            .await
            .expect("GET");
        let encoding = response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        println!("Accept-Encoding: {accept} -> {encoding:?}");
        assert_eq!(encoding.as_deref(), expected);
        assert!(response.headers().contains_key("content-security-policy"));
    }
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn a_file_compressed_at_build_time_is_sent_as_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("dist");
    std::fs::create_dir_all(&app).expect("app dir");
    let raw = "let x = 1;".repeat(200);
    std::fs::write(app.join("app.js"), &raw).expect("app.js");
    // Not real compressed data: the server must send these bytes untouched, not make its own.
    std::fs::write(app.join("app.js.br"), b"built with brotli 11").expect("app.js.br");
    std::fs::write(app.join("app.js.gz"), b"built with gzip 9").expect("app.js.gz");
    let server = start_in(dir.path()).await;
    for (accept, encoding, body) in [
        ("br", Some("br"), "built with brotli 11"),
        ("gzip", Some("gzip"), "built with gzip 9"),
        ("identity", None, raw.as_str()),
    ] {
        let response = http()
            .get(format!("{}/app.js", server.public_url))
            .header("accept-encoding", accept)
            .send()
            .await
            .expect("GET");
        let got = response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        println!("app.js, Accept-Encoding: {accept} -> {got:?}");
        assert_eq!(got.as_deref(), encoding);
        assert!(response.headers().contains_key("content-security-policy"));
        let bytes = response.bytes().await.expect("body");
        assert_eq!(bytes.as_ref(), body.as_bytes(), "{accept}");
    }
    server.shutdown().await.expect("shutdown");
}
