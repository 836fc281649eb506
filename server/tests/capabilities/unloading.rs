//! Idle rooms unload and come back with the same state, and joins racing unloads never split
//! an agreement across two rooms: every acknowledged write ends up in one state.

use crate::support::*;
use std::time::{Duration, Instant};

#[tokio::test]
async fn an_idle_room_unloads_and_a_reconnect_sees_the_same_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idle = Duration::from_millis(200);
    let server = start_idle(dir.path(), idle).await;
    assert_eq!(
        server.room_stats().live,
        0,
        "no room before anybody connects"
    );

    let mut writer = Peer::join(&server, "coordinator", 100).await;
    let c = clause(&writer.agreement, "1.3");
    writer
        .edit(|ag| {
            ag.add_remark(
                &c,
                &person("coordinator"),
                "Skrivet före avlastningen.",
                now(),
            )
            .expect("remark");
        })
        .await;
    until_saved(&mut writer).await;
    tokio::time::sleep(idle * 3).await;
    let stats = server.room_stats();
    println!("after {:?} with an open, quiet socket: {stats:?}", idle * 3);
    assert_eq!(
        (stats.live, stats.started),
        (1, 1),
        "an open socket keeps its room"
    );

    let cookie = writer.cookie.clone();
    hang_up(writer).await;
    let left = Instant::now();
    rooms_until(&server, "the room unloads", |live| live == 0).await;
    println!(
        "room unloaded {:?} after the last socket closed",
        left.elapsed()
    );
    assert!(left.elapsed() >= idle, "not before the idle period");

    let mut again = Peer::connect(&server, cookie, 101).await;
    again.sync_until(|ag| ag.remark_count(&c) == 1).await;
    assert_eq!(
        again.agreement.remarks_of(&c)[0].body,
        "Skrivet före avlastningen."
    );
    let stats = server.room_stats();
    println!("after reconnecting: {stats:?}");
    assert_eq!(
        (stats.live, stats.started),
        (1, 2),
        "a fresh room was loaded"
    );
    hang_up(again).await;
    server.shutdown().await.expect("clean shutdown");
}

/// Signing in, and the page asking who is signed in, start loading the agreement's room, so
/// its log is read while the browser fetches and starts the app rather than after its socket
/// opens; a room nobody then connects to unloads after the idle period like any other.
#[tokio::test]
async fn signing_in_starts_loading_the_room_before_the_socket_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idle = Duration::from_millis(300);
    let server = start_idle(dir.path(), idle).await;
    assert_eq!(
        server.room_stats().live,
        0,
        "no room before anybody signs in"
    );
    let cookie = sign_in(&server, "member").await;
    let stats = server.room_stats();
    println!("after signing in: {stats:?}");
    assert_eq!(
        (stats.live, stats.started),
        (1, 1),
        "signing in started the room"
    );
    rooms_until(&server, "the unused room unloads", |live| live == 0).await;
    let asked = http()
        .get(format!("{}/api/session", server.public_url))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("GET /api/session");
    assert_eq!(asked.status(), 200);
    let stats = server.room_stats();
    println!("after the page asked who is signed in: {stats:?}");
    assert_eq!(
        (stats.live, stats.started),
        (1, 2),
        "the session request started it again"
    );
    // The socket finds the room started early, with the agreement in it.
    let mut peer = Peer::connect(&server, cookie, 102).await;
    peer.sync_until(|ag| !ag.clause_ids().is_empty()).await;
    assert_eq!(
        server.room_stats().started,
        2,
        "the socket used the started room"
    );
    hang_up(peer).await;
    server.shutdown().await.expect("clean shutdown");
}

/// Fetching an agreement's page signed in starts loading its room, while the browser still has
/// the app to fetch and start; a page fetched without a session, or with a session of another
/// agreement, starts nothing.
#[tokio::test]
async fn fetching_the_agreements_page_signed_in_starts_loading_its_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_idle(dir.path(), Duration::from_millis(300)).await;
    let cookie = sign_in(&server, "member").await;
    rooms_until(&server, "the room signing in started unloads", |live| {
        live == 0
    })
    .await;
    let page = |path: String, cookie: Option<&str>| {
        let request = http().get(format!("{}{path}", server.public_url));
        let request = match cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        };
        request.send()
    };
    let id = samrad_domain::demo::AGREEMENT_ID;
    let stranger = page(format!("/a/{id}"), None).await.expect("GET the page");
    assert_eq!(stranger.status(), 200);
    let other = page("/a/another".into(), Some(&cookie)).await.expect("GET");
    assert_eq!(other.status(), 200);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.room_stats().started,
        1,
        "nobody's page started a room"
    );
    let reader = page(format!("/a/{id}/versions"), Some(&cookie))
        .await
        .expect("GET");
    assert_eq!(reader.status(), 200);
    rooms_until(&server, "the reader's page starts the room", |live| {
        live == 1
    })
    .await;
    assert_eq!(server.room_stats().started, 2);
    server.shutdown().await.expect("clean shutdown");
}

/// A tiny deterministic generator, so a failing run can be repeated from its printed seed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[tokio::test]
async fn joins_racing_unloads_keep_every_write_in_one_state() {
    const ROUNDS: u64 = 20;
    let dir = tempfile::tempdir().expect("tempdir");
    let idle = Duration::from_millis(40);
    let server = start_idle(dir.path(), idle).await;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    println!("seed {seed}, idle {idle:?}, {ROUNDS} connections per writer");
    let roles = ["coordinator", "member", "jurist"];
    let mut cookies = Vec::new();
    for role in roles {
        cookies.push(sign_in(&server, role).await);
    }
    let reader = Peer::join(&server, "observer", 9_000).await;
    let c = clause(&reader.agreement, "2.1");
    let before: Vec<String> = reader
        .agreement
        .remarks_of(&c)
        .into_iter()
        .map(|r| r.body)
        .collect();
    let reader_cookie = reader.cookie.clone();
    hang_up(reader).await;

    // In each round every writer connects, writes one remark, waits until it is stored and
    // hangs up; once all have hung up (the room has no connection left), they pause for
    // 0.5–2 idle periods (one draw per round, plus a little jitter per writer) before the
    // next round. So some rounds find the room unloaded, others still loaded, and some arrive
    // just as it unloads.
    let srv = &server;
    let round_over = &tokio::sync::Barrier::new(roles.len());
    let writers = roles
        .iter()
        .zip(&cookies)
        .enumerate()
        .map(|(w, (role, cookie))| {
            let mut rng = Rng(seed.wrapping_mul(w as u64 + 1) | 1);
            async move {
                let mut written = Vec::new();
                for round in 0..ROUNDS {
                    let client_id = 1_000 + w as u64 * 100 + round;
                    let mut peer = Peer::connect(srv, cookie.clone(), client_id).await;
                    let c = clause(&peer.agreement, "2.1");
                    let body = format!("{role}-{round}");
                    peer.edit(|ag| {
                        ag.add_remark(&c, &person(role), &body, now())
                            .expect("remark");
                    })
                    .await;
                    until_saved(&mut peer).await;
                    written.push(body);
                    hang_up(peer).await;
                    round_over.wait().await;
                    let millis = idle.as_millis() as u64;
                    let shared = Rng(seed.wrapping_add(round) | 1).below(millis * 3 / 2 + 1);
                    let pause = millis / 2 + shared + rng.below(millis / 8 + 1);
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                }
                written
            }
        });
    let written: Vec<String> = futures_util::future::join_all(writers)
        .await
        .into_iter()
        .flatten()
        .collect();
    let count = written.len();
    let mut expected: Vec<String> = before.into_iter().chain(written).collect();
    expected.sort();
    let stats = server.room_stats();
    println!("{count} remarks written; rooms started: {}", stats.started);
    assert!(
        stats.started >= 3,
        "the room must have unloaded and reloaded during the run ({stats:?})"
    );

    let seen = |peer: &Peer, c: &str| {
        let mut bodies: Vec<String> = peer
            .agreement
            .remarks_of(c)
            .into_iter()
            .map(|r| r.body)
            .collect();
        bodies.sort();
        bodies
    };
    let total = expected.len();
    let mut reader = Peer::connect(&server, reader_cookie, 9_001).await;
    reader.sync_until(|ag| ag.remark_count(&c) >= total).await;
    assert_eq!(
        seen(&reader, &c),
        expected,
        "live: every acknowledged remark, once"
    );
    hang_up(reader).await;
    server.shutdown().await.expect("clean shutdown");

    // The same state from the log alone, after a restart.
    let server = start_idle(dir.path(), idle).await;
    let mut reader = Peer::join(&server, "observer", 9_002).await;
    reader.sync_until(|ag| ag.remark_count(&c) >= total).await;
    assert_eq!(
        seen(&reader, &c),
        expected,
        "after a restart: every acknowledged remark, once"
    );
    println!("all {count} remarks are in the one state, live and after a restart");
    hang_up(reader).await;
    server.shutdown().await.expect("clean shutdown");
}
