//! Sessions are checked on open sockets too, not only at the handshake: a session that expires
//! or is revoked while its socket is open gets that socket closed with 1008 and a reason,
//! within one check interval. Other participants' sockets stay open.

use crate::support::*;
use futures_util::StreamExt;
use samrad_server::{Config, RunningServer};
use std::path::Path;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// The close reason the server gives (kept in sync with `ws::SESSION_ENDED`).
const REASON: &str = "session expired or revoked, please sign in again";

/// Starts a server in `dir` whose sockets re-check their session every `every`.
async fn start_checking(dir: &Path, every: Duration) -> RunningServer {
    let app = dir.join("dist");
    std::fs::create_dir_all(&app).expect("app dir");
    std::fs::write(
        app.join("index.html"),
        "<!DOCTYPE html><title>Samråd</title>",
    )
    .expect("index.html");
    let mut config = Config::new(dir.join("samrad.db"), app);
    config.ws.session_every = every;
    start_with(config).await
}

/// Changes the database behind the server's back, as time or a coordinator would.
fn in_store(dir: &Path, sql: &str, participant: &str) {
    let db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open the database");
    db.busy_timeout(WAIT).expect("busy timeout");
    let changed = db
        .execute(sql, rusqlite::params![participant])
        .expect("statement");
    println!("{sql} [{participant}] -> {changed} row(s)");
    assert!(changed >= 1, "the session row was found");
}

/// Reads the socket for `long`; panics if the server closes it meanwhile.
async fn stays_open(peer: &mut Peer, long: Duration) {
    let _ = tokio::time::timeout(long, async {
        loop {
            match peer.socket.next().await {
                Some(Ok(Message::Close(close))) => panic!("closed: {close:?}"),
                Some(Ok(_)) => {}
                other => panic!("socket ended: {other:?}"),
            }
        }
    })
    .await;
}

/// Signs in `member` and `jurist`, ends the member's session with `sql`, and checks that only
/// the member's socket is closed, in time, and that the cookie no longer opens one.
async fn ended_session_closes_its_socket(sql: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let every = Duration::from_millis(200);
    let server = start_checking(dir.path(), every).await;
    let mut member = Peer::join(&server, "member", 100).await;
    let mut jurist = Peer::join(&server, "jurist", 200).await;
    stays_open(&mut member, every * 3).await;
    println!("open for {:?} while the session holds", every * 3);

    in_store(dir.path(), sql, &person("member").id);
    let ended = Instant::now();
    let (code, reason) = member.close_frame().await;
    println!("closed {:?} later: {code} {reason:?}", ended.elapsed());
    assert_eq!(code, 1008);
    assert_eq!(reason, REASON);
    assert!(
        ended.elapsed() < every * 2,
        "within one check interval ({every:?}), not {:?}",
        ended.elapsed()
    );

    stays_open(&mut jurist, every * 2).await;
    let again = open_socket(&server, Some(&member.cookie), Some(&server.public_url)).await;
    println!(
        "reconnecting with the ended session: {:?}",
        again.as_ref().err()
    );
    assert!(again.is_err(), "the handshake refuses the ended session");
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn an_expired_session_closes_its_open_socket_with_1008() {
    ended_session_closes_its_socket("UPDATE sessions SET expires_ms = 0 WHERE participant = ?1")
        .await;
}

#[tokio::test]
async fn a_revoked_session_closes_its_open_socket_with_1008() {
    // What revoking a participant's access does to their sessions.
    ended_session_closes_its_socket("DELETE FROM sessions WHERE participant = ?1").await;
}
