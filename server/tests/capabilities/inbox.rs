//! Being told: notices are derived from what the server stored, kept per person, told live over
//! the sync socket in the server's own message type, and listed and marked read over HTTP —
//! each person's own only.

use crate::support::*;
use samrad_domain::{InboxMessage, NoticeKind, Phase, RemarkDraft, INBOX_MESSAGE};
use serde_json::{json, Value};
use std::time::Duration;
use yrs::sync::Message;
use yrs::updates::encoder::Encode;

async fn mark_read(server: &samrad_server::RunningServer, cookie: &str, body: Value) -> Value {
    let url = format!("{}/api/inbox/read", server.public_url);
    let response = http()
        .post(url)
        .header("cookie", cookie)
        .header("origin", server.public_url.as_str())
        .json(&body)
        .send()
        .await
        .expect("POST /api/inbox/read");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

/// Reads frames until an inbox message arrives.
async fn told(peer: &mut Peer) -> InboxMessage {
    tokio::time::timeout(WAIT, async {
        loop {
            if let Some(m) = peer.sync.take_inbox().into_iter().next() {
                return m;
            }
            peer.sync_until_next_frame().await;
        }
    })
    .await
    .expect("told in time")
}

#[tokio::test]
async fn a_mention_notifies_the_mentioned_person_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut karin = Peer::join(&server, "coordinator", 100).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let mut sara = Peer::join(&server, "jurist", 300).await;
    let c = clause(&erik.agreement, "1.1");
    let sara_id = person("jurist").id;
    let remark = erik
        .edit_returning(|a| {
            let draft = RemarkDraft {
                mentions: vec![sara_id.clone()],
                ..RemarkDraft::comment(&c, "@Sara Nyström, juridiskt hållbart?")
            };
            a.write_remark(&person("member"), draft, now())
                .expect("remark")
        })
        .await;
    let InboxMessage::New { item } = told(&mut sara).await else {
        panic!("a new notice first");
    };
    assert_eq!(item.notice.kind, NoticeKind::Mention);
    assert_eq!(item.notice.recipient, sara_id);
    assert_eq!(item.notice.remark.as_deref(), Some(remark.as_str()));
    assert_eq!(item.notice.clause.as_deref(), Some(c.as_str()));
    assert_eq!(item.notice.by, "Erik Johansson");
    // The others see the remark and are told nothing.
    until_saved(&mut erik).await;
    karin.sync_until(|a| a.remark(&remark).is_some()).await;
    assert!(
        karin.sync.take_inbox().is_empty(),
        "the coordinator is not told"
    );
    assert!(erik.sync.take_inbox().is_empty(), "the writer is not told");
    let listed = inbox(&server, &sara.cookie).await;
    assert_eq!(listed["unread"], 1);
    assert_eq!(listed["items"][0]["kind"], "mention");
    assert_eq!(inbox(&server, &karin.cookie).await["unread"], 0);
    assert_eq!(inbox(&server, &erik.cookie).await["unread"], 0);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn a_forged_notification_from_a_client_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let rows = log_rows(dir.path());
    // Tried: a client sends the server's own inbox message, telling itself (or, relayed,
    // anybody) of a mention that never happened.
    let forged = InboxMessage::New {
        item: samrad_domain::InboxItem {
            id: 1,
            at_ms: now(),
            read: false,
            notice: samrad_domain::Notice {
                recipient: person("coordinator").id,
                kind: NoticeKind::Mention,
                clause: None,
                remark: None,
                by: "Erik Johansson".into(),
                place: String::new(),
            },
        },
    };
    erik.send(forged.frame()).await;
    let (code, reason) = erik.close_frame().await;
    println!("refused: {code} {reason}");
    assert_eq!(code, 1003);
    assert!(reason.contains(&INBOX_MESSAGE.to_string()), "{reason}");
    // Any other custom type is refused the same way; nothing was stored or listed.
    let mut again = Peer::connect(&server, erik.cookie.clone(), 201).await;
    again
        .send(Message::Custom(101, b"{}".to_vec()).encode_v1())
        .await;
    assert_eq!(again.close_frame().await.0, 1003);
    assert_eq!(log_rows(dir.path()), rows);
    let karin = sign_in(&server, "coordinator").await;
    assert_eq!(inbox(&server, &karin).await["unread"], 0);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn read_state_is_each_person_s_own_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut karin = Peer::join(&server, "coordinator", 100).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let mut lars = Peer::join(&server, "observer", 400).await;
    karin
        .edit(|a| {
            let karin = person("coordinator");
            a.cut_version(&karin, "Utkast 15 januari", now())
                .expect("version");
            a.set_phase(
                &karin,
                Phase::Consultation,
                Some(now() + 30.0 * 86_400_000.0),
            )
            .expect("phase");
        })
        .await;
    let mut erik_ids = Vec::new();
    for _ in 0..2 {
        let InboxMessage::New { item } = told(&mut erik).await else {
            panic!("a new notice");
        };
        erik_ids.push(item.id);
    }
    let _ = told(&mut lars).await;
    assert_eq!(inbox(&server, &erik.cookie).await["unread"], 2);
    // Tried: Lars marks Erik's notices read by their ids.
    let changed = mark_read(&server, &lars.cookie, json!({ "ids": erik_ids })).await;
    assert_eq!(changed["changed"], 0, "another's notices are never marked");
    assert_eq!(inbox(&server, &erik.cookie).await["unread"], 2);
    // Erik reads one; his other connection is told.
    let mut erik_phone = Peer::connect(&server, erik.cookie.clone(), 201).await;
    let changed = mark_read(&server, &erik.cookie, json!({ "ids": [erik_ids[0]] })).await;
    assert_eq!(changed["changed"], 1);
    assert_eq!(
        told(&mut erik_phone).await,
        InboxMessage::Read {
            ids: Some(vec![erik_ids[0]])
        }
    );
    // Refused: a cross-site mark.
    let response = http()
        .post(format!("{}/api/inbox/read", server.public_url))
        .header("cookie", erik.cookie.as_str())
        .header("origin", "https://evil.example")
        .json(&json!({}))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 403);
    let cookie = erik.cookie.clone();
    for peer in [karin, erik, erik_phone, lars] {
        hang_up(peer).await;
    }
    server.shutdown().await.expect("clean shutdown");
    let server = start_in(dir.path()).await;
    let listed = inbox(&server, &cookie).await;
    println!("{listed}");
    assert_eq!(listed["unread"], 1);
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    let read: Vec<bool> = items.iter().map(|i| i["read"] == true).collect();
    assert_eq!(read.iter().filter(|r| **r).count(), 1);
    mark_read(&server, &cookie, json!({})).await;
    assert_eq!(inbox(&server, &cookie).await["unread"], 0);
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn an_approaching_deadline_is_told_once_to_the_organisation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_configured(dir.path(), |c| {
        c.deadline_check = Duration::from_millis(50);
    })
    .await;
    let mut karin = Peer::join(&server, "coordinator", 100).await;
    let mut erik = Peer::join(&server, "member", 200).await;
    let deadline = (now() + 86_400_000.0).round();
    karin
        .edit(|a| {
            a.set_phase(&person("coordinator"), Phase::Consultation, Some(deadline))
                .expect("phase");
        })
        .await;
    let mut kinds = Vec::new();
    while kinds.len() < 2 {
        if let InboxMessage::New { item } = told(&mut erik).await {
            kinds.push(item.notice.kind);
        }
    }
    assert!(kinds.contains(&NoticeKind::Deadline {
        deadline_ms: deadline
    }));
    // Several checks later, still one warning.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let listed = inbox(&server, &erik.cookie).await;
    let warnings = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "deadline")
        .count();
    assert_eq!(warnings, 1);
    server.shutdown().await.expect("clean shutdown");
}
