//! (c) Invitation links sign in once; the session API needs the cookie they set.

use crate::support::*;
use samrad_domain::demo;

#[tokio::test]
async fn a_link_works_once_and_the_session_needs_its_cookie() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let url = link(&server, "member");
    let client = http();

    let first = client.get(&url).send().await.expect("first use");
    println!("first use -> {}", first.status());
    assert_eq!(first.status(), 303);
    assert_eq!(
        first.headers()["location"],
        format!("/a/{}", demo::AGREEMENT_ID).as_str()
    );
    let set_cookie = first.headers()["set-cookie"].to_str().expect("ascii");
    println!("Set-Cookie: {set_cookie}");
    for attribute in ["samrad_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{attribute} missing");
    }
    assert!(!set_cookie.contains("Secure"), "no Secure on plain http");
    let cookie = set_cookie.split(';').next().expect("pair").to_string();

    let second = client.get(&url).send().await.expect("second use");
    println!("second use -> {}", second.status());
    assert_eq!(second.status(), 410);
    assert!(second.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("text/html"));
    let page = second.text().await.expect("body");
    assert!(page.contains("Inbjudan har redan använts"), "{page}");
    assert!(
        page.contains("This invitation has already been used"),
        "{page}"
    );

    let unknown = client
        .get(format!("{}/join/not-a-token", server.public_url))
        .send()
        .await
        .expect("unknown");
    println!("unknown token -> {}", unknown.status());
    assert_eq!(unknown.status(), 404);
    assert!(unknown
        .text()
        .await
        .expect("body")
        .contains("Inbjudan finns inte"));

    let api = format!("{}/api/session", server.public_url);
    let anonymous = client.get(&api).send().await.expect("no cookie");
    println!("/api/session without cookie -> {}", anonymous.status());
    assert_eq!(anonymous.status(), 401);
    let body: serde_json::Value = anonymous.json().await.expect("json");
    assert!(body["error"].is_string(), "{body}");

    let forged = client
        .get(&api)
        .header("cookie", "samrad_session=forged")
        .send()
        .await
        .expect("forged cookie");
    assert_eq!(forged.status(), 401, "a made-up session is not a session");

    let signed_in = client
        .get(&api)
        .header("cookie", &cookie)
        .send()
        .await
        .expect("with cookie");
    println!("/api/session with cookie -> {}", signed_in.status());
    assert_eq!(signed_in.status(), 200);
    let body: serde_json::Value = signed_in.json().await.expect("json");
    println!("{body}");
    assert_eq!(body["participant"]["id"], "p-erik-johansson");
    assert_eq!(body["participant"]["name"], "Erik Johansson");
    assert_eq!(body["participant"]["organisation"], "Strandviks kommun");
    assert_eq!(body["participant"]["role"], "member");
    assert_eq!(body["agreement"]["id"], demo::AGREEMENT_ID);
    assert_eq!(body["agreement"]["title"], server.agreement_title.as_str());
    server.shutdown().await.expect("clean shutdown");
}
