use super::*;
use samrad_domain::demo;

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
