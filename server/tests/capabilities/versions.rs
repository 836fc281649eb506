//! (v) A version's note and an extension's reason: the coordinator's honest ones are stored
//! and relayed; hand-made ones past their limits — a note of 5,000 characters, a reason of
//! 2,000 — are refused with a reason and nothing of them is stored, and a member cannot grant
//! his own organisation an extension, with or without a reason.

use crate::support::*;
use samrad_domain::yrs::updates::encoder::Encode;
use samrad_domain::yrs::{In, Map, MapPrelim, ReadTxn, Transact};
use samrad_domain::{MAX_EXTENSION_REASON, MAX_VERSION_NOTE};

const ORG: &str = "Strandviks kommun";

#[tokio::test]
async fn notes_and_reasons_are_kept_and_forged_ones_refused() {
    let mut s = Scene::new("coordinator").await;
    let karin = person("coordinator");
    println!("the coordinator cuts a noted version and extends one organisation's deadline");
    s.karin
        .edit(|a| {
            a.cut_noted_version(
                &karin,
                "Utkast 15 januari",
                Some("Till referensgruppen"),
                now(),
            )
            .expect("version");
            a.extend_deadline_because(&karin, ORG, now() + 9e9, Some("Nämnden möts i augusti"))
                .expect("extension");
        })
        .await;
    s.erik
        .sync_until(|a| {
            a.versions().first().and_then(|v| v.note.clone()).as_deref()
                == Some("Till referensgruppen")
                && a.extensions()
                    .first()
                    .and_then(|x| x.reason.clone())
                    .as_deref()
                    == Some("Nämnden möts i augusti")
        })
        .await;
    s.attacker.sync_until(|a| a.versions().len() == 1).await;
    s.rows = log_rows(s.dir.path());

    println!(
        "a version whose note is {} characters",
        MAX_VERSION_NOTE * 5
    );
    s.attacker
        .edit(|a| {
            let versions = a.doc().get_or_insert_map("versions");
            let mut txn = a.doc().transact_mut();
            let key = format!(
                "v{ATTACKER:x}-{}",
                txn.state_vector().get(&a.doc().client_id())
            );
            let snapshot = txn.snapshot().encode_v1();
            let fields: MapPrelim = [
                ("name", In::from("Utkast 2")),
                ("created_ms", In::from(now())),
                ("by", In::from(karin.id.as_str())),
                ("snapshot", In::from(snapshot)),
                ("note", In::from("x".repeat(MAX_VERSION_NOTE * 5))),
            ]
            .into_iter()
            .collect();
            versions.insert(&mut txn, key.as_str(), fields);
        })
        .await;
    let reason = s.refused("an over-long note", 1008).await;
    assert!(reason.contains("note"), "{reason}");
    s.honest_still_converge(|a| a.versions().len() == 1).await;
    s.shutdown().await;
}

#[tokio::test]
async fn an_over_long_reason_is_refused() {
    let mut s = Scene::new("coordinator").await;
    let karin = person("coordinator");
    println!(
        "an extension whose reason is {} characters",
        MAX_EXTENSION_REASON * 4
    );
    s.attacker
        .edit(|a| {
            let extensions = a.doc().get_or_insert_map("extensions");
            let mut txn = a.doc().transact_mut();
            let fields: MapPrelim = [
                ("deadline_ms", In::from(now() + 9e9)),
                ("by", In::from(karin.id.as_str())),
                ("reason", In::from("y".repeat(MAX_EXTENSION_REASON * 4))),
            ]
            .into_iter()
            .collect();
            extensions.insert(&mut txn, ORG, fields);
        })
        .await;
    let reason = s.refused("an over-long reason", 1008).await;
    assert!(reason.contains("reason"), "{reason}");
    s.honest_still_converge(|a| a.extensions().is_empty()).await;
    s.shutdown().await;
}

#[tokio::test]
async fn a_member_grants_no_extension() {
    let mut s = Scene::new("member").await;
    let erik = person("member");
    println!("the member gives his own organisation a later deadline, with a good reason");
    s.attacker
        .edit(|a| {
            let extensions = a.doc().get_or_insert_map("extensions");
            let mut txn = a.doc().transact_mut();
            let fields: MapPrelim = [
                ("deadline_ms", In::from(now() + 9e9)),
                ("by", In::from(erik.id.as_str())),
                ("reason", In::from("Vi hinner inte.")),
            ]
            .into_iter()
            .collect();
            extensions.insert(&mut txn, ORG, fields);
        })
        .await;
    let reason = s.refused("a member's extension", 1008).await;
    assert!(reason.contains("Member"), "{reason}");
    s.honest_still_converge(|a| a.deadline_for(ORG).is_none())
        .await;
    s.shutdown().await;
}
