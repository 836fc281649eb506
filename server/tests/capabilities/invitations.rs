//! (c) Invitation links: opening one shows a sign-in page and changes nothing; only the page's
//! own same-origin POST redeems it, once; a used, expired or unknown link says so in the
//! reader's language; the session API needs the cookie the sign-in sets.

use crate::support::*;
use samrad_domain::demo;
use samrad_server::Config;

/// Opens a link (GET) and returns its status, the page and whether a cookie was set.
async fn open(url: &str, accept_language: Option<&str>, cookie: Option<&str>) -> (u16, String) {
    let mut request = http().get(url);
    if let Some(lang) = accept_language {
        request = request.header("accept-language", lang);
    }
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("GET link");
    let status = response.status().as_u16();
    assert!(
        response.headers().get("set-cookie").is_none(),
        "opening a link never signs in"
    );
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("text/html"));
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.expect("body");
    println!("GET {url} [{accept_language:?}] -> {status}");
    (status, page)
}

#[tokio::test]
async fn opening_a_link_shows_a_button_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let url = link(&server, "member");

    // Twice, as a mail scanner and then the person would: the link still works afterwards.
    for _ in 0..2 {
        let response = http().get(&url).send().await.expect("GET");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["referrer-policy"], "same-origin");
        assert!(response.headers().contains_key("content-security-policy"));
        let page = response.text().await.expect("body");
        assert!(page.contains("<html lang=\"sv-SE\">"), "{page}");
        assert!(
            page.contains(">Logga in som Erik Johansson, Strandviks kommun</button>"),
            "{page}"
        );
        assert!(page.contains(&format!("<cite>{}</cite>", server.agreement_title)));
        assert!(page.contains("<form method=\"post\" action=\"/join\""));
        assert!(page.contains(&format!("name=\"token\" value=\"{}\"", token_of(&url))));
    }

    // The reader's language: `?lang=` first, then the browser's.
    for (query, accept, expected) in [
        (
            "?lang=nb",
            None,
            "Logg inn som Erik Johansson, Strandviks kommun",
        ),
        ("?lang=nn", Some("en"), "Logg inn som Erik Johansson"),
        (
            "",
            Some("en-GB,en;q=0.9"),
            "Sign in as Erik Johansson, Strandviks kommun",
        ),
        ("", Some("nn-NO, nb;q=0.8"), "Lenkja er personleg"),
        ("", Some("de"), "Logga in som Erik Johansson"),
    ] {
        let (status, page) = open(&format!("{url}{query}"), accept, None).await;
        assert_eq!(status, 200);
        assert!(page.contains(expected), "{query} {accept:?}: {page}");
    }

    // A language picked in the link travels with the button to the app; a guessed one not.
    let (_, page) = open(&format!("{url}?lang=nn"), None, None).await;
    assert!(page.contains("<input type=\"hidden\" name=\"lang\" value=\"nn\">"));
    let (_, page) = open(&url, Some("en"), None).await;
    assert!(!page.contains("name=\"lang\""), "{page}");
    let response = http()
        .post(format!("{}/join", server.public_url))
        .header("origin", &server.public_url)
        .header("sec-fetch-site", "same-origin")
        .form(&[("token", token_of(&url)), ("lang", "nn")])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303, "the link was never used up");
    assert_eq!(
        response.headers()["location"],
        format!("/a/{}?lang=nn", demo::AGREEMENT_ID).as_str()
    );
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn only_a_same_origin_post_signs_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let url = link(&server, "member");

    // Tried: another site's form (with and without Fetch Metadata), a sandboxed frame, a
    // lookalike origin, a same-site subdomain, a request with no browser headers at all.
    let evil = "https://evil.example";
    let lookalike = format!("{}.evil.example", server.public_url);
    let cases: [&[(&str, &str)]; 6] = [
        &[("origin", evil), ("sec-fetch-site", "cross-site")],
        &[("origin", evil)],
        &[("origin", "null"), ("sec-fetch-site", "cross-site")],
        &[("origin", &lookalike)],
        &[
            ("origin", &server.public_url),
            ("sec-fetch-site", "same-site"),
        ],
        &[],
    ];
    for headers in cases {
        let response = post_sign_in(&server, &url, headers).await;
        assert_eq!(response.status(), 403, "{headers:?}");
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{headers:?}"
        );
        let page = response.text().await.expect("body");
        assert!(
            page.contains("Inloggningen kom inte från Samråds egen sida"),
            "{page}"
        );
    }
    let (status, _) = open(&url, None, None).await;
    assert_eq!(status, 200, "refused posts leave the link usable");

    // The page's own button: redeems, sets the session cookie, goes to the agreement.
    let first = press_sign_in(&server, &url).await;
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
    let cookie = cookie_of(&first);

    // Once: pressing again (a double click, a second tab) says the link is used.
    let second = press_sign_in(&server, &url).await;
    assert_eq!(second.status(), 410);
    assert!(second.headers().get("set-cookie").is_none());
    let page = second.text().await.expect("body");
    assert!(page.contains("Inbjudan har redan använts"), "{page}");

    // Opened again, the link says so — and offers the way in to whoever it signed in.
    let (status, page) = open(&url, Some("en"), None).await;
    assert_eq!(status, 410);
    assert!(
        page.contains("This invitation has already been used"),
        "{page}"
    );
    assert!(!page.contains("/a/"), "a stranger is not shown the way in");
    let (_, page) = open(&url, None, Some(&cookie)).await;
    assert!(
        page.contains(&format!(
            "<a href=\"/a/{}\">Du är redan inloggad",
            demo::AGREEMENT_ID
        )),
        "{page}"
    );
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn two_presses_at_once_sign_in_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let url = link(&server, "jurist");
    let (a, b) = tokio::join!(press_sign_in(&server, &url), press_sign_in(&server, &url));
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    println!("two concurrent presses -> {statuses:?}");
    assert_eq!(statuses, [303, 410]);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn used_expired_and_unknown_links_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let url = link(&server, "jurist");
    let db = rusqlite::Connection::open(dir.path().join("samrad.db")).expect("open db");
    db.busy_timeout(WAIT).expect("busy timeout");
    let expired = db
        .execute(
            "UPDATE invitations SET expires_ms = 0 WHERE participant = ?1",
            [person("jurist").id],
        )
        .expect("expire");
    assert_eq!(expired, 1);
    for (lang, text) in [
        ("sv", "Inbjudan har gått ut"),
        ("nb", "Invitasjonen er utløpt"),
        ("nn", "Invitasjonen har gått ut"),
        ("en", "This invitation has expired"),
    ] {
        let (status, page) = open(&format!("{url}?lang={lang}"), None, None).await;
        assert_eq!(status, 410);
        assert!(page.contains(text), "{lang}: {page}");
    }
    let response = press_sign_in(&server, &url).await;
    assert_eq!(response.status(), 410, "an expired link does not sign in");

    let unknown = format!("{}/join/not-a-token", server.public_url);
    let (status, page) = open(&unknown, None, None).await;
    assert_eq!(status, 404);
    assert!(page.contains("Inbjudan finns inte"), "{page}");
    assert_eq!(press_sign_in(&server, &unknown).await.status(), 404);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn the_cookie_is_secure_behind_https() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config::new(dir.path().join("samrad.db"), dir.path().join("dist"));
    config.public_url = Some("https://samrad.example".into());
    let server = start_with(config).await;
    let url = link(&server, "member");
    assert!(url.starts_with("https://samrad.example/join/"), "{url}");
    // The server is reached directly; the browser would be on the public origin.
    let response = http()
        .post(format!("http://{}/join", server.local_addr))
        .header("origin", "https://samrad.example")
        .header("sec-fetch-site", "same-origin")
        .form(&[("token", token_of(&url))])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303);
    let set_cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    println!("Set-Cookie: {set_cookie}");
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn the_session_api_needs_the_cookie() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let cookie = sign_in(&server, "member").await;
    let client = http();
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
