//! The formal decision behind an organisation's answer: which body decided it (nämnd,
//! styrelse, kommunstyrelse, kommunestyre …), on which day, under which item (§ 45, sak
//! 23/45), with the parties' reservations or special statements and the conditions the body
//! set on single clauses ("men med den endring at siste kulepunkt i pkt. 4.3 fell bort").
//!
//! An answer that arrived another way (by e-mail, on paper) can be recorded by a coordinator
//! on the organisation's behalf; it is marked as such, with who recorded it and when.

use crate::{ClauseId, ParticipantId};
use serde::{Deserialize, Serialize};

/// The body's decision on an organisation's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The deciding body: "Kommunstyrelsen", "Kommunestyret", "Hälso- och sjukvårdsnämnden".
    pub body: String,
    /// The day of the meeting, ISO 8601 (`2027-03-09`): a calendar date, no time zone.
    pub date: String,
    /// The item in the minutes: "§ 45", "sak 23/45", "PS 12/27".
    pub item: String,
    /// Reservations and special statements, in the order the minutes give them.
    pub reservations: Vec<Reservation>,
    /// Conditions set on single clauses.
    pub conditions: Vec<Condition>,
}

/// A party's dissent or statement recorded with the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    /// The party (or group of members) it is recorded for: "Vänsterpartiet", "Senterpartiet".
    pub party: String,
    pub kind: ReservationKind,
    /// What they said, as in the minutes.
    pub text: String,
}

/// How a party's view is recorded in the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationKind {
    /// reservation / dissens: the party voted against the decision.
    Reservation,
    /// särskilt yttrande / særmerknad, protokolltilførsel: a statement beside the decision.
    SpecialStatement,
}

impl ReservationKind {
    /// Every kind, in the order they are offered.
    pub const ALL: [ReservationKind; 2] = [
        ReservationKind::Reservation,
        ReservationKind::SpecialStatement,
    ];

    /// Stable key used in the document and in UI string keys.
    pub fn key(self) -> &'static str {
        match self {
            ReservationKind::Reservation => "reservation",
            ReservationKind::SpecialStatement => "special_statement",
        }
    }

    /// Parses [`ReservationKind::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A condition the deciding body set on one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub clause: ClauseId,
    pub text: String,
}

/// An answer a coordinator recorded for an organisation (it came by e-mail or on paper).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnBehalf {
    /// The coordinator who recorded it.
    pub recorded_by: ParticipantId,
    /// When it was recorded.
    pub recorded_ms: f64,
}
