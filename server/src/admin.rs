//! Looking after agreements from the command line: create one from Markdown or a Word draft,
//! invite people, list them, withdraw a link.
//!
//! An agreement's log has one writer at a time. A loaded room is its writer, and when the room
//! folds the log into a snapshot of what it holds, a row appended behind its back is gone. So
//! an admin command never writes behind a running server:
//! - The server holds the store's lock ([`lock::StoreLock`]) for as long as it runs, and takes
//!   commands on a Unix socket beside the store ([`socket`]), reachable only by its own user.
//!   There a command is carried out by the server itself: the participant is stored and the
//!   agreement's room registers them in the document, like any other change.
//! - [`run`], the command line's entry, takes the lock when it can — no server is running — and
//!   works on the store directly, holding the lock until it is done so no server starts
//!   meanwhile; otherwise it hands the command to the running server. A server that is running
//!   but cannot be reached (no socket) gets the command refused with a message, and nothing is
//!   changed.

pub mod lock;
pub mod socket;

use crate::admission::{self, NewcomerError};
use crate::store::{AgreementInfo, Grant, Store, StoreError};
use lock::StoreLock;
use samrad_domain::{Agreement, DomainError, Draft, Participant};
use serde::{Deserialize, Serialize};
use std::path::Path;
use thiserror::Error;

/// The client id admin commands write the document as, when no server runs. Each command
/// first loads the whole log, so its clock continues where the last command left off.
const ADMIN_CLIENT_ID: u64 = 2;

/// How long an invitation link is valid.
pub const INVITATION_DAYS: i64 = 14;

/// Longest agreement id accepted (it appears in every address of the agreement).
const MAX_ID: usize = 64;

/// An admin command, as the command line gives it and as it travels to a running server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Request {
    /// Creates an agreement from Markdown (`# title`, `## chapter`, `### clause`).
    Create {
        /// The agreement's id in addresses.
        id: String,
        /// The Markdown text.
        markdown: String,
    },
    /// Creates an agreement from a draft already read (from a Word document, by the command
    /// line: see [`create_request`]).
    CreateDraft {
        /// The agreement's id in addresses.
        id: String,
        /// Its chapters and clauses.
        draft: Draft,
    },
    /// Invites a participant and answers with their personal link.
    Invite {
        /// The agreement's id.
        agreement: String,
        /// Their name.
        name: String,
        /// Their organisation.
        organisation: String,
        /// observer, member, jurist or coordinator.
        role: String,
    },
    /// Lists the agreements, or one agreement's participants.
    List {
        /// The agreement, or `None` for all agreements.
        agreement: Option<String>,
    },
    /// Withdraws an invitation link (the whole link, or its token).
    Revoke {
        /// The link or token.
        link: String,
    },
}

impl Request {
    /// The command's name, for the log.
    pub fn kind(&self) -> &'static str {
        match self {
            Request::Create { .. } | Request::CreateDraft { .. } => "create",
            Request::Invite { .. } => "invite",
            Request::List { .. } => "list",
            Request::Revoke { .. } => "revoke",
        }
    }
}

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
    /// The name, organisation or role is not acceptable.
    #[error(transparent)]
    Newcomer(#[from] NewcomerError),
    /// An agreement with this id exists already.
    #[error("an agreement with id {0} exists already")]
    Exists(String),
    /// The id is not fit for addresses.
    #[error("an agreement id is 1 to {MAX_ID} letters a–z, A–Z, digits, '-' or '_', not {0:?}")]
    BadId(String),
    /// A server holds the store but takes no commands; nothing was changed.
    #[error(
        "a Samråd server is using {db} ({holder}) and cannot be reached at {socket} ({why}); \
         nothing was changed. Stop the server, run the command again, then start the server."
    )]
    Unreachable {
        /// The store.
        db: String,
        /// Who holds its lock.
        holder: String,
        /// Where the server's admin socket should be.
        socket: String,
        /// Why it could not be used.
        why: String,
    },
    /// The running server carried out the command and it failed; its message.
    #[error("{0}")]
    Server(String),
    /// Reading a file or the lock failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The Word draft could not be read.
    #[error("{}", .0.message(crate::docx::Lang::En))]
    Docx(#[from] crate::docx::DocxError),
    /// The file is neither a Word document nor Markdown text.
    #[error("the file is neither a Word document (.docx) nor Markdown text")]
    NotText,
}

/// What a command did: the text for the operator, and someone invited, to be registered in
/// the agreement's document (by its room, or directly when no server runs).
#[derive(Debug)]
pub struct Done {
    /// What to print.
    pub text: String,
    /// The agreement and the participant just invited.
    pub invited: Option<(String, Participant)>,
}

impl Done {
    fn text(text: String) -> Done {
        Done {
            text,
            invited: None,
        }
    }
}

/// The command line's entry: carries `request` out on the store at `db` — directly if no
/// server holds it, else through the running server. `base_url` makes links when no server
/// runs (a running server uses its own public URL). Returns the text to print.
pub fn run(db: &Path, request: &Request, base_url: &str) -> Result<String, AdminError> {
    match StoreLock::try_acquire(db)? {
        Some(_held) => {
            let store = Store::open(db)?;
            let done = execute(&store, request, base_url)?;
            if let Some((agreement, participant)) = &done.invited {
                register_in_log(&store, agreement, participant)?;
            }
            Ok(done.text)
        }
        None => socket::call(db, request),
    }
}

/// Carries out `request` on the store: everything but registering an invited participant in
/// the document, which is the log writer's job ([`Done::invited`]).
pub fn execute(store: &Store, request: &Request, base_url: &str) -> Result<Done, AdminError> {
    match request {
        Request::Create { id, markdown } => create(store, id, markdown).map(Done::text),
        Request::CreateDraft { id, draft } => {
            let doc = Agreement::from_draft(ADMIN_CLIENT_ID, draft)?;
            store_new(store, id, &doc).map(Done::text)
        }
        Request::Invite {
            agreement,
            name,
            organisation,
            role,
        } => {
            let (participant, link) = invite(store, agreement, name, organisation, role, base_url)?;
            Ok(Done {
                text: link,
                invited: Some((agreement.clone(), participant)),
            })
        }
        Request::List { agreement } => list(store, agreement.as_deref()).map(Done::text),
        Request::Revoke { link } => Ok(Done::text(
            if revoke(store, link)? {
                "Revoked."
            } else {
                "No such invitation."
            }
            .to_string(),
        )),
    }
}

/// Whether `id` is fit for addresses (`/a/{id}`).
fn fit_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Creates an agreement from Markdown (`# title`, `## chapter`, `### clause`). A new
/// agreement's log is new too, so no room can hold it yet.
pub fn create(store: &Store, id: &str, markdown: &str) -> Result<String, AdminError> {
    let doc = Agreement::from_markdown(ADMIN_CLIENT_ID, markdown)?;
    store_new(store, id, &doc)
}

/// The create command for a draft file: a Word document (told by its content, not its name)
/// is read here, on the command line — a pure function of the file — and travels as its
/// chapters and clauses; anything else must be Markdown text. A Word draft without a title
/// paragraph is titled `fallback_title`. Also returns what reading the Word file changed, to
/// tell the operator.
pub fn create_request(
    id: &str,
    file: &[u8],
    fallback_title: &str,
) -> Result<(Request, Vec<String>), AdminError> {
    if !crate::docx::looks_like_word(file) {
        let markdown = String::from_utf8(file.to_vec()).map_err(|_| AdminError::NotText)?;
        let id = id.to_string();
        return Ok((Request::Create { id, markdown }, Vec::new()));
    }
    let crate::docx::Imported { mut draft, notes } = crate::docx::import(file)?;
    if draft.title.trim().is_empty() {
        draft.title = fallback_title.to_string();
    }
    let notes = notes
        .iter()
        .map(|n| n.message(crate::docx::Lang::En))
        .collect();
    let id = id.to_string();
    Ok((Request::CreateDraft { id, draft }, notes))
}

/// Stores a new agreement. Its log is new too, so no room can hold it yet.
fn store_new(store: &Store, id: &str, doc: &Agreement) -> Result<String, AdminError> {
    if !fit_id(id) {
        return Err(AdminError::BadId(id.to_string()));
    }
    if store.agreement(id)?.is_some() {
        return Err(AdminError::Exists(id.to_string()));
    }
    let info = AgreementInfo {
        id: id.to_string(),
        title: doc.title(),
    };
    store.create_agreement(&info, crate::now_ms(), &[], &doc.encode_state())?;
    Ok(format!(
        "Created {id}: {} ({} clauses)",
        info.title,
        doc.clauses().len()
    ))
}

/// Stores a new participant and their invitation; returns them and their personal link.
pub fn invite(
    store: &Store,
    agreement: &str,
    name: &str,
    organisation: &str,
    role: &str,
    base_url: &str,
) -> Result<(Participant, String), AdminError> {
    let participant = admission::newcomer(name, organisation, role)?;
    if store.agreement(agreement)?.is_none() {
        return Err(AdminError::UnknownAgreement(agreement.to_string()));
    }
    store.add_participant(agreement, &participant)?;
    let grant = Grant {
        participant: participant.id.clone(),
        agreement: agreement.to_string(),
    };
    let token = store.create_invitation(&grant, crate::now_ms() + INVITATION_DAYS * 86_400_000)?;
    let link = format!("{}/join/{token}", base_url.trim_end_matches('/'));
    Ok((participant, link))
}

/// Registers `participant` in the agreement's document by appending to its log. Only for when
/// no server runs (the caller holds the store's lock): a running server's room does this.
fn register_in_log(
    store: &Store,
    agreement: &str,
    participant: &Participant,
) -> Result<(), AdminError> {
    let doc = Agreement::new(ADMIN_CLIENT_ID);
    for update in store.load_updates(agreement)? {
        doc.apply_update(&update)?;
    }
    let before = doc.state_vector();
    doc.register_participant(participant);
    store.append_update(agreement, &doc.encode_diff(&before)?)?;
    Ok(())
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

    const MD: &str =
        "# Samarbeidsavtale\n\n## 1 Formål\n\n### 1.1 Partene\n\nKommunen og helseforetaket.\n";

    fn invite_kari() -> Request {
        Request::Invite {
            agreement: "sa-1".into(),
            name: "Kari Nordmann".into(),
            organisation: "Lillevik kommune".into(),
            role: "member".into(),
        }
    }

    #[test]
    fn without_a_server_commands_work_on_the_store_directly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("s.db");
        let base = "http://127.0.0.1:8080/";
        let create = Request::Create {
            id: "sa-1".into(),
            markdown: MD.into(),
        };
        let created = run(&db, &create, base).expect("create");
        assert!(created.contains("Samarbeidsavtale"), "{created}");
        assert!(matches!(
            run(&db, &create, base),
            Err(AdminError::Exists(_))
        ));
        let link = run(&db, &invite_kari(), base).expect("invite");
        assert!(link.starts_with("http://127.0.0.1:8080/join/"), "{link}");
        let store = Store::open(&db).expect("open");
        let mut bad_role = invite_kari();
        if let Request::Invite { role, .. } = &mut bad_role {
            *role = "boss".into();
        }
        assert!(matches!(
            execute(&store, &bad_role, base),
            Err(AdminError::Newcomer(NewcomerError::UnknownRole(_)))
        ));
        let mut unknown = invite_kari();
        if let Request::Invite { agreement, .. } = &mut unknown {
            *agreement = "nope".into();
        }
        assert!(matches!(
            execute(&store, &unknown, base),
            Err(AdminError::UnknownAgreement(_))
        ));
        let listed = run(
            &db,
            &Request::List {
                agreement: Some("sa-1".into()),
            },
            base,
        )
        .expect("list");
        assert!(
            listed.contains("Kari Nordmann\tLillevik kommune"),
            "{listed}"
        );
        let all = run(&db, &Request::List { agreement: None }, base).expect("list");
        assert!(all.contains("sa-1\tSamarbeidsavtale"), "{all}");
        // The document names the new participant, so the app can offer @mentions.
        let doc = Agreement::new(9);
        for update in store.load_updates("sa-1").expect("log") {
            doc.apply_update(&update).expect("apply");
        }
        assert_eq!(doc.participants()[0].name, "Kari Nordmann");
        let revoked = run(&db, &Request::Revoke { link: link.clone() }, base).expect("revoke");
        assert_eq!(revoked, "Revoked.");
        let token = link.rsplit('/').next().expect("token");
        assert!(
            store.redeem_invitation(token, crate::now_ms()).is_err(),
            "a revoked link no longer works"
        );
    }

    #[test]
    fn ids_must_fit_in_an_address() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("s.db")).expect("open");
        for bad in ["", "a b", "a/b", "å", &"x".repeat(65)] {
            assert!(
                matches!(create(&store, bad, MD), Err(AdminError::BadId(_))),
                "{bad:?}"
            );
        }
        assert!(create(&store, "HSA_2027-v2", MD).is_ok());
    }

    #[test]
    fn requests_travel_as_json() {
        let json = serde_json::to_string(&invite_kari()).expect("json");
        assert!(json.starts_with("{\"command\":\"invite\""), "{json}");
        let back: Request = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, invite_kari());
    }
}
