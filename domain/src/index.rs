//! The read index: what the views ask of an agreement, kept current from the document's own
//! events, so a query costs what its answer holds rather than what the agreement holds.
//!
//! A yrs document answers "what is in entry X" cheaply, but not "which remarks are on clause
//! C" or "which organisations have sent a stance on C": those need a scan of every entry. The
//! index keeps such answers — remarks by clause (threads in order, replies by parent),
//! dispositions, supports per proposal, stance drafts by organisation and clause, sent answers
//! by organisation — and updates them from yrs events: deep observers on the root maps note
//! which entries a transaction touched, and when the transaction ends those entries alone are
//! read again. Local writes, remote updates and a whole state loaded at once take the same
//! path, so the index cannot drift from the document (a property test checks it against a
//! scan after random operations; see `index/tests.rs`).
//!
//! Every transaction also yields the [`Change`]s it made, keyed by what a view shows: one
//! clause's wording, one clause's remarks, one remark, one clause's stances, the outline … A
//! view subscribes to the keys it reads ([`Agreement::on_change`]), so a change on clause X
//! re-renders clause X only. A replica put in place of another (after the server refused a
//! change) is compared with the one it replaces ([`Agreement::changes_from`]), which yields the
//! same keys.
//!
//! The index is built on first use, so a replica that is never queried (the server's, most
//! of the time) never pays for it. Anchors are not resolved in the index: where a range stands
//! depends on the clause text, which changes with every keystroke, so queries resolve the
//! anchors of the clause they are asked about, reading its text once.

mod diff;
mod remarks;
mod stances;
mod supports;
#[cfg(test)]
mod tests;

use crate::Agreement;
use remarks::Remarks;
use stances::Stances;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use supports::Supports;
use yrs::types::{Event, Events, PathSegment};
use yrs::{DeepObservable, Map, MapRef, ReadTxn, Transact, TransactionMut};

pub(crate) use remarks::{Order, Replies};

/// What a transaction changed, keyed by what the views show. A view that shows one of these
/// re-reads it when the key comes by; nothing else needs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The title, the phase or a deadline (the agreement's or an organisation's extension).
    Meta,
    /// Chapters, and the order, numbers and headings of clauses; a clause added or removed.
    Outline,
    /// Who takes part: participants, their organisations and the organisations' respondents.
    Participants,
    /// The named versions.
    Versions,
    /// Acceptances of proposals (see acceptance.rs).
    Acceptances,
    /// A clause's wording — and so where the ranges of its remarks stand.
    Text(String),
    /// Anything about the remarks on a clause: one added, edited, withdrawn, disposed of or
    /// replied to. Counts, filters and the list of threads read this.
    Remarks(String),
    /// One remark or reply: its fields, its disposition, and for a remark its replies.
    Remark(String),
    /// Support and opposition on one proposal.
    Support(String),
    /// Any organisation's stance on a clause, drafted or sent.
    Stances(String),
    /// One organisation's drafts or sent answers.
    Organisation(String),
    /// The coordinators' response to a clause (bemötande / vurdering): its text or who last
    /// changed it.
    Response(String),
}

/// Collects a transaction's changes. Pushed as they come (a whole state loaded at once makes
/// tens of thousands), then sorted once and each kept once.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    list: Vec<Change>,
    /// An organisation's latest answer changed: what every clause shows as sent may have.
    every_clause_stances: bool,
}

impl Changes {
    pub(crate) fn insert(&mut self, change: Change) {
        self.list.push(change);
    }

    pub(crate) fn extend(&mut self, changes: impl IntoIterator<Item = Change>) {
        self.list.extend(changes);
    }

    /// Notes that every clause's stances changed (named once, when finished).
    pub(crate) fn every_clause_stances(&mut self) {
        self.every_clause_stances = true;
    }

    /// The changes, each once, in a stable order; `clauses` names every clause.
    pub(crate) fn finish(mut self, clauses: impl IntoIterator<Item = String>) -> Vec<Change> {
        if self.every_clause_stances {
            self.list.extend(clauses.into_iter().map(Change::Stances));
        }
        crate::sorting::sort(&mut self.list);
        self.list.dedup();
        self.list
    }
}

/// The indexed parts of one replica.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Index {
    pub(crate) remarks: Remarks,
    pub(crate) supports: Supports,
    pub(crate) stances: Stances,
}

/// Handles to the root maps the index reads. `MapRef`s are plain handles that do not keep
/// the document alive, so observers holding them form no reference cycle with it.
#[derive(Clone)]
struct Roots {
    clauses: MapRef,
    remarks: MapRef,
    dispositions: MapRef,
    supports: MapRef,
    stances: MapRef,
    answers: MapRef,
    participants: MapRef,
    stamps: MapRef,
    revisions: MapRef,
    responses: MapRef,
}

/// Every root map with its name, for the deep observers that note what a transaction touched.
type Watched = Vec<(&'static str, MapRef)>;

/// Entries a transaction touched, noted by the deep observers and read again when it ends.
#[derive(Debug, Default)]
struct Dirty {
    meta: bool,
    outline: bool,
    participants: bool,
    versions: bool,
    acceptances: bool,
    texts: BTreeSet<String>,
    remarks: BTreeSet<String>,
    dispositions: BTreeSet<String>,
    supports: BTreeSet<String>,
    stances: BTreeSet<String>,
    answers: BTreeSet<String>,
    /// Participants whose record changed: their remarks show the name it gives.
    authors: BTreeSet<String>,
    /// Entries the server stamped: a remark's or an answer's time is the stamp's.
    stamps: BTreeSet<String>,
    /// Clauses whose response was written (read by the compilation page, not indexed).
    responses: BTreeSet<String>,
}

impl Dirty {
    fn is_empty(&self) -> bool {
        !(self.meta || self.outline || self.participants || self.versions || self.acceptances)
            && self.texts.is_empty()
            && self.remarks.is_empty()
            && self.dispositions.is_empty()
            && self.supports.is_empty()
            && self.stances.is_empty()
            && self.answers.is_empty()
            && self.authors.is_empty()
            && self.stamps.is_empty()
            && self.responses.is_empty()
    }

    /// Notes what `events`, observed on the root map `root`, touched.
    fn note(&mut self, root: &str, txn: &TransactionMut, events: &Events) {
        for event in events.iter() {
            let path = event.path();
            let first = path.front().and_then(|s| match s {
                PathSegment::Key(k) => Some(k.to_string()),
                PathSegment::Index(_) => None,
            });
            // The entries touched: the one the path starts at, or — for an event on the root
            // map itself — every key it set or removed.
            let keys: Vec<String> = match (first, event) {
                (Some(key), _) => vec![key],
                (None, Event::Map(e)) => e.keys(txn).keys().map(|k| k.to_string()).collect(),
                (None, _) => Vec::new(),
            };
            match root {
                "meta" | "extensions" => self.meta = true,
                "chapters" => self.outline = true,
                "participants" => {
                    self.participants = true;
                    self.authors.extend(keys);
                }
                "organisations" => self.participants = true,
                "versions" => self.versions = true,
                "acceptances" => self.acceptances = true,
                "clauses" => {
                    // A clause's own fields are the outline; its text (or its removal) is
                    // what its anchors resolve against.
                    let text_only = path.len() > 1;
                    let removal = match event {
                        Event::Map(e) if path.len() == 1 => e
                            .keys(txn)
                            .keys()
                            .any(|k| &**k == "removed" || &**k == "text"),
                        _ => false,
                    };
                    self.outline |= !text_only;
                    if text_only || removal || path.is_empty() {
                        self.texts.extend(keys);
                    }
                }
                "remarks" => self.remarks.extend(keys),
                "dispositions" => self.dispositions.extend(keys),
                "supports" => self.supports.extend(keys),
                "stances" => self.stances.extend(keys),
                "answers" => self.answers.extend(keys),
                // A phase's stamp says when it began: meta, as the phase is.
                "stamps" => {
                    let (phases, entries): (Vec<String>, Vec<String>) = keys
                        .into_iter()
                        .partition(|k| crate::stamp::is_phase_key(k));
                    self.meta |= !phases.is_empty();
                    self.stamps.extend(entries);
                }
                "responses" => self.responses.extend(keys),
                // A kept wording is read with its remark (its count of revisions).
                "revisions" => self.remarks.extend(
                    keys.iter()
                        .filter_map(|k| crate::revision::remark_of(k))
                        .map(str::to_string),
                ),
                // Who edited a clause is read with its history, on the clause's text change
                // (the editor's own replica gets the record after its edit).
                "wordings" => self.texts.extend(
                    keys.iter()
                        .filter_map(|k| k.rsplit_once('~').map(|(clause, _)| clause.to_string())),
                ),
                _ => {}
            }
        }
    }

    /// Everything in the document, as if every entry had just been written.
    fn everything<T: ReadTxn>(roots: &Roots, txn: &T) -> Dirty {
        let keys = |m: &MapRef| m.keys(txn).map(str::to_string).collect::<BTreeSet<_>>();
        Dirty {
            meta: true,
            outline: true,
            participants: true,
            versions: true,
            acceptances: true,
            texts: keys(&roots.clauses),
            remarks: keys(&roots.remarks),
            dispositions: keys(&roots.dispositions),
            supports: keys(&roots.supports),
            stances: keys(&roots.stances),
            answers: keys(&roots.answers),
            authors: BTreeSet::new(),
            stamps: BTreeSet::new(),
            responses: keys(&roots.responses),
        }
    }
}

impl Index {
    /// Reads the touched entries again and returns what changed.
    fn apply<T: ReadTxn>(&mut self, mut dirty: Dirty, roots: &Roots, txn: &T) -> Vec<Change> {
        let mut changes = Changes::default();
        // A stamp or a participant's name is read with the entry it belongs to.
        for key in std::mem::take(&mut dirty.stamps) {
            if roots.remarks.contains_key(txn, &key) {
                dirty.remarks.insert(key);
            } else if roots.answers.contains_key(txn, &key) {
                dirty.answers.insert(key);
            }
        }
        let authors = std::mem::take(&mut dirty.authors);
        dirty.remarks.extend(self.remarks.ids_by(&authors));
        let beside = crate::remark::Beside {
            participants: &roots.participants,
            stamps: &roots.stamps,
            revisions: &roots.revisions,
        };
        for (flag, change) in [
            (dirty.meta, Change::Meta),
            (dirty.outline, Change::Outline),
            (dirty.participants, Change::Participants),
            (dirty.versions, Change::Versions),
            (dirty.acceptances, Change::Acceptances),
        ] {
            if flag {
                changes.insert(change);
            }
        }
        changes.extend(dirty.texts.into_iter().map(Change::Text));
        changes.extend(dirty.responses.into_iter().map(Change::Response));
        for id in dirty.remarks {
            let stored = crate::fields::submap(&roots.remarks, txn, &id)
                .map(|m| crate::remark::read_stored(&id, &m, txn, &beside));
            self.remarks.set(&id, stored, &mut changes);
        }
        for id in dirty.dispositions {
            let value = crate::disposition::read(&roots.dispositions, txn, &id);
            self.remarks.set_disposition(&id, value, &mut changes);
        }
        for key in dirty.supports {
            let entry =
                crate::fields::submap(&roots.supports, txn, &key).map(|m| supports::read(&m, txn));
            self.supports.set(&key, entry, &mut changes);
        }
        for key in dirty.stances {
            let entry = crate::fields::submap(&roots.stances, txn, &key)
                .map(|m| stances::read_draft(&m, txn));
            self.stances.set_draft(&key, entry, &mut changes);
        }
        for id in dirty.answers {
            let answer = crate::fields::submap(&roots.answers, txn, &id)
                .map(|m| crate::stance::read_answer(&id, &m, txn, &roots.stamps));
            self.stances.set_answer(&id, answer, &mut changes);
        }
        changes.finish(roots.clauses.keys(txn).map(str::to_string))
    }
}

type Listener = Arc<dyn Fn(&[Change]) + Send + Sync>;

/// The index of one replica (shared by every clone of its [`Agreement`]), built on first use,
/// and whoever listens to its changes. Behind mutexes because an agreement may move between
/// threads (the server reads one on a worker thread); no lock is held while a listener runs,
/// and no query takes the index while it holds it.
#[derive(Default)]
pub(crate) struct IndexCell {
    index: Mutex<Option<Index>>,
    dirty: Arc<Mutex<Dirty>>,
    listeners: Mutex<Vec<(String, Listener)>>,
    /// The index waits for the document's first content, to read it whole once instead of
    /// through the deep observers, which are registered only then (see `ensure_index`).
    awaiting_whole: AtomicBool,
    /// The key the observers are registered under: unique per cell, so two wrappers of one
    /// document never replace each other's observers.
    key: String,
}

impl fmt::Debug for IndexCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IndexCell")
            .field("built", &lock(&self.index).is_some())
            .field("listeners", &lock(&self.listeners).len())
            .finish()
    }
}

impl IndexCell {
    pub(crate) fn new() -> Arc<IndexCell> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Arc::new(IndexCell {
            key: format!("index-{}", NEXT.fetch_add(1, Ordering::Relaxed)),
            ..IndexCell::default()
        })
    }
}

impl Agreement {
    fn index_roots(&self) -> Roots {
        Roots {
            clauses: self.clauses.clone(),
            remarks: self.remarks.clone(),
            dispositions: self.dispositions.clone(),
            supports: self.supports.clone(),
            stances: self.stances.clone(),
            answers: self.answers.clone(),
            participants: self.participants.clone(),
            stamps: self.stamps.clone(),
            revisions: self.revisions.clone(),
            responses: self.responses.clone(),
        }
    }

    /// Builds the index and starts keeping it current, unless that is done already. Fails
    /// only while a transaction is open on the document (observers cannot be added then).
    ///
    /// On a replica still empty (a page that has yet to receive the agreement) the index
    /// waits for the first transaction that brings content and reads it whole then: a whole
    /// agreement arriving through the deep observers makes yrs build an event per nested
    /// type and the observers note tens of thousands of keys, to read them all anyway.
    fn ensure_index(&self) -> bool {
        if lock(&self.index.index).is_some() {
            return true;
        }
        let roots = self.index_roots();
        let watched: Watched = self
            .named_roots()
            .into_iter()
            .map(|(name, map)| (name, map.clone()))
            .collect();
        let cell = Arc::downgrade(&self.index);
        let key = self.index.key.clone();
        let observed = self.doc.observe_after_transaction(key, {
            let roots = roots.clone();
            let watched = watched.clone();
            move |txn| after_transaction(&cell, &roots, &watched, txn)
        });
        if observed.is_err() {
            return false;
        }
        let txn = self.doc.transact();
        if txn.state_vector() == yrs::StateVector::default() {
            self.index.awaiting_whole.store(true, Ordering::SeqCst);
            *lock(&self.index.index) = Some(Index::default());
            return true;
        }
        watch(&self.index, &watched);
        let mut index = Index::default();
        index.apply(Dirty::everything(&roots, &txn), &roots, &txn);
        *lock(&self.index.index) = Some(index);
        true
    }

    /// Starts the index the way it was before a replica's first content was read whole:
    /// through the deep observers from the start (the reference the whole read is held to).
    #[cfg(test)]
    fn index_through_observers(&self) {
        assert!(self.ensure_index(), "no transaction is open");
        if self.index.awaiting_whole.swap(false, Ordering::SeqCst) {
            let watched: Watched = self
                .named_roots()
                .into_iter()
                .map(|(name, map)| (name, map.clone()))
                .collect();
            watch(&self.index, &watched);
        }
    }

    fn named_roots(&self) -> [(&'static str, &MapRef); 17] {
        [
            ("meta", &self.meta),
            ("chapters", &self.chapters),
            ("clauses", &self.clauses),
            ("remarks", &self.remarks),
            ("participants", &self.participants),
            ("organisations", &self.organisations),
            ("supports", &self.supports),
            ("stances", &self.stances),
            ("answers", &self.answers),
            ("dispositions", &self.dispositions),
            ("versions", &self.versions),
            ("extensions", &self.extensions),
            ("acceptances", &self.acceptances),
            ("stamps", &self.stamps),
            ("responses", &self.responses),
            ("revisions", &self.revisions),
            ("wordings", &self.wordings),
        ]
    }

    /// Runs `f` on the index and a read transaction. Should the index not be available (a
    /// transaction held elsewhere kept the observers from being added), one is built for this
    /// call alone: slower, never wrong.
    pub(crate) fn with_index<R>(&self, f: impl FnOnce(&Index, &yrs::Transaction) -> R) -> R {
        if self.ensure_index() {
            let txn = self.doc.transact();
            let index = lock(&self.index.index);
            if let Some(index) = index.as_ref() {
                return f(index, &txn);
            }
        }
        let txn = self.doc.transact();
        let roots = self.index_roots();
        let mut scratch = Index::default();
        scratch.apply(Dirty::everything(&roots, &txn), &roots, &txn);
        f(&scratch, &txn)
    }

    /// Calls `f` with the [`Change`]s of every transaction committed to this replica from
    /// now on (local or remote), until [`Agreement::off_change`] with the same `key`. `f`
    /// runs while the transaction commits: it may note what to re-read, but not read.
    pub fn on_change(&self, key: &str, f: impl Fn(&[Change]) + Send + Sync + 'static) {
        self.ensure_index();
        let mut listeners = lock(&self.index.listeners);
        listeners.retain(|(k, _)| k != key);
        listeners.push((key.to_string(), Arc::new(f)));
    }

    /// Stops the listener registered under `key`.
    pub fn off_change(&self, key: &str) {
        lock(&self.index.listeners).retain(|(k, _)| k != key);
    }
}

/// Registers the deep observers that note what each transaction touches in `watched`.
fn watch(cell: &Arc<IndexCell>, watched: &Watched) {
    for (name, map) in watched {
        let name: &'static str = name;
        let dirty = Arc::downgrade(&cell.dirty);
        map.observe_deep(cell.key.clone(), move |txn, events| {
            if let Some(dirty) = dirty.upgrade() {
                lock(&dirty).note(name, txn, events);
            }
        });
    }
}

/// Reads again what the transaction touched — or, for the first content of a replica that
/// was empty, everything, once — then tells the listeners.
fn after_transaction(
    cell: &Weak<IndexCell>,
    roots: &Roots,
    watched: &Watched,
    txn: &mut TransactionMut,
) {
    let Some(cell) = cell.upgrade() else { return };
    let changes = if cell.awaiting_whole.load(Ordering::SeqCst) {
        if txn.insert_set().is_empty() {
            return;
        }
        let mut whole = Index::default();
        let changes = whole.apply(Dirty::everything(roots, &*txn), roots, &*txn);
        *lock(&cell.index) = Some(whole);
        cell.awaiting_whole.store(false, Ordering::SeqCst);
        watch(&cell, watched);
        changes
    } else {
        let dirty = std::mem::take(&mut *lock(&cell.dirty));
        if dirty.is_empty() {
            return;
        }
        let mut index = lock(&cell.index);
        match index.as_mut() {
            Some(index) => index.apply(dirty, roots, &*txn),
            None => return,
        }
    };
    let listeners: Vec<Listener> = lock(&cell.listeners)
        .iter()
        .map(|(_, f)| f.clone())
        .collect();
    for f in listeners {
        f(&changes);
    }
}

/// Locks `m`; a panic elsewhere while it was held leaves the data as it was, still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
