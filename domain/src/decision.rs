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

/// Longest deciding body's name, in characters.
pub const MAX_BODY: usize = 120;
/// Longest item reference ("§ 45", "PS 12/27").
pub const MAX_ITEM: usize = 60;
/// Longest party name.
pub const MAX_PARTY: usize = 80;
/// Longest reservation, statement or condition.
pub const MAX_NOTE: usize = 4_000;
/// Most reservations, statements and conditions on one decision.
pub const MAX_NOTES: usize = 50;

/// What is wrong with a decision as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionFault {
    /// The deciding body is not named.
    #[error("the deciding body is not named")]
    NoBody,
    /// The date is not a calendar date written `2027-03-09`.
    #[error("the date of the decision is not a date")]
    BadDate,
    /// The date has not come yet.
    #[error("the date of the decision is in the future")]
    FutureDate,
    /// A name, item or text is longer than a record holds.
    #[error("a name, item or text is too long")]
    TooLong,
    /// A reservation or statement names no party.
    #[error("a reservation names no party")]
    NoParty,
    /// A reservation, statement or condition says nothing.
    #[error("a reservation or condition says nothing")]
    Empty,
    /// A condition is on a clause the answer has no stance on.
    #[error("a condition is on a clause the answer does not answer")]
    UnknownClause,
    /// More reservations and conditions than a record holds.
    #[error("too many reservations and conditions")]
    TooMany,
}

impl Decision {
    /// Checks the record before it is written (and the server checks it again): the body and
    /// a real date no later than `today` are given, every reservation names its party and
    /// says something, every condition is on one of `clauses`, nothing is over-long.
    pub fn check(
        &self,
        today: crate::calendar::Date,
        clauses: &dyn Fn(&str) -> bool,
    ) -> Result<(), DecisionFault> {
        let long = |s: &str, max: usize| s.chars().count() > max;
        if self.body.trim().is_empty() {
            return Err(DecisionFault::NoBody);
        }
        let date = crate::calendar::Date::parse(&self.date).ok_or(DecisionFault::BadDate)?;
        if date > today {
            return Err(DecisionFault::FutureDate);
        }
        if long(&self.body, MAX_BODY) || long(&self.item, MAX_ITEM) {
            return Err(DecisionFault::TooLong);
        }
        if self.reservations.len() + self.conditions.len() > MAX_NOTES {
            return Err(DecisionFault::TooMany);
        }
        for r in &self.reservations {
            if r.party.trim().is_empty() {
                return Err(DecisionFault::NoParty);
            }
            if r.text.trim().is_empty() {
                return Err(DecisionFault::Empty);
            }
            if long(&r.party, MAX_PARTY) || long(&r.text, MAX_NOTE) {
                return Err(DecisionFault::TooLong);
            }
        }
        for c in &self.conditions {
            if c.text.trim().is_empty() {
                return Err(DecisionFault::Empty);
            }
            if long(&c.text, MAX_NOTE) {
                return Err(DecisionFault::TooLong);
            }
            if !clauses(&c.clause) {
                return Err(DecisionFault::UnknownClause);
            }
        }
        Ok(())
    }

    /// The reservations, statements and conditions as the document stores them: rows of
    /// `[kind, party or clause, text]`, kind `reservation`, `special_statement` or `condition`.
    pub(crate) fn notes(&self) -> Vec<[String; 3]> {
        let reservations = self
            .reservations
            .iter()
            .map(|r| [r.kind.key().to_string(), r.party.clone(), r.text.clone()]);
        let conditions = self
            .conditions
            .iter()
            .map(|c| [CONDITION.to_string(), c.clause.clone(), c.text.clone()]);
        reservations.chain(conditions).collect()
    }

    /// Reads [`Decision::notes`] back into reservations and conditions (a row of an unknown
    /// kind is skipped).
    pub(crate) fn with_notes<'a>(mut self, rows: impl Iterator<Item = [&'a str; 3]>) -> Decision {
        for [kind, about, text] in rows {
            if kind == CONDITION {
                self.conditions.push(Condition {
                    clause: about.into(),
                    text: text.into(),
                });
            } else if let Some(kind) = ReservationKind::from_key(kind) {
                self.reservations.push(Reservation {
                    party: about.into(),
                    kind,
                    text: text.into(),
                });
            }
        }
        self
    }
}

/// The kind of a stored note that is a condition on a clause.
pub(crate) const CONDITION: &str = "condition";

/// Whether `kind` names a stored note (for the schema).
pub(crate) fn note_kind(kind: &str) -> bool {
    kind == CONDITION || ReservationKind::from_key(kind).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    fn decision() -> Decision {
        Decision {
            body: "Kommunstyrelsen".into(),
            date: "2027-03-09".into(),
            item: "§ 45".into(),
            reservations: vec![Reservation {
                party: "Vänsterpartiet".into(),
                kind: ReservationKind::Reservation,
                text: "Vi yrkar avslag på punkt 3.2.".into(),
            }],
            conditions: vec![Condition {
                clause: "c1".into(),
                text: "men med den endring at siste kulepunkt i pkt. 4.3 fell bort".into(),
            }],
        }
    }

    fn check(d: &Decision) -> Result<(), DecisionFault> {
        let today = Date::parse("2027-03-10").expect("a date");
        d.check(today, &|c| c == "c1")
    }

    #[test]
    fn a_decision_needs_its_body_a_past_date_and_whole_notes() {
        assert_eq!(check(&decision()), Ok(()));
        let with = |f: &dyn Fn(&mut Decision)| {
            let mut d = decision();
            f(&mut d);
            check(&d)
        };
        assert_eq!(with(&|d| d.body = " ".into()), Err(DecisionFault::NoBody));
        assert_eq!(
            with(&|d| d.date = "9 mars".into()),
            Err(DecisionFault::BadDate)
        );
        assert_eq!(
            with(&|d| d.date = "2027-02-30".into()),
            Err(DecisionFault::BadDate)
        );
        assert_eq!(
            with(&|d| d.date = "2027-03-11".into()),
            Err(DecisionFault::FutureDate)
        );
        assert_eq!(
            with(&|d| d.item = "§".repeat(61)),
            Err(DecisionFault::TooLong)
        );
        assert_eq!(
            with(&|d| d.reservations[0].party.clear()),
            Err(DecisionFault::NoParty)
        );
        assert_eq!(
            with(&|d| d.reservations[0].text = "\n".into()),
            Err(DecisionFault::Empty)
        );
        assert_eq!(
            with(&|d| d.conditions[0].clause = "c9".into()),
            Err(DecisionFault::UnknownClause)
        );
        assert_eq!(
            with(&|d| d.conditions = vec![d.conditions[0].clone(); 51]),
            Err(DecisionFault::TooMany)
        );
        assert_eq!(
            with(&|d| d.item.clear()),
            Ok(()),
            "an item is not always given"
        );
    }

    #[test]
    fn notes_are_stored_as_rows_and_read_back() {
        let d = decision();
        let rows = d.notes();
        assert_eq!(rows[0][0], "reservation");
        assert_eq!(rows[1][..2], ["condition".to_string(), "c1".to_string()]);
        let bare = Decision {
            reservations: Vec::new(),
            conditions: Vec::new(),
            ..d.clone()
        };
        let read = bare.with_notes(
            rows.iter()
                .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str()]),
        );
        assert_eq!(read, d);
        assert!(note_kind("special_statement") && note_kind("condition") && !note_kind("x"));
    }
}
