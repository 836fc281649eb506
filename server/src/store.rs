//! Durable state in one SQLite file: agreements, participants, invitations, sessions and the
//! append-only log of yrs updates per agreement; each participant's inbox of notices and the
//! open deadlines the inbox's timer watches (inbox.rs).
//!
//! Invariants:
//! - An update is appended (and fsynced: WAL with `synchronous=FULL`) before the room relays it,
//!   so whatever any client has seen from the server survives a crash or restart. Appends from
//!   all rooms that arrive during one commit share the next one, written by one committer
//!   thread ([`commit`]: group commit).
//! - The store refuses to open unless SQLite really runs in WAL mode with `synchronous=FULL`
//!   (a file system without shared memory leaves the journal mode unchanged, silently).
//! - The log is append-only; an agreement's document is the merge of all its rows, in any order
//!   (yrs updates commute), so `seq` only keeps loading deterministic.
//! - Secrets are never stored: the `token` and `id` columns of invitations and sessions hold the
//!   SHA-256 of the value handed to the browser, so a copied database file signs nobody in.
//!
//! rusqlite is blocking. The connection sits behind a mutex; room threads call it directly and
//! async code goes through [`Store::run`], which hops onto tokio's blocking pool.

mod commit;
mod inbox;
mod mail;

pub use commit::{Append, CommitStats};
pub use inbox::{OpenDeadline, INBOX_PAGE};
pub use mail::{MailMode, MailSetting, Unmailed};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use samrad_domain::{Participant, Role};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use thiserror::Error;

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
pub(crate) mod gate;

/// What the store can fail with.
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite refused or failed the statement.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A row holds a value this version cannot read (e.g. an unknown role key).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A previous holder of the connection panicked mid-statement.
    #[error("the database connection is poisoned")]
    Poisoned,
    /// The blocking task running the statement was cancelled or panicked.
    #[error("the database task failed: {0}")]
    Task(String),
    /// The commit an append was grouped into failed; nothing of that group was stored.
    #[error("the commit failed: {0}")]
    Commit(String),
    /// SQLite does not run with the durability the store promises.
    #[error("the database runs with {setting} = {actual}, not {wanted}")]
    Durability {
        /// The pragma.
        setting: &'static str,
        /// What it should be.
        wanted: &'static str,
        /// What SQLite reports.
        actual: String,
    },
}

/// Why an invitation link does not sign anybody in.
#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum InviteRefusal {
    /// No invitation has this token.
    #[error("unknown invitation")]
    Unknown,
    /// The invitation was redeemed before; links work once.
    #[error("invitation already used")]
    Used,
    /// The invitation's validity ran out.
    #[error("invitation expired")]
    Expired,
    /// The coordinator withdrew the invitation.
    #[error("invitation revoked")]
    Revoked,
}

/// Redeeming an invitation fails either because of the invitation or because of the store.
#[derive(Debug, Error)]
pub enum RedeemError {
    /// The invitation itself is not valid (any more).
    #[error(transparent)]
    Refused(#[from] InviteRefusal),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An agreement's catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementInfo {
    /// Id in URLs and in the store.
    pub id: String,
    /// Title as given when the agreement was created.
    pub title: String,
}

/// Who an invitation or session speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The participant signed in.
    pub participant: String,
    /// The one agreement the grant is for.
    pub agreement: String,
}

/// A valid session, resolved to the participant and agreement it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The signed-in participant.
    pub participant: Participant,
    /// The agreement the session gives access to.
    pub agreement: AgreementInfo,
}

/// What an invitation link is for, read without redeeming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationView {
    /// Who the link signs in.
    pub participant: Participant,
    /// The agreement it gives access to.
    pub agreement: AgreementInfo,
    /// Why it would not sign them in now; `None` if it would.
    pub refusal: Option<InviteRefusal>,
}

/// The SQLite store; cheap to clone (all clones share one connection and one commit queue).
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    appends: Arc<commit::Queue>,
    /// Lets a test hold appends before they commit.
    #[cfg(test)]
    gate: Arc<gate::Gate>,
}

/// What SQLite reports for the settings durability rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Durability {
    /// `PRAGMA journal_mode`: `wal`.
    pub journal_mode: String,
    /// `PRAGMA synchronous`: 2 (`FULL`).
    pub synchronous: i64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store")
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS agreements (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS invitations (
    token TEXT PRIMARY KEY,
    participant TEXT NOT NULL REFERENCES participants(id),
    agreement TEXT NOT NULL REFERENCES agreements(id),
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    participant TEXT NOT NULL REFERENCES participants(id),
    agreement TEXT NOT NULL REFERENCES agreements(id),
    expires_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clients (
    agreement TEXT NOT NULL REFERENCES agreements(id),
    client_id INTEGER NOT NULL,
    participant TEXT NOT NULL REFERENCES participants(id),
    PRIMARY KEY (agreement, client_id)
);
CREATE TABLE IF NOT EXISTS notices (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    recipient TEXT NOT NULL,
    once_key TEXT NULL,
    body TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    UNIQUE (agreement, recipient, once_key)
);
CREATE INDEX IF NOT EXISTS notices_by_recipient ON notices (recipient, id);
CREATE TABLE IF NOT EXISTS mail_settings (
    agreement TEXT NOT NULL REFERENCES agreements(id),
    participant TEXT NOT NULL,
    address TEXT NOT NULL,
    mode TEXT NOT NULL,
    lang TEXT NOT NULL,
    digest_ms INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agreement, participant)
);
CREATE TABLE IF NOT EXISTS mailed (
    notice INTEGER PRIMARY KEY REFERENCES notices(id)
);
CREATE TABLE IF NOT EXISTS secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS deadlines (
    agreement TEXT NOT NULL REFERENCES agreements(id),
    organisation TEXT NOT NULL,
    deadline_ms REAL NOT NULL,
    PRIMARY KEY (agreement, organisation)
);
CREATE TABLE IF NOT EXISTS updates (
    agreement TEXT NOT NULL REFERENCES agreements(id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (agreement, seq)
);
";

/// A fresh 32-byte secret, base64url without padding (43 characters, URL- and cookie-safe).
pub fn fresh_secret() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// What the store keeps instead of a secret.
fn digest(secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

impl Store {
    /// Opens (creating if needed) the database file and its schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL lets readers proceed during a write; FULL fsyncs every commit, so "appended"
        // means "on disk" even if the machine loses power right after.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        let store = Store {
            conn: Arc::new(Mutex::new(conn)),
            appends: Arc::default(),
            #[cfg(test)]
            gate: Arc::default(),
        };
        let durability = store.durability()?;
        if durability.journal_mode != "wal" {
            return Err(StoreError::Durability {
                setting: "journal_mode",
                wanted: "wal",
                actual: durability.journal_mode,
            });
        }
        if durability.synchronous != 2 {
            return Err(StoreError::Durability {
                setting: "synchronous",
                wanted: "2 (FULL)",
                actual: durability.synchronous.to_string(),
            });
        }
        Ok(store)
    }

    /// The journal mode and sync level SQLite reports for the store's connection.
    pub fn durability(&self) -> Result<Durability, StoreError> {
        let conn = self.conn()?;
        Ok(Durability {
            journal_mode: conn
                .pragma_query_value(None, "journal_mode", |row| row.get::<_, String>(0))?
                .to_lowercase(),
            synchronous: conn.pragma_query_value(None, "synchronous", |row| row.get(0))?,
        })
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        self.conn.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Runs blocking store calls on tokio's blocking pool.
    pub async fn run<T, E>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| E::from(StoreError::Task(e.to_string())))?
    }

    /// The agreement with `id`, if it exists.
    pub fn agreement(&self, id: &str) -> Result<Option<AgreementInfo>, StoreError> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT id, title FROM agreements WHERE id = ?1",
                params![id],
                |row| {
                    Ok(AgreementInfo {
                        id: row.get(0)?,
                        title: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// When the agreement `id` was created (ms since the epoch), if it exists: no time a
    /// writer claims may be earlier (see `samrad_domain::Writer`).
    pub fn agreement_created(&self, id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT created FROM agreements WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Creates an agreement with its participants and its first document state, atomically.
    pub fn create_agreement(
        &self,
        info: &AgreementInfo,
        created_ms: i64,
        participants: &[Participant],
        initial_state: &[u8],
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO agreements (id, title, created) VALUES (?1, ?2, ?3)",
            params![info.id, info.title, created_ms],
        )?;
        for p in participants {
            tx.execute(
                "INSERT INTO participants (id, agreement, name, organisation, role)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![p.id, info.id, p.name, p.organisation, p.role.key()],
            )?;
        }
        tx.execute(
            "INSERT INTO updates (agreement, seq, data) VALUES (?1, 1, ?2)",
            params![info.id, initial_state],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The participants of an agreement, in the order they were added.
    pub fn participants(&self, agreement: &str) -> Result<Vec<Participant>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT id, name, organisation, role FROM participants
             WHERE agreement = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map(params![agreement], participant_row)?;
        rows.map(|r| r.map_err(StoreError::from).and_then(|p| p))
            .collect()
    }

    /// Every stored update of an agreement, oldest first.
    pub fn load_updates(&self, agreement: &str) -> Result<Vec<Vec<u8>>, StoreError> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT data FROM updates WHERE agreement = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![agreement], |row| row.get::<_, Vec<u8>>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Which participant each yrs client id of an agreement belongs to.
    pub fn client_bindings(&self, agreement: &str) -> Result<HashMap<u64, String>, StoreError> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT client_id, participant FROM clients WHERE agreement = ?1")?;
        let rows = stmt.query_map(params![agreement], |row| {
            Ok((row.get::<_, i64>(0)? as u64, row.get::<_, String>(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records new client-id bindings and appends an update, in one transaction: an update is
    /// never stored without the binding that proves who wrote it. Returns once on disk. Appends
    /// of other rooms that arrive meanwhile share the commit (see [`commit`]).
    pub fn append_bound(
        &self,
        agreement: &str,
        bindings: &[(u64, String)],
        update: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        self.append(Append {
            agreement: agreement.to_string(),
            bindings: bindings.to_vec(),
            update: update.map(<[u8]>::to_vec),
        })
    }

    /// Stores `append`; returns once the transaction holding it has committed.
    pub fn append(&self, append: Append) -> Result<(), StoreError> {
        self.appends.append(self, vec![append])
    }

    /// Stores `appends` in their order (in one commit when they fit one group); returns once
    /// every one has committed, or with the first failure (see [`Store::append`]).
    pub fn append_all(&self, appends: Vec<Append>) -> Result<(), StoreError> {
        self.appends.append(self, appends)
    }

    /// Hands `appends` to the committer and returns at once; `tell` is called with what
    /// [`Store::append_all`] would have returned, on the committer thread, once they are stored
    /// (a room goes on working meanwhile and is woken by `tell`).
    pub fn append_then(
        &self,
        appends: Vec<Append>,
        tell: impl FnOnce(Result<(), StoreError>) + Send + 'static,
    ) {
        self.appends.submit(self, appends, Box::new(tell));
    }

    /// How many appends were stored in how many commits since the store was opened.
    pub fn commit_stats(&self) -> CommitStats {
        self.appends.stats()
    }

    /// Writes a group of appends in one transaction, each update at the end of its
    /// agreement's log, in the group's order.
    fn write_group(&self, group: &[&Append]) -> Result<(), StoreError> {
        #[cfg(test)]
        self.gate.pass();
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        {
            let mut bind = txn.prepare_cached(
                "INSERT OR IGNORE INTO clients (agreement, client_id, participant)
                 VALUES (?1, ?2, ?3)",
            )?;
            let mut add = txn.prepare_cached(
                "INSERT INTO updates (agreement, seq, data)
                 SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2 FROM updates WHERE agreement = ?1",
            )?;
            for append in group {
                for (client, participant) in &append.bindings {
                    bind.execute(params![append.agreement, *client as i64, participant])?;
                }
                if let Some(update) = &append.update {
                    add.execute(params![append.agreement, update])?;
                }
            }
        }
        txn.commit()?;
        Ok(())
    }

    /// Holds every append before it commits until the returned hold is released (tests of
    /// store-before-relay).
    #[cfg(test)]
    pub(crate) fn hold_appends(&self) -> gate::Hold {
        self.gate.hold()
    }

    /// Adds a participant to an existing agreement.
    pub fn add_participant(&self, agreement: &str, p: &Participant) -> Result<(), StoreError> {
        let conn = self.conn()?;
        conn.execute(
            "INSERT INTO participants (id, agreement, name, organisation, role)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![p.id, agreement, p.name, p.organisation, p.role.key()],
        )?;
        Ok(())
    }

    /// Every agreement: (id, title).
    pub fn agreements(&self) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT id, title FROM agreements ORDER BY created, id")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many rows an agreement's update log has.
    pub fn log_length(&self, agreement: &str) -> Result<u64, StoreError> {
        let conn = self.conn()?;
        Ok(conn.query_row(
            "SELECT COUNT(*) FROM updates WHERE agreement = ?1",
            params![agreement],
            |row| row.get::<_, i64>(0),
        )? as u64)
    }

    /// Folds an agreement's log into one snapshot row, in one transaction: a reader sees the
    /// old log or the snapshot, never a mix. `state` must hold everything the log holds (the
    /// room's whole state, taken on the room's own thread, which is the log's only writer).
    pub fn compact(&self, agreement: &str, state: &[u8]) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        let last: i64 = txn.query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM updates WHERE agreement = ?1",
            params![agreement],
            |row| row.get(0),
        )?;
        txn.execute(
            "DELETE FROM updates WHERE agreement = ?1",
            params![agreement],
        )?;
        txn.execute(
            "INSERT INTO updates (agreement, seq, data) VALUES (?1, ?2, ?3)",
            params![agreement, last, state],
        )?;
        txn.commit()?;
        Ok(())
    }

    /// Appends an update to an agreement's log; returns once it is committed to disk.
    pub fn append_update(&self, agreement: &str, update: &[u8]) -> Result<i64, StoreError> {
        let conn = self.conn()?;
        Ok(conn.query_row(
            "INSERT INTO updates (agreement, seq, data)
             SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2 FROM updates WHERE agreement = ?1
             RETURNING seq",
            params![agreement, update],
            |row| row.get(0),
        )?)
    }

    /// Issues a single-use invitation; returns the secret token for the link.
    pub fn create_invitation(&self, grant: &Grant, expires_ms: i64) -> Result<String, StoreError> {
        insert_invitation(&*self.conn()?, grant, expires_ms)
    }

    /// Withdraws an invitation; `false` if there was none.
    pub fn revoke_invitation(&self, token: &str) -> Result<bool, StoreError> {
        let n = self.conn()?.execute(
            "UPDATE invitations SET revoked = 1 WHERE token = ?1",
            params![digest(token)],
        )?;
        Ok(n == 1)
    }

    /// Redeems an invitation: valid once, before it expires, unless revoked.
    pub fn redeem_invitation(&self, token: &str, now_ms: i64) -> Result<Grant, RedeemError> {
        let mut conn = self.conn()?;
        // IMMEDIATE takes the write lock up front, so two redemptions of one link cannot both
        // read "unused" (the mutex already serialises this process; this covers a second one).
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let grant = redeem_in(&tx, token, now_ms)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(grant)
    }

    /// Signs in with an invitation: redeems it and opens a session in one transaction, so a
    /// link is never used up without the session it was used for. Returns the grant and the
    /// secret for the session cookie.
    pub fn sign_in(
        &self,
        token: &str,
        now_ms: i64,
        session_expires_ms: i64,
    ) -> Result<(Grant, String), RedeemError> {
        let mut conn = self.conn()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let grant = redeem_in(&tx, token, now_ms)?;
        let session = insert_session(&tx, &grant, session_expires_ms)?;
        tx.commit().map_err(StoreError::from)?;
        Ok((grant, session))
    }

    /// Who an invitation link is for and whether it would still sign them in, read without
    /// redeeming it (the page a link opens shows this before anybody presses its button).
    /// `None` if no invitation has this token.
    pub fn invitation(
        &self,
        token: &str,
        now_ms: i64,
    ) -> Result<Option<InvitationView>, StoreError> {
        let conn = self.conn()?;
        let Some(row) = invitation_row(&conn, token)? else {
            return Ok(None);
        };
        let participant = conn.query_row(
            "SELECT id, name, organisation, role FROM participants WHERE id = ?1",
            params![row.grant.participant],
            participant_row,
        )??;
        let agreement = conn.query_row(
            "SELECT id, title FROM agreements WHERE id = ?1",
            params![row.grant.agreement],
            |r| {
                Ok(AgreementInfo {
                    id: r.get(0)?,
                    title: r.get(1)?,
                })
            },
        )?;
        Ok(Some(InvitationView {
            participant,
            agreement,
            refusal: row.refusal(now_ms),
        }))
    }

    /// Opens a session for `grant`; returns the secret for the cookie.
    pub fn create_session(&self, grant: &Grant, expires_ms: i64) -> Result<String, StoreError> {
        insert_session(&*self.conn()?, grant, expires_ms)
    }

    /// Ends the session behind a cookie value (signing out); whether there was one.
    pub fn end_session(&self, id: &str) -> Result<bool, StoreError> {
        let ended = self
            .conn()?
            .execute("DELETE FROM sessions WHERE id = ?1", params![digest(id)])?;
        Ok(ended > 0)
    }

    /// The session behind a cookie value, if it exists and has not expired.
    pub fn session(&self, id: &str, now_ms: i64) -> Result<Option<SessionInfo>, StoreError> {
        let conn = self.conn()?;
        let row = conn
            .query_row(
                "SELECT p.id, p.name, p.organisation, p.role, a.id, a.title
                 FROM sessions s
                 JOIN participants p ON p.id = s.participant
                 JOIN agreements a ON a.id = s.agreement
                 WHERE s.id = ?1 AND s.expires_ms > ?2",
                params![digest(id), now_ms],
                |row| {
                    let participant = participant_row(row)?;
                    let agreement = AgreementInfo {
                        id: row.get(4)?,
                        title: row.get(5)?,
                    };
                    Ok(participant.map(|participant| SessionInfo {
                        participant,
                        agreement,
                    }))
                },
            )
            .optional()?;
        row.transpose()
    }
}

impl Store {
    /// Every participant of an agreement with the state of their access, in the order they
    /// were added: their newest invitation and how many sessions are open.
    pub fn access_of(&self, agreement: &str, now_ms: i64) -> Result<Vec<Access>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT p.id, p.name, p.organisation, p.role,
                    i.expires_ms, i.used_ms, i.revoked,
                    (SELECT COUNT(*) FROM sessions s
                     WHERE s.participant = p.id AND s.expires_ms > ?2)
             FROM participants p
             LEFT JOIN invitations i ON i.rowid =
                 (SELECT MAX(rowid) FROM invitations WHERE participant = p.id)
             WHERE p.agreement = ?1 ORDER BY p.rowid",
        )?;
        let rows = stmt.query_map(params![agreement, now_ms], |row| {
            let participant = participant_row(row)?;
            let expires_ms: Option<i64> = row.get(4)?;
            let used_ms: Option<i64> = row.get(5)?;
            let revoked: Option<bool> = row.get(6)?;
            let sessions: i64 = row.get(7)?;
            let invitation = match (expires_ms, revoked) {
                (Some(expires_ms), Some(revoked)) => Some(Invitation {
                    expires_ms,
                    used_ms,
                    revoked,
                }),
                _ => None,
            };
            Ok(participant.map(|participant| Access {
                participant,
                invitation,
                sessions: sessions.max(0) as u32,
            }))
        })?;
        rows.map(|r| r.map_err(StoreError::from).and_then(|a| a))
            .collect()
    }

    /// The participant `id` of `agreement`, if there is one.
    pub fn participant(
        &self,
        agreement: &str,
        id: &str,
    ) -> Result<Option<Participant>, StoreError> {
        let conn = self.conn()?;
        conn.query_row(
            "SELECT id, name, organisation, role FROM participants
             WHERE agreement = ?1 AND id = ?2",
            params![agreement, id],
            participant_row,
        )
        .optional()?
        .transpose()
    }

    /// Issues a fresh link for a participant, withdrawing their earlier unused ones so only
    /// the newest link works. Returns the secret token.
    pub fn renew_invitation(&self, grant: &Grant, expires_ms: i64) -> Result<String, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE invitations SET revoked = 1
             WHERE participant = ?1 AND agreement = ?2 AND used_ms IS NULL",
            params![grant.participant, grant.agreement],
        )?;
        let token = insert_invitation(&tx, grant, expires_ms)?;
        tx.commit()?;
        Ok(token)
    }

    /// Withdraws a participant's access: every invitation revoked, every session ended.
    /// Open sync connections notice at their next session check. `false` if the agreement
    /// has no such participant.
    pub fn revoke_access(&self, grant: &Grant) -> Result<bool, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: i64 = tx.query_row(
            "SELECT COUNT(*) FROM participants WHERE id = ?1 AND agreement = ?2",
            params![grant.participant, grant.agreement],
            |row| row.get(0),
        )?;
        if known == 0 {
            return Ok(false);
        }
        tx.execute(
            "UPDATE invitations SET revoked = 1 WHERE participant = ?1 AND agreement = ?2",
            params![grant.participant, grant.agreement],
        )?;
        tx.execute(
            "DELETE FROM sessions WHERE participant = ?1 AND agreement = ?2",
            params![grant.participant, grant.agreement],
        )?;
        tx.commit()?;
        Ok(true)
    }
}

/// A participant's newest invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// When the link stops working.
    pub expires_ms: i64,
    /// When it was opened, if it was.
    pub used_ms: Option<i64>,
    /// Whether a coordinator withdrew it.
    pub revoked: bool,
}

/// A participant and the state of their access to the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// Who.
    pub participant: Participant,
    /// Their newest invitation; `None` for participants seeded without one.
    pub invitation: Option<Invitation>,
    /// How many of their sessions are open.
    pub sessions: u32,
}

/// An invitation's row: who it is for and the state of the link.
struct InvitationRow {
    grant: Grant,
    expires_ms: i64,
    used_ms: Option<i64>,
    revoked: bool,
}

impl InvitationRow {
    /// Why the link would not sign anybody in at `now_ms`; `None` if it would.
    fn refusal(&self, now_ms: i64) -> Option<InviteRefusal> {
        if self.revoked {
            Some(InviteRefusal::Revoked)
        } else if self.used_ms.is_some() {
            Some(InviteRefusal::Used)
        } else if now_ms >= self.expires_ms {
            Some(InviteRefusal::Expired)
        } else {
            None
        }
    }
}

/// The invitation behind a secret token, if there is one.
fn invitation_row(conn: &Connection, token: &str) -> Result<Option<InvitationRow>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT participant, agreement, expires_ms, used_ms, revoked
             FROM invitations WHERE token = ?1",
            params![digest(token)],
            |row| {
                Ok(InvitationRow {
                    grant: Grant {
                        participant: row.get(0)?,
                        agreement: row.get(1)?,
                    },
                    expires_ms: row.get(2)?,
                    used_ms: row.get(3)?,
                    revoked: row.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Marks an invitation used, inside the caller's (immediate) transaction, if it is valid.
fn redeem_in(conn: &Connection, token: &str, now_ms: i64) -> Result<Grant, RedeemError> {
    let row = invitation_row(conn, token)?.ok_or(InviteRefusal::Unknown)?;
    if let Some(refusal) = row.refusal(now_ms) {
        return Err(refusal.into());
    }
    conn.execute(
        "UPDATE invitations SET used_ms = ?2 WHERE token = ?1",
        params![digest(token), now_ms],
    )
    .map_err(StoreError::from)?;
    Ok(row.grant)
}

/// Stores a new session (its digest) on `conn`; returns the secret for the cookie.
fn insert_session(conn: &Connection, grant: &Grant, expires_ms: i64) -> Result<String, StoreError> {
    let id = fresh_secret();
    conn.execute(
        "INSERT INTO sessions (id, participant, agreement, expires_ms) VALUES (?1, ?2, ?3, ?4)",
        params![digest(&id), grant.participant, grant.agreement, expires_ms],
    )?;
    Ok(id)
}

/// Stores a new invitation (its digest) on `conn`; returns the secret token for the link.
fn insert_invitation(
    conn: &Connection,
    grant: &Grant,
    expires_ms: i64,
) -> Result<String, StoreError> {
    let token = fresh_secret();
    conn.execute(
        "INSERT INTO invitations (token, participant, agreement, expires_ms)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            digest(&token),
            grant.participant,
            grant.agreement,
            expires_ms
        ],
    )?;
    Ok(token)
}

/// Reads (id, name, organisation, role) from the first four columns. The outer result is
/// SQLite's, the inner one says whether the role key is one this version knows.
fn participant_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Participant, StoreError>> {
    let key: String = row.get(3)?;
    let Some(role) = Role::from_key(&key) else {
        return Ok(Err(StoreError::Corrupt(format!("unknown role {key:?}"))));
    };
    Ok(Ok(Participant {
        id: row.get(0)?,
        name: row.get(1)?,
        organisation: row.get(2)?,
        role,
    }))
}
