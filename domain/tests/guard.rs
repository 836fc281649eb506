//! The server-side check of updates (`Agreement::apply_as`): each test makes a change on a
//! participant's own replica — often one that lies about who it is — ships the resulting
//! update to a server replica as that participant, and checks the verdict.
#![allow(clippy::unwrap_used)]

use samrad_domain::yrs::{Map, Transact};
use samrad_domain::{
    demo, Agreement, Applied, Participant, Phase, Refusal, RemarkDraft, RemarkKind, Role,
    StanceValue, Target,
};

const NOW: f64 = 1_800_000_000_000.0;
const ERIK_CLIENT: u64 = 200;
const SARA_CLIENT: u64 = 300;
const KARIN_CLIENT: u64 = 100;

fn people() -> (Participant, Participant, Participant) {
    let p = demo::participants();
    (p[0].clone(), p[1].clone(), p[2].clone())
}

/// The server's replica of the demo (written by the server's own client 1) in `phase`.
fn server(phase: Phase) -> Agreement {
    let a = demo::agreement(1, NOW).unwrap();
    let (karin, _, _) = people();
    a.set_phase(&karin, phase, Some(NOW + 1e9)).unwrap();
    a
}

fn replica(server: &Agreement, client: u64) -> Agreement {
    Agreement::load(client, &server.encode_state()).unwrap()
}

fn clause(a: &Agreement, number: &str) -> String {
    a.clauses()
        .into_iter()
        .find(|c| c.number == number)
        .unwrap()
        .id
}

/// What `client` has that `server` lacks.
fn update(server: &Agreement, client: &Agreement) -> Vec<u8> {
    client.encode_diff(&server.state_vector()).unwrap()
}

fn owns(ids: &'static [u64]) -> impl Fn(u64) -> bool {
    move |c| ids.contains(&c)
}

fn forbidden(result: Result<Applied, Refusal>) -> String {
    match result {
        Err(Refusal::Forbidden { what, reason }) => format!("{what}: {reason}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_honest_remark_reply_and_withdrawal_are_accepted() {
    let s = server(Phase::Drafting);
    let (_, erik, sara) = people();
    let e = replica(&s, ERIK_CLIENT);
    let id = e
        .add_remark(&clause(&e, "1.1"), &erik, "Vilka kommuner?", NOW)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        s.apply_as(&erik, NOW, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(s.remark(&id).unwrap().author, erik.id);
    // Sending the same update again changes nothing.
    assert_eq!(
        s.apply_as(&erik, NOW, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Unchanged)
    );

    let sr = replica(&s, SARA_CLIENT);
    sr.reply(&id, &sara, "Alla tolv.", NOW).unwrap();
    assert_eq!(
        s.apply_as(&sara, NOW, &update(&s, &sr), owns(&[SARA_CLIENT])),
        Ok(Applied::Changed)
    );

    let e = replica(&s, ERIK_CLIENT + 1);
    e.withdraw_remark(&erik, &id).unwrap();
    assert_eq!(
        s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT + 1])),
        Ok(Applied::Changed)
    );
    assert!(s.remark(&id).unwrap().withdrawn);
}

#[test]
fn a_forged_author_is_refused() {
    let s = server(Phase::Drafting);
    let (_, erik, sara) = people();
    let e = replica(&s, ERIK_CLIENT);
    // Erik's client writes a remark claiming to be Sara.
    e.add_remark(&clause(&e, "1.1"), &sara, "Juristerna avstyrker.", NOW)
        .unwrap();
    let why = forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
    assert!(why.contains("author"), "{why}");
}

#[test]
fn a_forged_organisation_or_role_is_refused() {
    let s = server(Phase::Drafting);
    let (_, erik, _) = people();
    let e = replica(&s, ERIK_CLIENT);
    let boss = Participant {
        organisation: "Region Norrvik".into(),
        ..erik.clone()
    };
    e.add_remark(&clause(&e, "1.1"), &boss, "x", NOW).unwrap();
    forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
}

#[test]
fn writing_under_someone_elses_client_id_is_refused() {
    let s = server(Phase::Drafting);
    let (_, erik, sara) = people();
    let sr = replica(&s, SARA_CLIENT);
    sr.add_remark(&clause(&sr, "1.1"), &sara, "Från Sara", NOW)
        .unwrap();
    // Erik relays Sara's update as his own.
    assert_eq!(
        s.apply_as(&erik, NOW, &update(&s, &sr), owns(&[ERIK_CLIENT])),
        Err(Refusal::ForeignClient(SARA_CLIENT))
    );
}

#[test]
fn editing_or_withdrawing_someone_elses_remark_is_refused() {
    let (_, erik, sara) = people();
    let base = server(Phase::Drafting);
    let id = base.remarks_of(&clause(&base, "2.1"))[0].id.clone(); // Sara's
                                                                   // Erik's client pretends to be Sara to get past its own domain checks.
    let s = server(Phase::Drafting);
    let s_state = base.encode_state();
    s.apply_update(&s_state).unwrap();
    let e = replica(&base, ERIK_CLIENT);
    e.edit_remark(&sara, &id, "Omskrivet av Erik", None, NOW)
        .unwrap();
    let why = forbidden(base.apply_as(&erik, NOW, &update(&base, &e), owns(&[ERIK_CLIENT])));
    assert!(why.contains("only its author"), "{why}");

    let base = server(Phase::Drafting);
    let e = replica(&base, ERIK_CLIENT);
    e.withdraw_remark(&sara, &id).unwrap();
    forbidden(base.apply_as(&erik, NOW, &update(&base, &e), owns(&[ERIK_CLIENT])));

    // Deleting the entry outright with raw yrs.
    let base = server(Phase::Drafting);
    let e = replica(&base, ERIK_CLIENT);
    let remarks = e.doc().get_or_insert_map("remarks");
    remarks.remove(&mut e.doc().transact_mut(), &id);
    let why = forbidden(base.apply_as(&erik, NOW, &update(&base, &e), owns(&[ERIK_CLIENT])));
    assert!(why.contains("never removed"), "{why}");
}

#[test]
fn changing_a_remarks_author_field_is_refused_even_for_the_author() {
    let s = server(Phase::Drafting);
    let (_, erik, _) = people();
    let id = s.remarks_of(&clause(&s, "2.5"))[0].id.clone(); // Erik's
    let e = replica(&s, ERIK_CLIENT);
    let remarks = e.doc().get_or_insert_map("remarks");
    {
        let mut txn = e.doc().transact_mut();
        let Some(samrad_domain::yrs::Out::YMap(m)) = remarks.get(&txn, &id) else {
            panic!()
        };
        m.insert(&mut txn, "author", "p-karin-lindqvist");
    }
    let why = forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
    assert!(why.contains("set once"), "{why}");
}

#[test]
fn clause_text_is_only_for_coordinators() {
    let (karin, _, sara) = people();
    let s = server(Phase::Drafting);
    let fake = Participant {
        role: Role::Coordinator,
        ..sara.clone()
    };
    let c = replica(&s, SARA_CLIENT);
    c.edit_clause_text(&fake, &clause(&c, "1.2"), 0, 0, "Inte: ")
        .unwrap();
    let why = forbidden(s.apply_as(&sara, NOW, &update(&s, &c), owns(&[SARA_CLIENT])));
    assert!(why.contains("EditText"), "{why}");

    let s = server(Phase::Drafting);
    let k = replica(&s, KARIN_CLIENT);
    k.edit_clause_text(&karin, &clause(&k, "1.2"), 0, 0, "Övergripande: ")
        .unwrap();
    assert_eq!(
        s.apply_as(&karin, NOW, &update(&s, &k), owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn observers_write_nothing() {
    let s = server(Phase::Drafting);
    let (_, erik, _) = people();
    let olle = Participant {
        id: "p-olle".into(),
        name: "Olle".into(),
        role: Role::Observer,
        ..erik.clone()
    };
    let as_member = Participant {
        role: Role::Member,
        ..olle.clone()
    };
    let o = replica(&s, 700);
    o.add_remark(&clause(&o, "1.1"), &as_member, "Jag också", NOW)
        .unwrap();
    let why = forbidden(s.apply_as(&olle, NOW, &update(&s, &o), owns(&[700])));
    assert!(why.contains("Observer"), "{why}");
}

#[test]
fn nothing_is_written_outside_its_phase() {
    let (_, erik, _) = people();
    let s = server(Phase::Merging);
    let e = replica(&s, ERIK_CLIENT);
    // The member's replica is told the phase is still drafting.
    let drafting = server(Phase::Drafting);
    let e2 = replica(&drafting, ERIK_CLIENT);
    e2.add_remark(&clause(&e2, "1.1"), &erik, "Sent", NOW)
        .unwrap();
    let _ = e;
    let u = e2.encode_diff(&drafting.state_vector()).unwrap();
    let why = forbidden(s.apply_as(&erik, NOW, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("Merging"), "{why}");
}

#[test]
fn stances_only_for_ones_own_organisation_and_answers_only_by_the_respondent() {
    let (karin, erik, sara) = people();
    let s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    let pretend = Participant {
        organisation: "Region Norrvik".into(),
        ..erik.clone()
    };
    e.set_stance(
        &pretend,
        &clause(&e, "1.1"),
        StanceValue::Opposes,
        "Nej",
        NOW,
    )
    .unwrap();
    forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));

    let s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    e.set_stance(&erik, &clause(&e, "1.1"), StanceValue::Supports, "", NOW)
        .unwrap();
    assert_eq!(
        s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    e.send_answer(&erik, NOW).unwrap();
    assert_eq!(
        s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );

    // A colleague who is not the respondent cannot send.
    let anna = Participant {
        id: "p-anna".into(),
        name: "Anna".into(),
        ..erik.clone()
    };
    let a = replica(&s, 800);
    a.set_stance(&anna, &clause(&a, "1.2"), StanceValue::NoRemarks, "", NOW)
        .unwrap();
    assert_eq!(
        s.apply_as(&anna, NOW, &update(&s, &a), owns(&[800])),
        Ok(Applied::Changed)
    );
    let respondent = Participant {
        id: erik.id.clone(),
        ..anna.clone()
    };
    a.send_answer(&respondent, NOW).unwrap_or_else(|_| panic!());
    let why = forbidden(s.apply_as(&anna, NOW, &update(&s, &a), owns(&[800])));
    assert!(
        why.contains("an answer is sent") || why.contains("respondent"),
        "{why}"
    );
    let _ = (karin, sara);
}

#[test]
fn proposals_need_the_jurist_role_and_supports_are_ones_own() {
    let (_, erik, sara) = people();
    let s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let as_jurist = Participant {
        role: Role::Jurist,
        ..erik.clone()
    };
    let c = clause(&e, "1.3");
    let draft = RemarkDraft {
        kind: RemarkKind::Proposal,
        target: Target::Range { start: 0, end: 6 },
        proposed_text: Some("Detta".into()),
        ..RemarkDraft::comment(&c, "Kortare")
    };
    e.write_remark(&as_jurist, draft.clone(), NOW).unwrap();
    forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));

    let s = server(Phase::Drafting);
    let sr = replica(&s, SARA_CLIENT);
    let p = sr.write_remark(&sara, draft, NOW).unwrap();
    assert_eq!(
        s.apply_as(&sara, NOW, &update(&s, &sr), owns(&[SARA_CLIENT])),
        Ok(Applied::Changed)
    );
    let e = replica(&s, ERIK_CLIENT);
    // Erik sets a support in Sara's name.
    e.set_support(&sara, &p, Some(samrad_domain::Support::Against))
        .unwrap();
    forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
}

#[test]
fn unknown_parts_garbage_and_gaps_are_refused() {
    let (_, erik, _) = people();
    let s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.doc()
        .get_or_insert_map("evil")
        .insert(&mut e.doc().transact_mut(), "x", "y");
    assert_eq!(
        s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])),
        Err(Refusal::UnknownPart("evil".into()))
    );

    let s = server(Phase::Drafting);
    assert!(matches!(
        s.apply_as(&erik, NOW, &[1, 2, 3, 4, 5], owns(&[ERIK_CLIENT])),
        Err(Refusal::Malformed(_))
    ));

    // The second of two updates, without the first: it depends on what the server lacks.
    let s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.add_remark(&clause(&e, "1.1"), &erik, "Ett", NOW).unwrap();
    let after_first = e.state_vector();
    e.add_remark(&clause(&e, "1.1"), &erik, "Två", NOW).unwrap();
    let second = e.encode_diff(&after_first).unwrap();
    assert_eq!(
        s.apply_as(&erik, NOW, &second, owns(&[ERIK_CLIENT])),
        Err(Refusal::MissingDependencies)
    );
}

#[test]
fn coordinators_manage_phase_and_dispositions() {
    let (karin, erik, _) = people();
    let s = server(Phase::Drafting);
    let k = replica(&s, KARIN_CLIENT);
    let id = k.remarks_of(&clause(&k, "2.5"))[0].id.clone();
    k.set_disposition(
        &karin,
        &id,
        samrad_domain::DispositionValue::Noted,
        "Noterat",
        NOW,
    )
    .unwrap();
    k.set_phase(&karin, Phase::Consultation, Some(NOW + 1e9))
        .unwrap();
    k.cut_version(&karin, "Remissversion", NOW).unwrap();
    assert_eq!(
        s.apply_as(&karin, NOW, &update(&s, &k), owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(s.phase(), Phase::Consultation);

    let s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let fake = Participant {
        role: Role::Coordinator,
        ..erik.clone()
    };
    e.set_phase(&fake, Phase::Closed, None).unwrap();
    forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
}

#[test]
fn acceptances_are_recorded_and_settled_by_coordinators_only() {
    let (karin, erik, sara) = people();
    let s = server(Phase::Drafting);
    let draft = RemarkDraft {
        clause: clause(&s, "1.1"),
        kind: RemarkKind::Proposal,
        target: Target::Range { start: 0, end: 11 },
        body: "Tydligare".into(),
        proposed_text: Some("Det nya avtalet".into()),
        mentions: vec![],
    };
    let proposal = s.write_remark(&sara, draft, NOW).unwrap();
    let karins = owns(&[KARIN_CLIENT, KARIN_CLIENT + 1]);

    // Karin accepts on two devices at once: both acceptances pass, and so does settling them.
    let (k1, k2) = (replica(&s, KARIN_CLIENT), replica(&s, KARIN_CLIENT + 1));
    k1.accept_proposal(&karin, &proposal, "", NOW).unwrap();
    k2.accept_proposal(&karin, &proposal, "", NOW).unwrap();
    for k in [&k1, &k2] {
        assert_eq!(
            s.apply_as(&karin, NOW, &update(&s, k), &karins),
            Ok(Applied::Changed)
        );
    }
    k1.apply_update(&s.encode_state()).unwrap();
    assert_eq!(k1.settle_acceptances(&karin), Ok(1));
    assert_eq!(
        s.apply_as(&karin, NOW, &update(&s, &k1), &karins),
        Ok(Applied::Changed)
    );
    assert_eq!(s.settle_acceptances(&karin), Ok(0));
    let text = s.clause(&clause(&s, "1.1")).unwrap().text;
    assert_eq!(text.matches("Det nya avtalet").count(), 1, "{text}");

    // A member may neither record an acceptance nor withdraw one. (A refused update may have
    // left part of itself in the server's replica, so each attempt goes to a fresh one.)
    let settled = s.encode_state();
    let fresh = || Agreement::load(1, &settled).unwrap();
    let e = replica(&s, ERIK_CLIENT);
    let acceptances = e.doc().get_or_insert_map("acceptances");
    acceptances.insert(
        &mut e.doc().transact_mut(),
        format!("{proposal}@{ERIK_CLIENT}"),
        samrad_domain::yrs::MapPrelim::from([("proposal", proposal.as_str())]),
    );
    let s = fresh();
    let why = forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
    assert!(why.contains("EditText"), "{why}");
    let e = replica(&s, ERIK_CLIENT);
    let key = format!("{proposal}@{KARIN_CLIENT}");
    assert!(e
        .doc()
        .get_or_insert_map("acceptances")
        .remove(&mut e.doc().transact_mut(), &key)
        .is_some());
    let s = fresh();
    let why = forbidden(s.apply_as(&erik, NOW, &update(&s, &e), owns(&[ERIK_CLIENT])));
    assert!(why.contains("acceptances"), "{why}");

    // Nor does a coordinator change a recorded acceptance, or record one under another key.
    for (key, field, reason) in [
        (format!("{proposal}@{KARIN_CLIENT}"), "by", "never changed"),
        (
            format!("r0-0@{KARIN_CLIENT}"),
            "proposal",
            "under its proposal",
        ),
    ] {
        let s = fresh();
        let k = replica(&s, KARIN_CLIENT);
        let stored = k.doc().get_or_insert_map("acceptances");
        let mut txn = k.doc().transact_mut();
        match stored.get(&txn, &key) {
            Some(samrad_domain::yrs::Out::YMap(m)) => {
                m.insert(&mut txn, field, "p-annan");
            }
            _ => {
                stored.insert(
                    &mut txn,
                    key.as_str(),
                    samrad_domain::yrs::MapPrelim::from([(field, proposal.as_str())]),
                );
            }
        }
        drop(txn);
        let why = forbidden(s.apply_as(&karin, NOW, &update(&s, &k), &karins));
        assert!(why.contains(reason), "{why}");
    }
}

/// Hostile encodings that yrs 0.28.1 would decode on trust (found by fuzzing the server):
/// each is refused as malformed, by the guard and by `apply_update`, and the document is left
/// as it was.
#[test]
fn updates_yrs_would_take_on_trust_are_refused_before_yrs_reads_them() {
    let server = server(Phase::Drafting);
    let (_, erik, _) = people();
    let varint = |mut n: u64| {
        let mut out = Vec::new();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return out;
            }
            out.push(byte | 0x80);
        }
    };
    // One section, one block, from a client id wider than 53 bits.
    let mut wide_client = vec![1, 1];
    wide_client.extend(varint(1 << 60));
    wide_client.extend([0, 0]);
    // A section whose first clock is next to 2^32, with a skip block that runs past it.
    let mut clock_overflow = vec![1, 1];
    clock_overflow.extend(varint(ERIK_CLIENT));
    clock_overflow.extend(varint(u64::from(u32::MAX) - 1));
    // A skip block of 1,000 clocks, then an empty delete set.
    clock_overflow.push(10);
    clock_overflow.extend(varint(1000));
    clock_overflow.push(0);
    // A count of client sections no update of four bytes can hold.
    let huge_count = varint(u64::from(u32::MAX));
    let before = server.encode_state();
    for (what, bytes) in [
        ("a client id wider than 53 bits", wide_client),
        ("clocks past 2^32", clock_overflow),
        ("a count larger than the bytes", huge_count),
    ] {
        let judged = server.apply_as(&erik, NOW, &bytes, owns(&[ERIK_CLIENT]));
        assert!(
            matches!(judged, Err(Refusal::Malformed(_))),
            "{what}: {judged:?}"
        );
        assert!(server.apply_update(&bytes).is_err(), "{what} applied");
        assert_eq!(server.encode_state(), before, "{what} changed the document");
    }
}
