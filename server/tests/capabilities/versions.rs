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
    s.ends_refused("an over-long note", (1008, "note"), |a| {
        a.versions().len() == 1
    })
    .await;
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
    s.ends_refused("an over-long reason", (1008, "reason"), |a| {
        a.extensions().is_empty()
    })
    .await;
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
    s.ends_refused("a member's extension", (1008, "Member"), |a| {
        a.deadline_for(ORG).is_none()
    })
    .await;
}

/// The first chapter's id and its first clause's id, as `peer` reads them.
fn first_chapter(agreement: &samrad_domain::Agreement) -> (String, String) {
    let chapter = &agreement.chapters()[0];
    (chapter.id.clone(), chapter.clauses[0].id.clone())
}

/// Writes into chapter `chapter`'s entry by hand, as a client that skips the domain would.
fn in_chapter(
    a: &samrad_domain::Agreement,
    chapter: &str,
    write: impl FnOnce(&samrad_domain::yrs::MapRef, &mut samrad_domain::yrs::TransactionMut),
) {
    let chapters = a.doc().get_or_insert_map("chapters");
    let mut txn = a.doc().transact_mut();
    let Some(samrad_domain::yrs::Out::YMap(map)) = chapters.get(&txn, chapter) else {
        panic!("chapter {chapter} exists");
    };
    write(&map, &mut txn);
}

#[tokio::test]
async fn a_forged_chapter_approval_is_refused() {
    let mut s = Scene::new("jurist").await;
    let (chapter, _) = first_chapter(&s.attacker.agreement);
    let sara = person("jurist");
    println!("the jurist records that ASU approved chapter 1");
    s.attacker
        .edit(|a| {
            in_chapter(a, &chapter, |map, txn| {
                map.insert(txn, "approved_body", "ASU");
                map.insert(txn, "approved_on_ms", now());
                map.insert(txn, "approved_by", sara.id.as_str());
                map.insert(txn, "approved_at_ms", now());
            })
        })
        .await;
    s.ends_refused("a jurist's approval", (1008, "approved_"), |a| {
        a.chapter_approval(&chapter).is_none()
    })
    .await;
}

#[tokio::test]
async fn an_approval_in_anothers_name_is_refused() {
    let mut s = Scene::new("coordinator").await;
    let (chapter, _) = first_chapter(&s.attacker.agreement);
    println!("the coordinator records an approval in the member's name");
    s.attacker
        .edit(|a| {
            in_chapter(a, &chapter, |map, txn| {
                map.insert(txn, "approved_body", "ASU");
                map.insert(txn, "approved_by", person("member").id.as_str());
            })
        })
        .await;
    s.ends_refused(
        "an approval in another's name",
        (1008, "must be the writer"),
        |a| a.chapter_approval(&chapter).is_none(),
    )
    .await;
}

#[tokio::test]
async fn an_approved_chapter_is_locked_until_reopened() {
    let mut s = Scene::new("coordinator").await;
    let karin = person("coordinator");
    let (chapter, clause) = first_chapter(&s.karin.agreement);
    println!("the coordinator records that ASU approved chapter 1");
    s.karin
        .edit(|a| {
            a.approve_chapters(&karin, std::slice::from_ref(&chapter), "ASU", now(), now())
                .expect("approve");
        })
        .await;
    s.attacker
        .sync_until(|a| a.locked_chapter_of(&clause).is_some())
        .await;
    s.rows = log_rows(s.dir.path());
    println!("a client that skips the lock edits clause 1.1");
    s.attacker
        .edit(|a| {
            let clauses = a.doc().get_or_insert_map("clauses");
            let mut txn = a.doc().transact_mut();
            let Some(samrad_domain::yrs::Out::YMap(map)) = clauses.get(&txn, &clause) else {
                panic!("clause 1.1 exists");
            };
            let Some(samrad_domain::yrs::Out::YText(text)) = map.get(&txn, "text") else {
                panic!("clause 1.1 has text");
            };
            use samrad_domain::yrs::Text;
            text.insert(&mut txn, 0, "Ändrat efter beslut: ");
        })
        .await;
    let reason = s.refused("an edit of an approved chapter", 1008).await;
    assert!(reason.contains("approved"), "{reason}");

    println!("the coordinator reopens chapter 1 with a reason and edits it");
    s.karin
        .edit(|a| {
            a.reopen_chapter(&karin, &chapter, "Ny lag från 1 juli", now())
                .expect("reopen");
        })
        .await;
    s.erik
        .sync_until(|a| a.locked_chapter_of(&clause).is_none())
        .await;
    s.karin
        .edit(|a| {
            a.set_clause_text(&karin, &clause, "Ny lydelse efter lagändringen.")
                .expect("edit");
        })
        .await;
    s.erik
        .sync_until(|a| {
            a.clause(&clause).map(|c| c.text).as_deref() == Some("Ny lydelse efter lagändringen.")
                && a.chapter_approval(&chapter)
                    .and_then(|x| x.reopened)
                    .map(|r| r.reason)
                    .as_deref()
                    == Some("Ny lag från 1 juli")
        })
        .await;
    s.shutdown().await;
}
