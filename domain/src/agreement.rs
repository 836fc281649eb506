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
use crate::Participant;
use crate::{schema, DomainError};
use std::sync::Arc;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, MapRef, OffsetKind, Options, ReadTxn, StateVector, Transact};

/// Longest case number accepted, in characters.
pub const MAX_CASE_NUMBER: usize = 60;

/// Whether `value` is a case number as stored: one short line (the domain and the server's
/// guard ask the same).
pub(crate) fn valid_case_number(value: &str) -> bool {
    value.chars().count() <= MAX_CASE_NUMBER && !value.chars().any(char::is_control)
}

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
    pub(crate) stamps: MapRef,
    pub(crate) revisions: MapRef,
    pub(crate) responses: MapRef,
    pub(crate) wordings: MapRef,
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
        let map = |root: schema::Root| doc.get_or_insert_map(root.name);
        Agreement {
            meta: map(schema::meta::ROOT),
            chapters: map(schema::chapter::ROOT),
            clauses: map(schema::clause::ROOT),
            remarks: map(schema::remark::ROOT),
            participants: map(schema::participant::ROOT),
            organisations: map(schema::organisation::ROOT),
            supports: map(schema::support::ROOT),
            stances: map(schema::stance::ROOT),
            answers: map(schema::answer::ROOT),
            dispositions: map(schema::disposition::ROOT),
            versions: map(schema::version::ROOT),
            extensions: map(schema::extension::ROOT),
            acceptances: map(schema::acceptance::ROOT),
            stamps: map(schema::stamp::ROOT),
            revisions: map(schema::revision::ROOT),
            responses: map(schema::response::ROOT),
            wordings: map(schema::wording::ROOT),
            index: IndexCell::new(),
            doc,
        }
    }

    /// Every root map with its name, in the schema's order.
    pub(crate) fn root_maps(&self) -> [(&'static str, &MapRef); 17] {
        let maps = [
            &self.meta,
            &self.chapters,
            &self.clauses,
            &self.remarks,
            &self.participants,
            &self.organisations,
            &self.supports,
            &self.stances,
            &self.answers,
            &self.dispositions,
            &self.versions,
            &self.extensions,
            &self.acceptances,
            &self.stamps,
            &self.revisions,
            &self.responses,
            &self.wordings,
        ];
        let mut i = 0;
        maps.map(|m| {
            i += 1;
            (schema::ROOTS[i - 1].name, m)
        })
    }

    /// The root map called `name`.
    pub(crate) fn root_map(&self, name: &str) -> Option<&MapRef> {
        self.root_maps()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m)
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

    /// Whether this replica holds nothing: no item, and no change waiting inside it for what it
    /// edits (a change relayed before the agreement arrived waits so, in a replica that then
    /// holds more than its state vector says).
    pub fn holds_nothing(&self) -> bool {
        let txn = self.doc.transact();
        txn.state_vector() == StateVector::default() && !txn.has_missing_updates()
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

    /// Applies an agreement's stored log as the server sends it (`wire::split_log`), in one
    /// transaction: the read index and the views hear of it once. Each row is read with
    /// `wire::decode_stored` (the server judged every update in it as it arrived).
    pub fn apply_stored(&self, updates: &[&[u8]]) -> Result<(), DomainError> {
        let decoded = updates
            .iter()
            .map(|u| crate::wire::decode_stored(u).map_err(|e| DomainError::Decode(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let mut txn = self.doc.transact_mut();
        for update in decoded {
            txn.apply_update(update)
                .map_err(|e| DomainError::Apply(e.to_string()))?;
        }
        Ok(())
    }

    /// Calls `f` with every v1 update committed to this replica, local or remote, until
    /// [`Agreement::off_update`] is called with the same `key`.
    ///
    /// Encoded here, at the moment yrs would emit its own update event (after the commit's
    /// clean-up), rather than through `observe_update_v1`: yrs keeps an unobserved update
    /// listener's slot until the next subscription and encodes every transaction while any
    /// slot exists, so a listener switched off while a whole agreement is applied (the
    /// socket's, see the app's socket.rs) still cost a full re-encoding of it.
    pub fn on_update(&self, key: &str, f: impl Fn(&[u8]) + 'static) -> Result<(), DomainError> {
        self.doc
            .observe_transaction_cleanup(key, move |txn, _| {
                if !txn.delete_set().is_empty() || txn.after_state() != txn.before_state() {
                    f(&txn.encode_update_v1());
                }
            })
            .map_err(|e| DomainError::Busy(e.to_string()))
    }

    /// Stops the observer registered under `key`.
    pub fn off_update(&self, key: &str) {
        let _ = self.doc.unobserve_transaction_cleanup(key);
    }

    /// The agreement's title.
    pub fn title(&self) -> String {
        string(&self.meta, &self.doc.transact(), schema::meta::TITLE.name)
    }

    /// Sets the agreement's title (at set-up, before any participant writes).
    pub fn set_title(&self, title: &str) {
        let mut txn = self.doc.transact_mut();
        let meta = schema::meta::ROOT;
        schema::set(
            &mut txn,
            &meta,
            &self.meta,
            &schema::meta::TITLE,
            schema::Val::Str(title),
        );
    }

    /// The case number the agreement is filed under (diarienummer, saksnummer), if set.
    pub fn case_number(&self) -> Option<String> {
        opt_string(
            &self.meta,
            &self.doc.transact(),
            schema::meta::CASE_NUMBER.name,
        )
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
        if !valid_case_number(value) {
            return Err(DomainError::InvalidCaseNumber);
        }
        let mut txn = self.doc.transact_mut();
        schema::set_or_remove(
            &mut txn,
            &schema::meta::ROOT,
            &self.meta,
            &schema::meta::CASE_NUMBER,
            Some(schema::Val::Str(value)).filter(|_| !value.is_empty()),
        );
        Ok(())
    }
}
