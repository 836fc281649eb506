//! What a compilation is made of, read from the agreement once: the text at the remiss version
//! and now, the consulted organisations with their answers, and the round's remarks by clause.
//! Everything after this works on these plain values.

use crate::fields::{entries, opt_string};
use crate::{
    AnswerRevision, Chapter, ClauseId, DomainError, Phase, PhaseStart, Remark, RemarkFilter,
    Response, Role, Version,
};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use yrs::Transact;

/// The inputs of one compilation.
pub(super) struct Sources {
    pub title: String,
    pub case_number: Option<String>,
    pub phase: Phase,
    pub deadline_ms: Option<f64>,
    pub remiss: Version,
    pub versions: Vec<Version>,
    /// Chapters and live clauses as the remiss version reads.
    pub at_remiss: Arc<Vec<Chapter>>,
    /// Chapters and live clauses now.
    pub now: Vec<Chapter>,
    /// The consulted organisations, by name.
    pub organisations: Vec<Organisation>,
    /// The round's remarks (see compilation.rs) per clause, oldest first.
    pub round: HashMap<ClauseId, Vec<Remark>>,
    /// Per clause, the phase and time of every remark and reply written on it.
    pub dated: HashMap<ClauseId, Vec<(Phase, f64)>>,
    /// The versions from the remiss version on: remarks against these are the round's.
    later: BTreeSet<String>,
    /// When each phase last began, as the server stamped it.
    pub phase_starts: Vec<PhaseStart>,
    /// The coordinators' responses that say something, by clause.
    pub responses: HashMap<ClauseId, Response>,
    names: HashMap<String, String>,
}

/// The text a version was sent on remiss with: its chapters and live clauses. Reading it
/// loads the whole document as it stood at the version, the costliest part of a compilation;
/// a version never changes once cut, so it is read once and kept — by a kept compilation
/// across the rebuilds an answer or the outline causes, and by a page across its openings
/// (see [`crate::Agreement::kept_compilation_from`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RemissText {
    version: String,
    chapters: Arc<Vec<Chapter>>,
}

impl RemissText {
    /// The version it is the text of.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether `other` is the same kept value (not merely equal).
    pub fn same(&self, other: &RemissText) -> bool {
        Arc::ptr_eq(&self.chapters, &other.chapters)
    }
}

impl crate::Agreement {
    /// The text of `version` as the compilation reads it.
    pub fn remiss_text(&self, version: &str) -> Result<RemissText, DomainError> {
        Ok(RemissText {
            version: version.to_string(),
            chapters: Arc::new(self.at_version(version)?.chapters()),
        })
    }
}

/// A consulted organisation's part of the inputs.
pub(super) struct Organisation {
    pub name: String,
    pub respondent: Option<String>,
    /// The deadline that applies to it.
    pub deadline_ms: Option<f64>,
    /// Its sent answers, oldest first.
    pub answers: Vec<AnswerRevision>,
}

impl Sources {
    /// Reads the inputs from `agreement`, the remiss version's text from `text` (read from
    /// it once: a version never changes once cut).
    pub fn read(agreement: &crate::Agreement, text: &RemissText) -> Result<Sources, DomainError> {
        let remiss = text.version.as_str();
        let versions = agreement.versions();
        let position = versions
            .iter()
            .position(|v| v.id == remiss)
            .ok_or_else(|| DomainError::UnknownVersion(remiss.to_string()))?;
        let at_remiss = text.chapters.clone();
        let now = agreement.chapters();
        let responses = at_remiss
            .iter()
            .chain(&now)
            .flat_map(|c| &c.clauses)
            .filter_map(|c| agreement.response(&c.id))
            .filter(|r| !r.text.trim().is_empty())
            .map(|r| (r.clause.clone(), r))
            .collect();
        let names = agreement
            .participants()
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        let organisations: Vec<Organisation> = agreement
            .consulted_organisations()
            .into_iter()
            .map(|name| Organisation {
                respondent: agreement.respondent_of(&name),
                deadline_ms: agreement.deadline_for(&name),
                answers: agreement.answers_of(&name),
                name,
            })
            .collect();
        let threads = agreement.find_remarks(&RemarkFilter::default());
        let later: BTreeSet<String> = versions[position..].iter().map(|v| v.id.clone()).collect();
        let mut by_clause: HashMap<ClauseId, Vec<Remark>> = HashMap::new();
        for remark in threads {
            by_clause
                .entry(remark.clause.clone())
                .or_default()
                .push(remark);
        }
        let mut round = HashMap::new();
        let mut dated = HashMap::new();
        for (clause, threads) in by_clause {
            dated.insert(clause.clone(), dated_remarks(&threads));
            round.insert(clause, in_round(threads, &later));
        }
        Ok(Sources {
            title: agreement.title(),
            case_number: agreement.case_number(),
            phase: agreement.phase(),
            deadline_ms: agreement.deadline(),
            remiss: versions[position].clone(),
            now,
            at_remiss,
            responses,
            versions,
            organisations,
            round,
            dated,
            later,
            phase_starts: agreement.phase_starts(),
            names,
        })
    }

    /// A participant's name (their id, should they not be registered).
    pub fn name(&self, participant: &str) -> String {
        self.names
            .get(participant)
            .cloned()
            .unwrap_or_else(|| participant.to_string())
    }
}

/// The phase and time of every remark and reply in `threads`.
fn dated_remarks(threads: &[Remark]) -> Vec<(Phase, f64)> {
    threads
        .iter()
        .flat_map(|r| std::iter::once(r).chain(&r.replies))
        .map(|r| (r.phase, r.created_ms))
        .collect()
}

/// Of one clause's `threads`, the remarks of the round (see compilation.rs), without replies.
fn in_round(threads: Vec<Remark>, later: &BTreeSet<String>) -> Vec<Remark> {
    threads
        .into_iter()
        .filter(|remark| {
            remark.phase == Phase::Consultation
                && !remark.withdrawn
                && remark.role != Role::Coordinator
                && remark.version.as_ref().is_some_and(|v| later.contains(v))
        })
        .map(|mut remark| {
            remark.replies.clear();
            remark
        })
        .collect()
}

impl Sources {
    /// Every dated entry with the phase it was written in: remarks, replies, sent answers.
    pub fn dated(&self) -> Vec<(Phase, f64)> {
        let remarks = self.dated.values().flatten().copied();
        // Answers are only ever sent during a consultation.
        let answers = self
            .organisations
            .iter()
            .flat_map(|o| &o.answers)
            .map(|a| (Phase::Consultation, a.sent_ms));
        remarks.chain(answers).collect()
    }

    /// Reads `clause`'s remarks again.
    pub fn reread_remarks(&mut self, agreement: &crate::Agreement, clause: &str) {
        let threads = agreement.find_remarks(&RemarkFilter {
            clause: Some(clause.to_string()),
            ..RemarkFilter::default()
        });
        self.dated
            .insert(clause.to_string(), dated_remarks(&threads));
        self.round
            .insert(clause.to_string(), in_round(threads, &self.later));
    }

    /// Reads `clause`'s wording now and the coordinators' response to it again.
    pub fn reread_clause(&mut self, agreement: &crate::Agreement, clause: &str) {
        let now = agreement.clause(clause);
        for chapter in &mut self.now {
            if let Some(at) = chapter.clauses.iter().position(|c| c.id == clause) {
                match &now {
                    Some(now) => chapter.clauses[at] = now.clone(),
                    None => {
                        chapter.clauses.remove(at);
                    }
                }
            }
        }
        match agreement
            .response(clause)
            .filter(|r| !r.text.trim().is_empty())
        {
            Some(response) => self.responses.insert(clause.to_string(), response),
            None => self.responses.remove(clause),
        };
    }

    /// Whether `organisation`'s sent answers are still those read.
    pub fn answers_unchanged(&self, agreement: &crate::Agreement, organisation: &str) -> bool {
        let read = self.organisations.iter().find(|o| o.name == organisation);
        read.is_some_and(|o| o.answers == agreement.answers_of(organisation))
    }
}

impl crate::Agreement {
    /// The organisations consulted, by name. While a remiss is open, or before any closed: those
    /// taking part now (see `organisations_taking_part` below). Once one has closed, those it
    /// went to as the server recorded them when it closed, with any that drafted or sent a stance:
    /// an organisation invited afterwards did not get it (it is asked in the next round).
    pub fn consulted_organisations(&self) -> Vec<String> {
        let recipients = (self.phase() != Phase::Consultation)
            .then(|| self.last_remiss_recipients())
            .flatten();
        let consulted: BTreeSet<String> = match recipients {
            Some(recipients) => {
                let mut consulted: BTreeSet<String> = recipients.into_iter().collect();
                self.with_index(|ix, _| consulted.extend(ix.stances.organisations().cloned()));
                consulted.remove("");
                consulted
            }
            None => self.organisations_taking_part(),
        };
        consulted.into_iter().collect()
    }

    /// The organisations a remiss open now goes to: those with a member or a jurist, a named
    /// respondent who is not a coordinator, or a drafted or sent stance. The coordinators send
    /// the draft out and compile the answers: their own organisation is not asked for one
    /// (naming a coordinator its respondent does not make it so), nor is one of observers only.
    /// Stances are read from the index, so this costs what the participants hold.
    pub(crate) fn organisations_taking_part(&self) -> BTreeSet<String> {
        let participants = self.participants();
        let coordinators: BTreeSet<&str> = participants
            .iter()
            .filter(|p| p.role == Role::Coordinator)
            .map(|p| p.id.as_str())
            .collect();
        let mut taking_part: BTreeSet<String> = participants
            .iter()
            .filter(|p| matches!(p.role, Role::Member | Role::Jurist))
            .map(|p| p.organisation.clone())
            .collect();
        {
            let txn = self.doc.transact();
            for (organisation, m) in entries(&self.organisations, &txn) {
                let respondent = opt_string(&m, &txn, "respondent");
                if respondent.is_some_and(|r| !coordinators.contains(r.as_str())) {
                    taking_part.insert(organisation);
                }
            }
        }
        self.with_index(|ix, _| taking_part.extend(ix.stances.organisations().cloned()));
        taking_part.remove("");
        taking_part
    }
}
