//! A replica the server refused: what its writer wrote comes back as drafts, nothing else,
//! and each can be posted again on a fresh replica through the ordinary checks.

use samrad_domain::{
    demo, Agreement, DomainError, Participant, Phase, RemarkDraft, RemarkKind, Role, StanceValue,
    Support, Target, Unsaved,
};

const NOW: f64 = 1_800_000_000_000.0;

fn person(role: Role) -> Participant {
    demo::participants()
        .into_iter()
        .find(|p| p.role == role)
        .expect("a demo participant in that role")
}

fn clause_id(a: &Agreement, number: &str) -> String {
    a.clauses()
        .into_iter()
        .find(|c| c.number == number)
        .expect("clause")
        .id
}

/// The server's document, in consultation, with one proposal by the jurist on clause 2.2.
fn server() -> (Agreement, String) {
    let server = demo::agreement(1, NOW).expect("demo");
    let karin = person(Role::Coordinator);
    server
        .set_phase(&karin, Phase::Consultation, Some(NOW + 1e9))
        .expect("consultation");
    let c22 = clause_id(&server, "2.2");
    let text = server.clause(&c22).expect("2.2").text;
    let proposal = server
        .write_remark(
            &person(Role::Jurist),
            RemarkDraft {
                clause: c22,
                kind: RemarkKind::Proposal,
                target: Target::Range {
                    start: 0,
                    end: text.encode_utf16().take(10).count() as u32,
                },
                body: "Tydligare".into(),
                proposed_text: Some("Parterna ska".into()),
                mentions: Vec::new(),
            },
            NOW,
        )
        .expect("proposal");
    (server, proposal)
}

fn copy(server: &Agreement, client: u64) -> Agreement {
    Agreement::load(client, &server.encode_state()).expect("copy")
}

#[test]
fn a_refused_replica_gives_back_exactly_what_its_writer_wrote() {
    let (server, proposal) = server();
    let erik = person(Role::Member);
    let karin = person(Role::Coordinator);
    let app = copy(&server, 0x77);
    let c21 = clause_id(&app, "2.1");
    let c25 = clause_id(&app, "2.5");
    let c32 = clause_id(&app, "3.2");
    let stored_remark = app.remarks_of(&c25)[0].id.clone();
    let sara_remark = app.remarks_of(&c21)[0].id.clone();

    // Offline, Erik writes: a range remark with a reply of his own, a reply on Sara's remark,
    // an edit of a stored remark of his, a support, a stance, and a remark he takes back.
    let text21 = app.clause(&c21).expect("2.1").text;
    let quote: String = text21.chars().skip(4).take(12).collect();
    let start = text21.chars().take(4).map(char::len_utf16).sum::<usize>() as u32;
    let range_remark = app
        .write_remark(
            &erik,
            RemarkDraft {
                clause: c21.clone(),
                kind: RemarkKind::Question,
                target: Target::Range {
                    start,
                    end: start + quote.encode_utf16().count() as u32,
                },
                body: "Gäller det även helger?".into(),
                proposed_text: None,
                mentions: Vec::new(),
            },
            NOW + 1.0,
        )
        .expect("range remark");
    app.reply(&range_remark, &erik, "Och röda dagar.", NOW + 2.0)
        .expect("own reply");
    app.reply(&sara_remark, &erik, "Vi väntar på svaret.", NOW + 3.0)
        .expect("reply");
    app.edit_remark(
        &erik,
        &stored_remark,
        "Skärpt formulering.",
        None,
        NOW + 4.0,
    )
    .expect("edit");
    app.set_support(&erik, &proposal, Some(Support::For))
        .expect("support");
    app.set_stance(
        &erik,
        &c32,
        StanceValue::SupportsWithChanges,
        "Se synpunkt.",
        NOW + 5.0,
    )
    .expect("stance");
    let taken_back = app
        .add_remark(&c32, &erik, "Glöm det här.", NOW + 6.0)
        .expect("remark");
    app.withdraw_remark(&erik, &taken_back).expect("withdraw");

    // Meanwhile the coordinator closes the consultation; the server refuses Erik's update.
    server
        .set_phase(&karin, Phase::Merging, None)
        .expect("merging");
    let update = app.encode_diff(&server.state_vector()).expect("diff");
    // (A refused update may be half-integrated: the server applies on a copy it then drops.)
    let refused = copy(&server, 1).apply_as(&erik, NOW + 7.0, &update, |c| c == 0x77);
    assert!(refused.is_err(), "a remark after consultation is refused");

    let fresh = copy(&server, 0x78);
    let unsaved = app.unsaved_against(&fresh, &erik);
    println!("{unsaved:#?}");
    assert_eq!(
        unsaved.iter().map(Unsaved::key).collect::<Vec<_>>(),
        ["question", "reply", "edit", "support", "stance"],
        "the withdrawn new remark is left out; nothing of anybody else's is in"
    );
    assert_eq!(
        unsaved[0],
        Unsaved::Remark {
            clause: c21.clone(),
            kind: RemarkKind::Question,
            body: "Gäller det även helger?".into(),
            proposed_text: None,
            quote: Some(quote.clone()),
            prefix: text21.chars().take(4).collect(),
            mentions: Vec::new(),
            replies: vec!["Och röda dagar.".into()],
        }
    );
    assert_eq!(unsaved[1].text(), Some("Vi väntar på svaret."));
    assert_eq!(unsaved[2].text(), Some("Skärpt formulering."));
    assert_eq!(unsaved[4].clause(), c32);

    // Posting again goes through the same checks the server makes: in merging a member may
    // reply but not remark, support or draft stances.
    let results: Vec<_> = unsaved
        .iter()
        .map(|item| fresh.post_again(&erik, item, NOW + 8.0))
        .collect();
    assert!(matches!(results[0], Err(DomainError::NotAllowed { .. })));
    assert!(results[1].is_ok(), "{:?}", results[1]);
    assert!(results[2].is_ok(), "{:?}", results[2]);
    assert!(matches!(results[3], Err(DomainError::NotAllowed { .. })));
    assert!(matches!(results[4], Err(DomainError::NotAllowed { .. })));
    // What was allowed is accepted by the server too.
    let update = fresh.encode_diff(&server.state_vector()).expect("diff");
    server
        .apply_as(&erik, NOW + 9.0, &update, |c| c == 0x78)
        .expect("the reposted reply and edit are stored");
    let left = fresh.unsaved_against(&copy(&server, 0x79), &erik);
    assert!(left.is_empty(), "nothing left unsaved: {left:?}");
    assert_eq!(
        app.unsaved_against(&copy(&server, 0x7a), &erik)
            .iter()
            .map(Unsaved::key)
            .collect::<Vec<_>>(),
        ["question", "reply", "support", "stance"],
        "the edit that got through counts as saved, by content; the reply was posted anew"
    );
}

#[test]
fn posting_again_places_a_remark_on_its_quote_where_it_stands_now() {
    let (server, _) = server();
    let sara = person(Role::Jurist);
    let karin = person(Role::Coordinator);
    let c11 = clause_id(&server, "1.1");
    // Drafting, so the coordinator may set the text; then the jurist writes on it offline.
    server
        .set_phase(&karin, Phase::Drafting, None)
        .expect("drafting");
    server
        .set_clause_text(&karin, &c11, "Ett ord. Ett ord till. Ett ord.")
        .expect("text");
    let app = copy(&server, 0x80);
    // The second "Ett ord" (after "till. ") is the one quoted.
    let start = "Ett ord. Ett ord till. ".encode_utf16().count() as u32;
    for (kind, proposed) in [
        (RemarkKind::Comment, None),
        (RemarkKind::Proposal, Some("Två ord")),
    ] {
        app.write_remark(
            &sara,
            RemarkDraft {
                clause: c11.clone(),
                kind,
                target: Target::Range {
                    start,
                    end: start + 7,
                },
                body: "Upprepning".into(),
                proposed_text: proposed.map(str::to_string),
                mentions: Vec::new(),
            },
            NOW,
        )
        .expect("remark");
    }
    let unsaved = app.unsaved_against(&server, &sara);
    assert_eq!(unsaved.len(), 2);

    // The text moved on: new words in front, the quoted wording still there once more.
    server
        .set_clause_text(&karin, &c11, "Inledning. Ett ord. Ett ord till. Ett ord.")
        .expect("text");
    let fresh = copy(&server, 0x81);
    for item in &unsaved {
        fresh.post_again(&sara, item, NOW + 1.0).expect("posted");
    }
    let remarks = fresh.remarks_of(&c11);
    let expected_start = "Inledning. Ett ord. Ett ord till. ".encode_utf16().count() as u32;
    for r in &remarks {
        match &r.anchor.as_ref().expect("a range remark").state {
            samrad_domain::AnchorState::Attached { start, text, .. } => {
                assert_eq!(
                    (*start, text.as_str()),
                    (expected_start, "Ett ord"),
                    "placed by the quote's context, not its first occurrence"
                );
            }
            other => panic!("not attached: {other:?}"),
        }
    }

    // Once the quoted wording is gone, a comment goes on the clause quoting it, and a
    // proposal — meant to replace that wording — is refused with the reason.
    server
        .set_clause_text(&karin, &c11, "Helt ny lydelse.")
        .expect("text");
    let fresh = copy(&server, 0x82);
    fresh
        .post_again(&sara, &unsaved[0], NOW + 2.0)
        .expect("comment on the clause");
    let comment = fresh
        .remarks_of(&c11)
        .into_iter()
        .find(|r| r.created_ms == NOW + 2.0)
        .expect("reposted");
    assert!(comment.anchor.is_none());
    assert_eq!(comment.body, "> Ett ord\n\nUpprepning");
    assert_eq!(
        fresh.post_again(&sara, &unsaved[1], NOW + 3.0),
        Err(DomainError::QuoteGone("Ett ord".into()))
    );
}
