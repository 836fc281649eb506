//! The introduction: versions, phases, deadlines and who answered when.

use super::sources::Sources;
use super::{AnswerRecord, ConsultedOrganisation, Introduction, PhaseSpan, Recorded, VersionRef};
use crate::{Phase, PhaseStart, Version};

pub(super) fn build(sources: &Sources) -> Introduction {
    Introduction {
        case_number: sources.case_number.clone(),
        phase: sources.phase,
        remiss_version: version_ref(sources, &sources.remiss),
        versions: sources
            .versions
            .iter()
            .map(|v| version_ref(sources, v))
            .collect(),
        deadline_ms: sources.deadline_ms,
        phases: phase_spans(&sources.dated(), &sources.phase_starts),
        organisations: sources
            .organisations
            .iter()
            .map(|o| ConsultedOrganisation {
                name: o.name.clone(),
                respondent: o.respondent.as_deref().map(|p| sources.name(p)),
                extension_ms: o.deadline_ms.filter(|d| Some(*d) != sources.deadline_ms),
                answers: o
                    .answers
                    .iter()
                    .map(|a| AnswerRecord {
                        number: a.number,
                        sent_ms: a.sent_ms,
                        sent_by: sources.name(&a.sent_by),
                        on_behalf: a.on_behalf.then(|| Recorded {
                            by: sources.name(&a.sent_by),
                            at_ms: a.sent_ms,
                        }),
                        decision: a.decision.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn version_ref(sources: &Sources, v: &Version) -> VersionRef {
    VersionRef {
        id: v.id.clone(),
        name: v.name.clone(),
        created_ms: v.created_ms,
        by: sources.name(&v.by),
    }
}

/// When each phase began, and its first and last dated entry, in the order of the phases. A
/// phase that began but has no entries yet spans from its start.
pub(super) fn phase_spans(dated: &[(Phase, f64)], starts: &[PhaseStart]) -> Vec<PhaseSpan> {
    Phase::ALL
        .into_iter()
        .filter_map(|phase| {
            let began_ms = starts.iter().find(|s| s.phase == phase).map(|s| s.began_ms);
            let times = dated.iter().filter(|(p, _)| *p == phase).map(|(_, t)| *t);
            let (first, last, n) = times.fold((f64::INFINITY, f64::NEG_INFINITY, 0), |acc, t| {
                (acc.0.min(t), acc.1.max(t), acc.2 + 1)
            });
            let (first_ms, last_ms) = match (n, began_ms) {
                (0, Some(began)) => (began, began),
                _ => (first, last),
            };
            (n > 0 || began_ms.is_some()).then_some(PhaseSpan {
                phase,
                began_ms,
                first_ms,
                last_ms,
                entries: n,
            })
        })
        .collect()
}

/// How a phase's entries fall in time, said after when the phase began: a day is said once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryDays {
    /// When the phase began is not on record: the phase is named with its span.
    Unstamped,
    /// All on the day the phase began.
    DayItBegan,
    /// All on one other day.
    OneDay,
    /// From one day to another.
    Days,
}

impl PhaseSpan {
    /// How its entries fall in time, by Swedish and Norwegian days (see calendar.rs).
    pub fn entry_days(&self) -> EntryDays {
        let day = |ms: f64| crate::calendar::LocalTime::of(ms).date;
        match self.began_ms {
            None => EntryDays::Unstamped,
            Some(_) if day(self.first_ms) != day(self.last_ms) => EntryDays::Days,
            Some(began) if day(began) == day(self.first_ms) => EntryDays::DayItBegan,
            Some(_) => EntryDays::OneDay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2 December 2026, 09:00 Swedish time.
    const MORNING: f64 = 1_796_198_400_000.0;
    const HOUR: f64 = 3_600_000.0;

    fn span(began_ms: Option<f64>, first_ms: f64, last_ms: f64) -> PhaseSpan {
        PhaseSpan {
            phase: Phase::Consultation,
            began_ms,
            first_ms,
            last_ms,
            entries: 5,
        }
    }

    #[test]
    fn a_day_is_said_once() {
        let day = 24.0 * HOUR;
        assert_eq!(
            span(None, MORNING, MORNING).entry_days(),
            EntryDays::Unstamped
        );
        let same = span(Some(MORNING), MORNING + HOUR, MORNING + 8.0 * HOUR);
        assert_eq!(same.entry_days(), EntryDays::DayItBegan);
        let later = span(Some(MORNING), MORNING + day, MORNING + day + HOUR);
        assert_eq!(later.entry_days(), EntryDays::OneDay);
        let over = span(Some(MORNING), MORNING + HOUR, MORNING + 3.0 * day);
        assert_eq!(over.entry_days(), EntryDays::Days);
        // 23:30 and 00:30 Swedish time are two days, though an hour apart.
        let midnight = MORNING + 14.5 * HOUR;
        let two = span(Some(MORNING), midnight, midnight + HOUR);
        assert_eq!(two.entry_days(), EntryDays::Days);
    }
}
