//! Word documents in and out: the remiss version as a DOCX ([`export`]), two states compared
//! with tracked changes ([`comparison`]), the compilation ([`compilation`]), and a draft read from
//! a DOCX ([`import`]). All are pure functions of their input — bytes in, bytes or a draft
//! out — so the HTTP edge and the admin command only move bytes.

mod error;
mod export;
mod import;
mod labels;
mod package;
mod read;

pub use error::DocxError;
pub use export::{comparison, compilation, export, file_names, filename, Compared, ExportOptions};
pub use import::{import, ImportNote, Imported, MAX_DRAFT_TEXT};
pub use labels::{Lang, Words};
pub use package::{looks_like_word, MAX_DOCX_BYTES};
