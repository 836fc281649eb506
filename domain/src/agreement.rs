//! The agreement document: a yrs `Doc` and handles to its root maps. Each concept's operations
//! live beside the concept (clause.rs, remark.rs, stance.rs …) as further `impl Agreement`
//! blocks; each operation is one yrs transaction, so a peer sees it whole or not at all.
//!
//! Two document options matter for every replica, the server's included:
//! - offsets are UTF-16 code units, as in Yjs and the browser's selection API;
//! - garbage collection is off, so a named version (a snapshot) can always be read back. The
//!   history is purged only by an explicit retention decision, never silently.

use crate::fields::{opt_string, string};
use crate::index::IndexCell;
use crate::permission::Action;
use crate::DomainError;
use crate::Participant;
use std::sync::Arc;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, Map, MapRef, OffsetKind, Options, ReadTxn, StateVector, Transact};

/// Longest case number accepted, in characters.
pub const MAX_CASE_NUMBER: usize = 60;

/// One agreement: a yrs document plus handles to its root types.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub(crate) doc: Doc,
    pub(crate) meta: MapRef,
    pub(crate) chapters: MapRef,
    pub(crate) clauses: MapRef,
    pub(crate) remarks: MapRef,
    pub(crate) participants: MapRef,
    pub(crate) organisations: MapRef,
    pub(crate) supports: MapRef,
    pub(crate) stances: MapRef,
    pub(crate) answers: MapRef,
    pub(crate) dispositions: MapRef,
    pub(crate) versions: MapRef,
    pub(crate) extensions: MapRef,
    pub(crate) acceptances: MapRef,
    /// The read index, shared by every clone of this handle (see index.rs).
    pub(crate) index: Arc<IndexCell>,
}

/// The document options every replica of an agreement uses.
pub fn doc_options(client_id: u64) -> Options {
    let mut options = Options::with_client_id(yrs::block::ClientID::new(client_id));
    options.offset_kind = OffsetKind::Utf16;
    options.skip_gc = true;
    options
}

impl Agreement {
    /// A new, empty agreement replica writing as `client_id` (below 2^53, as in Yjs).
    pub fn new(client_id: u64) -> Self {
        Self::from_doc(Doc::with_options(doc_options(client_id)))
    }

    /// A replica loaded from a v1 update (e.g. [`Agreement::encode_state`] of another).
    pub fn load(client_id: u64, state: &[u8]) -> Result<Self, DomainError> {
        let agreement = Self::new(client_id);
        agreement.apply_update(state)?;
        Ok(agreement)
    }

    /// Wraps an existing document, which must have been made with [`doc_options`].
    pub fn from_doc(doc: Doc) -> Self {
        Agreement {
            meta: doc.get_or_insert_map("meta"),
            chapters: doc.get_or_insert_map("chapters"),
            clauses: doc.get_or_insert_map("clauses"),
            remarks: doc.get_or_insert_map("remarks"),
            participants: doc.get_or_insert_map("participants"),
            organisations: doc.get_or_insert_map("organisations"),
            supports: doc.get_or_insert_map("supports"),
            stances: doc.get_or_insert_map("stances"),
            answers: doc.get_or_insert_map("answers"),
            dispositions: doc.get_or_insert_map("dispositions"),
            versions: doc.get_or_insert_map("versions"),
            extensions: doc.get_or_insert_map("extensions"),
            acceptances: doc.get_or_insert_map("acceptances"),
            index: IndexCell::new(),
            doc,
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

    /// The current state vector, v1-encoded.
    pub fn state_vector(&self) -> Vec<u8> {
        self.doc.transact().state_vector().encode_v1()
    }

    /// What a peer with state vector `sv` lacks, as a v1 update.
    pub fn encode_diff(&self, sv: &[u8]) -> Result<Vec<u8>, DomainError> {
        let sv = StateVector::decode_v1(sv).map_err(|e| DomainError::Decode(e.to_string()))?;
        Ok(self.doc.transact().encode_state_as_update_v1(&sv))
    }

    /// Applies a v1 update from a peer or the store.
    pub fn apply_update(&self, update: &[u8]) -> Result<(), DomainError> {
        let update =
            crate::wire::decode_update(update).map_err(|e| DomainError::Decode(e.to_string()))?;
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

    /// Sets the agreement's title (at set-up, before any participant writes).
    pub fn set_title(&self, title: &str) {
        let mut txn = self.doc.transact_mut();
        self.meta.insert(&mut txn, "title", title);
    }

    /// The case number the agreement is filed under (diarienummer, saksnummer), if set.
    pub fn case_number(&self) -> Option<String> {
        opt_string(&self.meta, &self.doc.transact(), "case_number")
    }

    /// Sets or (with `None` or blank) clears the case number, as a coordinator. It is printed
    /// on the title page of the remiss version, so it is one short line.
    pub fn set_case_number(
        &self,
        actor: &Participant,
        case_number: Option<&str>,
    ) -> Result<(), DomainError> {
        self.check(actor, Action::Manage)?;
        let value = case_number.map(str::trim).unwrap_or_default();
        if value.chars().count() > MAX_CASE_NUMBER || value.chars().any(char::is_control) {
            return Err(DomainError::InvalidCaseNumber);
        }
        let mut txn = self.doc.transact_mut();
        if value.is_empty() {
            self.meta.remove(&mut txn, "case_number");
        } else {
            self.meta.insert(&mut txn, "case_number", value);
        }
        Ok(())
    }
}
