//! (b) What was written survives a graceful restart on the same database file.

use crate::support::*;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn a_remark_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut writer = Peer::join(&server, "coordinator", 100).await;
    let c = clause(&writer.agreement, "1.3");
    writer
        .edit(|ag| {
            ag.add_remark(
                &c,
                &person("coordinator"),
                "Förläng med ett år i taget.",
                now(),
            )
            .expect("remark");
        })
        .await;
    // A clean close: the server reads the update before the close, in order.
    writer
        .socket
        .send(Message::Close(None))
        .await
        .expect("close");
    while writer.socket.next().await.is_some() {}
    println!("remark sent, socket closed; shutting down");
    server.shutdown().await.expect("clean shutdown");

    let server = start_in(dir.path()).await;
    println!("restarted on the same database");
    let mut reader = Peer::join(&server, "member", 200).await;
    reader.sync_until(|ag| ag.remark_count(&c) == 1).await;
    assert_eq!(
        reader.agreement.remarks_of(&c)[0].body,
        "Förläng med ett år i taget."
    );
    println!("a fresh client sees the remark after the restart");
    server.shutdown().await.expect("clean shutdown");
}

/// A graceful stop folds each loaded room's log into one row, as an idle unload does, so the
/// next start loads (and serves a newcomer) one row; nothing written before the stop is lost.
#[tokio::test]
async fn a_graceful_stop_leaves_each_log_as_one_row_holding_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut writer = Peer::join(&server, "coordinator", 100).await;
    let c = clause(&writer.agreement, "1.3");
    let bodies = ["Ett.", "Två.", "Tre."];
    for body in bodies {
        writer
            .edit(|ag| {
                ag.add_remark(&c, &person("coordinator"), body, now())
                    .expect("remark");
            })
            .await;
        until_saved(&mut writer).await;
    }
    assert!(
        log_rows(dir.path()) > 1,
        "the remarks were appended as rows"
    );
    hang_up(writer).await;
    server.shutdown().await.expect("clean shutdown");
    assert_eq!(log_rows(dir.path()), 1, "the stop folded the log");

    let server = start_in(dir.path()).await;
    let mut reader = Peer::join(&server, "member", 200).await;
    reader.sync_until(|ag| ag.remark_count(&c) == 3).await;
    let mut read: Vec<String> = reader
        .agreement
        .remarks_of(&c)
        .into_iter()
        .map(|r| r.body)
        .collect();
    read.sort();
    assert_eq!(read, ["Ett.", "Tre.", "Två."]);
    server.shutdown().await.expect("clean shutdown");
}
