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
