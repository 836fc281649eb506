//! One test per domain operation and rule, refusals included. Each builds on the demo
//! agreement: coordinator Karin (Region Norrvik), member Erik (Strandviks kommun) and jurist
//! Sara (Kommunalförbundet Sjöbygden), each their organisation's respondent.
#![allow(clippy::unwrap_used)]

use samrad_domain::{
    demo, Action, Agreement, AnchorState, DiffPart, DispositionValue, DomainError, Participant,
    Phase, RemarkDraft, RemarkFilter, RemarkKind, Role, StanceValue, StatusFilter, Support, Target,
    WordingCause,
};

const NOW: f64 = 1_800_000_000_000.0;
const DAY: f64 = 86_400_000.0;

struct World {
    a: Agreement,
    karin: Participant,
    erik: Participant,
    sara: Participant,
}

fn world() -> World {
    let a = demo::agreement(1, NOW).unwrap();
    let people = demo::participants();
    World {
        a,
        karin: people[0].clone(),
        erik: people[1].clone(),
        sara: people[2].clone(),
    }
}

fn clause_id(a: &Agreement, number: &str) -> String {
    a.clauses()
        .into_iter()
        .find(|c| c.number == number)
        .unwrap()
        .id
}

fn observer() -> Participant {
    Participant {
        id: "p-obs".into(),
        name: "Olle Observatör".into(),
        organisation: "Strandviks kommun".into(),
        role: Role::Observer,
    }
}

/// The UTF-16 range of `needle` in clause `number`'s text.
fn range_of(a: &Agreement, number: &str, needle: &str) -> Target {
    let text = a.clause(&clause_id(a, number)).unwrap().text;
    let byte = text.find(needle).unwrap();
    let start = text[..byte].encode_utf16().count() as u32;
    let end = start + needle.encode_utf16().count() as u32;
    Target::Range { start, end }
}

fn range_remark(w: &World, number: &str, needle: &str, body: &str) -> String {
    let draft = RemarkDraft {
        clause: clause_id(&w.a, number),
        kind: RemarkKind::Comment,
        target: range_of(&w.a, number, needle),
        body: body.into(),
        proposed_text: None,
        mentions: vec![],
    };
    w.a.write_remark(&w.erik, draft, NOW).unwrap()
}

fn proposal(w: &World, number: &str, needle: &str, wording: &str) -> String {
    let draft = RemarkDraft {
        clause: clause_id(&w.a, number),
        kind: RemarkKind::Proposal,
        target: range_of(&w.a, number, needle),
        body: "Tydligare.".into(),
        proposed_text: Some(wording.into()),
        mentions: vec![],
    };
    w.a.write_remark(&w.sara, draft, NOW).unwrap()
}

#[test]
fn markdown_round_trips_structure_and_text() {
    let md = "# Samarbeidsavtale\n\n## 1 Formål\n\n### 1.1 Partene\n\nAvtalen gjelder kommunen og helseforetaket.\n\nAndre ledd.\n\n### 1.2 Mål\n\nBedre tjenester.\n\n## 2 Ansvar\n\n### 2.1 Kommunen\n\nKommunen har ansvar.\n";
    let a = Agreement::from_markdown(5, md).unwrap();
    assert_eq!(a.title(), "Samarbeidsavtale");
    let chapters = a.chapters();
    assert_eq!(chapters.len(), 2);
    assert_eq!(chapters[0].number, "1");
    assert_eq!(chapters[0].clauses[0].number, "1.1");
    assert_eq!(chapters[0].clauses[0].heading, "Partene");
    assert_eq!(
        chapters[0].clauses[0].text,
        "Avtalen gjelder kommunen og helseforetaket.\n\nAndre ledd."
    );
    let back = Agreement::from_markdown(6, &a.to_markdown()).unwrap();
    assert_eq!(back.to_markdown(), a.to_markdown());
    assert!(matches!(
        Agreement::from_markdown(7, "just text"),
        Err(DomainError::Markdown(_))
    ));
    assert!(matches!(
        Agreement::from_markdown(7, "### 1.1 Orphan clause\n\ntext"),
        Err(DomainError::Markdown(_))
    ));
}

#[test]
fn clauses_insert_move_remove_keep_order_and_remarks() {
    let w = world();
    let ch1 = w.a.chapters()[0].id.clone();
    let c11 = clause_id(&w.a, "1.1");
    let new =
        w.a.insert_clause(
            &w.karin,
            &ch1,
            Some(&c11),
            "1.1a",
            "Definitioner",
            "Med kommun avses …",
        )
        .unwrap();
    let numbers: Vec<_> = w.a.chapters()[0]
        .clauses
        .iter()
        .map(|c| c.number.clone())
        .collect();
    assert_eq!(numbers, ["1.1", "1.1a", "1.2", "1.3", "1.4"]);

    let ch3 = w.a.chapters()[2].id.clone();
    w.a.move_clause(&w.karin, &new, &ch3, None).unwrap();
    assert_eq!(w.a.chapters()[2].clauses[0].id, new);
    assert_eq!(w.a.chapters()[0].clauses.len(), 4);

    let c32 = clause_id(&w.a, "3.2");
    w.a.remove_clause(&w.karin, &c32).unwrap();
    assert!(w.a.clause(&c32).is_none());
    assert_eq!(
        w.a.remarks_of(&c32).len(),
        1,
        "remarks on a removed clause are kept"
    );

    assert_eq!(
        w.a.insert_clause(&w.erik, &ch1, None, "9", "x", "y"),
        Err(DomainError::NotAllowed {
            role: Role::Member,
            action: Action::EditStructure,
            phase: Phase::Drafting
        })
    );
    assert_eq!(
        w.a.move_clause(&w.karin, "nope", &ch1, None),
        Err(DomainError::UnknownClause("nope".into()))
    );
}

#[test]
fn clause_text_edits_only_by_coordinators_and_in_bounds() {
    let w = world();
    let c = clause_id(&w.a, "1.2");
    w.a.edit_clause_text(&w.karin, &c, 0, 0, "Övergripande: ")
        .unwrap();
    assert!(w
        .a
        .clause(&c)
        .unwrap()
        .text
        .starts_with("Övergripande: Avtalet"));
    let len = w.a.clause_len(&c).unwrap();
    assert!(matches!(
        w.a.edit_clause_text(&w.karin, &c, len, 1, "x"),
        Err(DomainError::InvalidRange { .. })
    ));
    assert!(matches!(
        w.a.edit_clause_text(&w.sara, &c, 0, 0, "x"),
        Err(DomainError::NotAllowed {
            action: Action::EditText,
            ..
        })
    ));
    w.a.set_phase(&w.karin, Phase::Consultation, Some(NOW + 30.0 * DAY))
        .unwrap();
    assert!(matches!(
        w.a.edit_clause_text(&w.karin, &c, 0, 0, "x"),
        Err(DomainError::NotAllowed {
            phase: Phase::Consultation,
            ..
        })
    ));
}

#[test]
fn range_remark_anchor_follows_edits_and_orphans_with_quote() {
    let w = world();
    let c = clause_id(&w.a, "2.1");
    let id = range_remark(&w, "2.1", "dygnet runt", "Även helger?");
    let anchor = w.a.remark(&id).unwrap().anchor.unwrap();
    assert_eq!(anchor.quote, "dygnet runt");
    assert!(anchor.prefix.ends_with("akuta insatser "));

    // Text inserted before the range shifts it; the range still reads the same.
    w.a.edit_clause_text(&w.karin, &c, 0, 0, "Enligt HSL: ")
        .unwrap();
    match w.a.remark(&id).unwrap().anchor.unwrap().state {
        AnchorState::Attached { text, start, .. } => {
            assert_eq!(text, "dygnet runt");
            let full = w.a.clause(&c).unwrap().text;
            let s = full.find("dygnet runt").unwrap();
            assert_eq!(start as usize, full[..s].encode_utf16().count());
        }
        other => panic!("expected attached, got {other:?}"),
    }
    // Editing inside the range keeps it attached with the new wording.
    let Target::Range { start, .. } = range_of(&w.a, "2.1", "runt") else {
        unreachable!()
    };
    w.a.edit_clause_text(&w.karin, &c, start, 4, "om").unwrap();
    match w.a.remark(&id).unwrap().anchor.unwrap().state {
        AnchorState::Attached { text, .. } => assert_eq!(text, "dygnet om"),
        other => panic!("expected attached, got {other:?}"),
    }
    // Deleting all of it orphans the remark, which keeps its quote.
    let Target::Range { start, end } = range_of(&w.a, "2.1", "dygnet om") else {
        unreachable!()
    };
    w.a.edit_clause_text(&w.karin, &c, start, end - start, "")
        .unwrap();
    let remark = w.a.remark(&id).unwrap();
    let anchor = remark.anchor.unwrap();
    assert_eq!(anchor.state, AnchorState::Orphaned);
    assert_eq!(anchor.quote, "dygnet runt");
    assert_eq!(remark.body, "Även helger?");
}

#[test]
fn remarks_refuse_bad_input() {
    let w = world();
    let c = clause_id(&w.a, "1.1");
    assert_eq!(
        w.a.add_remark(&c, &w.erik, "   ", NOW),
        Err(DomainError::Empty)
    );
    assert_eq!(
        w.a.add_remark("nope", &w.erik, "x", NOW),
        Err(DomainError::UnknownClause("nope".into()))
    );
    assert!(matches!(
        w.a.add_remark(&c, &observer(), "x", NOW),
        Err(DomainError::NotAllowed {
            role: Role::Observer,
            ..
        })
    ));
    let bad = RemarkDraft {
        target: Target::Range {
            start: 5,
            end: 5000,
        },
        ..RemarkDraft::comment(&c, "x")
    };
    assert!(matches!(
        w.a.write_remark(&w.erik, bad, NOW),
        Err(DomainError::InvalidRange { .. })
    ));
    let member_proposal = RemarkDraft {
        kind: RemarkKind::Proposal,
        proposed_text: Some("Ny text".into()),
        ..RemarkDraft::comment(&c, "x")
    };
    // Members propose unless the agreement says otherwise.
    let jurists = samrad_domain::Proposers::DEFAULT.with(samrad_domain::Role::Member, false);
    w.a.set_proposers(&w.karin, jurists).unwrap();
    assert_eq!(
        w.a.write_remark(&w.erik, member_proposal, NOW),
        Err(DomainError::NotAProposer(samrad_domain::Role::Member))
    );
    w.a.set_proposers(&w.erik, samrad_domain::Proposers::DEFAULT)
        .unwrap_err();
    let empty_proposal = RemarkDraft {
        kind: RemarkKind::Proposal,
        proposed_text: Some(" ".into()),
        ..RemarkDraft::comment(&c, "x")
    };
    assert_eq!(
        w.a.write_remark(&w.sara, empty_proposal, NOW),
        Err(DomainError::Empty)
    );
}

#[test]
fn replies_thread_under_the_root_with_mentions() {
    let w = world();
    let c = clause_id(&w.a, "1.3");
    let root =
        w.a.add_remark(&c, &w.erik, "Två år är för länge.", NOW)
            .unwrap();
    let r1 =
        w.a.reply_mentioning(
            &root,
            &w.karin,
            "@Sara Nyström vad säger juristerna?",
            std::slice::from_ref(&w.sara.id),
            NOW + 1.0,
        )
        .unwrap();
    let r2 =
        w.a.reply(&r1, &w.sara, "Ett år räcker.", NOW + 2.0)
            .unwrap();
    let thread = w.a.remark(&root).unwrap();
    let ids: Vec<_> = thread.replies.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, [r1.clone(), r2.clone()]);
    assert_eq!(thread.replies[0].mentions, vec![w.sara.id.clone()]);
    assert_eq!(
        w.a.remark(&r2).unwrap().parent.as_deref(),
        Some(root.as_str())
    );
    assert_eq!(
        w.a.reply("nope", &w.erik, "x", NOW),
        Err(DomainError::UnknownRemark("nope".into()))
    );
}

#[test]
fn only_the_author_edits_or_withdraws() {
    let w = world();
    let c = clause_id(&w.a, "1.3");
    let id = w.a.add_remark(&c, &w.erik, "Första", NOW).unwrap();
    assert_eq!(
        w.a.edit_remark(&w.sara, &id, "Kapat", None, NOW),
        Err(DomainError::NotAuthor(id.clone()))
    );
    assert_eq!(
        w.a.withdraw_remark(&w.karin, &id),
        Err(DomainError::NotAuthor(id.clone()))
    );
    w.a.edit_remark(&w.erik, &id, "Andra", None, NOW + 5.0)
        .unwrap();
    let r = w.a.remark(&id).unwrap();
    assert_eq!((r.body.as_str(), r.edited_ms), ("Andra", Some(NOW + 5.0)));
    w.a.withdraw_remark(&w.erik, &id).unwrap();
    let r = w.a.remark(&id).unwrap();
    assert!(r.withdrawn, "kept, marked withdrawn");
    assert_eq!(
        w.a.edit_remark(&w.erik, &id, "Tredje", None, NOW),
        Err(DomainError::Withdrawn(id.clone()))
    );
    assert_eq!(w.a.remark_count(&c), 0);
}

#[test]
fn competing_proposals_diff_support_and_accept() {
    let w = world();
    let c = clause_id(&w.a, "3.2");
    let other = range_remark(&w, "3.2", "gemensamma avvikelsesystemet", "Vilket system?");
    let p1 = proposal(
        &w,
        "3.2",
        "Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.",
        "Upprepade allvarliga avvikelser ska eskaleras till den politiska samrådsgruppen.",
    );
    let p2 = proposal(
        &w,
        "3.2",
        "Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.",
        "Vid upprepade avvikelser ska den politiska samrådsgruppen besluta om åtgärder.",
    );
    let diff = w.a.proposal_diff(&p2).unwrap();
    assert!(
        diff.contains(&DiffPart::Removed("sanktioner mot brott mot avtal ".into())),
        "{diff:?}"
    );
    assert!(diff
        .iter()
        .any(|d| matches!(d, DiffPart::Added(s) if s.contains("upprepade avvikelser"))));

    w.a.set_support(&w.erik, &p1, Some(Support::For)).unwrap();
    w.a.set_support(&w.karin, &p1, Some(Support::For)).unwrap();
    w.a.set_support(&w.erik, &p1, Some(Support::Against))
        .unwrap();
    let count = w.a.support_count(&p1);
    assert_eq!(
        (count.for_, count.against),
        (1, 1),
        "one position per participant"
    );
    w.a.set_support(&w.erik, &p1, None).unwrap();
    assert_eq!(w.a.support_count(&p1).against, 0);
    assert_eq!(
        w.a.set_support(&w.erik, &other, Some(Support::For)),
        Err(DomainError::NotAProposal(other.clone()))
    );

    assert!(matches!(
        w.a.accept_proposal(&w.sara, &p1, "", NOW),
        Err(DomainError::NotAllowed { .. })
    ));
    w.a.accept_proposal(&w.karin, &p1, "Tydligare och mindre juridiskt.", NOW)
        .unwrap();
    let text = w.a.clause(&c).unwrap().text;
    assert!(text.contains(
        "Upprepade allvarliga avvikelser ska eskaleras till den politiska samrådsgruppen."
    ));
    assert!(!text.contains("sanktioner"));
    let accepted = w.a.remark(&p1).unwrap();
    assert_eq!(
        accepted.disposition.unwrap().value,
        DispositionValue::Accepted
    );
    // A proposal is taken into the text once.
    assert_eq!(
        w.a.accept_proposal(&w.karin, &p1, "", NOW),
        Err(DomainError::AlreadyAccepted(p1.clone()))
    );
    // The other remark's anchor, outside the replaced range, is untouched.
    match w.a.remark(&other).unwrap().anchor.unwrap().state {
        AnchorState::Attached { text, .. } => assert_eq!(text, "gemensamma avvikelsesystemet"),
        s => panic!("{s:?}"),
    }
    // The competing proposal now reads against the new wording.
    assert!(
        w.a.proposal_target_text(&p2).is_ok()
            || matches!(w.a.proposal_target_text(&p2), Err(DomainError::Orphaned(_)))
    );
}

#[test]
fn whole_clause_proposal_keeps_anchors_on_unchanged_words() {
    let w = world();
    let c = clause_id(&w.a, "3.3");
    let anchored = range_remark(&w, "3.3", "politiska samrådsgruppen", "Vilken grupp?");
    let draft = RemarkDraft {
        clause: c.clone(),
        kind: RemarkKind::Proposal,
        target: Target::Clause,
        body: "Halvår i stället.".into(),
        proposed_text: Some("Avtalet följs upp varje halvår. Uppföljningen redovisas för den politiska samrådsgruppen senast den 31 mars året efter.".into()),
        mentions: vec![],
    };
    let p = w.a.write_remark(&w.sara, draft, NOW).unwrap();
    w.a.accept_proposal(&w.karin, &p, "Bra.", NOW).unwrap();
    assert!(w
        .a
        .clause(&c)
        .unwrap()
        .text
        .starts_with("Avtalet följs upp varje halvår."));
    match w.a.remark(&anchored).unwrap().anchor.unwrap().state {
        AnchorState::Attached { text, .. } => assert_eq!(text, "politiska samrådsgruppen"),
        s => panic!("{s:?}"),
    }
}

#[test]
fn dispositions_by_coordinators_only() {
    let w = world();
    let c = clause_id(&w.a, "2.5");
    let id = w.a.remarks_of(&c)[0].id.clone();
    assert!(matches!(
        w.a.set_disposition(&w.erik, &id, DispositionValue::Noted, "", NOW),
        Err(DomainError::NotAllowed {
            action: Action::Dispose,
            ..
        })
    ));
    w.a.set_disposition(
        &w.karin,
        &id,
        DispositionValue::PartlyAccepted,
        "Nivåerna anges i bilaga.",
        NOW,
    )
    .unwrap();
    let d = w.a.remark(&id).unwrap().disposition.unwrap();
    assert_eq!(d.value, DispositionValue::PartlyAccepted);
    assert_eq!(d.motivation, "Nivåerna anges i bilaga.");
    assert_eq!(d.by, w.karin.id);
    assert_eq!(
        w.a.set_disposition(&w.karin, "nope", DispositionValue::Noted, "", NOW),
        Err(DomainError::UnknownRemark("nope".into()))
    );
}

#[test]
fn stances_draft_send_revise_and_matrix() {
    let w = world();
    let c11 = clause_id(&w.a, "1.1");
    let c13 = clause_id(&w.a, "1.3");
    assert!(matches!(
        w.a.set_stance(&w.erik, &c11, StanceValue::Supports, "", NOW),
        Err(DomainError::NotAllowed {
            phase: Phase::Drafting,
            ..
        })
    ));
    w.a.set_phase(&w.karin, Phase::Consultation, Some(NOW + 30.0 * DAY))
        .unwrap();
    assert_eq!(
        w.a.send_answer(&w.erik, NOW),
        Err(DomainError::NothingToSend("Strandviks kommun".into()))
    );
    w.a.set_stance(&w.erik, &c11, StanceValue::Supports, "", NOW)
        .unwrap();
    w.a.set_stance(
        &w.erik,
        &c13,
        StanceValue::SupportsWithChanges,
        "Ett år räcker.",
        NOW,
    )
    .unwrap();
    let cell = w.a.stance("Strandviks kommun", &c13);
    assert!(cell.unsent_changes());
    assert_eq!(cell.sent, None);

    // Only the respondent sends.
    let colleague = Participant {
        id: "p-anna".into(),
        name: "Anna".into(),
        ..w.erik.clone()
    };
    assert_eq!(
        w.a.send_answer(&colleague, NOW),
        Err(DomainError::NotRespondent("Strandviks kommun".into()))
    );
    assert_eq!(w.a.send_answer(&w.erik, NOW + 1.0), Ok(1));
    let cell = w.a.stance("Strandviks kommun", &c13);
    assert!(!cell.unsent_changes());
    assert_eq!(cell.revision, Some(1));

    // A change after sending is a draft until sent again; the first answer is kept.
    w.a.set_stance(&w.erik, &c13, StanceValue::Opposes, "Nej.", NOW + 2.0)
        .unwrap();
    assert_eq!(
        w.a.stance("Strandviks kommun", &c13).sent.unwrap().value,
        StanceValue::SupportsWithChanges
    );
    assert_eq!(w.a.send_answer(&w.erik, NOW + 3.0), Ok(2));
    let answers = w.a.answers_of("Strandviks kommun");
    assert_eq!(answers.len(), 2);
    assert_eq!(
        answers[0].stances[&c13].value,
        StanceValue::SupportsWithChanges
    );
    assert_eq!(answers[1].stances[&c13].value, StanceValue::Opposes);

    let m = w.a.stance_matrix();
    assert_eq!(m.organisations.len(), 3);
    let o = m
        .organisations
        .iter()
        .position(|x| x == "Strandviks kommun")
        .unwrap();
    let k = m.clauses.iter().position(|x| *x == c13).unwrap();
    assert_eq!(
        m.cells[o][k].sent.as_ref().unwrap().value,
        StanceValue::Opposes
    );
    assert_eq!(m.clauses.len(), 13);
}

#[test]
fn no_remarks_on_the_remaining_clauses_in_one_change() {
    let w = world();
    let c11 = clause_id(&w.a, "1.1");
    assert!(matches!(
        w.a.draft_remaining(&w.erik, StanceValue::NoRemarks, &[], NOW),
        Err(DomainError::NotAllowed {
            phase: Phase::Drafting,
            ..
        })
    ));
    w.a.set_phase(&w.karin, Phase::Consultation, Some(NOW + 30.0 * DAY))
        .unwrap();
    w.a.set_stance(&w.erik, &c11, StanceValue::Opposes, "Nej.", NOW)
        .unwrap();
    let all = w.a.clause_ids().len();
    let org = "Strandviks kommun";
    assert_eq!(w.a.clauses_without_stance(org).len(), all - 1);
    // Sent, the answer still leaves the other clauses without a stance.
    assert_eq!(w.a.send_answer(&w.erik, NOW), Ok(1));
    assert_eq!(w.a.clauses_without_stance(org).len(), all - 1);
    // A clause whose stance is being chosen on the page is left to that choice.
    let c12 = clause_id(&w.a, "1.2");
    assert_eq!(
        w.a.draft_remaining(
            &w.erik,
            StanceValue::NoRemarks,
            std::slice::from_ref(&c12),
            NOW + 1.0
        ),
        Ok(all - 2)
    );
    assert_eq!(w.a.clauses_without_stance(org), vec![c12.clone()]);
    assert_eq!(
        w.a.draft_remaining(&w.erik, StanceValue::NoRemarks, &[], NOW + 1.0),
        Ok(1)
    );
    // The clause with a stance keeps it; every other has "no remarks", still a draft.
    let kept = w.a.stance(org, &c11).draft.unwrap();
    assert_eq!(
        (kept.value, kept.motivation.as_str()),
        (StanceValue::Opposes, "Nej.")
    );
    let c13 = clause_id(&w.a, "1.3");
    assert_eq!(
        w.a.stance(org, &c13).draft.map(|s| s.value),
        Some(StanceValue::NoRemarks)
    );
    assert!(w.a.clauses_without_stance(org).is_empty());
    assert_eq!(w.a.unsent_count(org), all - 1);
    // Nothing is left to draft the second time; another organisation's clauses are untouched.
    assert_eq!(
        w.a.draft_remaining(&w.erik, StanceValue::NoRemarks, &[], NOW),
        Ok(0)
    );
    assert_eq!(w.a.clauses_without_stance("Region Norrvik").len(), all);
}

#[test]
fn deadlines_and_extensions_per_organisation() {
    let w = world();
    let c = clause_id(&w.a, "1.1");
    w.a.set_phase(&w.karin, Phase::Consultation, Some(NOW + DAY))
        .unwrap();
    let late = NOW + 2.0 * DAY;
    assert!(matches!(
        w.a.set_stance(&w.erik, &c, StanceValue::Supports, "", late),
        Err(DomainError::DeadlinePassed { .. })
    ));
    assert!(matches!(
        w.a.extend_deadline(&w.erik, "Strandviks kommun", NOW + 10.0 * DAY),
        Err(DomainError::NotAllowed {
            action: Action::Manage,
            ..
        })
    ));
    w.a.extend_deadline(&w.karin, "Strandviks kommun", NOW + 10.0 * DAY)
        .unwrap();
    assert_eq!(
        w.a.deadline_for("Strandviks kommun"),
        Some(NOW + 10.0 * DAY)
    );
    assert_eq!(w.a.deadline_for("Region Norrvik"), Some(NOW + DAY));
    w.a.set_stance(&w.erik, &c, StanceValue::Supports, "", late)
        .unwrap();
    assert!(matches!(
        w.a.set_stance(&w.sara, &c, StanceValue::Supports, "", late),
        Err(DomainError::DeadlinePassed { .. })
    ));
}

#[test]
fn phases_gate_what_each_role_does() {
    let w = world();
    let c = clause_id(&w.a, "1.1");
    assert_eq!(w.a.phase(), Phase::Drafting);
    assert!(matches!(
        w.a.set_phase(&w.erik, Phase::Closed, None),
        Err(DomainError::NotAllowed { .. })
    ));
    w.a.set_phase(&w.karin, Phase::Merging, None).unwrap();
    assert!(matches!(
        w.a.add_remark(&c, &w.erik, "Sent påkommet", NOW),
        Err(DomainError::NotAllowed {
            phase: Phase::Merging,
            ..
        })
    ));
    let root = w.a.remarks_of(&clause_id(&w.a, "2.5"))[0].id.clone();
    w.a.reply(&root, &w.erik, "Svar på frågan.", NOW).unwrap();
    w.a.set_phase(&w.karin, Phase::Closed, None).unwrap();
    assert!(w.a.reply(&root, &w.erik, "x", NOW).is_err());
    let r = w.a.remark(&root).unwrap();
    assert_eq!(r.phase, Phase::Drafting);
    assert_eq!(r.replies.last().unwrap().phase, Phase::Merging);
}

#[test]
fn versions_read_back_and_diff() {
    let w = world();
    let c = clause_id(&w.a, "1.3");
    let before = w.a.clause(&c).unwrap().text;
    let v1 = w.a.cut_version(&w.karin, "Utkast 15 januari", NOW).unwrap();
    let remark_v1 = w.a.add_remark(&c, &w.erik, "Om v1", NOW).unwrap();
    w.a.set_clause_text(&w.karin, &c, &before.replace("två år", "ett år"))
        .unwrap();
    let v2 =
        w.a.cut_version(&w.karin, "Utkast 1 mars", NOW + DAY)
            .unwrap();
    w.a.edit_clause_text(&w.karin, &c, 0, 0, "Nytt: ").unwrap();

    assert_eq!(
        w.a.versions()
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>(),
        ["Utkast 15 januari", "Utkast 1 mars"]
    );
    assert_eq!(w.a.clause_text_at(&c, Some(&v1)).unwrap(), before);
    assert!(w
        .a
        .clause_text_at(&c, Some(&v2))
        .unwrap()
        .contains("ett år"));
    assert!(w.a.clause_text_at(&c, None).unwrap().starts_with("Nytt: "));
    let diff = w.a.clause_diff(&c, Some(&v1), Some(&v2)).unwrap();
    assert!(diff.contains(&DiffPart::Removed("två ".into())), "{diff:?}");
    assert!(diff.contains(&DiffPart::Added("ett ".into())), "{diff:?}");
    assert_eq!(
        w.a.remark(&remark_v1).unwrap().version.as_deref(),
        Some(v1.as_str())
    );
    assert_eq!(
        w.a.at_version("nope").err(),
        Some(DomainError::UnknownVersion("nope".into()))
    );
    assert!(matches!(
        w.a.cut_version(&w.erik, "x", NOW),
        Err(DomainError::NotAllowed { .. })
    ));
    assert_eq!(w.a.cut_version(&w.karin, " ", NOW), Err(DomainError::Empty));
    // A version survives the trip through bytes to another replica.
    let other = Agreement::load(99, &w.a.encode_state()).unwrap();
    assert_eq!(other.clause_text_at(&c, Some(&v1)).unwrap(), before);
}

#[test]
fn the_version_the_text_goes_on_remiss_as() {
    let w = world();
    let c = clause_id(&w.a, "1.3");
    // The demo's text has no version yet: sending it out needs one cut first.
    assert_eq!(w.a.version_as_text_reads().unwrap(), None);
    let v1 = w.a.cut_version(&w.karin, "Utkast", NOW).unwrap();
    let as_cut = w.a.version_as_text_reads().unwrap().map(|v| v.id);
    assert_eq!(as_cut.as_deref(), Some(v1.as_str()));
    // A remark changes no text: the version still reads as the text does.
    w.a.add_remark(&c, &w.erik, "Två år räcker.", NOW + 1.0)
        .unwrap();
    assert!(w.a.version_as_text_reads().unwrap().is_some());
    // One word of one clause changed: the newest version no longer reads as the text.
    w.a.edit_clause_text(&w.karin, &c, 0, 0, "Nytt: ").unwrap();
    assert_eq!(w.a.version_as_text_reads().unwrap(), None);
    let v2 =
        w.a.cut_version(&w.karin, "Remissversion", NOW + DAY)
            .unwrap();
    let as_cut = w.a.version_as_text_reads().unwrap().map(|v| v.id);
    assert_eq!(as_cut.as_deref(), Some(v2.as_str()));
    // So does a clause added.
    let chapter = w.a.chapters()[0].id.clone();
    w.a.add_clause(&chapter, "1.9", "Ny punkt", "Text.")
        .unwrap();
    assert_eq!(w.a.version_as_text_reads().unwrap(), None);
}

#[test]
fn sending_on_remiss_cuts_the_version_it_goes_as_when_there_is_none() {
    let w = world();
    let deadline = NOW + 42.0 * DAY;
    // A member may not send the text out, and nothing is cut on the way.
    assert!(matches!(
        w.a.send_on_remiss(&w.erik, deadline, Some("Remissversion"), NOW),
        Err(DomainError::NotAllowed { .. })
    ));
    assert!(w.a.versions().is_empty());
    // No version reads as the text: one is cut under the name given, then the remiss opens.
    let cut =
        w.a.send_on_remiss(&w.karin, deadline, Some("Remissversion"), NOW);
    let cut = cut.unwrap().expect("a version cut");
    assert_eq!(
        w.a.versions().last().map(|v| v.id.clone()),
        Some(cut.clone())
    );
    assert_eq!(w.a.versions().last().unwrap().name, "Remissversion");
    assert_eq!(w.a.phase(), Phase::Consultation);
    assert_eq!(w.a.deadline(), Some(deadline));
    assert_eq!(w.a.remiss_version(), Some(cut.clone()));
    // Sent again unchanged: the version still reads as the text, no second one is cut.
    w.a.set_phase(&w.karin, Phase::Drafting, None).unwrap();
    let again =
        w.a.send_on_remiss(&w.karin, deadline + DAY, Some("Remissversion 2"), NOW + 1.0);
    assert_eq!(again.unwrap(), None);
    assert_eq!(w.a.versions().len(), 1);
    assert_eq!(w.a.remiss_version(), Some(cut));
    // Changed, and sent without the cut (the coordinator unticked it): none is cut.
    w.a.set_phase(&w.karin, Phase::Drafting, None).unwrap();
    let newest = w.a.cut_version(&w.karin, "Utkast 2", NOW + 1.5).unwrap();
    let c = clause_id(&w.a, "1.3");
    w.a.edit_clause_text(&w.karin, &c, 0, 0, "Nytt: ").unwrap();
    assert_eq!(
        w.a.send_on_remiss(&w.karin, deadline, None, NOW + 2.0)
            .unwrap(),
        None
    );
    assert_eq!(w.a.versions().len(), 2);
    assert_eq!(w.a.phase(), Phase::Consultation);
    // The answers are then compiled against the newest version.
    assert_eq!(w.a.remiss_version(), Some(newest.clone()));
    // Moving the open consultation's deadline keeps it; a consultation opened by a plain
    // phase change names none, rather than an earlier round's.
    w.a.set_phase(&w.karin, Phase::Consultation, Some(deadline + DAY))
        .unwrap();
    assert_eq!(w.a.remiss_version(), Some(newest));
    w.a.set_phase(&w.karin, Phase::Drafting, None).unwrap();
    w.a.set_phase(&w.karin, Phase::Consultation, Some(deadline))
        .unwrap();
    assert_eq!(w.a.remiss_version(), None);
}

#[test]
fn queries_filter_count_and_search() {
    let w = world();
    let c21 = clause_id(&w.a, "2.1");
    let q =
        w.a.write_remark(
            &w.erik,
            RemarkDraft {
                kind: RemarkKind::Question,
                ..RemarkDraft::comment(&c21, "Gäller det helger?")
            },
            NOW,
        )
        .unwrap();
    let by_org = w.a.find_remarks(&RemarkFilter {
        organisation: Some("Strandviks kommun".into()),
        ..Default::default()
    });
    assert!(by_org.iter().all(|r| r.organisation == "Strandviks kommun"));
    assert_eq!(by_org.len(), 3);
    let questions = w.a.find_remarks(&RemarkFilter {
        kind: Some(RemarkKind::Question),
        ..Default::default()
    });
    assert_eq!(
        questions.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        vec![q.clone()]
    );
    let jurists = w.a.find_remarks(&RemarkFilter {
        role: Some(Role::Jurist),
        ..Default::default()
    });
    assert_eq!(jurists.len(), 1);
    let unanswered = w.a.find_remarks(&RemarkFilter {
        status: Some(StatusFilter::Unanswered),
        ..Default::default()
    });
    assert_eq!(unanswered.len(), 3, "the 3.2 remark has a reply");
    let text = w.a.find_remarks(&RemarkFilter {
        text: Some("NÄSTA utkast".into()),
        ..Default::default()
    });
    assert_eq!(text.len(), 1, "matches a reply's text, case-insensitively");
    let mine = w.a.find_remarks(&RemarkFilter {
        author: Some(w.sara.id.clone()),
        phase: Some(Phase::Drafting),
        ..Default::default()
    });
    assert_eq!(mine.len(), 1);
    let counts = w.a.counts();
    assert_eq!(counts[&c21].remarks, 2);
    assert_eq!(counts[&c21].questions, 1);
    assert_eq!(counts[&clause_id(&w.a, "3.2")].replies, 1);
    assert_eq!(
        w.a.search_clauses("HJÄLPMEDEL förskrivning"),
        [clause_id(&w.a, "2.4")]
    );
}

#[test]
fn replicas_exchange_updates_both_ways() {
    let w = world();
    let b = Agreement::load(2, &w.a.encode_state()).unwrap();
    let c = clause_id(&b, "1.1");
    b.add_remark(&c, &w.sara, "Från B", NOW).unwrap();
    w.a.add_remark(&c, &w.erik, "Från A", NOW).unwrap();
    let to_a = b.encode_diff(&w.a.state_vector()).unwrap();
    let to_b = w.a.encode_diff(&b.state_vector()).unwrap();
    w.a.apply_update(&to_a).unwrap();
    b.apply_update(&to_b).unwrap();
    let bodies = |x: &Agreement| {
        x.remarks_of(&c)
            .into_iter()
            .map(|r| r.body)
            .collect::<Vec<_>>()
    };
    assert_eq!(bodies(&w.a), bodies(&b));
    assert_eq!(bodies(&w.a).len(), 2);
    assert!(matches!(
        w.a.apply_update(&[0xff, 0xff, 0xff]),
        Err(DomainError::Decode(_)) | Err(DomainError::Apply(_))
    ));
}

#[test]
fn a_clauses_history_names_every_wording_who_and_why() {
    let w = world();
    let c = clause_id(&w.a, "1.3");
    let first = w.a.clause(&c).unwrap().text;
    w.a.cut_version(&w.karin, "Utkast 1", NOW).unwrap();
    let proposal =
        w.a.write_remark(
            &w.erik,
            RemarkDraft {
                kind: RemarkKind::Proposal,
                proposed_text: Some("Avtalet gäller tills vidare.".into()),
                ..RemarkDraft::comment(&c, "Enklare.")
            },
            NOW + 1.0,
        )
        .unwrap();
    w.a.accept_proposal(&w.karin, &proposal, "Bra.", NOW + 2.0)
        .unwrap();
    w.a.cut_version(&w.karin, "Utkast 2", NOW + 3.0).unwrap();
    w.a.set_clause_text(
        &w.karin,
        &c,
        "Avtalet gäller tills vidare, med ett års uppsägning.",
    )
    .unwrap();
    let steps = w.a.clause_history(&c).unwrap();
    let causes: Vec<_> = steps.iter().map(|s| s.cause.clone()).collect();
    assert_eq!(
        causes,
        vec![
            // Changed since "Utkast 2" by no accepted proposal: the coordinator's edit.
            WordingCause::Now { edited: true },
            WordingCause::Version {
                name: "Utkast 2".into(),
                edited: false
            },
            WordingCause::Accepted {
                proposal: proposal.clone(),
                proposer: w.erik.name.clone()
            },
            WordingCause::Version {
                name: "Utkast 1".into(),
                edited: false
            },
        ]
    );
    assert_eq!(steps[2].wording, "Avtalet gäller tills vidare.");
    assert_eq!(steps[2].by, w.karin.name);
    assert_eq!(steps[3].wording, first);
}

#[test]
fn an_accepted_proposal_reads_as_decided_and_a_competing_one_as_written_on_earlier_wording() {
    let w = world();
    let c = clause_id(&w.a, "1.3");
    let text = w.a.clause(&c).unwrap().text;
    let end = text.encode_utf16().count() as u32;
    let proposal = |who: &Participant, wording: &str| {
        w.a.write_remark(
            who,
            RemarkDraft {
                kind: RemarkKind::Proposal,
                target: Target::Range { start: 0, end },
                proposed_text: Some(wording.into()),
                ..RemarkDraft::comment(&c, "Skäl.")
            },
            NOW,
        )
        .unwrap()
    };
    let saras = proposal(&w.sara, "Avtalet gäller tills vidare.");
    let karins = proposal(&w.karin, "Avtalet gäller i fyra år.");
    assert_eq!(w.a.competing_proposals(&c).len(), 1);
    w.a.accept_proposal(&w.karin, &saras, "Enigt.", NOW + 5.0)
        .unwrap();
    assert_eq!(
        w.a.proposal_standing(&saras).unwrap(),
        samrad_domain::ProposalStanding::Accepted {
            at_ms: NOW + 5.0,
            wording: "Avtalet gäller tills vidare.".into()
        }
    );
    // The competing proposal is diffed against the wording its author saw, not the new one.
    match w.a.proposal_standing(&karins).unwrap() {
        samrad_domain::ProposalStanding::Outdated { written_on, diff } => {
            assert_eq!(written_on, text);
            assert_eq!(
                diff,
                samrad_domain::word_diff(&text, "Avtalet gäller i fyra år.")
            );
        }
        other => panic!("expected outdated, got {other:?}"),
    }
    assert!(
        w.a.competing_proposals(&c).is_empty(),
        "no competition left"
    );
    assert!(
        w.a.anchored_ranges(&c).is_empty(),
        "no highlight on the new wording"
    );
    // Its author writes it again on the current text; the old one stays, withdrawn.
    assert!(w.a.rebase_proposal(&w.sara, &karins, NOW).is_err());
    let again = w.a.rebase_proposal(&w.karin, &karins, NOW + 6.0).unwrap();
    assert!(w.a.remark(&karins).unwrap().withdrawn);
    assert!(matches!(
        w.a.proposal_standing(&again).unwrap(),
        samrad_domain::ProposalStanding::Open(_)
    ));
}

#[test]
fn without_a_response_means_no_coordinators_word_whatever_others_replied() {
    let w = world();
    let c = clause_id(&w.a, "1.2");
    let id =
        w.a.add_remark(&c, &w.erik, "Vad betyder detta?", NOW)
            .unwrap();
    let unanswered = RemarkFilter {
        clause: Some(c.clone()),
        status: Some(StatusFilter::Unanswered),
        ..RemarkFilter::default()
    };
    let ids = |a: &Agreement| a.find_remark_ids(&unanswered);
    assert_eq!(ids(&w.a), vec![id.clone()]);
    // Another participant's reply is no response.
    w.a.reply(&id, &w.sara, "Jag undrar också.", NOW).unwrap();
    assert_eq!(ids(&w.a), vec![id.clone()]);
    // A coordinator's reply withdrawn again is none either.
    let answer = w.a.reply(&id, &w.karin, "Det betyder …", NOW).unwrap();
    assert!(ids(&w.a).is_empty());
    w.a.withdraw_remark(&w.karin, &answer).unwrap();
    assert_eq!(ids(&w.a), vec![id.clone()]);
    w.a.set_disposition(&w.karin, &id, DispositionValue::Answered, "Besvarat.", NOW)
        .unwrap();
    assert!(ids(&w.a).is_empty());
}

#[test]
fn proposals_on_overlapping_wording_compete_though_they_quote_different_words() {
    let w = world();
    let c = clause_id(&w.a, "3.2");
    let sentence = "Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.";
    let whole = proposal(
        &w,
        "3.2",
        sentence,
        "Vid upprepade avvikelser beslutar gruppen.",
    );
    let half = proposal(
        &w,
        "3.2",
        "den politiska samrådsgruppen besluta",
        "styrgruppen besluta",
    );
    // Elsewhere in the clause: both can be taken in, so it competes with neither.
    let apart = proposal(
        &w,
        "3.2",
        "det gemensamma avvikelsesystemet",
        "avvikelsesystemet",
    );
    let groups = w.a.competing_proposals(&c);
    assert_eq!(groups.len(), 1, "{groups:?}");
    let group = &groups[0];
    let ids: Vec<&str> = group.proposals.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, [whole.as_str(), half.as_str()]);
    assert!(!ids.contains(&apart.as_str()));
    // Each is read as the whole contested stretch with it taken in.
    assert_eq!(group.wording, sentence);
    assert_eq!(
        group.readings,
        [
            "Vid upprepade avvikelser beslutar gruppen.",
            "Vid sanktioner mot brott mot avtal ska styrgruppen besluta.",
        ]
    );
    // Accepting one leaves the other written on wording that is gone: no competition left.
    w.a.accept_proposal(&w.karin, &half, "", NOW + 1.0).unwrap();
    assert!(w.a.competing_proposals(&c).is_empty());
}
