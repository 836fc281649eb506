//! (n) The organisation's deadline is the server's to judge: a stance and an answer sent after
//! it are refused (1008, nothing stored or relayed) even from a client that skips its own
//! check — here one whose clock runs a few seconds behind, so the domain's local check passes —
//! and with an extension for the organisation the same writes are accepted. The agreement was
//! made an hour before, so the time such a client claims is after the agreement existed: only
//! the deadline can refuse it.

use crate::support::*;
use samrad_domain::{Agreement, Phase, StanceValue};

/// The real time now, as the server reads it.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as f64
}

const ORG: &str = "Strandviks kommun";

/// The member's write is refused for the deadline, and nothing of it is stored or relayed.
async fn refused_after_the_deadline(dir: &std::path::Path, peer: &mut Peer, what: &str) {
    let rows = log_rows(dir);
    let (code, reason) = peer.close_frame().await;
    println!("{what} after the deadline: closed {code} {reason:?}");
    assert_eq!(code, 1008, "{what}");
    assert!(reason.contains("deadline"), "{what}: {reason}");
    assert_eq!(log_rows(dir), rows, "{what}: nothing stored");
}

/// Moves the agreement's creation an hour back, as if it had been made long before the remiss.
fn made_an_hour_ago(dir: &std::path::Path) {
    let db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open the database");
    let changed = db
        .execute(
            "UPDATE agreements SET created = created - 3600000 WHERE id = ?1",
            [samrad_domain::demo::AGREEMENT_ID],
        )
        .expect("backdate");
    assert_eq!(changed, 1, "the demo agreement is stored");
}

fn stance_of(agreement: &Agreement, clause: &str) -> Option<StanceValue> {
    agreement.stance(ORG, clause).draft.map(|s| s.value)
}

#[tokio::test]
async fn stances_and_answers_after_the_deadline_are_refused_unless_extended() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    server.shutdown().await.expect("clean shutdown");
    made_an_hour_ago(dir.path());
    let server = start_in(dir.path()).await;
    let mut karin = Peer::join(&server, "coordinator", 100).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let cookie = erik.cookie.clone();
    let (c1, c2) = (
        clause(&karin.agreement, "1.1"),
        clause(&karin.agreement, "1.2"),
    );

    // Out on remiss with a week to go: the member drafts a stance (his organisation's
    // respondent, he may also send the answer).
    let coordinator = person("coordinator");
    let member = person("member");
    karin
        .edit(|a| {
            a.set_phase(
                &coordinator,
                Phase::Consultation,
                Some(now_ms() + 7.0 * 86_400_000.0),
            )
            .expect("phase");
        })
        .await;
    erik.sync_until(|a| a.phase() == Phase::Consultation).await;
    erik.edit(|a| {
        a.set_stance(&member, &c1, StanceValue::Supports, "Bra.", now_ms())
            .expect("stance");
    })
    .await;
    until_saved(&mut erik).await;

    // The coordinator closes the remiss: the deadline is now two seconds ago.
    let deadline = now_ms() - 2_000.0;
    karin
        .edit(|a| {
            a.set_phase(&coordinator, Phase::Consultation, Some(deadline))
                .expect("deadline");
        })
        .await;
    erik.sync_until(|a| a.deadline() == Some(deadline)).await;

    // The member's clock is three seconds behind: his replica thinks there is time left.
    let behind = deadline - 1_000.0;
    erik.edit(|a| {
        a.set_stance(&member, &c2, StanceValue::Opposes, "För sent.", behind)
            .expect("the local check passes");
    })
    .await;
    refused_after_the_deadline(dir.path(), &mut erik, "a stance").await;

    let mut erik = Peer::connect(&server, cookie.clone(), 201).await;
    erik.edit(|a| {
        a.send_answer(&member, behind)
            .expect("the local check passes");
    })
    .await;
    refused_after_the_deadline(dir.path(), &mut erik, "an answer").await;
    let fresh = Peer::join(&server, "jurist", 300).await;
    assert_eq!(stance_of(&fresh.agreement, &c2), None, "never stored");
    assert!(fresh.agreement.answers_of(ORG).is_empty(), "never stored");

    // An extension for his organisation: the same writes, now accepted.
    karin
        .edit(|a| {
            a.extend_deadline(&coordinator, ORG, now_ms() + 86_400_000.0)
                .expect("extension");
        })
        .await;
    let mut erik = Peer::connect(&server, cookie, 202).await;
    erik.sync_until(|a| a.deadline_for(ORG) > Some(now_ms()))
        .await;
    erik.edit(|a| {
        a.set_stance(
            &member,
            &c2,
            StanceValue::Opposes,
            "Med förlängd tid.",
            now_ms(),
        )
        .expect("stance");
    })
    .await;
    until_saved(&mut erik).await;
    erik.edit(|a| {
        a.send_answer(&member, now_ms()).expect("answer");
    })
    .await;
    until_saved(&mut erik).await;
    karin.sync_until(|a| a.answers_of(ORG).len() == 1).await;
    let cell = karin.agreement.stance(ORG, &c2);
    assert_eq!(
        cell.draft.map(|s| (s.value, s.motivation)),
        Some((StanceValue::Opposes, "Med förlängd tid.".to_string()))
    );
    let answer = &karin.agreement.answers_of(ORG)[0];
    assert_eq!(answer.stances.len(), 2, "both drafts went into the answer");
    println!("with the extension, the stance and the answer are stored and relayed");
    server.shutdown().await.expect("clean shutdown");
}
