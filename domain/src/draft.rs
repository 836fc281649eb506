//! A draft read from a file — its title and chapters of numbered clauses with Markdown text —
//! before it becomes an agreement ([`Agreement::from_draft`]) or replaces the text of one still
//! being drafted ([`Agreement::replace_draft`]).
//!
//! Replacing keeps what it can: a clause whose number the new draft still has keeps its id and
//! gets only the words that changed (as a coordinator's edit would), so comparing the version
//! before the import with the one after shows word diffs, not a wholesale swap. It is allowed
//! only while drafting and before anyone has remarked: remarks anchor on words, and a new
//! draft from outside must not pull words out from under them.

use crate::fields::{boolean, entries, string, text};
use crate::permission::Action;
use crate::schema::{self, chapter as K, clause as C, Field, Root, Val};
use crate::textedit::apply_change;
use crate::{Agreement, DomainError, Participant, Phase};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};
use yrs::{GetString, MapRef, ReadTxn, Transact, TransactionMut};

/// A draft: the agreement's title and its chapters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub chapters: Vec<DraftChapter>,
}

/// A chapter of a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftChapter {
    pub number: String,
    pub title: String,
    pub clauses: Vec<DraftClause>,
}

/// A clause of a draft; `text` is Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftClause {
    pub number: String,
    pub heading: String,
    pub text: String,
}

impl Draft {
    /// How many clauses the draft has.
    pub fn clause_count(&self) -> usize {
        self.chapters.iter().map(|c| c.clauses.len()).sum()
    }
}

/// What replacing an agreement's text with a draft did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DraftSummary {
    /// Chapters and clauses the agreement now has.
    pub chapters: usize,
    pub clauses: usize,
    /// Clauses kept by number (their wording rewritten only where it differs).
    pub kept: usize,
    /// Kept clauses whose heading or wording changed.
    pub changed: usize,
    /// New clauses.
    pub added: usize,
    /// Clauses the draft no longer has (marked removed, as a coordinator removes them).
    pub removed: usize,
}

/// Splits a heading's leading number ("1", "1.1", "4.2.") from its text.
pub fn split_number(heading: &str) -> (String, String) {
    let heading = heading.trim();
    match heading.split_once(char::is_whitespace) {
        Some((first, rest)) if first.chars().next().is_some_and(|c| c.is_ascii_digit()) => (
            first.trim_end_matches('.').to_string(),
            rest.trim().to_string(),
        ),
        _ => (String::new(), heading.to_string()),
    }
}

/// A live entry of the chapters or clauses map: id, number, and the map.
struct Live {
    id: String,
    number: String,
    map: MapRef,
}

fn live<T: ReadTxn>(map: &MapRef, txn: &T) -> Vec<Live> {
    let mut all: Vec<Live> = entries(map, txn)
        .into_iter()
        .filter(|(_, m)| !boolean(m, txn, "removed"))
        .map(|(id, m)| Live {
            number: string(&m, txn, "number"),
            id,
            map: m,
        })
        .collect();
    crate::sorting::sort_by(&mut all, |a, b| a.id.cmp(&b.id));
    all
}

/// What a new draft's chapter or clause is matched by: its number, or — unnumbered — the
/// value of `field` (title, heading).
fn key(number: &str, field: &str, value: &str) -> String {
    if number.is_empty() {
        format!("{field}:{value}")
    } else {
        number.to_string()
    }
}

/// Live entries by [`key`], each key's entries in id order.
fn index<'a, T: ReadTxn>(
    live: &'a [Live],
    txn: &T,
    field: &str,
) -> HashMap<String, VecDeque<&'a Live>> {
    let mut out: HashMap<String, VecDeque<&Live>> = HashMap::new();
    for entry in live {
        let value = string(&entry.map, txn, field);
        out.entry(key(&entry.number, field, &value))
            .or_default()
            .push_back(entry);
    }
    out
}

/// Writes `value` into `field` of `root`'s entry `map` only if it differs, so an unchanged
/// draft changes nothing.
fn set_if_changed(
    map: &MapRef,
    txn: &mut TransactionMut,
    root: &Root,
    field: &Field,
    value: &str,
) -> bool {
    if string(map, txn, field.name) == value {
        return false;
    }
    schema::set(txn, root, map, field, Val::Str(value));
    true
}

/// Writes `order` into an entry of `root` only if it differs.
fn set_order(map: &MapRef, txn: &mut TransactionMut, root: &Root, field: &Field, order: f64) {
    if crate::fields::number(map, txn, field.name) != order {
        schema::set(txn, root, map, field, Val::Num(order));
    }
}

impl Agreement {
    /// A new agreement replica holding `draft` (one transaction).
    pub fn from_draft(client_id: u64, draft: &Draft) -> Result<Agreement, DomainError> {
        if draft.chapters.is_empty() {
            return Err(DomainError::EmptyDraft);
        }
        let agreement = Agreement::new(client_id);
        {
            let mut txn = agreement.doc.transact_mut();
            let (root, map) = (&schema::meta::ROOT, &agreement.meta);
            schema::set(
                &mut txn,
                root,
                map,
                &schema::meta::TITLE,
                Val::Str(draft.title.trim()),
            );
            for (i, chapter) in draft.chapters.iter().enumerate() {
                let id =
                    agreement.insert_chapter(&mut txn, &chapter.number, &chapter.title, i as f64);
                for (j, clause) in chapter.clauses.iter().enumerate() {
                    agreement.insert_clause_at(
                        &mut txn,
                        &id,
                        &clause.number,
                        &clause.heading,
                        &clause.text,
                        j as f64,
                    );
                }
            }
        }
        Ok(agreement)
    }

    /// Replaces the agreement's chapters and clauses with `draft`, as a coordinator, in one
    /// transaction: clauses are matched by number (by heading when unnumbered) and kept, new
    /// ones added, missing ones removed. Only while drafting and before anyone has remarked;
    /// the title stays. Everything is checked before anything is written.
    pub fn replace_draft(
        &self,
        actor: &Participant,
        draft: &Draft,
    ) -> Result<DraftSummary, DomainError> {
        let phase = self.phase();
        if phase != Phase::Drafting {
            return Err(DomainError::NotDrafting(phase));
        }
        self.check(actor, Action::EditStructure)?;
        self.check(actor, Action::EditText)?;
        let mut txn = self.doc.transact_mut();
        // Remarks, not replies (every reply answers one).
        let remarks = entries(&self.remarks, &txn)
            .iter()
            .filter(|(_, m)| string(m, &txn, "parent").is_empty())
            .count();
        if remarks > 0 {
            return Err(DomainError::HasRemarks(remarks));
        }
        if draft.chapters.is_empty() {
            return Err(DomainError::EmptyDraft);
        }
        let old_chapters = live(&self.chapters, &txn);
        let old_clauses = live(&self.clauses, &txn);
        let mut chapters = index(&old_chapters, &txn, "title");
        let mut clauses = index(&old_clauses, &txn, "heading");
        let mut summary = DraftSummary {
            chapters: draft.chapters.len(),
            clauses: draft.clause_count(),
            ..DraftSummary::default()
        };
        let mut kept: HashSet<String> = HashSet::new();
        for (i, chapter) in draft.chapters.iter().enumerate() {
            let matched = chapters
                .get_mut(&key(&chapter.number, "title", &chapter.title))
                .and_then(VecDeque::pop_front);
            let id = self.place_chapter(&mut txn, matched, chapter, i as f64);
            kept.insert(id.clone());
            for (j, clause) in chapter.clauses.iter().enumerate() {
                let matched = clauses
                    .get_mut(&key(&clause.number, "heading", &clause.heading))
                    .and_then(VecDeque::pop_front);
                let Some(old) = matched else {
                    summary.added += 1;
                    let (n, h, t) = (&clause.number, &clause.heading, &clause.text);
                    self.insert_clause_at(&mut txn, &id, n, h, t, j as f64);
                    continue;
                };
                summary.kept += 1;
                kept.insert(old.id.clone());
                if self.rewrite_clause(&mut txn, old, &id, clause, j as f64) {
                    summary.changed += 1;
                }
            }
        }
        // What the draft no longer has is marked removed, as a coordinator removes it.
        let gone = [
            (&old_clauses, &C::ROOT, &C::REMOVED),
            (&old_chapters, &K::ROOT, &K::REMOVED),
        ];
        for (entries, root, field) in gone {
            for old in entries.iter().filter(|old| !kept.contains(&old.id)) {
                schema::set(&mut txn, root, &old.map, field, Val::Bool(true));
            }
        }
        summary.removed = old_clauses.iter().filter(|c| !kept.contains(&c.id)).count();
        Ok(summary)
    }

    /// Puts a chapter of a draft in place: the matched old one renumbered, renamed and moved
    /// where it differs, or a new one. Returns its id.
    fn place_chapter(
        &self,
        txn: &mut TransactionMut,
        matched: Option<&Live>,
        chapter: &DraftChapter,
        order: f64,
    ) -> String {
        let Some(old) = matched else {
            return self.insert_chapter(txn, &chapter.number, &chapter.title, order);
        };
        set_if_changed(&old.map, txn, &K::ROOT, &K::NUMBER, &chapter.number);
        set_if_changed(&old.map, txn, &K::ROOT, &K::TITLE, &chapter.title);
        set_order(&old.map, txn, &K::ROOT, &K::ORDER, order);
        old.id.clone()
    }

    /// Moves a kept clause into place and rewrites what differs; whether heading, number or
    /// wording changed.
    fn rewrite_clause(
        &self,
        txn: &mut TransactionMut,
        old: &Live,
        chapter: &str,
        clause: &DraftClause,
        order: f64,
    ) -> bool {
        set_if_changed(&old.map, txn, &C::ROOT, &C::CHAPTER, chapter);
        set_order(&old.map, txn, &C::ROOT, &C::ORDER, order);
        let mut changed = set_if_changed(&old.map, txn, &C::ROOT, &C::NUMBER, &clause.number);
        changed |= set_if_changed(&old.map, txn, &C::ROOT, &C::HEADING, &clause.heading);
        if let Some(wording) = text(&old.map, txn, C::TEXT.name) {
            let before = wording.get_string(txn);
            if before != clause.text {
                apply_change(txn, &wording, 0, &before, &clause.text);
                changed = true;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Role, Version};

    fn coordinator() -> Participant {
        Participant {
            id: "p-k".into(),
            name: "Karin".into(),
            organisation: "Region".into(),
            role: Role::Coordinator,
        }
    }

    fn clause(number: &str, heading: &str, text: &str) -> DraftClause {
        DraftClause {
            number: number.into(),
            heading: heading.into(),
            text: text.into(),
        }
    }

    fn draft(chapters: Vec<(&str, &str, Vec<DraftClause>)>) -> Draft {
        Draft {
            title: "Avtal".into(),
            chapters: chapters
                .into_iter()
                .map(|(n, t, clauses)| DraftChapter {
                    number: n.into(),
                    title: t.into(),
                    clauses,
                })
                .collect(),
        }
    }

    #[test]
    fn split_numbers_off_headings() {
        assert_eq!(split_number("4.2. Ansvar"), ("4.2".into(), "Ansvar".into()));
        assert_eq!(split_number("Bilaga A"), ("".into(), "Bilaga A".into()));
    }

    #[test]
    fn a_new_draft_keeps_clauses_by_number_and_diffs_their_words() {
        let first = draft(vec![
            (
                "1",
                "Inledning",
                vec![
                    clause("1.1", "Parter", "Region och kommun."),
                    clause("1.2", "Syfte", "Trygg vård."),
                ],
            ),
            ("2", "Ansvar", vec![clause("2.1", "Regionen", "Läkare.")]),
        ]);
        let a = Agreement::from_draft(7, &first).expect("draft");
        let karin = coordinator();
        let v1 = a.cut_version(&karin, "Utkast 1", 1.0).expect("cut");
        let old_12 = a.clauses()[1].id.clone();

        let second = draft(vec![
            (
                "1",
                "Inledning och syfte",
                vec![
                    clause("1.2", "Syfte", "Trygg och säker vård."),
                    clause("1.3", "Giltighet", "Fyra år."),
                ],
            ),
            ("3", "Uppföljning", vec![clause("3.1", "Möten", "Årligen.")]),
        ]);
        let summary = a.replace_draft(&karin, &second).expect("replace");
        assert_eq!(
            summary,
            DraftSummary {
                chapters: 2,
                clauses: 3,
                kept: 1,
                changed: 1,
                added: 2,
                removed: 2,
            }
        );
        let chapters = a.chapters();
        let outline: Vec<(String, Vec<String>)> = chapters
            .iter()
            .map(|c| {
                (
                    format!("{} {}", c.number, c.title),
                    c.clauses.iter().map(|k| k.number.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            outline,
            vec![
                (
                    "1 Inledning och syfte".to_string(),
                    vec!["1.2".into(), "1.3".into()]
                ),
                ("3 Uppföljning".to_string(), vec!["3.1".into()]),
            ]
        );
        assert_eq!(chapters[0].clauses[0].id, old_12, "1.2 kept its id");
        let diff = a.clause_diff(&old_12, Some(&v1), None).expect("diff");
        assert!(
            diff.iter().any(|d| format!("{d:?}").contains("och säker")),
            "{diff:?}"
        );
        // The version before the import still reads as it was.
        let before = a.at_version(&v1).expect("v1");
        assert_eq!(before.clauses().len(), 3);
        assert_eq!(before.chapters()[1].title, "Ansvar");
        let _: Vec<Version> = a.versions();
    }

    #[test]
    fn replacing_is_refused_after_remarks_outside_drafting_and_for_empty_drafts() {
        let one = draft(vec![("1", "A", vec![clause("1.1", "B", "Text.")])]);
        let a = Agreement::from_draft(7, &one).expect("draft");
        let karin = coordinator();
        assert_eq!(
            a.replace_draft(&karin, &Draft::default()),
            Err(DomainError::EmptyDraft)
        );
        let member = Participant {
            role: Role::Member,
            ..coordinator()
        };
        assert!(matches!(
            a.replace_draft(&member, &one),
            Err(DomainError::NotAllowed { .. })
        ));
        let before = a.state_vector();
        a.set_phase(&karin, Phase::Merging, None).expect("phase");
        assert_eq!(
            a.replace_draft(&karin, &one),
            Err(DomainError::NotDrafting(Phase::Merging))
        );
        a.set_phase(&karin, Phase::Drafting, None).expect("phase");
        let clause_id = a.clauses()[0].id.clone();
        a.add_remark(&clause_id, &member, "Bra.", 1.0)
            .expect("remark");
        let sv = a.state_vector();
        assert_eq!(
            a.replace_draft(&karin, &one),
            Err(DomainError::HasRemarks(1))
        );
        assert_eq!(a.state_vector(), sv, "a refused import writes nothing");
        assert_ne!(before, sv);
    }

    #[test]
    fn an_unchanged_draft_writes_nothing() {
        let one = draft(vec![("1", "A", vec![clause("1.1", "B", "Text.")])]);
        let a = Agreement::from_draft(7, &one).expect("draft");
        let sv = a.state_vector();
        let summary = a.replace_draft(&coordinator(), &one).expect("same");
        assert_eq!(summary.changed, 0);
        assert_eq!(a.state_vector(), sv);
    }
}
