//! Samråd's agreement model: one yrs document per agreement, read and written only through
//! the plain methods of [`Agreement`]. The app and the server share it, so both agree on the
//! layout the server checks when it decides who may write what.
//!
//! Document layout (root maps; every entry is itself a map):
//! - `meta`: title, phase, deadline, case number — coordinators.
//! - `chapters`, `clauses` (each clause's wording is a Y.Text; either may be marked
//!   `removed`) — coordinators.
//! - `participants`, `organisations` (respondents), `extensions` (deadlines) — coordinators.
//! - `remarks`: one entry per remark or reply, written only by its author.
//! - `supports`: `proposal/participant` → position, written only by that participant.
//! - `stances`: `clause@organisation` → draft, written by that organisation's members.
//! - `answers`: one immutable entry per sent answer, written by the respondent (with the formal
//!   decision behind it, when recorded), or by a coordinator recording it for the organisation.
//! - `dispositions`: remark id → decision, coordinators.
//! - `acceptances`: `proposal@client` → the wording one acceptance of a proposal wrote into the
//!   text, coordinators while the text may be edited (see acceptance.rs).
//! - `versions`: named snapshots, coordinators.
//!
//! - `stamps`: entry id → when the server stored it (remarks, answers), server only.
//! - `responses`: clause id → the coordinators' response to what was said on it (a Y.Text),
//!   coordinators while the answers come in and are compiled.
//!
//! The schema (schema.rs) declares every root, key shape, field and type once; the domain's
//! writers build entries from it and the server's guard (guard.rs) judges every update against
//! it, with the rule beside each concept. Because no entry is shared between authors, the server
//! can decide each update by asking, for every entry it touches, whether the sender owns it.

mod acceptance;
mod agreement;
mod anchor;
mod answer;
mod approval;
pub mod blocks;
pub mod calendar;
mod chars;
mod clause;
mod clause_history;
pub mod collation;
mod compare;
mod competition;
pub mod compilation;
mod decision;
pub mod demo;
pub mod device;
mod disposition;
mod draft;
mod error;
mod fields;
pub mod fixture;
mod guard;
mod ids;
mod index;
pub mod json;
pub mod language;
mod markdown;
mod notice;
mod participant;
mod permission;
mod phase;
mod proposal;
mod proposers;
mod query;
mod remark;
mod response;
mod revision;
mod schema;
pub mod sorting;
mod stamp;
mod stance;
mod support;
mod sync;
pub mod tabs;
#[cfg(test)]
mod test_support;
mod textedit;
mod unsaved;
mod version;
mod version_text;
pub mod wire;
mod wording;

pub use agreement::{doc_options, Agreement, MAX_CASE_NUMBER};
pub use anchor::{Anchor, AnchorState, Target};
pub use approval::{Approval, MAX_APPROVAL_BODY, MAX_REOPEN_REASON};
pub use clause::{Chapter, ChapterId, Clause, ClauseId};
pub use clause_history::{ClauseWording, WordingCause};
pub use compare::{ClauseChange, ClauseComparison, Comparison};
pub use competition::Competition;
pub use compilation::{Compilation, Position, StanceCounts, StanceOverview};
pub use decision::{Condition, Decision, DecisionFault, OnBehalf, Reservation, ReservationKind};
pub use disposition::{Disposition, DispositionValue};
pub use draft::{split_number, Draft, DraftChapter, DraftClause, DraftSummary};
pub use error::DomainError;
pub use guard::{
    Applied, Guard, Integrated, Refusal, ServerWritten, Unforeseen, Verdict, Writer, CLOCK_SKEW_MS,
};
pub use ids::written_at;
pub use index::Change;
pub use notice::{
    deadline_notices, InboxItem, InboxMessage, Notice, NoticeKind, Touched, DEADLINE_WARNING_MS,
    INBOX_MESSAGE,
};
pub use participant::{Participant, ParticipantId, Role};
pub use permission::{may, may_under, Action, Proposers};
pub use phase::{Extension, Phase, MAX_EXTENSION_REASON};
pub use proposal::{word_diff, DiffPart, ProposalStanding};
pub use query::{ChapterHeading, ClauseCounts, ClauseHeading, RemarkFilter, StatusFilter};
pub use remark::{Remark, RemarkDraft, RemarkId, RemarkKind};
pub use response::Response;
pub use revision::Revision;
pub use schema::names as schema_fields;
pub use stamp::PhaseStart;
pub use stance::{AnswerRevision, Stance, StanceCell, StanceMatrix, StanceValue};
pub use support::{Support, SupportCount};
pub use sync::{SyncClient, NEW_CLIENTS_PER_FRAME};
pub use unsaved::{Unsaved, UnsavedReply};
pub use version::{Version, MAX_VERSION_NOTE};
pub use version_text::VersionText;
pub use yrs;
