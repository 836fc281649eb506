use super::*;
use samrad_domain::demo;

mod durability;

/// A store in `dir` holding the demo agreement; returns it, the agreement's state and now.
pub(crate) fn demo_store(dir: &Path) -> (Store, Vec<u8>, i64) {
    let store = Store::open(&dir.join("samrad.db")).expect("open");
    let now = crate::now_ms();
    let seed = demo::agreement(crate::room::SERVER_CLIENT_ID, now as f64 - 60_000.0)
        .expect("demo")
        .encode_state();
    let info = AgreementInfo {
        id: demo::AGREEMENT_ID.into(),
        title: "Avtal".into(),
    };
    store
        .create_agreement(&info, now - 3_600_000, &demo::participants(), &seed)
        .expect("create");
    (store, seed, now)
}

const NOW: i64 = 1_800_000_000_000;

fn seeded(path: &Path) -> Store {
    let store = Store::open(path).expect("open");
    let info = AgreementInfo {
        id: demo::AGREEMENT_ID.into(),
        title: "Avtal".into(),
    };
    store
        .create_agreement(&info, NOW, &demo::participants(), b"seed")
        .expect("seed");
    store
}

fn grant() -> Grant {
    Grant {
        participant: demo::participants()[1].id.clone(),
        agreement: demo::AGREEMENT_ID.into(),
    }
}

#[test]
fn an_invitation_works_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir.path().join("t.db"));
    let token = store
        .create_invitation(&grant(), NOW + 1000)
        .expect("invite");
    assert_eq!(token.len(), 43, "32 bytes, base64url without padding");
    assert_eq!(
        store.redeem_invitation(&token, NOW).expect("first use"),
        grant()
    );
    let again = store.redeem_invitation(&token, NOW + 1);
    assert!(
        matches!(again, Err(RedeemError::Refused(InviteRefusal::Used))),
        "{again:?}"
    );
}

#[test]
fn expired_revoked_and_unknown_invitations_are_refused_distinctly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir.path().join("t.db"));
    let expiring = store
        .create_invitation(&grant(), NOW + 1000)
        .expect("invite");
    let refused = store.redeem_invitation(&expiring, NOW + 1000);
    assert!(
        matches!(refused, Err(RedeemError::Refused(InviteRefusal::Expired))),
        "{refused:?}"
    );

    let revoked = store
        .create_invitation(&grant(), NOW + 1000)
        .expect("invite");
    assert!(store.revoke_invitation(&revoked).expect("revoke"));
    let refused = store.redeem_invitation(&revoked, NOW);
    assert!(
        matches!(refused, Err(RedeemError::Refused(InviteRefusal::Revoked))),
        "{refused:?}"
    );

    let refused = store.redeem_invitation("no-such-token", NOW);
    assert!(
        matches!(refused, Err(RedeemError::Refused(InviteRefusal::Unknown))),
        "{refused:?}"
    );
}

#[test]
fn the_store_keeps_digests_not_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir.path().join("t.db"));
    let token = store
        .create_invitation(&grant(), NOW + 1000)
        .expect("invite");
    let session = store.create_session(&grant(), NOW + 1000).expect("session");
    let conn = store.conn().expect("conn");
    let found: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM invitations WHERE token = ?1)
                  + (SELECT COUNT(*) FROM sessions WHERE id = ?2)",
            params![token, session],
            |row| row.get(0),
        )
        .expect("query");
    assert_eq!(found, 0);
}

#[test]
fn a_session_resolves_until_it_expires() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir.path().join("t.db"));
    let id = store.create_session(&grant(), NOW + 1000).expect("session");
    let info = store.session(&id, NOW).expect("lookup").expect("valid");
    assert_eq!(info.participant, demo::participants()[1]);
    assert_eq!(info.agreement.id, demo::AGREEMENT_ID);
    assert_eq!(info.agreement.title, "Avtal");
    assert_eq!(
        store.session(&id, NOW + 1000).expect("lookup"),
        None,
        "expired"
    );
    assert_eq!(store.session("forged", NOW).expect("lookup"), None);
}

#[test]
fn reading_an_invitation_never_uses_it_and_signing_in_opens_one_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir.path().join("t.db"));
    let token = store
        .create_invitation(&grant(), NOW + 1000)
        .expect("invite");
    for _ in 0..2 {
        let view = store.invitation(&token, NOW).expect("read").expect("known");
        assert_eq!(view.participant, demo::participants()[1]);
        assert_eq!(view.agreement.title, "Avtal");
        assert_eq!(view.refusal, None, "reading leaves it usable");
    }
    assert_eq!(store.invitation("nope", NOW).expect("read"), None);
    let expired = store.invitation(&token, NOW + 1000).expect("read");
    assert_eq!(
        expired.map(|v| v.refusal),
        Some(Some(InviteRefusal::Expired))
    );

    let (signed_in, session) = store.sign_in(&token, NOW, NOW + 5000).expect("sign in");
    assert_eq!(signed_in, grant());
    let info = store
        .session(&session, NOW)
        .expect("lookup")
        .expect("valid");
    assert_eq!(info.participant, demo::participants()[1]);
    let view = store.invitation(&token, NOW).expect("read").expect("known");
    assert_eq!(view.refusal, Some(InviteRefusal::Used));
    let again = store.sign_in(&token, NOW + 1, NOW + 5000);
    assert!(
        matches!(again, Err(RedeemError::Refused(InviteRefusal::Used))),
        "{again:?}"
    );
    let sessions: i64 = store
        .conn()
        .expect("conn")
        .query_row("SELECT COUNT(*) FROM sessions", [], |r| r.get(0))
        .expect("count");
    assert_eq!(sessions, 1, "a refused sign-in opens no session");
}

#[test]
fn updates_survive_reopening_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    {
        let store = seeded(&path);
        assert_eq!(
            store
                .append_update(demo::AGREEMENT_ID, b"two")
                .expect("append"),
            2
        );
        assert_eq!(
            store
                .append_update(demo::AGREEMENT_ID, b"three")
                .expect("append"),
            3
        );
    }
    let store = Store::open(&path).expect("reopen");
    assert_eq!(
        store.load_updates(demo::AGREEMENT_ID).expect("load"),
        vec![b"seed".to_vec(), b"two".to_vec(), b"three".to_vec()]
    );
    assert_eq!(
        store
            .participants(demo::AGREEMENT_ID)
            .expect("participants"),
        demo::participants()
    );
    assert!(store.load_updates("other").expect("load").is_empty());
}

#[test]
fn compaction_folds_the_log_without_losing_anything() {
    use samrad_domain::{demo, Agreement};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("samrad.db");
    let store = Store::open(&path).expect("open");
    let seed = demo::agreement(1, 0.0).expect("demo");
    let info = crate::store::AgreementInfo {
        id: demo::AGREEMENT_ID.into(),
        title: seed.title(),
    };
    store
        .create_agreement(&info, 0, &demo::participants(), &seed.encode_state())
        .expect("create");
    let writer = Agreement::load(50, &seed.encode_state()).expect("replica");
    let erik = demo::participants()[1].clone();
    let clause = writer.clauses()[0].id.clone();
    for i in 0..30 {
        let before = writer.state_vector();
        writer
            .add_remark(&clause, &erik, &format!("nr {i}"), 0.0)
            .expect("remark");
        let update = writer.encode_diff(&before).expect("diff");
        store
            .append_update(demo::AGREEMENT_ID, &update)
            .expect("append");
    }
    assert_eq!(store.log_length(demo::AGREEMENT_ID).expect("len"), 31);
    let whole = {
        let a = Agreement::new(9);
        for u in store.load_updates(demo::AGREEMENT_ID).expect("load") {
            a.apply_update(&u).expect("apply");
        }
        a
    };
    store
        .compact(demo::AGREEMENT_ID, &whole.encode_state())
        .expect("compact");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.log_length(demo::AGREEMENT_ID).expect("len"), 1);
    let after = Agreement::new(10);
    for u in store.load_updates(demo::AGREEMENT_ID).expect("load") {
        after.apply_update(&u).expect("apply");
    }
    assert_eq!(after.remark_count(&clause), 30);
    assert_eq!(after.remarks_of(&clause), whole.remarks_of(&clause));
}

#[test]
fn access_shows_each_participants_newest_link_and_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir.path().join("t.db"));
    let before = store.access_of(demo::AGREEMENT_ID, NOW).expect("access");
    assert_eq!(before.len(), demo::participants().len());
    assert!(before
        .iter()
        .all(|a| a.invitation.is_none() && a.sessions == 0));

    // A first link, then a renewed one: only the newest works and is shown.
    let first = store
        .create_invitation(&grant(), NOW + 1000)
        .expect("invite");
    let second = store.renew_invitation(&grant(), NOW + 2000).expect("renew");
    let refused = store.redeem_invitation(&first, NOW);
    assert!(
        matches!(refused, Err(RedeemError::Refused(InviteRefusal::Revoked))),
        "renewing withdraws the earlier link: {refused:?}"
    );
    let access = store.access_of(demo::AGREEMENT_ID, NOW).expect("access");
    let erik = &access[1];
    assert_eq!(erik.participant.id, grant().participant);
    assert_eq!(
        erik.invitation,
        Some(Invitation {
            expires_ms: NOW + 2000,
            used_ms: None,
            revoked: false
        })
    );
    store.redeem_invitation(&second, NOW + 5).expect("redeem");
    let session = store
        .create_session(&grant(), NOW + 10_000)
        .expect("session");
    let erik = &store.access_of(demo::AGREEMENT_ID, NOW).expect("access")[1];
    assert_eq!(erik.sessions, 1);
    assert_eq!(
        erik.invitation.as_ref().and_then(|i| i.used_ms),
        Some(NOW + 5)
    );

    // Revoking access ends the session at once and withdraws every link.
    assert!(store.revoke_access(&grant()).expect("revoke"));
    assert_eq!(store.session(&session, NOW).expect("lookup"), None);
    let erik = &store.access_of(demo::AGREEMENT_ID, NOW).expect("access")[1];
    assert_eq!(erik.sessions, 0);
    assert!(erik.invitation.as_ref().is_some_and(|i| i.revoked));
    let stranger = Grant {
        participant: "p-nobody".into(),
        agreement: demo::AGREEMENT_ID.into(),
    };
    assert!(!store.revoke_access(&stranger).expect("revoke unknown"));
    assert_eq!(
        store
            .participant(demo::AGREEMENT_ID, &grant().participant)
            .expect("lookup")
            .map(|p| p.name),
        Some(demo::participants()[1].name.clone())
    );
}
