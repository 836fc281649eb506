//! Letting someone new into an agreement: the participant record built from what a coordinator
//! typed (in the app's form or an admin command, judged alike), and their entry into the
//! agreement's document, written by the agreement's room — the one writer of its log.

use crate::rooms::{next_conn_id, Command, Outgoing, Rooms};
use samrad_domain::{Participant, Role};
use std::time::Duration;
use thiserror::Error;
use tokio::sync::mpsc;

/// Longest name or organisation accepted, in characters.
pub const MAX_FIELD: usize = 120;

/// How long [`enter`] waits for the room to store the registration.
const ENTER_WAIT: Duration = Duration::from_secs(10);

/// Why a newcomer cannot be invited as typed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum NewcomerError {
    /// A field is empty (or only spaces).
    #[error("{0} is empty")]
    Empty(&'static str),
    /// A field is too long or holds control characters.
    #[error("{0} must be at most {MAX_FIELD} characters, without control characters")]
    Unfit(&'static str),
    /// The role is not one Samråd knows.
    #[error("unknown role {0:?} (observer, member, jurist or coordinator)")]
    UnknownRole(String),
}

/// A trimmed, non-empty field of at most [`MAX_FIELD`] characters without control characters.
fn field(value: &str, what: &'static str) -> Result<String, NewcomerError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(NewcomerError::Empty(what));
    }
    if value.chars().count() > MAX_FIELD || value.chars().any(char::is_control) {
        return Err(NewcomerError::Unfit(what));
    }
    Ok(value.to_string())
}

/// A new participant with a fresh id, from the name, organisation and role key typed.
pub fn newcomer(name: &str, organisation: &str, role: &str) -> Result<Participant, NewcomerError> {
    let role = Role::from_key(role).ok_or_else(|| NewcomerError::UnknownRole(role.to_string()))?;
    Ok(Participant {
        id: format!("p-{}", &crate::store::fresh_secret()[..12]),
        name: field(name, "name")?,
        organisation: field(organisation, "organisation")?,
        role,
    })
}

/// Registers `participant` (already in the store) in the agreement's document through its
/// room, so colleagues see them and can @mention them at once rather than when they first
/// connect. The room does it as for any newcomer connecting — stores the registration, relays
/// it — here for a connection that leaves straight away. Returns whether the room confirmed it;
/// if not, the room registers them when they first connect, as before.
pub async fn enter(rooms: &Rooms, agreement: &str, participant: Participant) -> bool {
    let Ok(room) = rooms.get(agreement) else {
        return false;
    };
    let conn = next_conn_id();
    let (outbox, mut inbox) = mpsc::channel(8);
    let joined = room
        .send(Command::Join {
            conn,
            participant,
            outbox,
        })
        .await;
    // The room answers a join only after the registration is stored.
    let confirmed = joined
        && matches!(
            tokio::time::timeout(ENTER_WAIT, inbox.recv()).await,
            Ok(Some(Outgoing::Frame(_) | Outgoing::Relay(..)))
        );
    room.send(Command::Leave { conn }).await;
    confirmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newcomers_are_judged_before_they_are_invited() {
        let p = newcomer("  Ingrid Berg ", "Ekby kommun", "jurist").expect("fit");
        assert_eq!(p.name, "Ingrid Berg");
        assert_eq!(p.role, Role::Jurist);
        assert!(p.id.starts_with("p-") && p.id.len() == 14, "{}", p.id);
        assert_eq!(
            newcomer(" ", "X", "member"),
            Err(NewcomerError::Empty("name"))
        );
        assert_eq!(
            newcomer("X", &"o".repeat(121), "member"),
            Err(NewcomerError::Unfit("organisation"))
        );
        assert_eq!(
            newcomer("X\u{7}", "Y", "member"),
            Err(NewcomerError::Unfit("name"))
        );
        assert_eq!(
            newcomer("X", "Y", "boss"),
            Err(NewcomerError::UnknownRole("boss".into()))
        );
    }
}
