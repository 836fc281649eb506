//! (e) A malformed frame closes only the connection that sent it.

use crate::support::*;

#[tokio::test]
async fn a_malformed_frame_closes_only_its_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut a = Peer::join(&server, "coordinator", 100).await;
    let mut b = Peer::join(&server, "member", 200).await;
    let mut bad = Peer::join(&server, "jurist", 300).await;

    println!("the third client sends a sync update with garbage inside");
    bad.send(vec![0, 2, 5, 1, 2, 3, 4, 5]).await;
    let code = Peer::closed_with(&mut bad.socket).await;
    println!("it was closed with {code}");
    assert_eq!(code, 1007);

    let c = clause(&a.agreement, "3.4");
    a.edit(|ag| {
        ag.add_remark(&c, &person("coordinator"), "Lägg till medling.", now())
            .expect("remark");
    })
    .await;
    b.sync_until(|ag| ag.remark_count(&c) == 1).await;
    let remark = b.agreement.remarks_of(&c)[0].id.clone();
    b.edit(|ag| {
        ag.reply(&remark, &person("member"), "Ja.", now() + 1.0)
            .expect("reply");
    })
    .await;
    a.sync_until(|ag| ag.remark_count(&c) == 2).await;
    println!("the other two kept syncing both ways");
    server.shutdown().await.expect("clean shutdown");
}
