//! Samråd's agreement model: one yrs document per agreement, read and written only through
//! the plain methods of [`Agreement`]. The app and the server share it, so both agree on the
//! layout the server checks when it decides who may write what.
//!
//! Document layout (root types):
//! - `meta`: map with the agreement's `title`.
//! - `chapters`: map chapter id → map {number, title, order}.
//! - `clauses`: map clause id → map {chapter, number, heading, order, text: Y.Text}.
//! - `remarks`: map remark id → map {clause, parent?, author, author_name, organisation, role,
//!   body, created_ms}. A reply is a remark whose `parent` names the remark it answers.
//!
//! Every remark is its own entry keyed by a fresh id, so a participant's writes never touch a
//! map entry somebody else created: the server can verify authorship entry by entry.

mod agreement;
mod clause;
pub mod demo;
mod error;
mod ids;
mod participant;
mod remark;
mod sync;

pub use agreement::Agreement;
pub use clause::{Chapter, ChapterId, Clause, ClauseId};
pub use error::DomainError;
pub use participant::{Participant, ParticipantId, Role};
pub use remark::{Remark, RemarkId};
pub use sync::SyncClient;
pub use yrs;
