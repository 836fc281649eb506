//! The compilation chapter by chapter and clause by clause: the remiss wording, the positions,
//! the arguments and the outcome.

use super::arguments::arguments;
use super::sources::Sources;
use super::{
    ChapterCompilation, ClauseCompilation, ClauseCondition, ClauseResponse, Outcome, Position,
    StanceGroup,
};
use crate::{word_diff, AnswerRevision, Clause};
use std::collections::{HashMap, HashSet};

pub(super) fn build(sources: &Sources) -> Vec<ChapterCompilation> {
    let latest: Vec<Option<&AnswerRevision>> = sources
        .organisations
        .iter()
        .map(|o| o.answers.last())
        .collect();
    let now: HashMap<&str, &Clause> = sources
        .now
        .iter()
        .flat_map(|c| &c.clauses)
        .map(|c| (c.id.as_str(), c))
        .collect();
    let sent: HashSet<&str> = sources
        .at_remiss
        .iter()
        .flat_map(|c| &c.clauses)
        .map(|c| c.id.as_str())
        .collect();
    let mut chapters: Vec<ChapterCompilation> = sources
        .at_remiss
        .iter()
        .map(|chapter| ChapterCompilation {
            id: chapter.id.clone(),
            number: chapter.number.clone(),
            title: chapter.title.clone(),
            clauses: chapter
                .clauses
                .iter()
                .map(|clause| sent_clause(sources, &latest, clause, now.get(clause.id.as_str())))
                .collect(),
        })
        .collect();
    add_new_clauses(&mut chapters, sources, &sent);
    chapters
}

/// Clause `id`'s section alone, as [`build`] makes it (`None`: neither sent nor live now).
pub(super) fn one(sources: &Sources, id: &str) -> Option<ClauseCompilation> {
    let latest: Vec<Option<&AnswerRevision>> = sources
        .organisations
        .iter()
        .map(|o| o.answers.last())
        .collect();
    let now = sources
        .now
        .iter()
        .flat_map(|c| &c.clauses)
        .find(|c| c.id == id);
    let sent = sources
        .at_remiss
        .iter()
        .flat_map(|c| &c.clauses)
        .find(|c| c.id == id);
    match sent {
        Some(sent) => Some(sent_clause(sources, &latest, sent, now.as_ref())),
        None => now.map(|now| added_clause(sources, now)),
    }
}

/// A clause that was sent on remiss.
fn sent_clause(
    sources: &Sources,
    latest: &[Option<&AnswerRevision>],
    clause: &Clause,
    now: Option<&&Clause>,
) -> ClauseCompilation {
    let mut groups: Vec<StanceGroup> = Position::ALL
        .into_iter()
        .map(|position| StanceGroup {
            position,
            organisations: Vec::new(),
        })
        .collect();
    for (organisation, answer) in sources.organisations.iter().zip(latest) {
        let stance = answer.and_then(|a| a.stances.get(&clause.id));
        let position = Position::of(stance.map(|s| s.value));
        if let Some(group) = groups.iter_mut().find(|g| g.position == position) {
            group.organisations.push(organisation.name.clone());
        }
    }
    let outcome = match now {
        None => Outcome::Removed,
        Some(now)
            if now.text == clause.text
                && now.number == clause.number
                && now.heading == clause.heading =>
        {
            Outcome::Unchanged
        }
        Some(now) => Outcome::Changed {
            number: now.number.clone(),
            heading: now.heading.clone(),
            text: now.text.clone(),
            diff: word_diff(&clause.text, &now.text),
        },
    };
    ClauseCompilation {
        id: clause.id.clone(),
        number: clause.number.clone(),
        heading: clause.heading.clone(),
        remiss_text: clause.text.clone(),
        groups,
        arguments: arguments(sources, latest, &clause.id),
        conditions: conditions(sources, latest, &clause.id),
        response: response(sources, &clause.id),
        outcome,
    }
}

/// The conditions deciding bodies set on `clause`, by organisation.
fn conditions(
    sources: &Sources,
    latest: &[Option<&AnswerRevision>],
    clause: &str,
) -> Vec<ClauseCondition> {
    let decided = sources
        .organisations
        .iter()
        .zip(latest)
        .filter_map(|(o, a)| {
            let decision = a.as_ref()?.decision.as_ref()?;
            Some((o, decision))
        });
    decided
        .flat_map(|(o, d)| {
            d.conditions
                .iter()
                .filter(|c| c.clause == clause)
                .map(|c| ClauseCondition {
                    organisation: o.name.clone(),
                    text: c.text.clone(),
                })
        })
        .collect()
}

/// The coordinators' response on `clause`, naming who last changed it.
fn response(sources: &Sources, clause: &str) -> Option<ClauseResponse> {
    sources.responses.get(clause).map(|r| ClauseResponse {
        text: r.text.clone(),
        updated_by: sources.name(&r.updated_by),
        updated_ms: r.updated_ms,
    })
}

/// Clauses added since the remiss, at the end of their chapter (a new chapter at the end).
fn add_new_clauses(
    chapters: &mut Vec<ChapterCompilation>,
    sources: &Sources,
    sent: &HashSet<&str>,
) {
    for chapter in &sources.now {
        let added: Vec<ClauseCompilation> = chapter
            .clauses
            .iter()
            .filter(|c| !sent.contains(c.id.as_str()))
            .map(|c| added_clause(sources, c))
            .collect();
        if added.is_empty() {
            continue;
        }
        match chapters.iter_mut().find(|c| c.id == chapter.id) {
            Some(existing) => existing.clauses.extend(added),
            None => chapters.push(ChapterCompilation {
                id: chapter.id.clone(),
                number: chapter.number.clone(),
                title: chapter.title.clone(),
                clauses: added,
            }),
        }
    }
}

/// A clause added since the remiss: nobody was asked about it.
fn added_clause(sources: &Sources, c: &Clause) -> ClauseCompilation {
    ClauseCompilation {
        id: c.id.clone(),
        number: c.number.clone(),
        heading: c.heading.clone(),
        remiss_text: String::new(),
        groups: Vec::new(),
        arguments: Vec::new(),
        conditions: Vec::new(),
        response: response(sources, &c.id),
        outcome: Outcome::Added {
            text: c.text.clone(),
        },
    }
}
