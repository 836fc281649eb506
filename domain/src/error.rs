use thiserror::Error;

/// What a domain operation refuses, and why.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DomainError {
    /// The bytes are not a valid yrs v1 update or state vector.
    #[error("the update could not be decoded: {0}")]
    Decode(String),
    /// The update decoded but could not be applied to the document.
    #[error("the update could not be applied: {0}")]
    Apply(String),
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
    /// A remark or reply must say something.
    #[error("a remark cannot be empty")]
    EmptyRemark,
    /// The participant's role does not allow writing remarks.
    #[error("the role {0:?} may not write remarks")]
    RoleMayNotRemark(crate::Role),
}
