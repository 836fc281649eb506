//! (k) Coordinators invite people from the app: the participants API.

use crate::support::*;
use serde_json::{json, Value};

async fn call(
    method: reqwest::Method,
    url: &str,
    cookie: &str,
    origin: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = http().request(method.clone(), url).header("cookie", cookie);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    println!("{method} {url} -> {status} {text}");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_coordinator_invites_renews_and_revokes_others_cannot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let origin = server.public_url.clone();
    let api = format!("{}/api/participants", server.public_url);
    let coordinator = sign_in(&server, "coordinator").await;
    let member = sign_in(&server, "member").await;
    let new = json!({ "name": "Ingrid Berg", "organisation": "Ekby kommun", "role": "jurist" });

    // Tried: a member lists and invites; nobody signed in lists; a coordinator from a foreign
    // origin invites; bad fields and an unknown role.
    let (status, _) = call(reqwest::Method::GET, &api, &member, None, None).await;
    assert_eq!(status, 403, "members do not see the access list");
    let (status, _) = call(
        reqwest::Method::POST,
        &api,
        &member,
        Some(&origin),
        Some(new.clone()),
    )
    .await;
    assert_eq!(status, 403, "members do not invite");
    let (status, _) = call(reqwest::Method::GET, &api, "samrad_session=x", None, None).await;
    assert_eq!(status, 401);
    let (status, _) = call(
        reqwest::Method::POST,
        &api,
        &coordinator,
        Some("https://evil.example"),
        Some(new.clone()),
    )
    .await;
    assert_eq!(status, 403, "a cross-site request is refused");
    for (bad, why) in [
        (
            json!({ "name": " ", "organisation": "X", "role": "member" }),
            "name is empty",
        ),
        (
            json!({ "name": "X", "organisation": "X", "role": "boss" }),
            "unknown role",
        ),
        (
            json!({ "name": "X".repeat(121), "organisation": "X", "role": "member" }),
            "at most 120",
        ),
    ] {
        let (status, body) = call(
            reqwest::Method::POST,
            &api,
            &coordinator,
            Some(&origin),
            Some(bad),
        )
        .await;
        assert_eq!(status, 400);
        assert!(body["error"].as_str().unwrap_or("").contains(why), "{body}");
    }

    // The coordinator invites; the link signs the new participant in, once.
    let (status, body) = call(
        reqwest::Method::POST,
        &api,
        &coordinator,
        Some(&origin),
        Some(new),
    )
    .await;
    assert_eq!(status, 201);
    let id = body["participant"]["id"].as_str().expect("id").to_string();
    let link = body["link"].as_str().expect("link").to_string();
    assert!(
        link.starts_with(&format!("{}/join/", server.public_url)),
        "{link}"
    );
    let (_, listed) = call(reqwest::Method::GET, &api, &coordinator, None, None).await;
    let entry = listed["participants"]
        .as_array()
        .expect("list")
        .iter()
        .find(|p| p["participant"]["id"] == id.as_str())
        .expect("the new participant is listed")
        .clone();
    assert_eq!(entry["participant"]["role"], "jurist");
    assert_eq!(entry["invitation"]["used_ms"], Value::Null);
    let cookie = sign_in_with(&server, &link).await;
    let session = format!("{}/api/session", server.public_url);
    let (status, me) = call(reqwest::Method::GET, &session, &cookie, None, None).await;
    assert_eq!(status, 200);
    assert_eq!(me["participant"]["name"], "Ingrid Berg");
    assert_eq!(me["participant"]["organisation"], "Ekby kommun");

    // A fresh link withdraws the earlier unused one.
    let renew = format!("{api}/{id}/link");
    let (status, first) = call(
        reqwest::Method::POST,
        &renew,
        &coordinator,
        Some(&origin),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (_, second) = call(
        reqwest::Method::POST,
        &renew,
        &coordinator,
        Some(&origin),
        None,
    )
    .await;
    let first = first["link"].as_str().expect("link");
    let second = second["link"].as_str().expect("link");
    assert_eq!(http().get(first).send().await.expect("old").status(), 403);
    assert_eq!(
        press_sign_in(&server, first).await.status(),
        403,
        "the withdrawn link does not sign in"
    );
    let (status, _) = call(
        reqwest::Method::POST,
        &format!("{api}/p-nobody/link"),
        &coordinator,
        Some(&origin),
        None,
    )
    .await;
    assert_eq!(status, 404, "no link for an unknown participant");

    // Withdrawing access ends the session and the newest link.
    let access = format!("{api}/{id}/access");
    let (status, _) = call(
        reqwest::Method::DELETE,
        &access,
        &member,
        Some(&origin),
        None,
    )
    .await;
    assert_eq!(status, 403, "members do not revoke");
    let (status, _) = call(
        reqwest::Method::DELETE,
        &access,
        &coordinator,
        Some(&origin),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = call(reqwest::Method::GET, &session, &cookie, None, None).await;
    assert_eq!(status, 401, "the revoked participant's session has ended");
    assert_eq!(
        http().get(second).send().await.expect("newest").status(),
        403
    );
    let (_, me) = call(reqwest::Method::GET, &session, &coordinator, None, None).await;
    let own = format!(
        "{api}/{}/access",
        me["participant"]["id"].as_str().expect("id")
    );
    let (status, body) = call(
        reqwest::Method::DELETE,
        &own,
        &coordinator,
        Some(&origin),
        None,
    )
    .await;
    assert_eq!(status, 400, "{body}");
}
