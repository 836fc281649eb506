//! The agreement's text as one named version reads (or as it reads now): what a remiss
//! document or a print view is made from — title, case number, the version, the chapters and
//! numbered clauses with their Markdown wording and, when asked for, the remarks made on them
//! up to that version.

use crate::remark::threads;
use crate::{Agreement, Chapter, ClauseId, DomainError, Remark, Version};
use std::collections::HashMap;

/// The text of the agreement at a version.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionText {
    pub title: String,
    pub case_number: Option<String>,
    /// The version read; `None` for the text as it reads now.
    pub version: Option<Version>,
    /// Chapters in order, each with its clauses in order.
    pub chapters: Vec<Chapter>,
    /// Each clause's remark threads (oldest first, withdrawn ones left out), when asked for.
    /// Anchors resolve in the text of this version.
    pub remarks: HashMap<ClauseId, Vec<Remark>>,
}

impl VersionText {
    /// How many clauses the text has.
    pub fn clause_count(&self) -> usize {
        self.chapters.iter().map(|c| c.clauses.len()).sum()
    }

    /// The remark threads on `clause` (empty unless remarks were asked for).
    pub fn remarks_of(&self, clause: &str) -> &[Remark] {
        self.remarks.get(clause).map_or(&[], Vec::as_slice)
    }
}

impl Agreement {
    /// The agreement as `version` reads (`None` = now), with the remarks made up to then if
    /// `with_remarks`. One pass over the remarks, however many clauses there are.
    pub fn version_text(
        &self,
        version: Option<&str>,
        with_remarks: bool,
    ) -> Result<VersionText, DomainError> {
        let (source, version) = match version {
            Some(id) => {
                let named = self
                    .versions()
                    .into_iter()
                    .find(|v| v.id == id)
                    .ok_or_else(|| DomainError::UnknownVersion(id.to_string()))?;
                (self.at_version(id)?, Some(named))
            }
            None => (self.clone(), None),
        };
        let mut remarks: HashMap<ClauseId, Vec<Remark>> = HashMap::new();
        if with_remarks {
            let live: Vec<Remark> = source
                .all_remarks()
                .into_iter()
                .filter(|r| !r.withdrawn)
                .collect();
            for thread in threads(live) {
                remarks
                    .entry(thread.clause.clone())
                    .or_default()
                    .push(thread);
            }
        }
        Ok(VersionText {
            title: source.title(),
            case_number: source.case_number(),
            chapters: source.chapters(),
            version,
            remarks,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{demo, Agreement, DomainError, RemarkDraft, Target};

    #[test]
    fn a_version_reads_as_it_was_with_its_remarks() {
        let a = demo::agreement(1, 1.0).expect("demo");
        let people = demo::participants();
        let (karin, erik) = (&people[0], &people[1]);
        a.set_case_number(karin, Some(" RS 2026/123 "))
            .expect("case");
        let clause = a.clauses()[0].clone();
        let on_range = RemarkDraft {
            target: Target::Range { start: 0, end: 5 },
            ..RemarkDraft::comment(&clause.id, "Vilka parter?")
        };
        let remark = a.write_remark(erik, on_range, 2.0).expect("remark");
        a.reply(&remark, karin, "Alla tolv.", 3.0).expect("reply");
        let v = a.cut_version(karin, "Utkast 15 januari", 4.0).expect("cut");
        a.set_clause_text(karin, &clause.id, "Ny lydelse.")
            .expect("edit");
        a.add_remark(&clause.id, erik, "Senare.", 5.0)
            .expect("later");

        let then = a.version_text(Some(&v), true).expect("version");
        assert_eq!(
            then.version.as_ref().map(|v| v.name.as_str()),
            Some("Utkast 15 januari")
        );
        assert_eq!(then.case_number.as_deref(), Some("RS 2026/123"));
        assert_eq!(then.chapters[0].clauses[0].text, clause.text);
        let threads = then.remarks_of(&clause.id);
        assert_eq!(threads.len(), 1, "the later remark is not in the version");
        assert_eq!(threads[0].replies.len(), 1);
        assert_eq!(then.clause_count(), a.clauses().len());

        let now = a.version_text(None, false).expect("now");
        assert!(now.version.is_none());
        assert_eq!(now.chapters[0].clauses[0].text, "Ny lydelse.");
        assert!(now.remarks.is_empty());
        assert_eq!(
            a.version_text(Some("v-nope"), false),
            Err(DomainError::UnknownVersion("v-nope".into()))
        );
        let _ = Agreement::new(2);
    }

    #[test]
    fn case_numbers_are_one_short_line_set_by_coordinators() {
        let a = demo::agreement(1, 1.0).expect("demo");
        let people = demo::participants();
        assert!(matches!(
            a.set_case_number(&people[1], Some("X")),
            Err(DomainError::NotAllowed { .. })
        ));
        assert_eq!(
            a.set_case_number(&people[0], Some("a\nb")),
            Err(DomainError::InvalidCaseNumber)
        );
        assert_eq!(
            a.set_case_number(&people[0], Some(&"x".repeat(61))),
            Err(DomainError::InvalidCaseNumber)
        );
        a.set_case_number(&people[0], Some("Dnr 1")).expect("set");
        a.set_case_number(&people[0], Some("  ")).expect("clear");
        assert_eq!(a.case_number(), None);
    }
}
