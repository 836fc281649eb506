//! The agreement document and every operation on it. Each operation is one yrs transaction, so
//! a peer sees it whole or not at all.

use crate::clause::{number, read_clause, string, submap, Chapter, ChapterId, Clause, ClauseId};
use crate::remark::{by_time, read_remark, Remark, RemarkId};
use crate::{ids, DomainError, Participant};
use yrs::updates::decoder::Decode;
use yrs::{
    Doc, Map, MapPrelim, MapRef, OffsetKind, Options, ReadTxn, StateVector, TextPrelim, Transact,
    Update,
};

/// One agreement: a yrs document plus handles to its root types.
#[derive(Debug, Clone)]
pub struct Agreement {
    doc: Doc,
    meta: MapRef,
    chapters: MapRef,
    clauses: MapRef,
    remarks: MapRef,
}

impl Agreement {
    /// A new, empty agreement replica writing as `client_id`.
    pub fn new(client_id: u64) -> Self {
        // UTF-16 offsets, as in Yjs and the browser's selection API, so an index means the same
        // thing on every peer.
        let mut options = Options::with_client_id(yrs::block::ClientID::new(client_id));
        options.offset_kind = OffsetKind::Utf16;
        Self::from_doc(Doc::with_options(options))
    }

    /// Wraps an existing document (e.g. the one a sync connection owns).
    pub fn from_doc(doc: Doc) -> Self {
        let meta = doc.get_or_insert_map("meta");
        let chapters = doc.get_or_insert_map("chapters");
        let clauses = doc.get_or_insert_map("clauses");
        let remarks = doc.get_or_insert_map("remarks");
        Agreement {
            doc,
            meta,
            chapters,
            clauses,
            remarks,
        }
    }

    /// The underlying document, for the sync transport only.
    pub fn doc(&self) -> &Doc {
        &self.doc
    }

    /// The whole state as one v1 update.
    pub fn encode_state(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// Applies a v1 update from a peer or the store.
    pub fn apply_update(&self, update: &[u8]) -> Result<(), DomainError> {
        let update = Update::decode_v1(update).map_err(|e| DomainError::Decode(e.to_string()))?;
        self.doc
            .transact_mut()
            .apply_update(update)
            .map_err(|e| DomainError::Apply(e.to_string()))
    }

    /// Calls `f` with every v1 update committed to this replica, local or remote, until
    /// [`Agreement::off_update`] is called with the same `key`.
    pub fn on_update(&self, key: &str, f: impl Fn(&[u8]) + 'static) -> Result<(), DomainError> {
        self.doc
            .observe_update_v1(key, move |_, e| f(&e.update))
            .map_err(|e| DomainError::Busy(e.to_string()))
    }

    /// Stops the observer registered under `key`.
    pub fn off_update(&self, key: &str) {
        let _ = self.doc.unobserve_update_v1(key);
    }

    /// The agreement's title.
    pub fn title(&self) -> String {
        string(&self.meta, &self.doc.transact(), "title")
    }

    /// Sets the agreement's title.
    pub fn set_title(&self, title: &str) {
        let mut txn = self.doc.transact_mut();
        self.meta.insert(&mut txn, "title", title);
    }

    /// Appends a chapter after the existing ones.
    pub fn add_chapter(&self, number_label: &str, title: &str) -> ChapterId {
        let mut txn = self.doc.transact_mut();
        let id = ids::fresh('k', &txn);
        let order = self.chapters.len(&txn) as f64;
        self.chapters.insert(
            &mut txn,
            id.as_str(),
            MapPrelim::from([
                ("number", yrs::In::from(number_label)),
                ("title", yrs::In::from(title)),
                ("order", yrs::In::from(order)),
            ]),
        );
        id
    }

    /// Appends a clause at the end of `chapter`.
    pub fn add_clause(
        &self,
        chapter: &str,
        number_label: &str,
        heading: &str,
        text: &str,
    ) -> Result<ClauseId, DomainError> {
        let mut txn = self.doc.transact_mut();
        if !self.chapters.contains_key(&txn, chapter) {
            return Err(DomainError::UnknownChapter(chapter.to_string()));
        }
        let id = ids::fresh('c', &txn);
        let order = self.clauses.len(&txn) as f64;
        let clause = self.clauses.insert(
            &mut txn,
            id.as_str(),
            MapPrelim::from([
                ("chapter", yrs::In::from(chapter)),
                ("number", yrs::In::from(number_label)),
                ("heading", yrs::In::from(heading)),
                ("order", yrs::In::from(order)),
            ]),
        );
        clause.insert(&mut txn, "text", TextPrelim::new(text));
        Ok(id)
    }

    /// Chapters in order, each with its clauses in order.
    pub fn chapters(&self) -> Vec<Chapter> {
        let txn = self.doc.transact();
        let mut chapters: Vec<(f64, Chapter)> = self
            .chapters
            .iter(&txn)
            .filter_map(|(id, v)| {
                let yrs::Out::YMap(m) = v else { return None };
                Some((
                    number(&m, &txn, "order"),
                    Chapter {
                        id: id.to_string(),
                        number: string(&m, &txn, "number"),
                        title: string(&m, &txn, "title"),
                        clauses: Vec::new(),
                    },
                ))
            })
            .collect();
        chapters.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut clauses: Vec<(f64, Clause)> = self
            .clauses
            .iter(&txn)
            .filter_map(|(id, v)| {
                let yrs::Out::YMap(m) = v else { return None };
                Some((number(&m, &txn, "order"), read_clause(id, &m, &txn)))
            })
            .collect();
        clauses.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut out: Vec<Chapter> = chapters.into_iter().map(|(_, c)| c).collect();
        for (_, clause) in clauses {
            if let Some(ch) = out.iter_mut().find(|c| c.id == clause.chapter) {
                ch.clauses.push(clause);
            }
        }
        out
    }

    /// One clause as it reads now.
    pub fn clause(&self, id: &str) -> Option<Clause> {
        let txn = self.doc.transact();
        submap(&self.clauses, &txn, id).map(|m| read_clause(id, &m, &txn))
    }

    /// Adds `author`'s remark on a whole clause.
    pub fn add_remark(
        &self,
        clause: &str,
        author: &Participant,
        body: &str,
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        let mut txn = self.doc.transact_mut();
        if !self.clauses.contains_key(&txn, clause) {
            return Err(DomainError::UnknownClause(clause.to_string()));
        }
        self.insert_remark(&mut txn, clause, None, author, body, now_ms)
    }

    /// Adds `author`'s reply to a remark. A reply to a reply joins the same thread.
    pub fn reply(
        &self,
        to: &str,
        author: &Participant,
        body: &str,
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        let mut txn = self.doc.transact_mut();
        let target = submap(&self.remarks, &txn, to)
            .map(|m| read_remark(to, &m, &txn))
            .ok_or_else(|| DomainError::UnknownRemark(to.to_string()))?;
        let root = target.parent.unwrap_or(target.id);
        self.insert_remark(&mut txn, &target.clause, Some(&root), author, body, now_ms)
    }

    fn insert_remark(
        &self,
        txn: &mut yrs::TransactionMut,
        clause: &str,
        parent: Option<&str>,
        author: &Participant,
        body: &str,
        now_ms: f64,
    ) -> Result<RemarkId, DomainError> {
        if !author.role.may_remark() {
            return Err(DomainError::RoleMayNotRemark(author.role));
        }
        let body = body.trim();
        if body.is_empty() {
            return Err(DomainError::EmptyRemark);
        }
        let id = ids::fresh('r', txn);
        let mut fields = MapPrelim::from([
            ("clause", yrs::In::from(clause)),
            ("author", yrs::In::from(author.id.as_str())),
            ("author_name", yrs::In::from(author.name.as_str())),
            ("organisation", yrs::In::from(author.organisation.as_str())),
            ("role", yrs::In::from(author.role.key())),
            ("body", yrs::In::from(body)),
            ("created_ms", yrs::In::from(now_ms)),
        ]);
        if let Some(parent) = parent {
            fields.insert("parent".into(), yrs::In::from(parent));
        }
        self.remarks.insert(txn, id.as_str(), fields);
        Ok(id)
    }

    /// The remarks on a clause, oldest first, each with its replies.
    pub fn remarks_of(&self, clause: &str) -> Vec<Remark> {
        let txn = self.doc.transact();
        let mut all: Vec<Remark> = self
            .remarks
            .iter(&txn)
            .filter_map(|(id, v)| {
                let yrs::Out::YMap(m) = v else { return None };
                let r = read_remark(id, &m, &txn);
                (r.clause == clause).then_some(r)
            })
            .collect();
        all.sort_by(by_time);
        let (mut roots, replies): (Vec<Remark>, Vec<Remark>) =
            all.into_iter().partition(|r| r.parent.is_none());
        for reply in replies {
            if let Some(root) = roots.iter_mut().find(|r| Some(&r.id) == reply.parent.as_ref()) {
                root.replies.push(reply);
            }
        }
        roots
    }

    /// One remark with its replies (a reply's own `replies` are empty).
    pub fn remark(&self, id: &str) -> Option<Remark> {
        let clause = {
            let txn = self.doc.transact();
            let m = submap(&self.remarks, &txn, id)?;
            read_remark(id, &m, &txn)
        };
        if clause.parent.is_some() {
            return Some(clause);
        }
        self.remarks_of(&clause.clause).into_iter().find(|r| r.id == id)
    }

    /// How many remarks and replies a clause has.
    pub fn remark_count(&self, clause: &str) -> usize {
        let txn = self.doc.transact();
        self.remarks
            .iter(&txn)
            .filter(|(_, v)| match v {
                yrs::Out::YMap(m) => string(m, &txn, "clause") == clause,
                _ => false,
            })
            .count()
    }

    /// The current state vector, v1-encoded.
    pub fn state_vector(&self) -> Vec<u8> {
        use yrs::updates::encoder::Encode;
        self.doc.transact().state_vector().encode_v1()
    }
}
