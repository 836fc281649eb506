//! The introduction: versions, phases, deadlines and who answered when.

use super::sources::Sources;
use super::{AnswerRecord, ConsultedOrganisation, Introduction, PhaseSpan, Recorded, VersionRef};
use crate::{Phase, Version};

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
        phases: phase_spans(&sources.dated),
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

/// The first and last dated entry of each phase, in the order of the phases.
fn phase_spans(dated: &[(Phase, f64)]) -> Vec<PhaseSpan> {
    Phase::ALL
        .into_iter()
        .filter_map(|phase| {
            let times = dated.iter().filter(|(p, _)| *p == phase).map(|(_, t)| *t);
            let (first, last, n) = times.fold((f64::INFINITY, f64::NEG_INFINITY, 0), |acc, t| {
                (acc.0.min(t), acc.1.max(t), acc.2 + 1)
            });
            (n > 0).then_some(PhaseSpan {
                phase,
                first_ms: first,
                last_ms: last,
                entries: n,
            })
        })
        .collect()
}
