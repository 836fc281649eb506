use serde::{Deserialize, Serialize};

/// A participant's stable id, as issued by the server.
pub type ParticipantId = String;

/// What a participant may do in the consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads only.
    Observer,
    /// Writes remarks, replies, support and stance drafts (a politician).
    Member,
    /// A member who also proposes wording (a lawyer).
    Jurist,
    /// Also edits clause text, gives dispositions, cuts versions and invites.
    Coordinator,
}

impl Role {
    /// The stable key used in the document, in URLs and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            Role::Observer => "observer",
            Role::Member => "member",
            Role::Jurist => "jurist",
            Role::Coordinator => "coordinator",
        }
    }

    /// Parses [`Role::key`].
    pub fn from_key(key: &str) -> Option<Role> {
        [Role::Observer, Role::Member, Role::Jurist, Role::Coordinator]
            .into_iter()
            .find(|r| r.key() == key)
    }

    /// Whether this role may write remarks and replies.
    pub fn may_remark(self) -> bool {
        !matches!(self, Role::Observer)
    }
}

/// Somebody taking part in an agreement's consultation, on behalf of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Stable id issued by the server.
    pub id: ParticipantId,
    /// Display name.
    pub name: String,
    /// The organisation the participant speaks for.
    pub organisation: String,
    /// What the participant may do.
    pub role: Role,
}
