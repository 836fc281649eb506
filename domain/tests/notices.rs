//! Being told: each test makes a change on a participant's replica, ships it through the
//! server's guard as that participant, and checks the notices the integrated change gives —
//! who is told what, and that nobody else is.
#![allow(clippy::unwrap_used)]

use samrad_domain::{
    deadline_notices, demo, Agreement, DispositionValue, Guard, Notice, NoticeKind, Participant,
    Phase, RemarkDraft, RemarkKind, Role, Target, Writer, DEADLINE_WARNING_MS,
};

const NOW: f64 = 1_800_000_000_000.0;
const DAY: f64 = 86_400_000.0;

fn person(i: usize) -> Participant {
    demo::participants()[i].clone()
}

/// A colleague of Erik's in Strandviks kommun, registered by the server.
fn anna() -> Participant {
    Participant {
        id: "p-anna-ek".into(),
        name: "Anna Ek".into(),
        organisation: "Strandviks kommun".into(),
        role: Role::Member,
    }
}

fn server(phase: Phase) -> Guard {
    let a = demo::agreement(1, NOW).unwrap();
    a.register_participant(&anna());
    a.set_phase(&person(0), phase, Some(NOW + 10.0 * DAY))
        .unwrap();
    Guard::new(a)
}

fn clause(a: &Agreement) -> String {
    a.clauses()[0].id.clone()
}

/// Makes `change` on `who`'s replica (client `client`), integrates it on the server and returns
/// the notices, with what `change` returned.
fn told<T>(
    server: &mut Guard,
    who: &Participant,
    client: u64,
    change: impl FnOnce(&Agreement) -> T,
) -> (Vec<Notice>, T) {
    let replica = Agreement::load(client, &server.agreement().encode_state()).unwrap();
    let out = change(&replica);
    let update = replica
        .encode_diff(&server.agreement().state_vector())
        .unwrap();
    let writer = Writer {
        participant: who,
        now_ms: NOW,
        since_ms: 0.0,
    };
    let integrated = server.apply_as(&writer, &update, |c| c == client).unwrap();
    (server.agreement().notices(who, &integrated.touched), out)
}

fn summary(notices: &[Notice]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = notices
        .iter()
        .map(|n| (n.recipient.clone(), n.kind.key().to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_mention_tells_the_mentioned_only() {
    let mut s = server(Phase::Drafting);
    let erik = person(1);
    let c = clause(s.agreement());
    let (notices, id) = told(&mut s, &erik, 200, |a| {
        let draft = RemarkDraft {
            mentions: vec![anna().id],
            ..RemarkDraft::comment(&c, "@Anna Ek, kan du se på detta?")
        };
        a.write_remark(&erik, draft, NOW).unwrap()
    });
    assert_eq!(
        notices,
        vec![Notice {
            recipient: anna().id,
            kind: NoticeKind::Mention,
            clause: Some(c),
            remark: Some(id),
            by: "Erik Johansson".into(),
            place: "1.1 Parter".into(),
        }]
    );
}

#[test]
fn a_reply_tells_the_remark_s_author_and_a_mention_wins_over_a_reply() {
    let mut s = server(Phase::Drafting);
    let (karin, erik, sara) = (person(0), person(1), person(2));
    let c = clause(s.agreement());
    let (notices, remark) = told(&mut s, &erik, 200, |a| {
        a.add_remark(&c, &erik, "Otydligt.", NOW).unwrap()
    });
    assert!(notices.is_empty(), "a plain remark tells nobody");
    let (notices, _) = told(&mut s, &sara, 300, |a| {
        a.reply(&remark, &sara, "Håller med.", NOW).unwrap()
    });
    assert_eq!(summary(&notices), [(erik.id.clone(), "reply".into())]);
    let (notices, _) = told(&mut s, &karin, 100, |a| {
        let mentions = [erik.id.clone(), sara.id.clone()];
        a.reply_mentioning(&remark, &karin, "Vi ändrar.", &mentions, NOW)
            .unwrap()
    });
    assert_eq!(
        summary(&notices),
        [
            (erik.id.clone(), "mention".into()),
            (sara.id, "mention".into())
        ]
    );
    // Replying to one's own remark tells nobody.
    let (notices, _) = told(&mut s, &erik, 200, |a| {
        a.reply(&remark, &erik, "Tack.", NOW).unwrap()
    });
    assert!(notices.is_empty());
}

#[test]
fn a_disposition_and_an_acceptance_tell_the_author() {
    let mut s = server(Phase::Drafting);
    let (karin, erik, sara) = (person(0), person(1), person(2));
    let c = clause(s.agreement());
    let text = s.agreement().clauses()[0].text.clone();
    let (_, remark) = told(&mut s, &erik, 200, |a| {
        a.add_remark(&c, &erik, "Otydligt.", NOW).unwrap()
    });
    let (notices, _) = told(&mut s, &karin, 100, |a| {
        a.set_disposition(&karin, &remark, DispositionValue::Noted, "Noterat.", NOW)
            .unwrap()
    });
    assert_eq!(
        notices[0].kind,
        NoticeKind::Disposition {
            value: DispositionValue::Noted
        }
    );
    assert_eq!(summary(&notices), [(erik.id, "disposition".into())]);
    let (_, proposal) = told(&mut s, &sara, 300, |a| {
        let draft = RemarkDraft {
            kind: RemarkKind::Proposal,
            target: Target::Clause,
            proposed_text: Some(format!("{text} Ny mening.")),
            ..RemarkDraft::comment(&c, "Förslag.")
        };
        a.write_remark(&sara, draft, NOW).unwrap()
    });
    let (notices, _) = told(&mut s, &karin, 100, |a| {
        a.accept_proposal(&karin, &proposal, "Bra.", NOW).unwrap()
    });
    assert_eq!(summary(&notices), [(sara.id, "accepted".into())]);
    assert_eq!(notices[0].remark.as_deref(), Some(proposal.as_str()));
}

#[test]
fn a_phase_change_and_a_version_tell_everyone_but_the_coordinator() {
    let mut s = server(Phase::Drafting);
    let karin = person(0);
    let (notices, _) = told(&mut s, &karin, 100, |a| {
        a.cut_version(&karin, "Remissversion", NOW).unwrap();
        a.set_phase(&karin, Phase::Consultation, Some(NOW + 2.0 * DAY))
            .unwrap()
    });
    let mut expected = Vec::new();
    for p in [
        "p-anna-ek",
        "p-erik-johansson",
        "p-lars-berg",
        "p-sara-nystrom",
    ] {
        expected.push((p.to_string(), "phase".to_string()));
        expected.push((p.to_string(), "version".to_string()));
    }
    assert_eq!(summary(&notices), expected);
    assert!(notices.iter().any(|n| n.kind
        == NoticeKind::Phase {
            phase: Phase::Consultation
        }));
    assert!(notices.iter().any(|n| n.kind
        == NoticeKind::Version {
            name: "Remissversion".into()
        }));
}

#[test]
fn a_deadline_within_the_warning_tells_the_organisation_s_people() {
    let s = server(Phase::Consultation);
    let karin = person(0);
    s.agreement()
        .extend_deadline(&karin, "Region Norrvik", NOW + 20.0 * DAY)
        .unwrap();
    let deadlines = s.agreement().open_deadlines();
    assert!(deadlines.contains(&("Strandviks kommun".into(), NOW + 10.0 * DAY)));
    assert!(deadlines.contains(&("Region Norrvik".into(), NOW + 20.0 * DAY)));
    let people = s.agreement().participants();
    // Ten days ahead: too early.
    assert!(deadline_notices(&deadlines, &people, NOW).is_empty());
    let soon = NOW + 10.0 * DAY - DEADLINE_WARNING_MS + 1.0;
    assert_eq!(
        summary(&deadline_notices(&deadlines, &people, soon)),
        [
            ("p-anna-ek".into(), "deadline".into()),
            ("p-erik-johansson".into(), "deadline".into()),
            ("p-sara-nystrom".into(), "deadline".into())
        ],
        "Region Norrvik's extension keeps its people untold"
    );
    // Past the deadline: nothing.
    assert!(deadline_notices(&deadlines, &people, NOW + 11.0 * DAY).is_empty());
    // Out of consultation, no deadline is open.
    let merging = server(Phase::Merging);
    assert!(merging.agreement().open_deadlines().is_empty());
}

#[test]
fn a_change_the_server_makes_tells_people_as_a_participant_s_would() {
    let mut s = server(Phase::Drafting);
    let karin = person(0);
    let erik = person(1);
    let c = clause(s.agreement());
    // The server writes on the coordinator's behalf: a version cut and a remark mentioning Anna
    // (any domain operation run through `write_with`, as a Word draft read in is).
    let ((), written) = s.write_with(|a| {
        a.cut_version(&karin, "Utkast 2", NOW).unwrap();
        let draft = RemarkDraft {
            mentions: vec![anna().id],
            ..RemarkDraft::comment(&c, "@Anna Ek, se utkast 2")
        };
        a.write_remark(&erik, draft, NOW).unwrap();
    });
    assert!(written.update.is_some());
    assert_eq!(written.touched.versions.len(), 1);
    assert_eq!(
        written.touched.remarks.len(),
        1,
        "a new remark, not a replaced one"
    );
    let notices = s.agreement().notices(&karin, &written.touched);
    let mut expected: Vec<(String, String)> = ["p-anna-ek", "p-erik-johansson"]
        .iter()
        .chain(&["p-lars-berg", "p-sara-nystrom"])
        .map(|p| (p.to_string(), "version".to_string()))
        .collect();
    expected.push(("p-anna-ek".into(), "mention".into()));
    expected.sort();
    assert_eq!(summary(&notices), expected);
    // A write that gives nothing to tell touches nothing.
    let (_, quiet) = s.write_with(|a| a.register_participant(&anna()));
    assert!(quiet.touched.is_empty());
}
