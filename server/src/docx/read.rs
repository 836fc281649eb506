//! Reading the parts of a Word document a draft is made from, with a streaming XML reader of
//! our own rather than a document model: every part comes from an upload, so each is read in
//! one bounded pass (see `xml`), nothing is unwrapped, and text is found wherever Word wraps it.

pub mod body;
pub mod numbering;
pub mod rels;
pub mod styles;
pub mod xml;
