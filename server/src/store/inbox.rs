//! Each participant's inbox: the notices stored changes gave them (`samrad_domain::Notice`),
//! read or not, and the open deadlines a timer checks for warnings. Every query names the
//! recipient, so nobody reads or marks another's.

use super::{Store, StoreError};
use rusqlite::params;
use samrad_domain::{InboxItem, Notice};

/// Most notices one listing returns (the newest).
pub const INBOX_PAGE: usize = 200;

/// An organisation's deadline in one agreement, as the timer checks it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDeadline {
    pub agreement: String,
    pub organisation: String,
    pub deadline_ms: f64,
}

impl Store {
    /// Stores `notices` of `agreement` at `at_ms`, in one transaction; returns those stored (a
    /// notice whose `once_key` its recipient has already had is left out).
    pub fn add_notices(
        &self,
        agreement: &str,
        notices: &[Notice],
        at_ms: i64,
    ) -> Result<Vec<InboxItem>, StoreError> {
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        let mut stored = Vec::new();
        {
            let mut insert = txn.prepare(
                "INSERT OR IGNORE INTO notices (agreement, recipient, once_key, body, at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for notice in notices {
                let body = serde_json::to_string(notice)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let once = notice.once_key();
                if insert.execute(params![agreement, notice.recipient, once, body, at_ms])? == 1 {
                    stored.push(InboxItem {
                        id: txn.last_insert_rowid(),
                        at_ms: at_ms as f64,
                        read: false,
                        notice: notice.clone(),
                    });
                }
            }
        }
        txn.commit()?;
        Ok(stored)
    }

    /// The newest notices of `recipient` in `agreement` (at most [`INBOX_PAGE`]), newest first,
    /// and how many are unread in all.
    pub fn inbox(
        &self,
        agreement: &str,
        recipient: &str,
    ) -> Result<(Vec<InboxItem>, u64), StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT id, body, at_ms, read FROM notices WHERE agreement = ?1 AND recipient = ?2
             ORDER BY id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![agreement, recipient, INBOX_PAGE as i64], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, bool>(3)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (id, body, at_ms, read) = row?;
            let notice: Notice =
                serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            items.push(InboxItem {
                id,
                at_ms: at_ms as f64,
                read,
                notice,
            });
        }
        let unread: i64 = conn.query_row(
            "SELECT COUNT(*) FROM notices WHERE agreement = ?1 AND recipient = ?2 AND read = 0",
            params![agreement, recipient],
            |row| row.get(0),
        )?;
        Ok((items, unread as u64))
    }

    /// Marks `recipient`'s notices `ids` read (all of them when `None`); another's are never
    /// touched. Returns how many changed.
    pub fn mark_read(
        &self,
        agreement: &str,
        recipient: &str,
        ids: Option<&[i64]>,
    ) -> Result<usize, StoreError> {
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        let mut changed = 0;
        match ids {
            None => {
                changed += txn.execute(
                    "UPDATE notices SET read = 1
                     WHERE agreement = ?1 AND recipient = ?2 AND read = 0",
                    params![agreement, recipient],
                )?;
            }
            Some(ids) => {
                let mut update = txn.prepare(
                    "UPDATE notices SET read = 1
                     WHERE id = ?1 AND agreement = ?2 AND recipient = ?3 AND read = 0",
                )?;
                for id in ids {
                    changed += update.execute(params![id, agreement, recipient])?;
                }
            }
        }
        txn.commit()?;
        Ok(changed)
    }

    /// Replaces the open deadlines of `agreement` (`samrad_domain::Agreement::open_deadlines`).
    pub fn set_deadlines(
        &self,
        agreement: &str,
        deadlines: &[(String, f64)],
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let txn = conn.transaction()?;
        txn.execute(
            "DELETE FROM deadlines WHERE agreement = ?1",
            params![agreement],
        )?;
        {
            let mut insert = txn.prepare(
                "INSERT INTO deadlines (agreement, organisation, deadline_ms) VALUES (?1, ?2, ?3)",
            )?;
            for (org, at) in deadlines {
                insert.execute(params![agreement, org, at])?;
            }
        }
        txn.commit()?;
        Ok(())
    }

    /// Open deadlines that lie after `now_ms` and no later than `until_ms`.
    pub fn deadlines_between(
        &self,
        now_ms: f64,
        until_ms: f64,
    ) -> Result<Vec<OpenDeadline>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT agreement, organisation, deadline_ms FROM deadlines
             WHERE deadline_ms > ?1 AND deadline_ms <= ?2 ORDER BY agreement, organisation",
        )?;
        let rows = stmt.query_map(params![now_ms, until_ms], |row| {
            Ok(OpenDeadline {
                agreement: row.get(0)?,
                organisation: row.get(1)?,
                deadline_ms: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
