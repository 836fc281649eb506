//! (m) Every yrs client id belongs to the participant who first wrote under it, and the
//! binding is stored: an honest-looking remark — the writer's own name, organisation and role —
//! written under another participant's client id is refused (1008), before and after a
//! restart; the same remark under the writer's own id is accepted.

use crate::support::*;
use samrad_domain::Agreement;

/// Writes a remark in `role`'s own name on clause 1.1.
async fn remark(peer: &mut Peer, role: &str, body: &str) {
    let c = clause(&peer.agreement, "1.1");
    peer.edit(|a| {
        a.add_remark(&c, &person(role), body, now())
            .expect("local write");
    })
    .await;
}

/// Whether clause 1.1 has a remark with `body`.
fn has(agreement: &Agreement, body: &str) -> bool {
    let c = clause(agreement, "1.1");
    agreement.remarks_of(&c).iter().any(|r| r.body == body)
}

/// `peer` writes an honest remark under a client id bound to someone else: refused, unstored.
async fn refused_under_anothers_id(dir: &std::path::Path, peer: &mut Peer, role: &str, id: u64) {
    let rows = log_rows(dir);
    remark(peer, role, "Under någon annans klient-id.").await;
    let (code, reason) = peer.close_frame().await;
    println!("{role} under client {id}: closed {code} {reason:?}");
    assert_eq!(code, 1008);
    assert!(reason.contains(&format!("client {id}")), "{reason}");
    assert_eq!(log_rows(dir), rows, "nothing stored");
}

#[tokio::test]
async fn a_remark_under_anothers_client_id_is_refused_before_and_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    remark(&mut erik, "member", "Eriks synpunkt.").await;
    until_saved(&mut erik).await;
    println!("client 200 is bound to the member");
    let mut karin = Peer::join(&server, "coordinator", 100).await;

    // The jurist's replica writes as client 200: her own name, organisation and role.
    let mut sara = Peer::join(&server, "jurist", 200).await;
    let cookie = sara.cookie.clone();
    refused_under_anothers_id(dir.path(), &mut sara, "jurist", 200).await;

    // The same kind of remark under a fresh id of her own is accepted and relayed.
    let mut sara = Peer::connect(&server, cookie.clone(), 300).await;
    remark(&mut sara, "jurist", "Under mitt eget klient-id.").await;
    until_saved(&mut sara).await;
    karin
        .sync_until(|a| has(a, "Under mitt eget klient-id."))
        .await;
    assert!(
        !has(&karin.agreement, "Under någon annans klient-id."),
        "the refused remark was never relayed"
    );
    let erik_cookie = erik.cookie.clone();
    for peer in [erik, karin, sara] {
        hang_up(peer).await;
    }
    server.shutdown().await.expect("clean shutdown");

    // After a restart the bindings come back from the store, both ways round.
    let server = start_in(dir.path()).await;
    println!("restarted on the same database");
    let mut sara = Peer::connect(&server, cookie, 200).await;
    refused_under_anothers_id(dir.path(), &mut sara, "jurist", 200).await;
    let mut erik = Peer::connect(&server, erik_cookie.clone(), 300).await;
    refused_under_anothers_id(dir.path(), &mut erik, "member", 300).await;
    let mut erik = Peer::connect(&server, erik_cookie, 200).await;
    remark(&mut erik, "member", "Eriks andra synpunkt.").await;
    until_saved(&mut erik).await;
    println!("the member still writes under his own client 200");
    let fresh = Peer::join(&server, "observer", 400).await;
    assert!(has(&fresh.agreement, "Eriks andra synpunkt."));
    assert!(!has(&fresh.agreement, "Under någon annans klient-id."));
    server.shutdown().await.expect("clean shutdown");
}
