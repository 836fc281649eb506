//! What a reference group relies on in a meeting, refused by the server when a client skips the
//! app's checks: who may propose wording is the agreement's choice, a remark the coordinators
//! have responded to keeps its wording, a remark's history is the server's alone, and only a
//! coordinator moves the phase.

use crate::support::*;
use samrad_domain::yrs::{In, Map, MapPrelim, MapRef, Transact};
use samrad_domain::{
    DispositionValue, Participant, Phase, Proposers, RemarkDraft, RemarkKind, Role,
};

#[tokio::test]
async fn a_members_proposal_is_refused_when_the_agreement_leaves_members_out() {
    let mut s = Scene::new("member").await;
    let c = clause(&s.karin.agreement, "1.3");
    let only_jurists = Proposers::DEFAULT.with(Role::Member, false);
    println!("the coordinator lets only jurists and coordinators propose");
    s.karin
        .edit(|a| {
            a.set_proposers(&person("coordinator"), only_jurists)
                .expect("setting")
        })
        .await;
    s.attacker
        .sync_until(|a| !a.proposers().contains(Role::Member))
        .await;
    s.rows = log_rows(s.dir.path());
    println!("the member's client claims a jurist's role to write a proposal");
    let as_jurist = Participant {
        role: Role::Jurist,
        ..person("member")
    };
    s.attacker
        .edit(|a| {
            let draft = RemarkDraft {
                kind: RemarkKind::Proposal,
                proposed_text: Some("Regionen ensam beslutar.".into()),
                ..RemarkDraft::comment(&c, "Enklare.")
            };
            a.write_remark(&as_jurist, draft, now())
                .expect("local write");
        })
        .await;
    s.ends_refused("member's proposal", (1008, "propose wording"), |a| {
        a.remarks_of(&c)
            .iter()
            .all(|r| r.kind != RemarkKind::Proposal)
    })
    .await;
}

#[tokio::test]
async fn an_edit_after_a_response_is_refused_and_the_history_kept() {
    let mut s = Scene::new("member").await;
    let c = clause(&s.erik.agreement, "1.1");
    let erik = person("member");
    let id = s
        .erik
        .edit_returning(|a| {
            a.add_remark(&c, &erik, "Första lydelsen.", now())
                .expect("remark")
        })
        .await;
    s.erik
        .edit(|a| {
            a.edit_remark(&erik, &id, "Andra lydelsen.", None, now())
                .expect("edit")
        })
        .await;
    println!("every replica reads the first wording as the remark's history");
    s.karin
        .sync_until(|a| {
            a.revisions_of(&id)
                .first()
                .is_some_and(|r| r.body == "Första lydelsen.")
        })
        .await;
    s.karin
        .edit(|a| {
            a.set_disposition(
                &person("coordinator"),
                &id,
                DispositionValue::Noted,
                "Noterat.",
                now(),
            )
            .expect("disposition")
        })
        .await;
    s.attacker
        .sync_until(|a| a.remark(&id).is_some_and(|r| r.disposition.is_some()))
        .await;
    s.rows = log_rows(s.dir.path());
    println!("the member's client rewrites the remark under the coordinator's response");
    s.attacker
        .edit(|a| {
            let remarks = a.doc().get_or_insert_map("remarks");
            let remark: MapRef = {
                let txn = a.doc().transact();
                remarks
                    .get(&txn, &id)
                    .and_then(|v| v.cast::<MapRef>().ok())
                    .expect("remark map")
            };
            remark.insert(&mut a.doc().transact_mut(), "body", "Något helt annat.");
        })
        .await;
    s.ends_refused("edit after a response", (1008, "has a response"), |a| {
        a.remark(&id).is_some_and(|r| r.body == "Andra lydelsen.")
    })
    .await;
}

#[tokio::test]
async fn a_forged_history_and_a_members_phase_change_are_refused() {
    let mut s = Scene::new("member").await;
    let c = clause(&s.erik.agreement, "1.1");
    let id = s
        .erik
        .edit_returning(|a| {
            a.add_remark(&c, &person("member"), "Min lydelse.", now())
                .expect("remark")
        })
        .await;
    s.attacker.sync_until(|a| a.remark(&id).is_some()).await;
    s.rows = log_rows(s.dir.path());
    println!("the member's client writes an earlier wording he never had");
    s.attacker
        .edit(|a| {
            let fields: MapPrelim = [
                ("remark", In::from(id.as_str())),
                ("body", In::from("Något jag aldrig skrev.")),
                ("written_ms", In::from(now())),
                ("replaced_ms", In::from(now())),
            ]
            .into_iter()
            .collect();
            a.doc().get_or_insert_map("revisions").insert(
                &mut a.doc().transact_mut(),
                format!("{id}~0"),
                fields,
            );
        })
        .await;
    let reason = s.refused("forged history", 1008).await;
    assert!(reason.contains("only the server"), "{reason}");

    println!("…and on a new connection closes the agreement");
    s.attacker = Peer::connect(&s.server, s.erik.cookie.clone(), ATTACKER).await;
    s.attacker
        .edit(|a| {
            a.doc().get_or_insert_map("meta").insert(
                &mut a.doc().transact_mut(),
                "phase",
                Phase::Closed.key(),
            );
        })
        .await;
    s.ends_refused("member's phase change", (1008, "Manage"), |a| {
        a.phase() == Phase::Drafting && a.revisions_of(&id).is_empty()
    })
    .await;
}
