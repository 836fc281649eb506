//! Bootstrapping from the command line: create an agreement (from Markdown or a Word draft),
//! invite people,
//! list them, revoke a link. Each command works on the store directly; a server that is
//! running sees new participants in the document when it next loads the agreement.

use crate::store::{AgreementInfo, Grant, Store, StoreError};
use samrad_domain::{Agreement, DomainError, Participant, Role};
use thiserror::Error;

/// The client id admin commands write the document as. Each command first loads the whole
/// log, so its clock continues where the last command left off.
const ADMIN_CLIENT_ID: u64 = 2;

/// How long an invitation link is valid.
pub const INVITATION_DAYS: i64 = 14;

/// Why an admin command failed.
#[derive(Debug, Error)]
pub enum AdminError {
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The agreement document could not be built or read.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// No agreement has this id.
    #[error("no agreement with id {0}")]
    UnknownAgreement(String),
    /// The role is not one of observer, member, jurist, coordinator.
    #[error("unknown role {0} (observer, member, jurist or coordinator)")]
    UnknownRole(String),
    /// An agreement with this id exists already.
    #[error("an agreement with id {0} exists already")]
    Exists(String),
    /// The Word draft could not be read.
    #[error("{}", .0.message(crate::docx::Lang::En))]
    Docx(#[from] crate::docx::DocxError),
    /// The file is neither a Word document nor UTF-8 Markdown.
    #[error("the file is neither a Word document (.docx) nor Markdown text")]
    NotText,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn load(store: &Store, agreement: &str) -> Result<Agreement, AdminError> {
    let doc = Agreement::new(ADMIN_CLIENT_ID);
    let updates = store.load_updates(agreement)?;
    if updates.is_empty() {
        return Err(AdminError::UnknownAgreement(agreement.to_string()));
    }
    for u in updates {
        doc.apply_update(&u)?;
    }
    Ok(doc)
}

/// Creates an agreement from Markdown (`# title`, `## chapter`, `### clause`).
pub fn create(store: &Store, id: &str, markdown: &str) -> Result<String, AdminError> {
    if store.agreement(id)?.is_some() {
        return Err(AdminError::Exists(id.to_string()));
    }
    let doc = Agreement::from_markdown(ADMIN_CLIENT_ID, markdown)?;
    store_new(store, id, doc)
}

/// Creates an agreement from a draft file: a Word document (told by its content, not its
/// name) or Markdown. A Word draft without a title paragraph is titled `fallback_title`.
pub fn create_from_file(
    store: &Store,
    id: &str,
    bytes: &[u8],
    fallback_title: &str,
) -> Result<String, AdminError> {
    if !crate::docx::looks_like_word(bytes) {
        let markdown = std::str::from_utf8(bytes).map_err(|_| AdminError::NotText)?;
        return create(store, id, markdown);
    }
    if store.agreement(id)?.is_some() {
        return Err(AdminError::Exists(id.to_string()));
    }
    let crate::docx::Imported { mut draft, notes } = crate::docx::import(bytes)?;
    if draft.title.trim().is_empty() {
        draft.title = fallback_title.to_string();
    }
    let doc = Agreement::from_draft(ADMIN_CLIENT_ID, &draft)?;
    let mut out = store_new(store, id, doc)?;
    for note in notes {
        out.push_str(&format!(
            "\n  note: {}",
            note.message(crate::docx::Lang::En)
        ));
    }
    Ok(out)
}

fn store_new(store: &Store, id: &str, doc: Agreement) -> Result<String, AdminError> {
    let info = AgreementInfo {
        id: id.to_string(),
        title: doc.title(),
    };
    store.create_agreement(&info, now_ms(), &[], &doc.encode_state())?;
    Ok(format!(
        "Created {id}: {} ({} clauses)",
        info.title,
        doc.clauses().len()
    ))
}

/// Invites a new participant; returns the personal link.
pub fn invite(
    store: &Store,
    agreement: &str,
    name: &str,
    organisation: &str,
    role: &str,
    base_url: &str,
) -> Result<String, AdminError> {
    let role = Role::from_key(role).ok_or_else(|| AdminError::UnknownRole(role.to_string()))?;
    let doc = load(store, agreement)?;
    let participant = Participant {
        id: format!("p-{}", &crate::store::fresh_secret()[..12]),
        name: name.to_string(),
        organisation: organisation.to_string(),
        role,
    };
    store.add_participant(agreement, &participant)?;
    let before = doc.state_vector();
    doc.register_participant(&participant);
    store.append_update(agreement, &doc.encode_diff(&before)?)?;
    let grant = Grant {
        participant: participant.id.clone(),
        agreement: agreement.to_string(),
    };
    let token = store.create_invitation(&grant, now_ms() + INVITATION_DAYS * 86_400_000)?;
    Ok(format!("{}/join/{token}", base_url.trim_end_matches('/')))
}

/// The agreements, or one agreement's participants, as text.
pub fn list(store: &Store, agreement: Option<&str>) -> Result<String, AdminError> {
    let mut out = String::new();
    match agreement {
        None => {
            for (id, title) in store.agreements()? {
                out.push_str(&format!("{id}\t{title}\n"));
            }
        }
        Some(id) => {
            if store.agreement(id)?.is_none() {
                return Err(AdminError::UnknownAgreement(id.to_string()));
            }
            for p in store.participants(id)? {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    p.id,
                    p.role.key(),
                    p.name,
                    p.organisation
                ));
            }
        }
    }
    Ok(out)
}

/// Revokes an invitation link (its token, or the whole link).
pub fn revoke(store: &Store, link_or_token: &str) -> Result<bool, AdminError> {
    let token = link_or_token.rsplit('/').next().unwrap_or(link_or_token);
    Ok(store.revoke_invitation(token)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_invite_list_revoke() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("s.db")).expect("open");
        let md =
            "# Samarbeidsavtale\n\n## 1 Formål\n\n### 1.1 Partene\n\nKommunen og helseforetaket.\n";
        let created = create(&store, "sa-1", md).expect("create");
        assert!(created.contains("Samarbeidsavtale"), "{created}");
        assert!(matches!(
            create(&store, "sa-1", md),
            Err(AdminError::Exists(_))
        ));
        let link = invite(
            &store,
            "sa-1",
            "Kari Nordmann",
            "Lillevik kommune",
            "member",
            "http://127.0.0.1:8080/",
        )
        .expect("invite");
        assert!(link.starts_with("http://127.0.0.1:8080/join/"), "{link}");
        assert!(matches!(
            invite(&store, "sa-1", "X", "Y", "boss", "http://x"),
            Err(AdminError::UnknownRole(_))
        ));
        assert!(matches!(
            invite(&store, "nope", "X", "Y", "member", "http://x"),
            Err(AdminError::UnknownAgreement(_))
        ));
        let listed = list(&store, Some("sa-1")).expect("list");
        assert!(
            listed.contains("Kari Nordmann\tLillevik kommune"),
            "{listed}"
        );
        assert!(list(&store, None)
            .expect("list")
            .contains("sa-1\tSamarbeidsavtale"));
        // The document names the new participant, so the app can offer @mentions.
        let doc = load(&store, "sa-1").expect("load");
        assert_eq!(doc.participants()[0].name, "Kari Nordmann");
        assert!(revoke(&store, &link).expect("revoke"));
        let token = link.rsplit('/').next().expect("token");
        assert!(
            store.redeem_invitation(token, now_ms()).is_err(),
            "a revoked link no longer works"
        );
    }
}
