//! Chapters and clauses. Each clause's wording is its own Y.Text, so a keystroke touches one
//! small sequence. Order is a float per entry (fractional indexing) rather than a Y.Array of
//! ids: moving a clause is one map write, and concurrent moves cannot duplicate it. A removed
//! clause is only marked removed, so the remarks on it and the versions quoting it keep their
//! context.

use crate::fields::{boolean, entries, number, string, submap, text, utf16_len};
use crate::guard::{forbid, Ctx, FieldSet, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, chapter as K, clause as C, Val};
use crate::textedit::{apply_change, splice};
use crate::{ids, Agreement, DomainError, Participant};
use yrs::{GetString, Map, MapRef, ReadTxn, Transact, TransactionMut};

/// A chapter's stable id.
pub type ChapterId = String;
/// A clause's stable id.
pub type ClauseId = String;

/// A chapter with its clauses in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub clauses: Vec<Clause>,
}

/// A clause as it reads now.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub id: ClauseId,
    pub chapter: ChapterId,
    pub number: String,
    pub heading: String,
    pub text: String,
}

pub(crate) fn read_clause<T: ReadTxn>(id: &str, map: &MapRef, txn: &T) -> Clause {
    Clause {
        id: id.to_string(),
        chapter: string(map, txn, C::CHAPTER.name),
        number: string(map, txn, C::NUMBER.name),
        heading: string(map, txn, C::HEADING.name),
        text: text(map, txn, C::TEXT.name)
            .map(|t| t.get_string(txn))
            .unwrap_or_default(),
    }
}

impl Agreement {
    /// Appends a chapter after the existing ones (building a draft, before it is shared).
    pub fn add_chapter(&self, number_label: &str, title: &str) -> ChapterId {
        let mut txn = self.doc.transact_mut();
        let order = entries(&self.chapters, &txn)
            .iter()
            .map(|(_, m)| number(m, &txn, K::ORDER.name))
            .fold(-1.0, f64::max)
            + 1.0;
        self.insert_chapter(&mut txn, number_label, title, order)
    }

    pub(crate) fn insert_chapter(
        &self,
        txn: &mut TransactionMut,
        number_label: &str,
        title: &str,
        order: f64,
    ) -> ChapterId {
        let id = ids::fresh('k', txn);
        let entry = schema::entry(
            &K::ROOT,
            vec![
                (&K::NUMBER, Val::Str(number_label)),
                (&K::TITLE, Val::Str(title)),
                (&K::ORDER, Val::Num(order)),
            ],
        );
        self.chapters.insert(txn, id.as_str(), entry);
        id
    }

    /// Appends a clause at the end of `chapter` (building a draft, before it is shared).
    pub fn add_clause(
        &self,
        chapter: &str,
        number_label: &str,
        heading: &str,
        text: &str,
    ) -> Result<ClauseId, DomainError> {
        let mut txn = self.doc.transact_mut();
        let last = self.ordered_clauses(&txn, chapter)?.last().map(|(o, _)| *o);
        let order = last.map_or(0.0, |o| o + 1.0);
        Ok(self.insert_clause_at(&mut txn, chapter, number_label, heading, text, order))
    }

    pub(crate) fn insert_clause_at(
        &self,
        txn: &mut TransactionMut,
        chapter: &str,
        number_label: &str,
        heading: &str,
        body: &str,
        order: f64,
    ) -> ClauseId {
        let id = ids::fresh('c', txn);
        let entry = schema::entry(
            &C::ROOT,
            vec![
                (&C::CHAPTER, Val::Str(chapter)),
                (&C::NUMBER, Val::Str(number_label)),
                (&C::HEADING, Val::Str(heading)),
                (&C::ORDER, Val::Num(order)),
                (&C::TEXT, Val::Text(body)),
            ],
        );
        self.clauses.insert(txn, id.as_str(), entry);
        id
    }

    /// The live clauses of a chapter as (order, id), in order.
    fn ordered_clauses<T: ReadTxn>(
        &self,
        txn: &T,
        chapter: &str,
    ) -> Result<Vec<(f64, String)>, DomainError> {
        if submap(&self.chapters, txn, chapter).is_none_or(|m| boolean(&m, txn, "removed")) {
            return Err(DomainError::UnknownChapter(chapter.to_string()));
        }
        let mut clauses: Vec<(f64, String)> = entries(&self.clauses, txn)
            .into_iter()
            .filter(|(_, m)| {
                string(m, txn, C::CHAPTER.name) == chapter && !boolean(m, txn, C::REMOVED.name)
            })
            .map(|(id, m)| (number(&m, txn, C::ORDER.name), id))
            .collect();
        crate::sorting::sort_by(&mut clauses, |a, b| {
            a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1))
        });
        Ok(clauses)
    }

    /// The order value that places a clause right after `after` (or first) in `chapter`.
    fn order_after<T: ReadTxn>(
        &self,
        txn: &T,
        chapter: &str,
        after: Option<&str>,
    ) -> Result<f64, DomainError> {
        let clauses = self.ordered_clauses(txn, chapter)?;
        let position = match after {
            None => 0,
            Some(after) => {
                clauses
                    .iter()
                    .position(|(_, id)| id == after)
                    .ok_or_else(|| DomainError::UnknownClause(after.to_string()))?
                    + 1
            }
        };
        let before = position.checked_sub(1).map(|i| clauses[i].0);
        let next = clauses.get(position).map(|c| c.0);
        Ok(match (before, next) {
            (Some(a), Some(b)) => (a + b) / 2.0,
            (Some(a), None) => a + 1.0,
            (None, Some(b)) => b - 1.0,
            (None, None) => 0.0,
        })
    }

    /// Inserts a clause into `chapter` right after `after` (or first), as a coordinator.
    pub fn insert_clause(
        &self,
        actor: &Participant,
        chapter: &str,
        after: Option<&str>,
        number_label: &str,
        heading: &str,
        text: &str,
    ) -> Result<ClauseId, DomainError> {
        self.check(actor, Action::EditStructure)?;
        let mut txn = self.doc.transact_mut();
        let order = self.order_after(&txn, chapter, after)?;
        Ok(self.insert_clause_at(&mut txn, chapter, number_label, heading, text, order))
    }

    /// Moves a clause to `chapter`, right after `after` (or first), as a coordinator.
    pub fn move_clause(
        &self,
        actor: &Participant,
        clause: &str,
        chapter: &str,
        after: Option<&str>,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::EditStructure)?;
        let mut txn = self.doc.transact_mut();
        let map = self.live_clause(&txn, clause)?;
        let order = self.order_after(&txn, chapter, after.filter(|a| *a != clause))?;
        schema::set(&mut txn, &C::ROOT, &map, &C::CHAPTER, Val::Str(chapter));
        schema::set(&mut txn, &C::ROOT, &map, &C::ORDER, Val::Num(order));
        Ok(())
    }

    /// Removes a clause from the agreement, as a coordinator. Its remarks are kept.
    pub fn remove_clause(&self, actor: &Participant, clause: &str) -> Result<(), DomainError> {
        self.check(actor, Action::EditStructure)?;
        let mut txn = self.doc.transact_mut();
        let map = self.live_clause(&txn, clause)?;
        schema::set(&mut txn, &C::ROOT, &map, &C::REMOVED, Val::Bool(true));
        Ok(())
    }

    /// Renumbers or renames a clause, as a coordinator.
    pub fn set_clause_heading(
        &self,
        actor: &Participant,
        clause: &str,
        number_label: &str,
        heading: &str,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::EditStructure)?;
        let mut txn = self.doc.transact_mut();
        let map = self.live_clause(&txn, clause)?;
        schema::set(&mut txn, &C::ROOT, &map, &C::NUMBER, Val::Str(number_label));
        schema::set(&mut txn, &C::ROOT, &map, &C::HEADING, Val::Str(heading));
        Ok(())
    }

    /// Edits clause text in place: deletes `delete` UTF-16 units at `index`, then inserts
    /// `insert` there, as a coordinator (a keystroke in the editor).
    pub fn edit_clause_text(
        &self,
        actor: &Participant,
        clause: &str,
        index: u32,
        delete: u32,
        insert: &str,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::EditText)?;
        let mut txn = self.doc.transact_mut();
        let text = self.writable_text_ref(&txn, clause)?;
        splice(&mut txn, &text, (index, delete, insert))
    }

    /// Replaces a clause's whole wording, as a coordinator. Only the words that differ are
    /// rewritten, so remarks anchored on unchanged words stay where they are.
    pub fn set_clause_text(
        &self,
        actor: &Participant,
        clause: &str,
        new_text: &str,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::EditText)?;
        let mut txn = self.doc.transact_mut();
        let text = self.writable_text_ref(&txn, clause)?;
        let old = text.get_string(&txn);
        apply_change(&mut txn, &text, 0, &old, new_text);
        Ok(())
    }

    pub(crate) fn live_clause<T: ReadTxn>(
        &self,
        txn: &T,
        clause: &str,
    ) -> Result<MapRef, DomainError> {
        submap(&self.clauses, txn, clause)
            .filter(|m| !boolean(m, txn, C::REMOVED.name))
            .ok_or_else(|| DomainError::UnknownClause(clause.to_string()))
    }

    pub(crate) fn clause_text_ref<T: ReadTxn>(
        &self,
        txn: &T,
        clause: &str,
    ) -> Result<yrs::TextRef, DomainError> {
        let map = self.live_clause(txn, clause)?;
        text(&map, txn, C::TEXT.name).ok_or_else(|| DomainError::UnknownClause(clause.to_string()))
    }

    /// Chapters in order, each with its live clauses in order.
    pub fn chapters(&self) -> Vec<Chapter> {
        let txn = self.doc.transact();
        let mut chapters: Vec<(f64, Chapter)> = entries(&self.chapters, &txn)
            .into_iter()
            // A chapter a new draft no longer has is marked removed, like a clause.
            .filter(|(_, m)| !boolean(m, &txn, "removed"))
            .map(|(id, m)| {
                (
                    number(&m, &txn, K::ORDER.name),
                    Chapter {
                        number: string(&m, &txn, K::NUMBER.name),
                        title: string(&m, &txn, K::TITLE.name),
                        clauses: Vec::new(),
                        id,
                    },
                )
            })
            .collect();
        crate::sorting::sort_by(&mut chapters, |a, b| {
            a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id))
        });
        let mut clauses: Vec<(f64, Clause)> = entries(&self.clauses, &txn)
            .into_iter()
            .filter(|(_, m)| !boolean(m, &txn, C::REMOVED.name))
            .map(|(id, m)| (number(&m, &txn, C::ORDER.name), read_clause(&id, &m, &txn)))
            .collect();
        crate::sorting::sort_by(&mut clauses, |a, b| {
            a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id))
        });
        let mut out: Vec<Chapter> = chapters.into_iter().map(|(_, c)| c).collect();
        for (_, clause) in clauses {
            if let Some(ch) = out.iter_mut().find(|c| c.id == clause.chapter) {
                ch.clauses.push(clause);
            }
        }
        out
    }

    /// Every live clause in reading order.
    pub fn clauses(&self) -> Vec<Clause> {
        self.chapters()
            .into_iter()
            .flat_map(|c| c.clauses)
            .collect()
    }

    /// One clause as it reads now (`None` if unknown or removed).
    pub fn clause(&self, id: &str) -> Option<Clause> {
        let txn = self.doc.transact();
        self.live_clause(&txn, id)
            .ok()
            .map(|m| read_clause(id, &m, &txn))
    }

    /// Length of a clause's text in UTF-16 units (the unit of every offset here).
    pub fn clause_len(&self, id: &str) -> Option<u32> {
        self.clause(id).map(|c| utf16_len(&c.text))
    }
}

/// The server's rules for chapters and clauses: coordinators shape the agreement while its text
/// may change; a clause belongs to a chapter that exists; its wording is edited as text.
impl Agreement {
    pub(crate) fn judge_chapter(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", K::ROOT.name, e.key);
        ctx.allow(&what, Action::EditStructure)?;
        if e.replaces {
            return Err(forbid(&what, "a chapter is never replaced"));
        }
        if crate::approval::APPROVAL_FIELDS
            .iter()
            .any(|f| e.values(f).next().is_some())
        {
            return Err(forbid(&what, "a chapter is approved after it exists"));
        }
        Ok(())
    }

    pub(crate) fn judge_clause(&self, ctx: &Ctx, e: &NewEntry) -> Result<(), Refusal> {
        let what = format!("{}/{}", C::ROOT.name, e.key);
        ctx.allow(&what, Action::EditStructure)?;
        if e.replaces {
            return Err(forbid(&what, "a clause is never replaced"));
        }
        for chapter in e.values(&C::CHAPTER) {
            self.judge_chapter_exists(ctx, &what, chapter)?;
        }
        Ok(())
    }

    /// A clause's or chapter's number, heading, order, chapter or removal (an approval of a
    /// chapter has its own rule, in approval.rs).
    pub(crate) fn judge_structure_edit(&self, ctx: &Ctx, set: &FieldSet) -> Result<(), Refusal> {
        let what = format!("{}/{}/{}", set.root.name, set.entry, set.field.name);
        if set.root.name == K::ROOT.name && crate::approval::is_approval_field(set.field) {
            return self.judge_approval(ctx, set);
        }
        ctx.allow(&what, Action::EditStructure)?;
        if set.root.name == C::ROOT.name && set.field.name == C::CHAPTER.name {
            self.judge_chapter_exists(ctx, &what, &set.value)?;
        }
        Ok(())
    }

    fn judge_chapter_exists(&self, ctx: &Ctx, what: &str, chapter: &Judged) -> Result<(), Refusal> {
        match chapter {
            Judged::Str(id) if self.entry_exists(ctx, K::ROOT.name, id) => Ok(()),
            _ => Err(forbid(what, "the chapter does not exist")),
        }
    }

    /// Characters inserted into or deleted from an existing clause's wording — never in an
    /// approved chapter.
    pub(crate) fn judge_text_edit(&self, ctx: &Ctx, clause: &str) -> Result<(), Refusal> {
        let what = format!("{}/{clause}/{}", C::ROOT.name, C::TEXT.name);
        ctx.allow(&what, Action::EditText)?;
        if let Some(chapter) = self.locked_chapter_of(clause) {
            return Err(forbid(
                &what,
                &DomainError::ChapterApproved(chapter).to_string(),
            ));
        }
        if !self.clause_is_live(ctx, clause) {
            return Err(forbid(
                &what,
                &DomainError::UnknownClause(clause.into()).to_string(),
            ));
        }
        Ok(())
    }
}
