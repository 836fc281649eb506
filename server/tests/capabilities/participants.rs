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

async fn get(url: &str, cookie: &str) -> (u16, Value) {
    call(reqwest::Method::GET, url, cookie, None, None).await
}

async fn post(url: &str, cookie: &str, origin: &str, body: Option<Value>) -> (u16, Value) {
    call(reqwest::Method::POST, url, cookie, Some(origin), body).await
}

async fn delete(url: &str, cookie: &str, origin: &str) -> (u16, Value) {
    call(reqwest::Method::DELETE, url, cookie, Some(origin), None).await
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
    let (status, _) = get(&api, &member).await;
    assert_eq!(status, 403, "members do not see the access list");
    let (status, _) = post(&api, &member, &origin, Some(new.clone())).await;
    assert_eq!(status, 403, "members do not invite");
    let (status, _) = get(&api, "samrad_session=x").await;
    assert_eq!(status, 401);
    let (status, _) = post(
        &api,
        &coordinator,
        "https://evil.example",
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
        let (status, body) = post(&api, &coordinator, &origin, Some(bad)).await;
        assert_eq!(status, 400);
        assert!(body["error"].as_str().unwrap_or("").contains(why), "{body}");
    }

    // The coordinator invites; the link signs the new participant in, once.
    let (status, body) = post(&api, &coordinator, &origin, Some(new)).await;
    assert_eq!(status, 201);
    let id = body["participant"]["id"].as_str().expect("id").to_string();
    let link = body["link"].as_str().expect("link").to_string();
    assert!(
        link.starts_with(&format!("{}/join/", server.public_url)),
        "{link}"
    );
    let (_, listed) = get(&api, &coordinator).await;
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
    let (status, me) = get(&session, &cookie).await;
    assert_eq!(status, 200);
    assert_eq!(me["participant"]["name"], "Ingrid Berg");
    assert_eq!(me["participant"]["organisation"], "Ekby kommun");

    // A fresh link withdraws the earlier unused one.
    let renew = format!("{api}/{id}/link");
    let (status, first) = post(&renew, &coordinator, &origin, None).await;
    assert_eq!(status, 200);
    let (_, second) = post(&renew, &coordinator, &origin, None).await;
    let first = first["link"].as_str().expect("link");
    let second = second["link"].as_str().expect("link");
    assert_eq!(http().get(first).send().await.expect("old").status(), 403);
    assert_eq!(
        press_sign_in(&server, first).await.status(),
        403,
        "the withdrawn link does not sign in"
    );
    let (status, _) = post(&format!("{api}/p-nobody/link"), &coordinator, &origin, None).await;
    assert_eq!(status, 404, "no link for an unknown participant");

    // Withdrawing access ends the session and the newest link.
    let access = format!("{api}/{id}/access");
    let (status, _) = delete(&access, &member, &origin).await;
    assert_eq!(status, 403, "members do not revoke");
    let (status, _) = delete(&access, &coordinator, &origin).await;
    assert_eq!(status, 204);
    let (status, _) = get(&session, &cookie).await;
    assert_eq!(status, 401, "the revoked participant's session has ended");
    assert_eq!(
        http().get(second).send().await.expect("newest").status(),
        403
    );
    let (_, me) = get(&session, &coordinator).await;
    let own = format!(
        "{api}/{}/access",
        me["participant"]["id"].as_str().expect("id")
    );
    let (status, body) = delete(&own, &coordinator, &origin).await;
    assert_eq!(status, 400, "{body}");
}
