//! Why a Word file is refused (or could not be written). Each refusal has a stable key, and is
//! worded for the person who uploaded the file in their language (`docx.error.<key>`).

use super::labels::{Lang, Words};
use super::package::MAX_DOCX_BYTES;
use thiserror::Error;

/// A Word file that cannot be read as a draft, or a document that could not be written.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a Word document: not a zip package, or a package without a Word document in it.
    #[error("the file is not a Word document (.docx)")]
    NotDocx,
    /// A Word 97–2003 `.doc` file (an OLE container without encryption).
    #[error("the file is a Word 97-2003 .doc file")]
    OldWord,
    /// Protected with a password: an encrypted OLE container, or encrypted zip entries.
    #[error("the file is protected with a password")]
    PasswordProtected,
    /// Larger than [`MAX_DOCX_BYTES`].
    #[error("the file is larger than {MAX_DOCX_BYTES} bytes")]
    TooLarge,
    /// More entries, or parts inflating to more, than a Word document holds (a zip bomb).
    #[error("the file unpacks beyond what a Word document holds: {0}")]
    ZipBomb(String),
    /// A damaged zip, or XML that is not well-formed.
    #[error("the Word document is damaged: {0}")]
    Damaged(String),
    /// No paragraph has a heading style or an outline level.
    #[error("the document has no headings")]
    NoHeadings,
    /// More text than an agreement takes.
    #[error("the document holds more text than an agreement takes")]
    TooMuchText,
    /// Writing a document failed (a bug, not the reader's doing).
    #[error("writing the Word document failed: {0}")]
    Write(String),
}

impl DocxError {
    /// Stable key, for UI strings (`docx.error.<key>`).
    pub fn key(&self) -> &'static str {
        match self {
            DocxError::NotDocx => "not_docx",
            DocxError::OldWord => "old_word",
            DocxError::PasswordProtected => "password",
            DocxError::TooLarge => "too_large",
            DocxError::ZipBomb(_) => "zip_bomb",
            DocxError::Damaged(_) => "damaged",
            DocxError::NoHeadings => "no_headings",
            DocxError::TooMuchText => "too_much_text",
            DocxError::Write(_) => "write",
        }
    }

    /// The refusal worded for the uploader.
    pub fn message(&self, lang: Lang) -> String {
        let key = format!("docx.error.{}", self.key());
        match self {
            DocxError::TooLarge => lang.text(&key, &[("limit", (MAX_DOCX_BYTES >> 20).into())]),
            DocxError::Damaged(detail) => lang.text(&key, &[("detail", detail.as_str().into())]),
            DocxError::Write(_) => self.to_string(),
            _ => lang.text(&key, &[]),
        }
    }
}
