//! The malicious-client suite: signed-in participants whose clients lie, trespass or flood.
//! Each attempt is refused with a close code and a reason on that connection only; nothing of it
//! is stored; the server stays up and the honest clients — and anyone joining afterwards —
//! converge without any of the bad data. (Hand-made updates no honest client writes: see
//! hostile.rs.)

use crate::support::*;
use futures_util::SinkExt;
use samrad_domain::yrs::{In, Map, MapPrelim, ReadTxn, Transact};
use samrad_domain::{Participant, Phase, Role};
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn forging_authorship_is_refused() {
    let mut s = Scene::new("jurist").await;
    let c = clause(&s.attacker.agreement, "1.1");
    println!("the jurist writes a remark in the coordinator's name");
    s.attacker
        .edit(|a| {
            a.add_remark(
                &c,
                &person("coordinator"),
                "Regionen drar tillbaka avtalet.",
                now(),
            )
            .expect("local write");
        })
        .await;
    s.ends_refused("forged author", (1008, "author"), |a| {
        a.remarks_of(&c)
            .iter()
            .all(|r| !r.body.contains("drar tillbaka"))
    })
    .await;
}

#[tokio::test]
async fn editing_or_deleting_anothers_remark_is_refused() {
    let mut s = Scene::new("jurist").await;
    let c = clause(&s.erik.agreement, "2.5");
    let eriks = s.erik.agreement.remarks_of(&c)[0].id.clone();
    println!("the jurist rewrites the member's remark");
    s.attacker
        .edit(|a| {
            a.edit_remark(
                &person("member"),
                &eriks,
                "Jag håller med juristerna.",
                None,
                now(),
            )
            .expect("local write");
        })
        .await;
    let reason = s.refused("edit another's remark", 1008).await;
    assert!(reason.contains("only its author"), "{reason}");

    println!("…and on a new connection, deletes it");
    s.attacker = Peer::connect(&s.server, s.attacker.cookie.clone(), ATTACKER).await;
    s.attacker
        .edit(|a| {
            a.doc()
                .get_or_insert_map("remarks")
                .remove(&mut a.doc().transact_mut(), &eriks);
        })
        .await;
    s.ends_refused("delete another's remark", (1008, "never removed"), |a| {
        a.remark(&eriks)
            .is_some_and(|r| r.body.starts_with("Var tydligare"))
    })
    .await;
}

#[tokio::test]
async fn clause_text_needs_the_coordinator_role() {
    let mut s = Scene::new("jurist").await;
    let c = clause(&s.attacker.agreement, "1.3");
    let as_coordinator = Participant {
        role: Role::Coordinator,
        ..person("jurist")
    };
    println!("the jurist edits clause text, claiming the coordinator role locally");
    s.attacker
        .edit(|a| {
            a.edit_clause_text(&as_coordinator, &c, 0, 0, "Ej: ")
                .expect("local write");
        })
        .await;
    s.ends_refused("clause text without the role", (1008, "EditText"), |a| {
        a.clause(&c)
            .is_some_and(|cl| cl.text.starts_with("Avtalet gäller"))
    })
    .await;
}

/// The observer writes a remark that is true in every field — their own name, organisation and
/// role — so only the rule that observers write nothing can refuse it.
#[tokio::test]
async fn observers_write_nothing() {
    let mut s = Scene::new("observer").await;
    let c = clause(&s.attacker.agreement, "1.2");
    let lars = person("observer");
    println!("the observer writes a remark as himself, skipping the app's checks");
    s.attacker
        .edit(|a| {
            let remarks = a.doc().get_or_insert_map("remarks");
            let mut txn = a.doc().transact_mut();
            let key = format!(
                "r{ATTACKER:x}-{}",
                txn.state_vector().get(&a.doc().client_id())
            );
            let fields: MapPrelim = [
                ("clause", In::from(c.as_str())),
                ("author", In::from(lars.id.as_str())),
                ("author_name", In::from(lars.name.as_str())),
                ("organisation", In::from(lars.organisation.as_str())),
                ("role", In::from(lars.role.key())),
                ("kind", In::from("comment")),
                ("body", In::from("Jag har också en åsikt.")),
                ("created_ms", In::from(now())),
                ("phase", In::from("drafting")),
            ]
            .into_iter()
            .collect();
            remarks.insert(&mut txn, key.as_str(), fields);
        })
        .await;
    s.ends_refused("observer writes", (1008, "Observer"), |a| {
        a.remark_count(&c) == 0
    })
    .await;
}

#[tokio::test]
async fn nothing_is_written_outside_its_phase() {
    let mut s = Scene::new("jurist").await;
    println!("the coordinator moves the agreement to merging");
    s.karin
        .edit(|a| {
            a.set_phase(&person("coordinator"), Phase::Merging, None)
                .expect("phase");
        })
        .await;
    s.erik.sync_until(|a| a.phase() == Phase::Merging).await;
    s.attacker.sync_until(|a| a.phase() == Phase::Merging).await;
    s.rows = log_rows(s.dir.path());
    let c = clause(&s.attacker.agreement, "1.1");
    let sara = person("jurist");
    // The domain refuses a remark while merging, so write it as a client that skips the check.
    let key = s
        .attacker
        .edit_returning(|a| {
            let remarks = a.doc().get_or_insert_map("remarks");
            let mut txn = a.doc().transact_mut();
            let key = format!(
                "r{ATTACKER:x}-{}",
                txn.state_vector().get(&a.doc().client_id())
            );
            let fields: MapPrelim = [
                ("clause", In::from(c.as_str())),
                ("author", In::from(sara.id.as_str())),
                ("author_name", In::from(sara.name.as_str())),
                ("organisation", In::from(sara.organisation.as_str())),
                ("role", In::from("jurist")),
                ("kind", In::from("comment")),
                ("body", In::from("För sent.")),
                ("created_ms", In::from(now())),
                ("phase", In::from("drafting")),
            ]
            .into_iter()
            .collect();
            remarks.insert(&mut txn, key.as_str(), fields);
            key
        })
        .await;
    s.ends_refused("a remark while merging", (1008, "Merging"), |a| {
        a.remark(&key).is_none()
    })
    .await;
}

#[tokio::test]
async fn presence_cannot_impersonate() {
    let mut s = Scene::new("jurist").await;
    println!("the jurist announces herself as the coordinator");
    let frame = s
        .attacker
        .sync
        .set_presence(
            r#"{"name":"Karin Lindqvist","organisation":"Region Norrvik","role":"coordinator"}"#,
        )
        .expect("presence");
    s.attacker.send(frame).await;
    // The honest clients see the presence the server stamped with the session's identity.
    let karin = &mut s.karin;
    let seen = tokio::time::timeout(WAIT, async {
        loop {
            if let Ok(Some(Ok(Message::Binary(frame)))) = tokio::time::timeout(
                std::time::Duration::from_millis(200),
                futures_util::StreamExt::next(&mut karin.socket),
            )
            .await
            {
                let _ = karin.sync.receive(&frame);
            }
            if let Some((_, json)) = karin
                .sync
                .presence()
                .into_iter()
                .find(|(id, _)| *id == ATTACKER)
            {
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
    s.honest_still_converge(|_| true).await;
    s.shutdown().await;
}

#[tokio::test]
async fn a_flood_is_cut_off_and_an_oversized_frame_refused() {
    let mut s = Scene::new("jurist").await;
    println!("the jurist sends 600 awareness queries as fast as it can");
    for _ in 0..600 {
        if s.attacker
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
            match futures_util::StreamExt::next(&mut s.attacker.socket).await {
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
    let mut big = Peer::connect(&s.server, s.attacker.cookie.clone(), 670).await;
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
    assert_eq!(log_rows(s.dir.path()), s.rows, "nothing stored");
    s.honest_still_converge(|_| true).await;
    s.shutdown().await;
}
