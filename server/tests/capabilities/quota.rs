//! (o) Each agreement's stored log has a size quota: the write that would take it past the
//! quota is refused with 1009 and a reason, is neither stored nor relayed, and closes only its
//! writer's connection.

use crate::support::*;
use futures_util::StreamExt;
use std::path::Path;
use tokio_tungstenite::tungstenite::Message;

/// The bytes of the demo agreement's stored log.
fn log_bytes(dir: &Path) -> u64 {
    let db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open");
    db.busy_timeout(WAIT).expect("busy timeout");
    db.query_row(
        "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM updates WHERE agreement = ?1",
        [samrad_domain::demo::AGREEMENT_ID],
        |row| row.get::<_, i64>(0),
    )
    .expect("sum") as u64
}

/// What the server made of one write: stored (acknowledged) or the connection closed.
enum Outcome {
    Saved,
    Closed(u16, String),
}

/// Handles frames until the write is acknowledged or the server closes the connection.
async fn outcome(peer: &mut Peer) -> Outcome {
    tokio::time::timeout(WAIT, async {
        loop {
            if peer.sync.saved() {
                return Outcome::Saved;
            }
            match peer.socket.next().await {
                Some(Ok(Message::Binary(frame))) => {
                    for reply in peer.sync.receive(&frame).expect("valid frame") {
                        peer.send(reply).await;
                    }
                }
                Some(Ok(Message::Close(Some(frame)))) => {
                    return Outcome::Closed(u16::from(frame.code), frame.reason.to_string())
                }
                Some(Ok(_)) => {}
                other => panic!("socket ended without a close frame: {other:?}"),
            }
        }
    })
    .await
    .expect("an answer in time")
}

#[tokio::test]
async fn the_write_past_the_quota_is_refused_with_1009() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A first start seeds the demo; the quota leaves room for about twelve 2 KB remarks.
    let server = start_in(dir.path()).await;
    server.shutdown().await.expect("clean shutdown");
    let quota = log_bytes(dir.path()) + 25_000;
    let server = start_configured(dir.path(), |config| config.agreement_quota = quota).await;
    println!("quota {quota} bytes");

    let mut karin = Peer::join(&server, "coordinator", 100).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let c = clause(&erik.agreement, "2.1");
    let before = erik.agreement.remark_count(&c);
    let paragraph = "Kommunen ska kunna följa upp hur avtalet tillämpas i varje enskilt ärende. ";
    let mut saved = 0;
    let (code, reason) = loop {
        let body = format!("Synpunkt {saved}: {}", paragraph.repeat(28));
        erik.edit(|a| {
            a.add_remark(&c, &person("member"), &body, now())
                .expect("remark");
        })
        .await;
        match outcome(&mut erik).await {
            Outcome::Saved => saved += 1,
            Outcome::Closed(code, reason) => break (code, reason),
        }
        assert!(saved < 50, "the quota was never reached");
    };
    let stored = log_bytes(dir.path());
    println!("{saved} remarks stored ({stored} bytes), then closed {code} {reason:?}");
    assert!(
        saved >= 5,
        "the quota left room for some remarks, got {saved}"
    );
    assert_eq!(code, 1009);
    assert!(
        reason.contains(&format!("size limit of {quota} bytes")),
        "{reason}"
    );
    assert!(stored <= quota, "{stored} > {quota}");

    // The refused remark is nowhere; the coordinator's connection stayed open.
    let refused = format!("Synpunkt {saved}:");
    karin
        .sync_until(|a| a.remark_count(&c) >= before + saved)
        .await;
    let fresh = Peer::join(&server, "jurist", 300).await;
    for replica in [&karin.agreement, &fresh.agreement] {
        assert_eq!(replica.remark_count(&c), before + saved);
        assert!(!replica
            .remarks_of(&c)
            .iter()
            .any(|r| r.body.starts_with(&refused)));
    }
    assert_eq!(log_bytes(dir.path()), stored, "nothing more stored");
    server.shutdown().await.expect("clean shutdown");
}
