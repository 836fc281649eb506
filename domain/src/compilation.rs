//! The compilation of a consultation round — the Swedish *remissammanställning*, the Norwegian
//! *høringsoppsummering* — as one plain struct, computed from the agreement and the version
//! that was sent on remiss. The compilation page, the Word document and the spreadsheet all
//! render this struct; none of them reads the agreement itself.
//!
//! It has the sections such documents have (see research.md): an introduction (the round's
//! dates, versions and phases, who was consulted, who answered when and how), a summary
//! (stance counts per chapter and clause, the main points), then per chapter and clause the
//! clause as sent on remiss, the organisations grouped by stance, their arguments quoted and
//! attributed, the coordinators' response and the outcome: unchanged, or changed with the word
//! diff from the remiss wording to the current one.
//!
//! What counts:
//! - An organisation is *consulted* when it has a named respondent, a member or jurist, or
//!   has drafted or sent a stance ([`Agreement::consulted_organisations`]); an organisation
//!   of coordinators or observers only is not.
//! - Its stance is the one in its latest sent answer; drafts are not answers.
//! - Its arguments on a clause are that stance's motivation and the remarks its people wrote
//!   on the clause during the consultation, against the remiss version or a later one
//!   (top-level remarks, not withdrawn; coordinators' own remarks are the compilers', not the
//!   consulted's). Each remark carries the coordinators' disposition, if given.

mod arguments;
mod clauses;
mod introduction;
mod kept;
mod matrix;
mod order;
mod sources;
mod summary;

use crate::{
    ChapterId, ClauseId, Decision, DiffPart, DispositionValue, Phase, RemarkId, RemarkKind,
    StanceValue,
};
use serde::{Deserialize, Serialize};

pub use introduction::EntryDays;
pub use kept::{CompilationUpdate, KeptCompilation};
pub use matrix::{
    MatrixAnswer, MatrixChapter, MatrixClause, MatrixFilter, MatrixOrganisation, OverviewUpdate,
    StanceOverview,
};
pub use sources::RemissText;

/// The compilation of one consultation round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compilation {
    /// The agreement's title.
    pub title: String,
    pub introduction: Introduction,
    pub summary: Summary,
    /// The agreement as sent on remiss, chapter by chapter, with clauses added since at the
    /// end of their chapter.
    pub chapters: Vec<ChapterCompilation>,
}

/// Where an organisation stands on a clause in the compilation: one of the stances, or no
/// answer on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// tillstyrker / støtter
    Supports,
    /// tillstyrker med ändring / støtter med endring
    SupportsWithChanges,
    /// avstyrker / støtter ikke
    Opposes,
    /// ingen erinran / ingen merknad
    NoRemarks,
    /// No sent stance on the clause (no answer, or an answer that left the clause out).
    NotAnswered,
}

impl Position {
    /// Every position, in the order compilations list them.
    pub const ALL: [Position; 5] = [
        Position::Supports,
        Position::SupportsWithChanges,
        Position::Opposes,
        Position::NoRemarks,
        Position::NotAnswered,
    ];

    /// Stable key, as the stance's key (`supports` …) plus `not_answered`.
    pub fn key(self) -> &'static str {
        match self.stance() {
            Some(stance) => stance.key(),
            None => "not_answered",
        }
    }

    /// Parses [`Position::key`].
    pub fn from_key(key: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The position of a sent stance, or of none.
    pub fn of(stance: Option<StanceValue>) -> Position {
        match stance {
            Some(StanceValue::Supports) => Position::Supports,
            Some(StanceValue::SupportsWithChanges) => Position::SupportsWithChanges,
            Some(StanceValue::Opposes) => Position::Opposes,
            Some(StanceValue::NoRemarks) => Position::NoRemarks,
            None => Position::NotAnswered,
        }
    }

    /// The stance this position is, if any.
    pub fn stance(self) -> Option<StanceValue> {
        match self {
            Position::Supports => Some(StanceValue::Supports),
            Position::SupportsWithChanges => Some(StanceValue::SupportsWithChanges),
            Position::Opposes => Some(StanceValue::Opposes),
            Position::NoRemarks => Some(StanceValue::NoRemarks),
            Position::NotAnswered => None,
        }
    }
}

/// How many organisations hold each position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StanceCounts {
    pub supports: usize,
    pub supports_with_changes: usize,
    pub opposes: usize,
    pub no_remarks: usize,
    pub not_answered: usize,
}

impl StanceCounts {
    fn slot(&mut self, position: Position) -> &mut usize {
        match position {
            Position::Supports => &mut self.supports,
            Position::SupportsWithChanges => &mut self.supports_with_changes,
            Position::Opposes => &mut self.opposes,
            Position::NoRemarks => &mut self.no_remarks,
            Position::NotAnswered => &mut self.not_answered,
        }
    }

    /// Counts one more organisation at `position`.
    pub fn add(&mut self, position: Position) {
        *self.slot(position) += 1;
    }

    /// Counts one organisation fewer at `position` (one that moved elsewhere).
    pub fn remove(&mut self, position: Position) {
        let slot = self.slot(position);
        *slot = slot.saturating_sub(1);
    }

    /// Adds another set of counts to these.
    pub fn merge(&mut self, other: &StanceCounts) {
        for position in Position::ALL {
            *self.slot(position) += other.get(position);
        }
    }

    /// How many hold `position`.
    pub fn get(&self, position: Position) -> usize {
        match position {
            Position::Supports => self.supports,
            Position::SupportsWithChanges => self.supports_with_changes,
            Position::Opposes => self.opposes,
            Position::NoRemarks => self.no_remarks,
            Position::NotAnswered => self.not_answered,
        }
    }

    /// How many stated a stance.
    pub fn answered(&self) -> usize {
        self.total() - self.not_answered
    }

    /// Everyone counted, answered or not.
    pub fn total(&self) -> usize {
        Position::ALL.into_iter().map(|p| self.get(p)).sum()
    }
}

/// A named version as the compilation names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionRef {
    pub id: String,
    pub name: String,
    pub created_ms: f64,
    /// The name of the coordinator who cut it.
    pub by: String,
}

/// The introduction: the round's process as far as the document records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introduction {
    /// The case number the agreement is filed under (diarienummer, saksnummer), if set.
    pub case_number: Option<String>,
    /// Where the agreement stands now.
    pub phase: Phase,
    /// The version sent on remiss.
    pub remiss_version: VersionRef,
    /// Every named version, oldest first, the remiss version among them.
    pub versions: Vec<VersionRef>,
    /// The consultation's deadline for everyone, if set.
    pub deadline_ms: Option<f64>,
    /// Each phase that began or has dated entries, in the order of the phases.
    pub phases: Vec<PhaseSpan>,
    /// Every organisation consulted, by name.
    pub organisations: Vec<ConsultedOrganisation>,
}

/// When a phase was under way: when it began, as the server stamped the change of phase, and
/// as far as its dated entries (remarks and replies, which record the phase they were written
/// in, and sent answers, which only a consultation takes) tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseSpan {
    pub phase: Phase,
    /// When it last began (`None`: begun before the server recorded phase changes, or the
    /// agreement started in it).
    #[serde(default)]
    pub began_ms: Option<f64>,
    /// The first and the last entry written in it.
    pub first_ms: f64,
    pub last_ms: f64,
    /// How many entries were written in it.
    pub entries: usize,
}

/// An organisation that was consulted, and what it answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultedOrganisation {
    pub name: String,
    /// The name of the participant who sends its answer, if named.
    pub respondent: Option<String>,
    /// Its own, later deadline, if it was given one.
    pub extension_ms: Option<f64>,
    /// Every answer it sent, oldest first; the last one counts.
    pub answers: Vec<AnswerRecord>,
}

impl ConsultedOrganisation {
    /// The answer that counts: the latest.
    pub fn answer(&self) -> Option<&AnswerRecord> {
        self.answers.last()
    }
}

/// One sent answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// 1 for the organisation's first answer, 2 for the next …
    pub number: usize,
    pub sent_ms: f64,
    /// The name of who sent it (the coordinator who recorded it, for one on behalf).
    pub sent_by: String,
    /// Set when a coordinator recorded it for the organisation.
    pub on_behalf: Option<Recorded>,
    /// The body's formal decision, when recorded with the answer.
    pub decision: Option<Decision>,
}

/// Who recorded an answer on an organisation's behalf, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// The coordinator's name.
    pub by: String,
    pub at_ms: f64,
}

/// The summary: figures and the main points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub consulted: usize,
    /// Organisations that sent an answer.
    pub answered: usize,
    /// Of those, answers recorded on the organisation's behalf.
    pub on_behalf: usize,
    /// Organisations given a later deadline.
    pub extended: usize,
    /// Positions over every clause sent on remiss.
    pub totals: StanceCounts,
    /// Positions per chapter (the stacked bars).
    pub chapters: Vec<ChapterSummary>,
    /// Positions and outcome per clause.
    pub clauses: Vec<ClauseSummary>,
    /// How many clauses kept, changed, lost or gained their wording since the remiss.
    pub outcomes: OutcomeCounts,
    /// The clauses most argued over, most opposed first (at most [`MAIN_POINTS`]).
    pub main_points: Vec<MainPoint>,
}

/// Most clauses the summary names as main points.
pub const MAIN_POINTS: usize = 8;

/// One chapter's positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChapterSummary {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub counts: StanceCounts,
}

/// One clause's positions and outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseSummary {
    pub id: ClauseId,
    pub number: String,
    pub heading: String,
    pub counts: StanceCounts,
    /// Motivations and remarks quoted under it.
    pub arguments: usize,
    pub outcome: OutcomeKind,
}

/// How many clauses had each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub unchanged: usize,
    pub changed: usize,
    pub removed: usize,
    pub added: usize,
}

/// A clause the organisations argued over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MainPoint {
    pub clause: ClauseId,
    pub number: String,
    pub heading: String,
    /// The organisations opposing it.
    pub opposes: Vec<String>,
    /// The organisations supporting it with changes.
    pub supports_with_changes: Vec<String>,
    /// The organisations whose deciding body set a condition on it.
    pub conditions: Vec<String>,
    pub outcome: OutcomeKind,
}

/// A chapter of the compilation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChapterCompilation {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub clauses: Vec<ClauseCompilation>,
}

/// One clause of the compilation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseCompilation {
    pub id: ClauseId,
    /// Number and heading as sent on remiss (as now, for a clause added since).
    pub number: String,
    pub heading: String,
    /// The wording sent on remiss (empty for a clause added since).
    pub remiss_text: String,
    /// The consulted organisations by position, every position in [`Position::ALL`]'s order,
    /// empty ones included (no groups for a clause added since: nobody was asked about it).
    pub groups: Vec<StanceGroup>,
    /// Motivations and remarks, by organisation (in the order of the groups' names), each
    /// organisation's motivation first, then its remarks oldest first.
    pub arguments: Vec<Argument>,
    /// Conditions deciding bodies set on this clause.
    pub conditions: Vec<ClauseCondition>,
    /// The coordinators' response (bemötande / vurdering), once written.
    pub response: Option<ClauseResponse>,
    pub outcome: Outcome,
}

impl ClauseCompilation {
    /// Counts per position.
    pub fn counts(&self) -> StanceCounts {
        let mut counts = StanceCounts::default();
        for group in &self.groups {
            *counts.slot(group.position) += group.organisations.len();
        }
        counts
    }

    /// Where `organisation` stands on this clause (`None` if it was not consulted).
    pub fn position_of(&self, organisation: &str) -> Option<Position> {
        self.groups
            .iter()
            .find(|g| g.organisations.iter().any(|o| o == organisation))
            .map(|g| g.position)
    }

    /// `organisation`'s motivation of its stance, if it gave one.
    pub fn motivation_of(&self, organisation: &str) -> Option<&str> {
        self.arguments
            .iter()
            .find(|a| {
                a.organisation == organisation
                    && matches!(a.source, ArgumentSource::Motivation { .. })
            })
            .map(|a| a.text.as_str())
    }
}

/// The organisations holding one position on a clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceGroup {
    pub position: Position,
    pub organisations: Vec<String>,
}

/// One quoted argument, attributed to its organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Argument {
    pub organisation: String,
    /// The words quoted: the motivation, or the remark's text.
    pub text: String,
    /// When it was written (sent, for a motivation).
    pub written_ms: f64,
    pub source: ArgumentSource,
}

/// Where an argument comes from. In JSON: `{"from": "remark", "kind": "proposal", …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ArgumentSource {
    /// The motivation of the organisation's stance in its answer.
    Motivation {
        stance: StanceValue,
        /// The answer's number.
        answer: usize,
    },
    /// A remark written during the consultation.
    Remark {
        id: RemarkId,
        kind: RemarkKind,
        /// Its author's name.
        author: String,
        /// The words of the clause it was written on, if on a range.
        quote: Option<String>,
        /// For a proposal, the wording proposed.
        proposed_text: Option<String>,
        /// How the coordinators handled it.
        disposition: Option<Handling>,
    },
}

/// The coordinators' disposition of a remark, as the compilation shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handling {
    pub value: DispositionValue,
    pub motivation: String,
}

/// A condition on a clause, with the organisation whose body set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseCondition {
    pub organisation: String,
    pub text: String,
}

/// The coordinators' response to what was said on a clause (bemötande / vurdering), written
/// live while compiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseResponse {
    pub text: String,
    /// The name of the coordinator who last changed it.
    pub updated_by: String,
    pub updated_ms: f64,
}

/// What became of a clause since the remiss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Its number, heading and wording are as sent.
    Unchanged,
    /// It reads differently now.
    Changed {
        number: String,
        heading: String,
        /// The wording now.
        text: String,
        /// From the remiss wording to the wording now.
        diff: Vec<DiffPart>,
    },
    /// It has been struck.
    Removed,
    /// It was added after the remiss.
    Added {
        /// The wording now.
        text: String,
    },
}

impl Outcome {
    /// The outcome without its wording.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Unchanged => OutcomeKind::Unchanged,
            Outcome::Changed { .. } => OutcomeKind::Changed,
            Outcome::Removed => OutcomeKind::Removed,
            Outcome::Added { .. } => OutcomeKind::Added,
        }
    }
}

/// [`Outcome`] without its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Unchanged,
    Changed,
    Removed,
    Added,
}

impl OutcomeKind {
    /// Stable key for UI strings.
    pub fn key(self) -> &'static str {
        match self {
            OutcomeKind::Unchanged => "unchanged",
            OutcomeKind::Changed => "changed",
            OutcomeKind::Removed => "removed",
            OutcomeKind::Added => "added",
        }
    }
}

impl crate::Agreement {
    /// The version the latest consultation answered: the one written down as the text was
    /// sent ([`Agreement::remiss_version`]) if it names a version. An agreement sent before
    /// that was written down tells it otherwise: the version the first remark written during
    /// a consultation was made against; without such a remark, the newest version cut before
    /// the first answer was sent; else the newest.
    pub fn presumed_remiss_version(&self) -> Option<String> {
        let versions = self.versions();
        if let Some(sent) = self.remiss_version() {
            if versions.iter().any(|v| v.id == sent) {
                return Some(sent);
            }
        }
        let filter = crate::RemarkFilter {
            phase: Some(Phase::Consultation),
            ..Default::default()
        };
        let named = self
            .find_remarks(&filter)
            .into_iter()
            .filter_map(|r| Some((r.created_ms, r.version?)))
            .filter(|(_, v)| versions.iter().any(|known| known.id == *v))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, v)| v);
        let first_answer = self
            .consulted_organisations()
            .iter()
            .flat_map(|o| self.answers_of(o))
            .map(|a| a.sent_ms)
            .min_by(f64::total_cmp);
        named
            .or_else(|| {
                let mut before = versions
                    .iter()
                    .filter(|v| first_answer.is_some_and(|t| v.created_ms <= t));
                before.next_back().map(|v| v.id.clone())
            })
            .or_else(|| versions.last().map(|v| v.id.clone()))
    }

    /// The compilation of the consultation round that answered `remiss_version`.
    pub fn compilation(&self, remiss_version: &str) -> Result<Compilation, crate::DomainError> {
        let sources = sources::Sources::read(self, &self.remiss_text(remiss_version)?)?;
        Ok(assemble(&sources))
    }
}

/// The compilation of what `sources` hold.
fn assemble(sources: &sources::Sources) -> Compilation {
    let introduction = introduction::build(sources);
    let chapters = clauses::build(sources);
    let summary = summary::build(&introduction, &chapters);
    Compilation {
        title: sources.title.clone(),
        introduction,
        summary,
        chapters,
    }
}
