//! The arguments on a clause: each organisation's motivation of its stance, then the remarks its
//! people wrote on the clause during the consultation, quoted and attributed.

use super::sources::Sources;
use super::{Argument, ArgumentSource, Handling};
use crate::{AnswerRevision, Remark};

/// The arguments on `clause`, by organisation in the order of `sources.organisations` (any
/// other organisation's remarks after them, by name).
pub(super) fn arguments(
    sources: &Sources,
    latest: &[Option<&AnswerRevision>],
    clause: &str,
) -> Vec<Argument> {
    let mut out = Vec::new();
    for (organisation, answer) in sources.organisations.iter().zip(latest) {
        if let Some((answer, stance)) = answer.and_then(|a| Some((a, a.stances.get(clause)?))) {
            if !stance.motivation.is_empty() {
                out.push(Argument {
                    organisation: organisation.name.clone(),
                    text: stance.motivation.clone(),
                    written_ms: answer.sent_ms,
                    source: ArgumentSource::Motivation {
                        stance: stance.value,
                        answer: answer.number,
                    },
                });
            }
        }
        out.extend(
            remarks(sources, clause)
                .filter(|r| r.organisation == organisation.name)
                .map(remark_argument),
        );
    }
    let mut others: Vec<&Remark> = remarks(sources, clause)
        .filter(|r| {
            !sources
                .organisations
                .iter()
                .any(|o| o.name == r.organisation)
        })
        .collect();
    // A stable sort keeps each organisation's remarks oldest first.
    crate::sorting::sort_by(&mut others, |a, b| a.organisation.cmp(&b.organisation));
    out.extend(others.into_iter().map(remark_argument));
    out
}

fn remarks<'a>(sources: &'a Sources, clause: &str) -> impl Iterator<Item = &'a Remark> {
    sources.round.get(clause).into_iter().flatten()
}

fn remark_argument(r: &Remark) -> Argument {
    Argument {
        organisation: r.organisation.clone(),
        text: r.body.clone(),
        written_ms: r.created_ms,
        source: ArgumentSource::Remark {
            id: r.id.clone(),
            kind: r.kind,
            author: r.author_name.clone(),
            quote: r.anchor.as_ref().map(|a| a.quote.clone()),
            proposed_text: r.proposed_text.clone(),
            disposition: r.disposition.as_ref().map(|d| Handling {
                value: d.value,
                motivation: d.motivation.clone(),
            }),
        },
    }
}
