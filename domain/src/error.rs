use crate::permission::Action;
use crate::{Phase, Role};
use thiserror::Error;

/// What a domain operation refuses, and why.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum DomainError {
    /// The bytes are not a valid yrs v1 update, state vector or snapshot.
    #[error("the update could not be decoded: {0}")]
    Decode(String),
    /// The update decoded but could not be applied to the document.
    #[error("the update could not be applied: {0}")]
    Apply(String),
    /// This replica is still waiting for earlier changes from others that it needs first.
    #[error("some earlier changes from others have not arrived yet; try again once they have")]
    MissingChanges,
    /// The document is in the middle of another transaction.
    #[error("the document is busy: {0}")]
    Busy(String),
    /// No chapter has this id.
    #[error("no chapter with id {0}")]
    UnknownChapter(String),
    /// No clause has this id.
    #[error("no clause with id {0}")]
    UnknownClause(String),
    /// No remark has this id.
    #[error("no remark with id {0}")]
    UnknownRemark(String),
    /// No version has this id.
    #[error("no version with id {0}")]
    UnknownVersion(String),
    /// A remark, reply, proposal or version name must say something.
    #[error("the text cannot be empty")]
    Empty,
    /// The role may not do this in the current phase.
    #[error("a {role:?} may not {action:?} while the agreement is in {phase:?}")]
    NotAllowed {
        role: Role,
        action: Action,
        phase: Phase,
    },
    /// The agreement does not let this role propose wording (a coordinator's choice).
    #[error("this agreement does not let a {0:?} propose wording")]
    NotAProposer(Role),
    /// A remark the coordinators have responded to keeps the wording they responded to.
    #[error("remark {0} has a response and can no longer be edited")]
    Disposed(String),
    /// Only the author may edit or withdraw a remark.
    #[error("only its author may change remark {0}")]
    NotAuthor(String),
    /// A participant writes stances only for their own organisation.
    #[error("{participant} does not speak for {organisation}")]
    NotOwnOrganisation {
        participant: String,
        organisation: String,
    },
    /// Only the organisation's respondent sends its answer.
    #[error("only the respondent of {0} may send its answer")]
    NotRespondent(String),
    /// The organisation's deadline has passed.
    #[error("the deadline for {organisation} has passed")]
    DeadlinePassed {
        organisation: String,
        deadline_ms: f64,
    },
    /// A range lies outside the clause text or is empty.
    #[error("the range {start}..{end} does not fit a text of length {len}")]
    InvalidRange { start: u32, end: u32, len: u32 },
    /// The remark is not a proposal.
    #[error("remark {0} is not a proposal")]
    NotAProposal(String),
    /// The proposal's wording has already been taken into the text.
    #[error("proposal {0} has already been accepted")]
    AlreadyAccepted(String),
    /// The proposal's text was deleted, so it cannot be applied where it was made.
    #[error("the text proposal {0} was made on has been deleted")]
    Orphaned(String),
    /// The text a remark quoted is no longer in its clause.
    #[error("the quoted text is no longer in the clause: {0}")]
    QuoteGone(String),
    /// The remark was withdrawn by its author.
    #[error("remark {0} has been withdrawn")]
    Withdrawn(String),
    /// The organisation has no stance drafts to send.
    #[error("{0} has no stances to send")]
    NothingToSend(String),
    /// The Markdown could not be read as an agreement.
    #[error("the Markdown is not an agreement: {0}")]
    Markdown(String),
    /// A draft without chapters cannot become the agreement's text.
    #[error("the draft has no chapters")]
    EmptyDraft,
    /// A new draft replaces the text only while the agreement is being drafted.
    #[error("a new draft can only be imported while drafting, not in {0:?}")]
    NotDrafting(Phase),
    /// A new draft replaces the text only before anyone has remarked on it.
    #[error("the agreement already has {0} remarks")]
    HasRemarks(usize),
    /// A formal decision recorded with an answer is incomplete or wrong.
    #[error("the decision cannot be recorded: {0}")]
    InvalidDecision(crate::DecisionFault),
    /// An answer is recorded only for an organisation that was consulted.
    #[error("{0} was not consulted")]
    NotConsulted(String),
    /// A case number is one short line.
    #[error("a case number is at most 60 characters on one line")]
    InvalidCaseNumber,
    /// A note or reason is longer than its limit (characters).
    #[error("the text is longer than {0} characters")]
    TooLong(usize),
    /// The clause's chapter was approved; its text is locked until a coordinator reopens it.
    #[error("chapter {0} is approved and locked against edits")]
    ChapterApproved(String),
    /// Only an approved chapter is reopened.
    #[error("chapter {0} is not approved")]
    NotApproved(String),
}

impl DomainError {
    /// Stable key of the variant, for UI strings (`error.<key>`): the app words each refusal
    /// in the reader's language instead of showing this type's English `Display`.
    pub fn key(&self) -> &'static str {
        match self {
            DomainError::Decode(_) => "decode",
            DomainError::Apply(_) => "apply",
            DomainError::MissingChanges => "missing_changes",
            DomainError::Busy(_) => "busy",
            DomainError::UnknownChapter(_) => "unknown_chapter",
            DomainError::UnknownClause(_) => "unknown_clause",
            DomainError::UnknownRemark(_) => "unknown_remark",
            DomainError::UnknownVersion(_) => "unknown_version",
            DomainError::Empty => "empty",
            DomainError::NotAllowed { .. } => "not_allowed",
            DomainError::NotAProposer(_) => "not_a_proposer",
            DomainError::Disposed(_) => "disposed",
            DomainError::NotAuthor(_) => "not_author",
            DomainError::NotOwnOrganisation { .. } => "not_own_organisation",
            DomainError::NotRespondent(_) => "not_respondent",
            DomainError::DeadlinePassed { .. } => "deadline_passed",
            DomainError::InvalidRange { .. } => "invalid_range",
            DomainError::NotAProposal(_) => "not_a_proposal",
            DomainError::AlreadyAccepted(_) => "already_accepted",
            DomainError::Orphaned(_) => "orphaned",
            DomainError::QuoteGone(_) => "quote_gone",
            DomainError::Withdrawn(_) => "withdrawn",
            DomainError::NothingToSend(_) => "nothing_to_send",
            DomainError::Markdown(_) => "markdown",
            DomainError::EmptyDraft => "empty_draft",
            DomainError::NotDrafting(_) => "not_drafting",
            DomainError::HasRemarks(_) => "has_remarks",
            DomainError::InvalidCaseNumber => "invalid_case_number",
            DomainError::TooLong(_) => "too_long",
            DomainError::ChapterApproved(_) => "chapter_approved",
            DomainError::NotApproved(_) => "not_approved",
            DomainError::InvalidDecision(_) => "invalid_decision",
            DomainError::NotConsulted(_) => "not_consulted",
        }
    }
}
