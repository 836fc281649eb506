//! The compilation over HTTP: after a remiss round written through the sync protocol — the
//! coordinator cuts the remiss version and opens the consultation, a member and a jurist send
//! their organisations' answers — the compilation reads as JSON exactly as the domain computes
//! it from what was stored, and as a spreadsheet in each language; observers, strangers and
//! unknown versions are refused.

use crate::support::*;
use samrad_domain::{Compilation, Phase, StanceValue};

/// The real time now, as the server reads it.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as f64
}

async fn get(
    server: &samrad_server::RunningServer,
    path: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = http().get(format!("{}{path}", server.public_url));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("GET");
    println!("GET {path} -> {}", response.status());
    response
}

/// The coordinator opens the remiss on a new version; two organisations answer.
async fn remiss_round(server: &samrad_server::RunningServer) -> (Peer, Peer, Peer, String) {
    let mut karin = Peer::join(server, "coordinator", 100).await;
    let mut erik = Peer::join(server, "member", 200).await;
    let mut sara = Peer::join(server, "jurist", 300).await;
    let (coordinator, member, jurist) = (person("coordinator"), person("member"), person("jurist"));
    let mut remiss = String::new();
    karin
        .edit(|a| {
            remiss = a
                .cut_version(&coordinator, "Remissversion 15 januari", now_ms())
                .expect("cut");
            a.set_phase(
                &coordinator,
                Phase::Consultation,
                Some(now_ms() + 86_400_000.0),
            )
            .expect("remiss");
        })
        .await;
    until_saved(&mut karin).await;
    let (c11, c32) = (
        clause(&karin.agreement, "1.1"),
        clause(&karin.agreement, "3.2"),
    );
    erik.sync_until(|a| a.phase() == Phase::Consultation).await;
    erik.edit(|a| {
        a.set_stance(
            &member,
            &c11,
            StanceValue::Supports,
            "Parterna är rätt angivna.",
            now_ms(),
        )
        .expect("stance");
        a.set_stance(
            &member,
            &c32,
            StanceValue::Opposes,
            "Sanktioner hör inte hemma i ett samverkansavtal.",
            now_ms(),
        )
        .expect("stance");
        a.send_answer(&member, now_ms()).expect("answer");
    })
    .await;
    until_saved(&mut erik).await;
    sara.sync_until(|a| a.phase() == Phase::Consultation).await;
    sara.edit(|a| {
        a.set_stance(
            &jurist,
            &c32,
            StanceValue::SupportsWithChanges,
            "Skriv ”upprepade allvarliga avvikelser”.",
            now_ms(),
        )
        .expect("stance");
        a.send_answer(&jurist, now_ms()).expect("answer");
    })
    .await;
    until_saved(&mut sara).await;
    karin
        .sync_until(|a| !a.answers_of("Kommunalförbundet Sjöbygden").is_empty())
        .await;
    (karin, erik, sara, remiss)
}

#[tokio::test]
async fn participants_read_the_compilation_as_json_and_as_a_spreadsheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (karin, erik, sara, remiss) = remiss_round(&server).await;
    let base = format!("/api/agreements/{}", samrad_domain::demo::AGREEMENT_ID);

    // As JSON: what the domain computes from the coordinator's synced replica.
    // Without `lang` and `Accept-Language`, Swedish: its organisations in Swedish order.
    let expected = karin
        .agreement
        .compilation(&remiss)
        .expect("compiles")
        .in_alphabet(samrad_domain::collation::Alphabet::Swedish);
    let response = get(
        &server,
        &format!("{base}/compilation?version={remiss}"),
        Some(&karin.cookie),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let read: Compilation = response.json().await.expect("the compilation's JSON");
    assert_eq!(read, expected);
    assert_eq!(read.summary.answered, 2);
    // Without a version: the one the consultation's answers were sent on.
    let presumed = get(&server, &format!("{base}/compilation"), Some(&erik.cookie)).await;
    let presumed: Compilation = presumed.json().await.expect("JSON");
    assert_eq!(presumed.introduction.remiss_version.id, remiss);

    // As a spreadsheet, for the member in Swedish: every organisation × clause, å ä ö intact.
    let response = get(
        &server,
        &format!("{base}/compilation.csv?version={remiss}&lang=sv"),
        Some(&erik.cookie),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        disposition.contains("filename*=UTF-8''H%C3%A4lso-%20och%20sjukv%C3%A5rdsavtal")
            && disposition.ends_with(
                "Remissammanst%C3%A4llning%20%E2%80%93%20Remissversion%2015%20januari.csv"
            ),
        "{disposition}"
    );
    let sv = csv_rows(&response.bytes().await.expect("body"), b';');
    let clauses = expected
        .chapters
        .iter()
        .map(|c| c.clauses.len())
        .sum::<usize>();
    let consulted = expected.introduction.organisations.len();
    // The demo's two municipalities; the region's organisation is the coordinators' own.
    assert_eq!((clauses, consulted), (13, 2));
    assert_eq!(sv.len(), 1 + clauses * consulted);
    let strandvik = sv
        .iter()
        .find(|r| r[1] == "3.2" && r[3] == "Strandviks kommun")
        .expect("a row");
    assert_eq!(
        strandvik[4..6],
        [
            "Avstyrker",
            "Sanktioner hör inte hemma i ett samverkansavtal."
        ]
    );
    let sjobygden = sv
        .iter()
        .find(|r| r[1] == "3.2" && r[3] == "Kommunalförbundet Sjöbygden")
        .expect("a row");
    assert_eq!(sjobygden[5], "Skriv ”upprepade allvarliga avvikelser”.");

    // In bokmål for the jurist: Norwegian words, æ and ø intact; in English, commas.
    let nb = get(
        &server,
        &format!("{base}/compilation.csv?version={remiss}&lang=nb"),
        Some(&sara.cookie),
    )
    .await;
    let nb = csv_rows(&nb.bytes().await.expect("body"), b';');
    assert_eq!(nb[0][13], "Dissenser og særmerknader");
    assert!(nb
        .iter()
        .any(|r| r[4] == "Støtter med endring" && r[3] == "Kommunalförbundet Sjöbygden"));
    // As a Word document, in nynorsk: every organisation in each clause's stance table.
    let word = get(
        &server,
        &format!("{base}/compilation.docx?version={remiss}&lang=nn"),
        Some(&erik.cookie),
    )
    .await;
    assert_eq!(word.status(), 200);
    assert_eq!(
        word.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let word = docx_rs::read_docx(&word.bytes().await.expect("body")).expect("a Word document");
    let tables = word
        .document
        .children
        .iter()
        .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
        .count();
    // The summary's and the introduction's tables, then one per clause.
    assert_eq!(tables, 2 + clauses);
    let en = get(
        &server,
        &format!("{base}/compilation.csv?version={remiss}&lang=en"),
        Some(&sara.cookie),
    )
    .await;
    assert_eq!(
        csv_rows(&en.bytes().await.expect("body"), b',')[0][0],
        "Chapter"
    );
}

#[tokio::test]
async fn observers_strangers_and_unknown_versions_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (karin, _, _, remiss) = remiss_round(&server).await;
    let base = format!("/api/agreements/{}", samrad_domain::demo::AGREEMENT_ID);
    let observer = sign_in(&server, "observer").await;
    for path in ["compilation", "compilation.csv"] {
        let path = format!("{base}/{path}?version={remiss}");
        assert_eq!(
            get(&server, &path, Some(&observer)).await.status(),
            403,
            "observer: {path}"
        );
        assert_eq!(
            get(&server, &path, None).await.status(),
            401,
            "no session: {path}"
        );
    }
    let other = get(
        &server,
        "/api/agreements/another/compilation",
        Some(&karin.cookie),
    )
    .await;
    assert_eq!(other.status(), 403, "a session for another agreement");
    let unknown = get(
        &server,
        &format!("{base}/compilation?version=v-none&lang=nb"),
        Some(&karin.cookie),
    )
    .await;
    assert_eq!(unknown.status(), 404);
    let body: serde_json::Value = unknown.json().await.expect("JSON");
    assert_eq!(body["key"], "error.unknown_version");
    assert_eq!(body["error"], "Versjonen finnes ikke.");
}
