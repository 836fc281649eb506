//! Who wants their notices by e-mail, and which notices have been mailed: each person's
//! address, choice (at once, a daily digest, or none) and language per agreement; a notice is
//! mailed once. The secret that signs unsubscribe links is kept here too, so links sent before
//! a restart still work.

use super::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use samrad_domain::{InboxItem, Notice};

/// How someone wants to be told by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailMode {
    /// No e-mail (the default, and what unsubscribing sets).
    Off,
    /// One e-mail per notice, as it happens.
    Immediate,
    /// One e-mail a day with everything not yet read.
    Daily,
}

impl MailMode {
    pub fn key(self) -> &'static str {
        match self {
            MailMode::Off => "off",
            MailMode::Immediate => "immediate",
            MailMode::Daily => "daily",
        }
    }

    pub fn from_key(key: &str) -> Option<MailMode> {
        [MailMode::Off, MailMode::Immediate, MailMode::Daily]
            .into_iter()
            .find(|m| m.key() == key)
    }
}

/// One person's e-mail choice in one agreement.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MailSetting {
    pub address: String,
    pub mode: MailMode,
    /// The language the e-mails are written in (`sv`, `nb`, `nn`, `en`).
    pub lang: String,
}

/// Notices waiting to be mailed to one person.
#[derive(Debug, Clone)]
pub struct Unmailed {
    pub agreement: String,
    pub participant: String,
    pub setting: MailSetting,
    pub items: Vec<InboxItem>,
}

impl Store {
    /// The e-mail choice of `participant` in `agreement`, if they made one.
    pub fn mail_setting(
        &self,
        agreement: &str,
        participant: &str,
    ) -> Result<Option<MailSetting>, StoreError> {
        let conn = self.conn()?;
        let row = conn
            .query_row(
                "SELECT address, mode, lang FROM mail_settings
                 WHERE agreement = ?1 AND participant = ?2",
                params![agreement, participant],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get(2)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(address, mode, lang)| MailSetting {
            address,
            mode: MailMode::from_key(&mode).unwrap_or(MailMode::Off),
            lang,
        }))
    }

    /// Sets the e-mail choice of `participant` in `agreement`. Choosing e-mail now does not
    /// send what came before: everything already in the inbox counts as mailed.
    pub fn set_mail(
        &self,
        agreement: &str,
        participant: &str,
        setting: &MailSetting,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        txn.execute(
            "INSERT INTO mail_settings (agreement, participant, address, mode, lang, digest_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (agreement, participant) DO UPDATE
             SET address = ?3, mode = ?4, lang = ?5",
            params![
                agreement,
                participant,
                setting.address,
                setting.mode.key(),
                setting.lang,
                now_ms
            ],
        )?;
        txn.execute(
            "INSERT OR IGNORE INTO mailed (notice)
             SELECT id FROM notices WHERE agreement = ?1 AND recipient = ?2",
            params![agreement, participant],
        )?;
        txn.commit()?;
        Ok(())
    }

    /// Turns e-mail off for `participant` in `agreement` (an unsubscribe link). Returns whether
    /// they had it on.
    pub fn mail_off(&self, agreement: &str, participant: &str) -> Result<bool, StoreError> {
        let conn = self.conn()?;
        Ok(conn.execute(
            "UPDATE mail_settings SET mode = 'off'
             WHERE agreement = ?1 AND participant = ?2 AND mode != 'off'",
            params![agreement, participant],
        )? > 0)
    }

    /// Unread notices not yet mailed, per person who wants them now (`Immediate`), or — for
    /// `Daily` — whose last digest is older than `digest_before_ms`.
    pub fn unmailed(&self, digest_before_ms: i64) -> Result<Vec<Unmailed>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT s.agreement, s.participant, s.address, s.mode, s.lang, n.id, n.body, n.at_ms
             FROM mail_settings s
             JOIN notices n ON n.agreement = s.agreement AND n.recipient = s.participant
             WHERE n.read = 0 AND n.id NOT IN (SELECT notice FROM mailed)
               AND (s.mode = 'immediate' OR (s.mode = 'daily' AND s.digest_ms <= ?1))
             ORDER BY s.agreement, s.participant, n.id",
        )?;
        let rows = stmt.query_map(params![digest_before_ms], |row| {
            Ok((
                (row.get::<_, String>(0)?, row.get::<_, String>(1)?),
                (
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                ),
                (
                    row.get::<_, i64>(5)?,
                    row.get::<_, String>(6)?,
                    row.get::<_, i64>(7)?,
                ),
            ))
        })?;
        let mut out: Vec<Unmailed> = Vec::new();
        for row in rows {
            let ((agreement, participant), (address, mode, lang), (id, body, at_ms)) = row?;
            let notice: Notice =
                serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let item = InboxItem {
                id,
                at_ms: at_ms as f64,
                read: false,
                notice,
            };
            match out.last_mut() {
                Some(u) if u.agreement == agreement && u.participant == participant => {
                    u.items.push(item)
                }
                _ => out.push(Unmailed {
                    agreement,
                    participant,
                    setting: MailSetting {
                        address,
                        mode: MailMode::from_key(&mode).unwrap_or(MailMode::Off),
                        lang,
                    },
                    items: vec![item],
                }),
            }
        }
        Ok(out)
    }

    /// Records `ids` as mailed to `participant` (and, for a digest, when it was sent).
    pub fn mark_mailed(
        &self,
        agreement: &str,
        participant: &str,
        ids: &[i64],
        digest_ms: Option<i64>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        {
            let mut insert = txn.prepare("INSERT OR IGNORE INTO mailed (notice) VALUES (?1)")?;
            for id in ids {
                insert.execute(params![id])?;
            }
        }
        if let Some(at) = digest_ms {
            txn.execute(
                "UPDATE mail_settings SET digest_ms = ?3 WHERE agreement = ?1 AND participant = ?2",
                params![agreement, participant, at],
            )?;
        }
        txn.commit()?;
        Ok(())
    }

    /// The secret `name`, made (32 random bytes) and kept on first use.
    pub fn secret(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        let conn = self.conn()?;
        let fresh = rand::random::<[u8; 32]>().to_vec();
        conn.execute(
            "INSERT OR IGNORE INTO secrets (name, value) VALUES (?1, ?2)",
            params![name, fresh],
        )?;
        Ok(conn.query_row(
            "SELECT value FROM secrets WHERE name = ?1",
            params![name],
            |row| row.get(0),
        )?)
    }
}
