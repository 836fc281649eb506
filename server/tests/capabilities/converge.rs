//! (a) Two participants converge through the server: a remark one way, a reply the other.

use crate::support::*;

#[tokio::test]
async fn two_participants_see_each_others_remarks_and_replies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut a = Peer::join(&server, "member", 100).await;
    let mut b = Peer::join(&server, "jurist", 200).await;
    let c = clause(&a.agreement, "2.3");

    println!("A adds a remark on 2.3");
    a.edit(|ag| {
        ag.add_remark(&c, &person("member"), "Vem bedömer behovet?", now())
            .expect("remark");
    })
    .await;
    b.sync_until(|ag| ag.remark_count(&c) == 1).await;
    let remark = b.agreement.remarks_of(&c)[0].clone();
    assert_eq!(remark.body, "Vem bedömer behovet?");
    assert_eq!(remark.author_name, "Erik Johansson");

    println!("B replies");
    b.edit(|ag| {
        ag.reply(
            &remark.id,
            &person("jurist"),
            "Båda huvudmännen gemensamt.",
            now() + 1.0,
        )
        .expect("reply");
    })
    .await;
    a.sync_until(|ag| ag.remark_count(&c) == 2).await;
    let thread = a.agreement.remarks_of(&c);
    assert_eq!(thread[0].replies.len(), 1);
    assert_eq!(thread[0].replies[0].body, "Båda huvudmännen gemensamt.");
    println!("A sees the reply: converged");
    server.shutdown().await.expect("clean shutdown");
}
