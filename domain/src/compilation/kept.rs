//! The compilation kept current change by change, for a page that shows it live: what it was
//! built from is kept, and a change re-reads only what it names — a remark on clause X reads
//! clause X's remarks again and builds clause X's section; the coordinators' response or the
//! wording of clause X builds that section alone. The introduction's phases and the summary
//! are then put together again from the kept parts (figures over plain values, no reading of
//! the document). Anything that reaches every clause — an answer sent, the outline, who takes
//! part, the versions, the phase — builds it all again, as the first time, but for the remiss
//! version's text: a version never changes once cut, so the text read at first is kept.

use super::sources::{RemissText, Sources};
use super::{clauses, introduction, summary, Compilation};
use crate::{Agreement, Change, ClauseId, DomainError};
use std::collections::BTreeSet;

/// A compilation and what it was built from.
pub struct KeptCompilation {
    remiss: RemissText,
    sources: Sources,
    compilation: Compilation,
}

/// What one [`KeptCompilation::update`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompilationUpdate {
    /// Built again whole.
    pub rebuilt: bool,
    /// The clauses whose sections were built again.
    pub clauses: BTreeSet<ClauseId>,
}

impl Agreement {
    /// The compilation answering `remiss_version`, to be kept current with
    /// [`KeptCompilation::update`].
    pub fn kept_compilation(&self, remiss_version: &str) -> Result<KeptCompilation, DomainError> {
        self.kept_compilation_from(self.remiss_text(remiss_version)?)
    }

    /// The compilation answering the version whose text `remiss` is (read from this agreement
    /// earlier, see [`Agreement::remiss_text`]), to be kept current.
    pub fn kept_compilation_from(
        &self,
        remiss: RemissText,
    ) -> Result<KeptCompilation, DomainError> {
        let sources = Sources::read(self, &remiss)?;
        Ok(KeptCompilation {
            compilation: super::assemble(&sources),
            remiss,
            sources,
        })
    }
}

impl KeptCompilation {
    /// The compilation as it stands.
    pub fn compilation(&self) -> &Compilation {
        &self.compilation
    }

    /// The version it answers.
    pub fn remiss_version(&self) -> &str {
        self.remiss.version()
    }

    /// The text of the version it answers, as it was read (a shared value).
    pub fn remiss_text(&self) -> RemissText {
        self.remiss.clone()
    }

    /// Brings the compilation up to date with `changes` (what transactions on `agreement`
    /// made since it was built or last updated).
    pub fn update(
        &mut self,
        agreement: &Agreement,
        changes: &[Change],
    ) -> Result<CompilationUpdate, DomainError> {
        let mut remarks = BTreeSet::new();
        let mut clauses = BTreeSet::new();
        for change in changes {
            match change {
                Change::Outline | Change::Participants | Change::Versions | Change::Meta => {
                    return self.rebuild(agreement)
                }
                // Drafts change an organisation too; only a sent answer changes the compilation.
                Change::Organisation(o) if !self.sources.answers_unchanged(agreement, o) => {
                    return self.rebuild(agreement)
                }
                Change::Remarks(c) => {
                    remarks.insert(c.clone());
                }
                Change::Text(c) | Change::Response(c) => {
                    clauses.insert(c.clone());
                }
                _ => {}
            }
        }
        for clause in &remarks {
            self.sources.reread_remarks(agreement, clause);
        }
        for clause in &clauses {
            self.sources.reread_clause(agreement, clause);
        }
        clauses.extend(remarks.iter().cloned());
        for clause in &clauses {
            self.rebuild_section(clause);
        }
        if !remarks.is_empty() {
            let phases =
                introduction::phase_spans(&self.sources.dated(), &self.sources.phase_starts);
            self.compilation.introduction.phases = phases;
        }
        if !clauses.is_empty() {
            let c = &self.compilation;
            self.compilation.summary = summary::build(&c.introduction, &c.chapters);
        }
        Ok(CompilationUpdate {
            rebuilt: false,
            clauses,
        })
    }

    /// Builds it all again, from the remiss version's text as read before.
    fn rebuild(&mut self, agreement: &Agreement) -> Result<CompilationUpdate, DomainError> {
        *self = agreement.kept_compilation_from(self.remiss.clone())?;
        Ok(CompilationUpdate {
            rebuilt: true,
            clauses: self
                .compilation
                .chapters
                .iter()
                .flat_map(|c| &c.clauses)
                .map(|c| c.id.clone())
                .collect(),
        })
    }

    /// Puts clause `id`'s section, built afresh from the kept sources, in place of its old one.
    fn rebuild_section(&mut self, id: &str) {
        let Some(section) = clauses::one(&self.sources, id) else {
            return;
        };
        let old = self
            .compilation
            .chapters
            .iter_mut()
            .flat_map(|c| &mut c.clauses)
            .find(|c| c.id == id);
        if let Some(old) = old {
            *old = section;
        }
    }
}
