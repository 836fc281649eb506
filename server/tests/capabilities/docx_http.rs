//! (docx) Word over HTTP: any participant downloads a version (or the live text) as a DOCX,
//! and two of them compared, with Word's tracked changes;
//! a coordinator uploads a new draft from Word, which replaces the text through the room —
//! stored and relayed to everyone connected — while drafting and before anyone has remarked.
//! Members, foreign origins, other agreements, the wrong phase, bad and oversized files are
//! refused with a status and a worded reason.

use crate::drafts::word_draft;
use crate::support::*;
use samrad_domain::{demo, Agreement, Phase, SyncClient};
use samrad_server::admin::{self, Request};
use samrad_server::{docx, RunningServer};

const DRAFTING: &str = "sa-lillevik";
const FIRST_DRAFT: &str = "# Samarbeidsavtale\n\n## 1 Formål\n\n### 1.1 Partene\n\nKommunen og helseforetaket.\n\n### 1.2 Formål\n\nGode tjenester.\n";

async fn get(url: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = http().get(url);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.expect("GET")
}

async fn post(
    server: &RunningServer,
    agreement: &str,
    cookie: &str,
    origin: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    http()
        .post(format!(
            "{}/api/agreements/{agreement}/draft?lang=nb",
            server.public_url
        ))
        .header("cookie", cookie)
        .header("origin", origin)
        .header(
            "content-type",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        .body(body)
        .send()
        .await
        .expect("POST draft")
}

/// The status and `key` of a refusal, after checking it is worded.
async fn refusal(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.expect("json");
    println!("  -> {status} {body}");
    let message = body["error"].as_str().expect("a reason");
    assert!(!message.is_empty() && !message.contains('{'), "{body}");
    (status, body["key"].as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn participants_download_a_version_as_word() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let base = format!(
        "{}/api/agreements/{}/versions",
        server.public_url,
        demo::AGREEMENT_ID
    );

    let mut karin = Peer::join(&server, "coordinator", 4_001).await;
    karin
        .edit(|a| {
            let karin = person("coordinator");
            a.cut_version(&karin, "Utkast 15 januari", now())
                .expect("cut");
        })
        .await;
    let version = karin.agreement.versions()[0].id.clone();

    let member = sign_in(&server, "member").await;
    // The cut reaches the store on its own time; ask until the version is there.
    let url = format!("{base}/{version}/docx?remarks=1&lang=sv");
    let mut response = get(&url, Some(&member)).await;
    for _ in 0..50 {
        if response.status() == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        response = get(&url, Some(&member)).await;
    }
    println!("GET {url} -> {}", response.status());
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    println!("Content-Disposition: {disposition}");
    assert!(disposition.starts_with("attachment; filename=\""));
    assert!(disposition.contains("Utkast-15-januari-med-synpunkter.docx\""));
    assert!(disposition.contains("filename*=UTF-8''H%C3%A4lso-"));
    assert_eq!(headers["cache-control"], "no-store");
    let bytes = response.bytes().await.expect("body");
    let read = docx_rs::read_docx(&bytes).expect("a Word document");
    assert_eq!(read.comments.inner().len(), 4, "three remarks and a reply");
    let draft = docx::import(&bytes).expect("reads back").draft;
    assert_eq!(draft.chapters.len(), 3);

    let current = get(&format!("{base}/current/docx?lang=en"), Some(&member)).await;
    assert_eq!(current.status(), 200);
    let name = current.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(name.contains("Current-text.docx"), "{name}");

    println!("refusals:");
    assert_eq!(
        get(&format!("{base}/current/docx"), None).await.status(),
        401
    );
    let (status, key) = refusal(get(&format!("{base}/v-nope/docx"), Some(&member)).await).await;
    assert_eq!((status, key.as_str()), (404, "error.unknown_version"));
    let other = format!(
        "{}/api/agreements/other/versions/current/docx",
        server.public_url
    );
    assert_eq!(get(&other, Some(&member)).await.status(), 403);
    // A language Samråd does not speak falls back as the server's pages do (to Swedish here).
    let unknown = get(&format!("{base}/current/docx?lang=de"), Some(&member)).await;
    let name = unknown.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(name.contains("Aktuell-text.docx"), "{name}");
    drop(karin);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn participants_download_a_comparison_as_word_with_tracked_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let base = format!(
        "{}/api/agreements/{}/compare.docx",
        server.public_url,
        demo::AGREEMENT_ID
    );
    let mut karin = Peer::join(&server, "coordinator", 4_011).await;
    let clauses = karin.agreement.clauses();
    let (first, second) = (clauses[0].clone(), clauses[1].clone());
    let (kept, dropped) = second.text.rsplit_once(' ').expect("words");
    println!(
        "cut a version, add a sentence to {}, drop {dropped:?} from {}",
        first.number, second.number
    );
    karin
        .edit(|a| {
            let karin = person("coordinator");
            a.cut_version(&karin, "Utkast 15 januari", now())
                .expect("cut");
            a.set_clause_text(
                &karin,
                &first.id,
                &format!("{} Helt ny mening.", first.text),
            )
            .expect("edit");
            a.set_clause_text(&karin, &second.id, kept).expect("edit");
        })
        .await;
    let version = karin.agreement.versions()[0].id.clone();
    let member = sign_in(&server, "member").await;
    // The version and the edits reach the store on their own time (until then the version is
    // unknown): ask until the comparison shows them.
    let url = format!("{base}?from={version}&to=now&lang=sv");
    let mut xml = String::new();
    for _ in 0..50 {
        let response = get(&url, Some(&member)).await;
        if response.status() != 200 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            continue;
        }
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .expect("ascii");
        assert!(
            disposition.contains("Utkast-15-januari-jamfort-med-Nuvarande-text.docx\""),
            "{disposition}"
        );
        let bytes = response.bytes().await.expect("body");
        docx_rs::read_docx(&bytes).expect("a Word document");
        let parts = crate::docx::parts(&bytes);
        let document = parts.iter().find(|(name, _)| name == "word/document.xml");
        xml = String::from_utf8(document.expect("document.xml").1.clone()).expect("utf-8");
        if xml.contains("Helt ny mening") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The sentence added is an insertion, the word dropped a deletion, both Word's own.
    let inserted: String = (xml.split("<w:ins ").skip(1))
        .filter_map(|i| i.split_once("</w:ins>").map(|(inside, _)| inside))
        .collect();
    assert!(
        inserted.contains("Helt ny mening"),
        "the words inserted: {inserted}"
    );
    let deleted: String = (xml.split("<w:delText").skip(1))
        .filter_map(|d| Some(d.split_once('>')?.1.split_once("</w:delText>")?.0))
        .collect();
    let word = dropped.trim_end_matches(|c: char| !c.is_alphanumeric());
    assert!(deleted.contains(word), "{word:?} deleted, in {deleted:?}");
    assert!(xml.contains("w:author=\"Samråd\""));
    println!("refusals:");
    assert_eq!(get(&url, None).await.status(), 401, "signed out");
    let (status, key) = refusal(get(&format!("{base}?from=v-nope"), Some(&member)).await).await;
    assert_eq!(
        (status, key.as_str()),
        (404, "error.unknown_version"),
        "a made-up version"
    );
    let other = format!("{}/api/agreements/other/compare.docx", server.public_url);
    assert_eq!(
        get(&other, Some(&member)).await.status(),
        403,
        "another agreement"
    );
    drop(karin);
    server.shutdown().await.expect("clean shutdown");
}

/// A peer on `agreement` (not the demo) with the given session.
async fn peer_on(server: &RunningServer, agreement: &str, cookie: String, client: u64) -> Peer {
    let socket = open_socket_to(server, agreement, Some(&cookie), Some(&server.public_url))
        .await
        .expect("handshake");
    let replica = Agreement::new(client);
    let sync = SyncClient::new(&replica, || now() as u64);
    let mut peer = Peer {
        cookie,
        socket,
        agreement: replica,
        sync,
    };
    peer.send(peer.sync.hello()).await;
    peer.sync_until(|a| !a.clauses().is_empty()).await;
    peer
}

#[tokio::test]
async fn a_coordinator_imports_a_new_draft_from_word_through_the_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("samrad.db");
    let run = |request: Request| admin::run(&db, &request, "http://x").expect("admin command");
    run(Request::Create {
        id: DRAFTING.into(),
        markdown: FIRST_DRAFT.into(),
    });
    let invite = |name: &str, role: &str| {
        run(Request::Invite {
            agreement: DRAFTING.into(),
            name: name.into(),
            organisation: "Lillevik kommune".into(),
            role: role.into(),
        })
    };
    let (coordinator_link, member_link) = (
        invite("Kari Nordmann", "coordinator"),
        invite("Ola Nordmann", "member"),
    );
    let server = start_in(dir.path()).await;
    let at = |link: &str| link.trim().replace("http://x", &server.public_url);
    let kari = sign_in_with(&server, &at(&coordinator_link)).await;
    let ola = sign_in_with(&server, &at(&member_link)).await;
    let origin = server.public_url.clone();
    let mut watcher = peer_on(&server, DRAFTING, ola.clone(), 5_001).await;
    assert_eq!(watcher.agreement.clauses().len(), 2);

    println!("refusals:");
    let (status, _) = refusal(post(&server, DRAFTING, &ola, &origin, word_draft()).await).await;
    assert_eq!(status, 403, "a member may not import");
    let foreign = post(
        &server,
        DRAFTING,
        &kari,
        "http://evil.example",
        word_draft(),
    )
    .await;
    assert_eq!(foreign.status(), 403, "a foreign origin may not import");
    let (status, key) =
        refusal(post(&server, DRAFTING, &kari, &origin, b"# Avtal".to_vec()).await).await;
    assert_eq!((status, key.as_str()), (400, "docx.error.not_docx"));
    let mut big = word_draft();
    big.resize(docx::MAX_DOCX_BYTES + 1, 0);
    let (status, key) = refusal(post(&server, DRAFTING, &kari, &origin, big).await).await;
    assert_eq!((status, key.as_str()), (413, "docx.error.too_large"));
    let demo_coordinator = sign_in(&server, "coordinator").await;
    let (status, key) = refusal(
        post(
            &server,
            demo::AGREEMENT_ID,
            &demo_coordinator,
            &origin,
            word_draft(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, key.as_str()),
        (409, "error.has_remarks"),
        "the demo has remarks"
    );
    assert_eq!(watcher.agreement.clauses().len(), 2, "nothing changed");

    let response = post(&server, DRAFTING, &kari, &origin, word_draft()).await;
    assert_eq!(response.status(), 200);
    let summary: serde_json::Value = response.json().await.expect("json");
    println!("imported: {summary}");
    assert_eq!(summary["chapters"], 2);
    assert_eq!(summary["clauses"], 5);
    assert_eq!(summary["kept"], 2, "1.1 and 1.2 keep their ids");
    assert_eq!(summary["added"], 3);
    assert_eq!(summary["removed"], 0);
    assert_eq!(summary["notes"].as_array().map(Vec::len), Some(5));
    assert!(summary["notes"][0]["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("Sporede endringer")));

    // Relayed through the room to the member already connected…
    watcher.sync_until(|a| a.clauses().len() == 5).await;
    let numbers: Vec<String> = watcher
        .agreement
        .clauses()
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(numbers, vec!["", "1.1", "1.2", "2.1", "2.2"]);
    // …told, as a change sent from the app tells people: a new draft was read in, by whom and
    // how many clauses it changed — the coordinator who read it in is not told.
    let told = inbox(&server, &ola).await;
    println!("the member's inbox: {told}");
    assert_eq!(told["unread"], 1);
    assert_eq!(told["items"][0]["kind"], "draft");
    let changed = ["changed", "added", "removed"]
        .iter()
        .map(|k| summary[k].as_u64().expect("a count"))
        .sum::<u64>();
    assert_eq!(
        told["items"][0]["clauses"], changed,
        "changed, added and removed"
    );
    assert_eq!(told["items"][0]["by"], "Kari Nordmann");
    assert_eq!(inbox(&server, &kari).await["unread"], 0);
    // …and stored: the live text downloads as the new draft.
    let url = format!(
        "{}/api/agreements/{DRAFTING}/versions/current/docx",
        server.public_url
    );
    let bytes = get(&url, Some(&ola)).await.bytes().await.expect("docx");
    assert_eq!(
        docx::import(&bytes).expect("import").draft.clause_count(),
        5
    );

    // Once the draft is out on consultation, a new one is refused.
    let mut coordinator = peer_on(&server, DRAFTING, kari.clone(), 5_002).await;
    coordinator
        .edit(|a| {
            let kari = a
                .participants()
                .into_iter()
                .find(|p| p.name == "Kari Nordmann")
                .expect("registered");
            a.set_phase(&kari, Phase::Consultation, None)
                .expect("phase");
        })
        .await;
    watcher
        .sync_until(|a| a.phase() == Phase::Consultation)
        .await;
    let (status, key) = refusal(post(&server, DRAFTING, &kari, &origin, word_draft()).await).await;
    assert_eq!((status, key.as_str()), (409, "error.not_drafting"));
    drop((watcher, coordinator));
    server.shutdown().await.expect("clean shutdown");
}
