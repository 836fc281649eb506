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
