//! What a reference group relies on in a meeting, refused by the server when a client skips the
//! app's checks: who may propose wording is the agreement's choice, a remark the coordinators
//! have responded to keeps its wording, a remark's history is the server's alone, and only a
//! coordinator moves the phase. Who edited a clause is recorded by the server from the session,
//! and a proposal on the whole clause may only claim a wording the clause really had.

use crate::support::*;
use samrad_domain::yrs::{In, Map, MapPrelim, MapRef, Transact};
use samrad_domain::{
    DispositionValue, Participant, Phase, ProposalStanding, Proposers, RemarkDraft, RemarkKind,
    Role, WordingCause,
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

/// A proposal entry on the whole clause `clause`, written by hand as `who` (client `client`)
/// with the wording it claims to be written on.
fn forged_proposal(a: &samrad_domain::Agreement, clause: &str, who: &Participant, on: &str) {
    let phase = a.phase();
    let doc = a.doc();
    let remarks = doc.get_or_insert_map("remarks");
    let mut txn = doc.transact_mut();
    let clock = samrad_domain::yrs::ReadTxn::state_vector(&txn).get(&doc.client_id());
    let id = format!("r{:x}-{clock}", doc.client_id().get());
    let fields: MapPrelim = [
        ("clause", In::from(clause)),
        ("author", In::from(who.id.as_str())),
        ("author_name", In::from(who.name.as_str())),
        ("organisation", In::from(who.organisation.as_str())),
        ("role", In::from(who.role.key())),
        ("kind", In::from("proposal")),
        ("body", In::from("Bättre så.")),
        ("created_ms", In::from(now())),
        ("phase", In::from(phase.key())),
        ("proposed_text", In::from("Regionen beslutar ensam.")),
        ("written_on", In::from(on)),
    ]
    .into_iter()
    .collect();
    remarks.insert(&mut txn, id, fields);
}

#[tokio::test]
async fn a_proposal_claiming_wording_the_clause_never_had_and_a_forged_edit_record_are_refused() {
    let mut s = Scene::new("member").await;
    let c = clause(&s.erik.agreement, "1.2");
    let erik = person("member");
    println!("the member's client claims its proposal was written on words never in 1.2");
    s.attacker
        .edit(|a| forged_proposal(a, &c, &erik, "Kommunerna beslutar allt."))
        .await;
    let reason = s.refused("invented earlier wording", 1008).await;
    assert!(reason.contains("not one the clause has had"), "{reason}");

    println!("…and on a new connection records that the coordinator rewrote 1.2");
    s.attacker = Peer::connect(&s.server, s.erik.cookie.clone(), ATTACKER).await;
    s.attacker
        .edit(|a| {
            let fields: MapPrelim = [
                ("clause", In::from(c.as_str())),
                ("by", In::from(person("coordinator").id.as_str())),
                ("from_ms", In::from(now())),
                ("to_ms", In::from(now())),
                ("before", In::from("x")),
                ("wording", In::from("Något samordnaren aldrig skrev.")),
            ]
            .into_iter()
            .collect();
            a.doc().get_or_insert_map("wordings").insert(
                &mut a.doc().transact_mut(),
                format!("{c}~0"),
                fields,
            );
        })
        .await;
    s.ends_refused("forged edit record", (1008, "only the server"), |a| {
        a.remarks_of(&c)
            .iter()
            .all(|r| r.kind != RemarkKind::Proposal)
            && a.clause_history(&c)
                .expect("history")
                .iter()
                .all(|step| step.cause != WordingCause::Edited)
    })
    .await;
}

#[tokio::test]
async fn a_coordinators_edit_is_recorded_by_name_and_a_whole_clause_proposal_reads_against_its_wording(
) {
    let mut s = Scene::new("member").await;
    let c = clause(&s.erik.agreement, "1.2");
    let (karin, erik) = (person("coordinator"), person("member"));
    let seen = s.erik.agreement.clause(&c).expect("clause").text;
    let id = s
        .erik
        .edit_returning(|a| {
            let draft = RemarkDraft {
                kind: RemarkKind::Proposal,
                proposed_text: Some("Regionen och kommunerna beslutar gemensamt.".into()),
                ..RemarkDraft::comment(&c, "Tydligare.")
            };
            a.write_remark(&erik, draft, now()).expect("proposal")
        })
        .await;
    until_saved(&mut s.erik).await;
    println!("the coordinator rewrites 1.2 after the proposal was written");
    let edited = format!("{seen} Ändrat av samordnaren.");
    s.karin
        .edit(|a| a.set_clause_text(&karin, &c, &edited).expect("edit"))
        .await;
    s.erik
        .sync_until(|a| {
            a.clause_history(&c)
                .is_ok_and(|h| h.iter().any(|w| w.cause == WordingCause::Edited))
        })
        .await;
    let history = s.erik.agreement.clause_history(&c).expect("history");
    let step = history
        .iter()
        .find(|w| w.cause == WordingCause::Edited)
        .expect("the edit is in the history");
    println!("history: {:?} {:?}", step.by, step.wording);
    assert_eq!(step.by, karin.name, "named from the session");
    assert_eq!(step.wording, edited);
    match s.erik.agreement.proposal_standing(&id).expect("standing") {
        ProposalStanding::Outdated { written_on, .. } => assert_eq!(written_on, seen),
        other => panic!("the proposal should read as written on earlier wording: {other:?}"),
    }
    println!("written offline on the earlier wording, a second proposal is still stored");
    s.attacker
        .edit(|a| forged_proposal(a, &c, &erik, &seen))
        .await;
    until_saved(&mut s.attacker).await;
    s.shutdown().await;
}
