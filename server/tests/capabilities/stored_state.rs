//! The agreement's stored state over HTTP (`GET /api/agreements/{id}/state`, fetched by
//! index.html while the app loads): the socket's read rule — a live session of a participant
//! of this agreement, from our own pages — and an answer that is exactly the stored log.

use crate::support::*;
use samrad_domain::{demo, wire, Agreement};
use std::time::Duration;
use yrs::updates::decoder::Decode;
use yrs::StateVector;

const STATE: &str = "/api/agreements/{id}/state";

fn path(agreement: &str) -> String {
    STATE.replace("{id}", agreement)
}

async fn get(
    server: &samrad_server::RunningServer,
    path: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = http().get(format!("{}{path}", server.public_url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("GET");
    println!("GET {path} {headers:?} -> {}", response.status());
    response
}

#[tokio::test]
async fn a_participant_reads_exactly_the_stored_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut member = Peer::join(&server, "member", 41).await;
    member
        .edit(|a| {
            let clause = clause(a, "1.1");
            a.add_remark(&clause, &person("member"), "Tydligare, tack.", now())
                .expect("remark");
        })
        .await;
    until_saved(&mut member).await;
    let rows = stored_rows(dir.path());
    assert!(rows.len() > 1, "a log of several rows: {}", rows.len());

    let cookie = sign_in(&server, "observer").await;
    let own = server.public_url.clone();
    let answer = get(
        &server,
        &path(demo::AGREEMENT_ID),
        &[("cookie", &cookie), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let body = answer.bytes().await.expect("body");
    assert_eq!(wire::split_log(&body).expect("a log"), rows);
    // Applied, it is the agreement a newcomer's socket syncs.
    let opened = Agreement::new(7);
    opened
        .apply_stored(&wire::split_log(&body).expect("a log"))
        .expect("applies");
    let synced = Peer::join(&server, "jurist", 43).await;
    let vector = |a: &Agreement| StateVector::decode_v1(&a.state_vector()).expect("vector");
    assert_eq!(vector(&opened), vector(&synced.agreement));
    assert_eq!(
        opened.remark_count(&clause(&opened, "1.1")),
        1,
        "the remark came with the log"
    );
    // A hand-made request (no Fetch metadata) and one naming our own origin are read too.
    for headers in [
        vec![("cookie", cookie.as_str())],
        vec![("cookie", &cookie), ("origin", &own)],
    ] {
        assert_eq!(
            get(&server, &path(demo::AGREEMENT_ID), &headers)
                .await
                .status(),
            200
        );
    }
    hang_up(member).await;
    hang_up(synced).await;
    server.shutdown().await.expect("clean shutdown");
}

/// The body of `answer`, gunzipped when it says it is gzipped.
async fn body_of(answer: reqwest::Response) -> (Option<String>, Vec<u8>) {
    use std::io::Read;
    let coding = answer
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().expect("ascii").to_string());
    let bytes = answer.bytes().await.expect("body");
    if coding.as_deref() != Some("gzip") {
        return (coding, bytes.to_vec());
    }
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut plain)
        .expect("a valid gzip member (its CRC-32 and length checked)");
    println!("gzipped: {} -> {} bytes", plain.len(), bytes.len());
    (coding, plain)
}

/// Folds the stored log into one row holding the whole agreement, as the room does when it
/// is idle (`Store::compact`), beside the running server; returns that row.
fn compact_by_hand(dir: &std::path::Path) -> Vec<u8> {
    let rows = stored_rows(dir);
    let whole = Agreement::new(9);
    whole
        .apply_stored(&rows.iter().map(Vec::as_slice).collect::<Vec<_>>())
        .expect("applies");
    let compacted = whole.encode_state();
    let mut db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open");
    db.busy_timeout(WAIT).expect("busy timeout");
    let fold = db.transaction().expect("transaction");
    let last: i64 = fold
        .query_row(
            "SELECT MAX(seq) FROM updates WHERE agreement = ?1",
            [demo::AGREEMENT_ID],
            |row| row.get(0),
        )
        .expect("last");
    fold.execute(
        "DELETE FROM updates WHERE agreement = ?1",
        [demo::AGREEMENT_ID],
    )
    .expect("fold");
    fold.execute(
        "INSERT INTO updates (agreement, seq, data) VALUES (?1, ?2, ?3)",
        rusqlite::params![demo::AGREEMENT_ID, last, compacted],
    )
    .expect("fold");
    fold.commit().expect("fold");
    compacted
}

#[tokio::test]
async fn a_browser_accepting_gzip_gets_the_stored_log_gzipped_as_it_now_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut member = Peer::join(&server, "member", 44).await;
    let cookie = sign_in(&server, "observer").await;
    let ask = |coding: &'static str| {
        let (server, cookie) = (&server, cookie.clone());
        async move {
            let headers = [("cookie", cookie.as_str()), ("accept-encoding", coding)];
            let answer = get(server, &path(demo::AGREEMENT_ID), &headers).await;
            assert_eq!(answer.status(), 200);
            assert_eq!(answer.headers()["vary"], "accept-encoding");
            body_of(answer).await
        }
    };
    let gzip = Some("gzip".to_string());
    // The first page to ask gets the log as stored at once; its blocks are made meanwhile, and
    // the pages after it get it gzipped.
    let until_gzipped = || async {
        let log = wire::join_log(&stored_rows(dir.path()));
        for _ in 0..100 {
            let (coding, body) = ask("gzip").await;
            assert_eq!(body, log, "{coding:?}: the whole stored log");
            if coding == gzip {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("never gzipped");
    };
    until_gzipped().await;
    for round in 0..2 {
        // A remark stored after the blocks were made: they are used again, with a tail that
        // grew.
        member
            .edit(|a| {
                let clause = clause(a, "1.1");
                let body = format!("Synpunkt {round}");
                a.add_remark(&clause, &person("member"), &body, now())
                    .expect("remark");
            })
            .await;
        until_saved(&mut member).await;
        let rows = stored_rows(dir.path());
        assert!(rows.len() > 1, "the seed and the remarks after it");
        let (coding, body) = ask("gzip, deflate").await;
        assert_eq!(coding, gzip);
        assert_eq!(
            body,
            wire::join_log(&rows),
            "round {round}: the whole stored log"
        );
    }
    // Not gzipped when gzip is refused (weight zero) or not named.
    for refused in ["gzip;q=0, identity", "br", "identity"] {
        let (coding, body) = ask(refused).await;
        assert_eq!(coding, None, "{refused}");
        assert_eq!(body, wire::join_log(&stored_rows(dir.path())), "{refused}");
    }
    assert_eq!(ask("*").await.0, gzip, "any coding");
    // The log compacted anew into one row (as the room does when it is idle): the blocks kept
    // for the earlier row are not that row's, and the answer is the new row.
    let compacted = compact_by_hand(dir.path());
    let (coding, body) = ask("gzip").await;
    assert_eq!(coding, None, "no blocks for the row compacted anew yet");
    assert_eq!(body, wire::join_log(&[compacted]), "the row compacted anew");
    until_gzipped().await;
    hang_up(member).await;
    server.shutdown().await.expect("clean shutdown");
}

/// A request refused: what it lacks, its path, its headers and the status expected.
type Refusal<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, u16);

#[tokio::test]
async fn no_session_a_forged_one_another_agreement_or_another_site_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let cookie = sign_in(&server, "member").await;
    let ours = path(demo::AGREEMENT_ID);
    let refusals: [Refusal; 6] = [
        ("no cookie", ours.clone(), vec![], 401),
        (
            "a forged cookie",
            ours.clone(),
            vec![("cookie", "samrad_session=forged-0123456789abcdef")],
            401,
        ),
        (
            "a session for another agreement",
            path("another"),
            vec![("cookie", &cookie)],
            403,
        ),
        (
            "another site",
            ours.clone(),
            vec![("cookie", &cookie), ("sec-fetch-site", "cross-site")],
            403,
        ),
        (
            "a sibling site",
            ours.clone(),
            vec![("cookie", &cookie), ("sec-fetch-site", "same-site")],
            403,
        ),
        (
            "a foreign origin",
            ours.clone(),
            vec![("cookie", &cookie), ("origin", "http://evil.example")],
            403,
        ),
    ];
    for (what, path, headers, status) in refusals {
        let answer = get(&server, &path, &headers).await;
        assert_eq!(answer.status(), status, "{what}");
        let body = answer.bytes().await.expect("body");
        assert!(
            wire::split_log(&body).map_or(true, |rows| rows.iter().all(|r| r.len() < 64)),
            "{what}: nothing of the agreement in the refusal"
        );
    }
    // A participant whose access was withdrawn (sessions gone) is refused like a stranger.
    let member = person("member");
    let db = rusqlite::Connection::open(dir.path().join("samrad.db")).expect("open");
    db.busy_timeout(WAIT).expect("busy timeout");
    db.execute("DELETE FROM sessions WHERE participant = ?1", [&member.id])
        .expect("withdraw");
    let withdrawn = get(&server, &ours, &[("cookie", &cookie)]).await;
    assert_eq!(withdrawn.status(), 401, "a withdrawn participant");
    server.shutdown().await.expect("clean shutdown");
}
