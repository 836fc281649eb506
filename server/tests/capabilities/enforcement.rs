//! The malicious-client suite: signed-in participants whose clients lie, trespass or flood.
//! Each attempt is refused with a close code on that connection only; the server stays up and
//! the honest clients converge without any of the bad data.

use crate::support::*;
use futures_util::SinkExt;
use samrad_domain::yrs::{Map, Transact};
use samrad_domain::{Participant, Phase, Role};
use tokio_tungstenite::tungstenite::Message;

/// An honest coordinator and member, plus the attacker's connection as `attacker_role`.
async fn setup(server: &samrad_server::RunningServer, attacker_role: &str) -> (Peer, Peer, Peer) {
    let karin = Peer::join(server, "coordinator", 100).await;
    let erik = Peer::join(server, "member", 200).await;
    let attacker = Peer::join(server, attacker_role, 666).await;
    (karin, erik, attacker)
}

/// After an attack: the honest two still exchange a remark, and `check` holds on both.
async fn honest_still_converge(
    karin: &mut Peer,
    erik: &mut Peer,
    check: impl Fn(&samrad_domain::Agreement) -> bool,
) {
    let c = clause(&karin.agreement, "1.4");
    let before = karin.agreement.remark_count(&c);
    karin
        .edit(|a| {
            a.add_remark(&c, &person("coordinator"), "Efter attacken.", NOW)
                .expect("remark");
        })
        .await;
    erik.sync_until(|a| a.remark_count(&c) == before + 1).await;
    assert!(check(&karin.agreement), "coordinator's replica");
    assert!(check(&erik.agreement), "member's replica");
}

async fn refused(attacker: &mut Peer, what: &str) {
    let code = Peer::closed_with(&mut attacker.socket).await;
    println!("{what}: closed with {code}");
    assert_eq!(code, 1008, "{what}");
}

#[tokio::test]
async fn forging_authorship_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut sara) = setup(&server, "jurist").await;
    let c = clause(&sara.agreement, "1.1");
    println!("the jurist writes a remark in the coordinator's name");
    sara.edit(|a| {
        a.add_remark(
            &c,
            &person("coordinator"),
            "Regionen drar tillbaka avtalet.",
            NOW,
        )
        .expect("local write");
    })
    .await;
    refused(&mut sara, "forged author").await;
    honest_still_converge(&mut karin, &mut erik, |a| {
        a.remarks_of(&c)
            .iter()
            .all(|r| !r.body.contains("drar tillbaka"))
    })
    .await;
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn editing_or_deleting_anothers_remark_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut sara) = setup(&server, "jurist").await;
    let c = clause(&erik.agreement, "2.5");
    let eriks = erik.agreement.remarks_of(&c)[0].id.clone();
    println!("the jurist rewrites the member's remark");
    sara.edit(|a| {
        a.edit_remark(
            &person("member"),
            &eriks,
            "Jag håller med juristerna.",
            None,
            NOW,
        )
        .expect("local write");
    })
    .await;
    refused(&mut sara, "edit another's remark").await;

    println!("…and on a new connection, deletes it");
    let mut sara = Peer::connect(&server, sara.cookie.clone(), 667).await;
    sara.edit(|a| {
        a.doc()
            .get_or_insert_map("remarks")
            .remove(&mut a.doc().transact_mut(), &eriks);
    })
    .await;
    refused(&mut sara, "delete another's remark").await;
    honest_still_converge(&mut karin, &mut erik, |a| {
        a.remark(&eriks)
            .is_some_and(|r| r.body.starts_with("Var tydligare"))
    })
    .await;
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn clause_text_needs_the_coordinator_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut sara) = setup(&server, "jurist").await;
    let c = clause(&sara.agreement, "1.3");
    let as_coordinator = Participant {
        role: Role::Coordinator,
        ..person("jurist")
    };
    println!("the jurist edits clause text, claiming the coordinator role locally");
    sara.edit(|a| {
        a.edit_clause_text(&as_coordinator, &c, 0, 0, "Ej: ")
            .expect("local write");
    })
    .await;
    refused(&mut sara, "clause text without the role").await;
    honest_still_converge(&mut karin, &mut erik, |a| {
        a.clause(&c)
            .is_some_and(|cl| cl.text.starts_with("Avtalet gäller"))
    })
    .await;
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn observers_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut lars) = setup(&server, "observer").await;
    let c = clause(&lars.agreement, "1.2");
    let as_member = Participant {
        role: Role::Member,
        ..person("observer")
    };
    println!("the observer writes a remark, claiming to be a member locally");
    lars.edit(|a| {
        a.add_remark(&c, &as_member, "Jag har också en åsikt.", NOW)
            .expect("local write");
    })
    .await;
    refused(&mut lars, "observer writes").await;
    honest_still_converge(&mut karin, &mut erik, |a| a.remark_count(&c) == 0).await;
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn nothing_is_written_outside_its_phase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut sara) = setup(&server, "jurist").await;
    println!("the coordinator moves the agreement to merging");
    karin
        .edit(|a| {
            a.set_phase(&person("coordinator"), Phase::Merging, None)
                .expect("phase");
        })
        .await;
    erik.sync_until(|a| a.phase() == Phase::Merging).await;
    sara.sync_until(|a| a.phase() == Phase::Merging).await;
    let c = clause(&sara.agreement, "1.1");
    let before = sara.agreement.doc().transact().state_vector();
    // Write straight into the remarks map, as a client that skips the phase check would.
    {
        let remarks = sara.agreement.doc().get_or_insert_map("remarks");
        let mut txn = sara.agreement.doc().transact_mut();
        let entry = remarks.insert(
            &mut txn,
            "r-late",
            samrad_domain::yrs::MapPrelim::from([
                ("clause", samrad_domain::yrs::In::from(c.as_str())),
                ("author", samrad_domain::yrs::In::from("p-sara-nystrom")),
                ("author_name", samrad_domain::yrs::In::from("Sara Nyström")),
                (
                    "organisation",
                    samrad_domain::yrs::In::from("Kommunalförbundet Sjöbygden"),
                ),
                ("role", samrad_domain::yrs::In::from("jurist")),
                ("kind", samrad_domain::yrs::In::from("comment")),
                ("body", samrad_domain::yrs::In::from("För sent.")),
                ("created_ms", samrad_domain::yrs::In::from(NOW)),
            ]),
        );
        let _ = entry;
    }
    use samrad_domain::yrs::ReadTxn;
    let update = sara
        .agreement
        .doc()
        .transact()
        .encode_state_as_update_v1(&before);
    sara.send(samrad_domain::SyncClient::update_frame(&update))
        .await;
    refused(&mut sara, "a remark while merging").await;
    honest_still_converge(&mut karin, &mut erik, |a| a.remark("r-late").is_none()).await;
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn presence_cannot_impersonate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut sara) = setup(&server, "jurist").await;
    println!("the jurist announces herself as the coordinator");
    let frame = sara
        .sync
        .set_presence(
            r#"{"name":"Karin Lindqvist","organisation":"Region Norrvik","role":"coordinator"}"#,
        )
        .expect("presence");
    sara.send(frame).await;
    // The honest clients see the presence the server stamped with the session's identity.
    let seen = tokio::time::timeout(WAIT, async {
        loop {
            karin.sync_until(|_| true).await;
            if let Ok(Some(Ok(Message::Binary(frame)))) = tokio::time::timeout(
                std::time::Duration::from_millis(200),
                futures_util::StreamExt::next(&mut karin.socket),
            )
            .await
            {
                let _ = karin.sync.receive(&frame);
            }
            if let Some((_, json)) = karin.sync.presence().into_iter().find(|(id, _)| *id == 666) {
                return json;
            }
        }
    })
    .await
    .expect("presence relayed");
    println!("the coordinator sees: {seen}");
    assert!(
        seen.contains("Sara Nyström") && seen.contains("jurist"),
        "{seen}"
    );
    assert!(!seen.contains("Karin"), "{seen}");
    honest_still_converge(&mut karin, &mut erik, |_| true).await;
    server.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn a_flood_is_cut_off_and_an_oversized_frame_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let (mut karin, mut erik, mut sara) = setup(&server, "jurist").await;
    println!("the jurist sends 600 awareness queries as fast as it can");
    for _ in 0..600 {
        if sara
            .socket
            .send(Message::Binary(vec![3].into()))
            .await
            .is_err()
        {
            break;
        }
    }
    let ended = tokio::time::timeout(WAIT, async {
        loop {
            match futures_util::StreamExt::next(&mut sara.socket).await {
                Some(Ok(Message::Close(Some(frame)))) => return Some(u16::from(frame.code)),
                Some(Ok(Message::Close(None))) | Some(Err(_)) | None => return None,
                Some(Ok(_)) => {}
            }
        }
    })
    .await
    .expect("the flood is cut off in time");
    // `None`: closed under the client's feet while it was still sending.
    println!("flood: ended with {ended:?}");
    assert!(matches!(ended, Some(1008) | None), "{ended:?}");

    println!("a new connection sends 50 MB in one frame");
    let mut big = Peer::connect(&server, sara.cookie.clone(), 670).await;
    let _ = big
        .socket
        .send(Message::Binary(vec![0u8; 50 * 1024 * 1024].into()))
        .await;
    let outcome = tokio::time::timeout(WAIT, futures_util::StreamExt::next(&mut big.socket)).await;
    println!("50 MB: {outcome:?}");
    match outcome.expect("an answer in time") {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1009),
        // The websocket layer may refuse to read it at all and drop the connection.
        Some(Err(_)) | None => {}
        other => panic!("expected the connection to end, got {other:?}"),
    }
    honest_still_converge(&mut karin, &mut erik, |_| true).await;
    server.shutdown().await.expect("shutdown");
}
