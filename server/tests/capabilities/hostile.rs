//! Hostile peers: hand-made frames and updates, each sent by a participant signed in with their
//! own link, as a plain Yjs client or a script could send them. Each is refused with a close code
//! and a reason on its own connection only; nothing of it is stored or relayed; the honest
//! coordinator and member stay connected and converge, and so does a participant joining after
//! the attack; the server (this process) keeps serving.

use crate::support::*;
use samrad_domain::wire::{Block, Content, Id, Item, Parent};
use samrad_domain::yrs::{In, Map, Out, ReadTxn, TextPrelim, Transact};
use samrad_domain::{Phase, SyncClient};

/// An observer's update whose value nests arrays a million levels deep (2 MB) overflowed the
/// stack of the room's thread: the whole process aborted, every agreement with it.
#[tokio::test]
async fn a_value_nested_a_million_levels_deep_closes_only_its_sender() {
    let mut s = Scene::new("observer").await;
    let mut update = vec![1, 1];
    update.extend([0x9a, 0x05, 0]); // client 666, clock 0
    update.extend([0x20 | 8, 1, 4]);
    update.extend(b"meta");
    update.push(5);
    update.extend(b"title");
    update.push(1);
    for _ in 0..1_000_000 {
        update.extend([117, 1]);
    }
    update.extend([126, 0]);
    s.attacker.send(SyncClient::update_frame(&update)).await;
    s.ends_refused("a million levels deep", (1009, "nest"), |_| true)
        .await;
}

/// 30 bytes: a formatting mark as a remark's field panicked inside yrs while the old guard
/// observed it; the room reloaded and closed every connection of the agreement.
#[tokio::test]
async fn a_formatting_mark_as_a_field_closes_only_its_sender() {
    let mut s = Scene::new("member").await;
    let c = clause(&s.attacker.agreement, "2.5");
    let remark = s.attacker.agreement.remarks_of(&c)[0].id.clone();
    let map = entry_id(&s.attacker.agreement, "remarks", &remark);
    let frame = crafted_frame(vec![Block::Item(Item::under(
        Id::new(ATTACKER, 0),
        Parent::Type(map),
        Some("body"),
        Content::Format("b", "1"),
    ))]);
    println!("{} bytes", frame.len());
    s.attacker.send(frame).await;
    s.refused("a formatting mark", 1008).await;
    s.honest_still_converge(|a| {
        a.remark(&remark)
            .is_some_and(|r| r.body.starts_with("Var tydligare"))
    })
    .await;
    s.shutdown().await;
}

/// Silent writes: an observer's update made only of a garbage-collected run, or of a 200 KB
/// string in a root map's unnamed part, changed nothing an observer of the document saw, so it
/// was judged harmless, stored and relayed to everyone.
#[tokio::test]
async fn writes_no_reader_would_see_are_refused() {
    let mut s = Scene::new("observer").await;
    s.attacker
        .send(crafted_frame(vec![Block::Gc {
            id: Id::new(ATTACKER, 0),
            len: 1000,
        }]))
        .await;
    let reason = s.refused("a garbage-collected run", 1008).await;
    assert!(reason.contains("gc off"), "{reason}");

    s.attacker = Peer::connect(&s.server, s.attacker.cookie.clone(), ATTACKER).await;
    let big = "x".repeat(200 * 1024);
    s.attacker
        .send(crafted_frame(vec![Block::Item(Item::under(
            Id::new(ATTACKER, 0),
            Parent::Root("remarks"),
            None,
            Content::String(&big),
        ))]))
        .await;
    s.ends_refused("200 KB in a map's unnamed part", (1008, "unnamed"), |_| {
        true
    })
    .await;
}

/// A remark carried what its writer claimed: a name, a time in 2001, a clause that does not
/// exist, a body that is a nested text; `parent: ""` passed a proposal off as a reply.
#[tokio::test]
async fn a_remark_carries_only_what_is_true() {
    let mut s = Scene::new("member").await;
    let erik = person("member");
    let c = clause(&s.attacker.agreement, "1.1");
    let honest = |c: &str| {
        vec![
            ("clause", In::from(c)),
            ("author", In::from(erik.id.as_str())),
            ("author_name", In::from(erik.name.as_str())),
            ("organisation", In::from(erik.organisation.as_str())),
            ("role", In::from("member")),
            ("kind", In::from("comment")),
            ("body", In::from("Ett påpekande.")),
            ("created_ms", In::from(now())),
            ("phase", In::from("drafting")),
        ]
    };
    let with = |key: &'static str, value: In| {
        let mut fields: Vec<(&str, In)> =
            honest(&c).into_iter().filter(|(k, _)| *k != key).collect();
        fields.push((key, value));
        fields
    };
    // (what is tried, the remark's fields, what the refusal says)
    type Attempt<'a> = (&'a str, Vec<(&'a str, In)>, &'a str);
    let attempts: Vec<Attempt> = vec![
        (
            "another name",
            with("author_name", In::from("Regionstyrelsens ordförande")),
            "author name",
        ),
        (
            "written in 2001",
            with("created_ms", In::from(978_307_200_000.0)),
            "time",
        ),
        (
            "on a clause that does not exist",
            honest("c-finns-inte"),
            "no clause",
        ),
        (
            "a body that is a nested text",
            with("body", In::Text(TextPrelim::new("dold").into())),
            "must be a string",
        ),
        (
            "a proposal passed off as a reply",
            {
                let mut f = with("parent", In::from(""));
                f.retain(|(k, _)| *k != "kind");
                f.push(("kind", In::from("proposal")));
                f.push(("proposed_text", In::from("Ny lydelse")));
                f
            },
            "reply",
        ),
    ];
    for (what, fields, expected) in attempts {
        println!("the member writes a remark {what}");
        let key = s
            .attacker
            .edit_returning(|a| {
                let remarks = a.doc().get_or_insert_map("remarks");
                let mut txn = a.doc().transact_mut();
                let clock = txn.state_vector().get(&a.doc().client_id());
                let key = format!("r{ATTACKER:x}-{clock}");
                let fields: samrad_domain::yrs::MapPrelim = fields.into_iter().collect();
                remarks.insert(&mut txn, key.as_str(), fields);
                key
            })
            .await;
        let reason = s.refused(what, 1008).await;
        assert!(reason.contains(expected), "{what}: {reason}");
        assert!(key.starts_with('r'));
        // A fresh replica each time: the refused one holds the refused remark.
        s.attacker = Peer::connect(&s.server, s.attacker.cookie.clone(), ATTACKER).await;
    }
    s.honest_still_converge(|a| a.remark_count(&c) == 0).await;
    s.shutdown().await;
}

/// Editing one's own remark ignored role, phase and the withdrawn flag.
#[tokio::test]
async fn ones_own_remark_is_frozen_outside_its_phase() {
    let mut s = Scene::new("member").await;
    let c = clause(&s.attacker.agreement, "2.5");
    let own = s.attacker.agreement.remarks_of(&c)[0].id.clone();
    s.karin
        .edit(|a| {
            a.set_phase(&person("coordinator"), Phase::Merging, None)
                .expect("phase");
        })
        .await;
    s.attacker.sync_until(|a| a.phase() == Phase::Merging).await;
    s.erik.sync_until(|a| a.phase() == Phase::Merging).await;
    s.rows = log_rows(s.dir.path());
    println!("the member rewrites his own remark while merging, skipping the app's check");
    s.attacker
        .edit(|a| {
            let remarks = a.doc().get_or_insert_map("remarks");
            let txn = a.doc().transact();
            let Some(Out::YMap(m)) = remarks.get(&txn, &own) else {
                panic!("no remark")
            };
            drop(txn);
            m.insert(&mut a.doc().transact_mut(), "body", "Ändrat i efterhand.");
        })
        .await;
    s.ends_refused("an edit while merging", (1008, "Merging"), |a| {
        a.remark(&own)
            .is_some_and(|r| r.body.starts_with("Var tydligare"))
    })
    .await;
}

/// One frame held thousands of state-vector requests, each answered with the whole document.
#[tokio::test]
async fn a_frame_holds_a_bounded_number_of_messages() {
    let mut s = Scene::new("member").await;
    s.attacker.send(vec![3; 2000]).await;
    let reason = s.refused("2,000 presence queries in one frame", 1008).await;
    assert!(reason.contains("frame"), "{reason}");
    s.attacker = Peer::connect(&s.server, s.attacker.cookie.clone(), ATTACKER).await;
    let hello = s.attacker.sync.hello();
    s.attacker.send(hello.repeat(2)).await;
    let reason = s
        .refused("the state asked for twice in one frame", 1008)
        .await;
    assert!(reason.contains("once"), "{reason}");
    s.honest_still_converge(|_| true).await;
    s.shutdown().await;
}

/// One session opened any number of connections, and one connection announced any number of
/// presences (each a client id bound for good).
#[tokio::test]
async fn connections_and_presences_are_capped() {
    let mut s = Scene::new("member").await;
    let mut five = Vec::new();
    for id in 900..905u64 {
        let mut client = SyncClient::new(&samrad_domain::Agreement::new(id), || now() as u64);
        five.extend(client.set_presence("{}").expect("presence"));
    }
    s.attacker.send(five).await;
    let reason = s.refused("five presences on one connection", 1008).await;
    assert!(reason.contains("presences"), "{reason}");

    // The member has one connection (the honest Erik); fifteen more fit, the next does not.
    let mut open = Vec::new();
    for id in 0..15u64 {
        open.push(Peer::connect(&s.server, s.erik.cookie.clone(), 1000 + id).await);
    }
    let mut one_too_many = open_socket(&s.server, Some(&s.erik.cookie), Some(&s.server.public_url))
        .await
        .expect("handshake");
    let (code, reason) = Peer::close_of(&mut one_too_many).await;
    println!("the 17th connection: {code} {reason}");
    assert_eq!(code, 1008);
    assert!(reason.contains("connections"), "{reason}");
    drop(open);
    s.honest_still_converge(|_| true).await;
    s.shutdown().await;
}

/// What the server stores and relays is what it integrated — not the sender's bytes — with the
/// time it stored a remark, which is what everybody is shown.
#[tokio::test]
async fn the_server_relays_what_it_integrated_and_stamps_the_time() {
    let mut s = Scene::new("jurist").await;
    let c = clause(&s.attacker.agreement, "3.3");
    let before = s.attacker.agreement.remark_count(&c);
    // Written a moment before it is sent (the demo agreement is only as old as this server).
    let written = now();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    s.attacker
        .agreement
        .add_remark(&c, &person("jurist"), "Skrivet offline.", written)
        .expect("remark");
    // The whole replica as one update, as a client that resends everything would.
    let whole = SyncClient::update_frame(&s.attacker.agreement.encode_state());
    let sent = now();
    s.attacker.send(whole).await;
    let mine = |a: &samrad_domain::Agreement| {
        a.remarks_of(&c)
            .into_iter()
            .find(|r| r.body == "Skrivet offline.")
    };
    s.erik
        .sync_until(|a| a.remark_count(&c) == before + 1)
        .await;
    s.attacker
        .sync_until(|a| mine(a).is_some_and(|r| r.created_ms != written))
        .await;
    for (who, a) in [
        ("member", &s.erik.agreement),
        ("writer", &s.attacker.agreement),
    ] {
        let r = mine(a).expect("the remark");
        println!(
            "{who} sees it stored at {} (written {})",
            r.created_ms, r.written_ms
        );
        assert!(
            r.created_ms >= sent && r.created_ms <= now(),
            "{who}: the server's time"
        );
        assert_eq!(r.written_ms, written);
    }
    let db = rusqlite::Connection::open(s.dir.path().join("samrad.db")).expect("db");
    let stored: Vec<u8> = db
        .query_row(
            "SELECT data FROM updates ORDER BY seq DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("the last row");
    let whole = s.attacker.agreement.encode_state().len();
    println!("sent {whole} bytes, stored {}", stored.len());
    assert!(stored.len() * 10 < whole, "only what was new is stored");
    s.shutdown().await;
}

/// When a phase began is what the server stamps as it stores the change: everybody reads that
/// time, and nobody — not even a coordinator — may write the stamp themselves.
#[tokio::test]
async fn a_phase_change_is_stamped_by_the_server_and_a_forged_stamp_is_refused() {
    let mut s = Scene::new("coordinator").await;
    let karin = person("coordinator");
    let before = now();
    s.karin
        .edit(|a| {
            a.set_phase(&karin, Phase::Consultation, Some(now() + 9e9))
                .expect("phase");
        })
        .await;
    s.erik.sync_until(|a| !a.phase_starts().is_empty()).await;
    let began = s.erik.agreement.phase_starts();
    println!("the consultation began at {began:?} (sent after {before})");
    assert_eq!(began.len(), 1);
    assert_eq!(began[0].phase, Phase::Consultation);
    assert!(began[0].began_ms >= before && began[0].began_ms <= now());
    s.rows = log_rows(s.dir.path());
    println!("the coordinator writes a stamp dating the merging a month back");
    s.attacker
        .edit(|a| {
            let stamps = a.doc().get_or_insert_map("stamps");
            let mut txn = a.doc().transact_mut();
            let forged: samrad_domain::yrs::MapPrelim = vec![
                ("stored_ms", In::from(before - 30.0 * 86_400_000.0)),
                ("phase", In::from("merging")),
            ]
            .into_iter()
            .collect();
            stamps.insert(&mut txn, "phase:merging", forged);
        })
        .await;
    s.ends_refused(
        "a forged phase stamp",
        (1008, "stamps/phase:merging"),
        |a| a.phase_starts().len() == 1,
    )
    .await;
}
