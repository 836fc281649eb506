//! The server's check of an update against the rules: who may write what, where, and when —
//! decided before the update touches the document.
//!
//! A participant's update is judged in three steps, all before yrs integrates anything:
//! 1. **Read** (`wire.rs`): the bytes are read with bounds (nesting, blocks, values), into a
//!    description of every block and deleted range.
//! 2. **Place** (`guard/resolve.rs`): each new item is placed where yrs will put it — its
//!    parent type and map key, from the item itself or inherited from its origins — against
//!    the guard's [`Index`] of the document; each deleted range is matched to the items it
//!    covers. Whatever a reader would never see is refused here: garbage-collected runs,
//!    deleted content, items in a map's unnamed (sequence) part, writes into deleted or
//!    foreign types, unknown roots and type kinds, gaps and overlaps with what the server has.
//!    Observers cannot catch these: yrs does not report them.
//! 3. **Judge** (`guard/changes.rs`, then each concept's rules): the placed update is read as
//!    changes — new entries with their fields, fields set, entries removed, texts edited —
//!    checked against the schema (schema.rs), then against the rule beside each concept
//!    (`judge_remark` in remark.rs, `judge_stance` in stance.rs …): the writer's participant
//!    record, role, the phase and deadline as they were before the update, and the server's
//!    clock.
//!
//! Only an update that passes all three is integrated ([`Guard::integrate`]). A refused one
//! leaves the document exactly as it was, so nothing needs rolling back or reloading.
//! Integration is checked against what was placed: if yrs inserted or deleted anything the
//! guard did not foresee, [`Guard::integrate`] says so, and the caller must drop this replica.
//!
//! Every item must also be written under a client id bound to the writer (the caller's
//! `owns`), so authorship is verifiable: an entry's `author` is only accepted when it names the
//! writer, and the app may trust it. What the server alone knows — when it stored a remark or an
//! answer, and the phase and version then — it writes itself, as stamps (stamp.rs), integrated
//! and stored with the writer's update.

mod changes;
mod index;
mod resolve;

pub(crate) use changes::{Changes, FieldSet, Judged, NewEntry};

use crate::notice::Touched;
use crate::permission::{may, Action};
use crate::wire::{parse_update, Id, Limits, WireError};
use crate::{Agreement, DomainError, Participant, Phase};
use index::{Index, Node};
use resolve::{Mode, Resolution};
use thiserror::Error;
use yrs::{ClientID, Map, ReadTxn, Transact, TransactionMut};

/// Why an update is refused.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The bytes are not a valid v1 update.
    #[error("the update could not be decoded: {0}")]
    Malformed(String),
    /// The update is past what the server reads from one writer (nesting, blocks, values).
    #[error("the update is too large: {0}")]
    TooLarge(String),
    /// The update writes as client {0}, which belongs to someone else.
    #[error("the update writes as client {0}, which belongs to someone else")]
    ForeignClient(u64),
    /// The update depends on changes this replica does not have.
    #[error("the update depends on changes the server does not have")]
    MissingDependencies,
    /// A block of the update starts inside what the server has of the client and runs past it.
    #[error("the update overlaps what the server has of client {0}; send what it lacks")]
    Overlap(u64),
    /// The update creates a part of the document that an agreement does not have.
    #[error("the update writes to an unknown part of the document: {0}")]
    UnknownPart(String),
    /// The update changes the document in a way no reader would see.
    #[error("the update holds a change no reader would see: {0}")]
    Unseen(String),
    /// The writer may not make this change.
    #[error("{what}: {reason}")]
    Forbidden { what: String, reason: String },
    /// Judging the update failed (a fault in the guard); nothing was changed.
    #[error("the update could not be judged: {0}")]
    Internal(String),
}

impl From<WireError> for Refusal {
    fn from(e: WireError) -> Self {
        match e {
            WireError::Malformed(m) => Refusal::Malformed(m),
            WireError::Limit(m) => Refusal::TooLarge(m),
        }
    }
}

/// The result of a permitted update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The update changed the agreement.
    Changed,
    /// Everything in it was already known.
    Unchanged,
}

/// Who writes, and when, as the server knows it.
#[derive(Debug, Clone, Copy)]
pub struct Writer<'a> {
    /// The signed-in participant (from the session, never from the update).
    pub participant: &'a Participant,
    /// The server's clock, in milliseconds since the epoch.
    pub now_ms: f64,
    /// When the agreement was created: no time a writer claims may be earlier.
    pub since_ms: f64,
}

/// How far a writer's clock may run ahead of the server's before a time it claims is refused.
pub const CLOCK_SKEW_MS: f64 = 15.0 * 60_000.0;

/// An update that passed judgement, ready for [`Guard::integrate`].
#[derive(Debug)]
pub struct Verdict {
    update: Option<yrs::Update>,
    /// The client ids the update writes new items under.
    writers: Vec<u64>,
    resolution: Resolution,
    /// Entries the server stamps once stored, and the phase and latest version they were
    /// judged in.
    stamp: Vec<String>,
    /// Remarks whose wording the update replaces, with the wording it replaces (revision.rs).
    kept: (Vec<String>, Vec<crate::Revision>),
    /// Clauses whose wording the update edits, with their wording before (wording.rs), and
    /// who edits them.
    editing: Vec<crate::wording::Editing>,
    writer: String,
    phase: Phase,
    version: Option<String>,
    /// What anyone may be told about (notice.rs).
    touched: Touched,
}

impl Verdict {
    /// Whether the update changes the agreement at all.
    pub fn changes(&self) -> bool {
        self.update.is_some()
    }

    /// The client ids the update writes new items under (each one the writer's, by `owns`).
    pub fn writers(&self) -> &[u64] {
        &self.writers
    }
}

/// What integrating a judged update did.
#[derive(Debug, Default, PartialEq)]
pub struct Integrated {
    /// What the document gained, as a v1 update — the writer's items as integrated, the
    /// deletions made, and the server's stamps — to store and relay. `None`: nothing changed.
    pub update: Option<Vec<u8>>,
    /// The server's own part of it (the stamps), for the writer, who has the rest.
    pub stamps: Option<Vec<u8>>,
    /// What it touched that anyone may be told about ([`Agreement::notices`]).
    pub touched: Touched,
}

/// Integration did something the guard did not foresee; the replica must be dropped (it holds
/// changes nobody judged) and loaded again from what was stored.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Unforeseen {
    /// yrs refused the update while integrating it.
    #[error("yrs refused the update: {0}")]
    Apply(String),
    /// yrs inserted, parked or deleted something other than what was judged.
    #[error("integration differs from what was judged: {0}")]
    Differs(String),
}

/// An agreement replica that judges updates before integrating them (see the module header).
#[derive(Debug)]
pub struct Guard {
    agreement: Agreement,
    index: Index,
}

impl Guard {
    /// Guards `agreement`, describing everything it holds (one pass over its state).
    pub fn new(agreement: Agreement) -> Guard {
        let mut index = Index::new();
        let state = agreement.encode_state();
        // The document's own encoding always reads and places; what cannot be placed (content
        // from before the guard, or foreign) is recorded as foreign.
        if let Ok(parsed) = parse_update(&state, Limits::STORED) {
            if let Ok(resolution) = resolve::resolve(&index, &|_| 0, &parsed, Mode::Trust) {
                index.absorb(resolution, &parsed.deleted);
            }
        }
        Guard { agreement, index }
    }

    /// A guard of `agreement`, a replica holding the same changes as this guard's (the same
    /// state vector and deletions, as a copy of its stored state does), sharing this guard's
    /// description of them instead of reading the whole state again: many runs over one stored
    /// state (the fuzzer's) start this way. `None` when the replicas hold different changes.
    pub fn twin(&self, agreement: Agreement) -> Option<Guard> {
        let same = agreement.doc.transact().snapshot() == self.agreement.doc.transact().snapshot();
        same.then(|| Guard {
            agreement,
            index: self.index.clone(),
        })
    }

    /// The guarded replica, to read.
    pub fn agreement(&self) -> &Agreement {
        &self.agreement
    }

    /// Judges `update` from `writer`; `owns(client)` says whether a client id is bound to them.
    /// Reads the document only.
    pub fn judge(
        &self,
        writer: &Writer,
        update: &[u8],
        owns: impl Fn(u64) -> bool,
    ) -> Result<Verdict, Refusal> {
        let parsed = parse_update(update, Limits::PEER)?;
        let sv = self.agreement.doc.transact().state_vector();
        let known = |client: u64| sv.get(&ClientID::new(client));
        // Only what is new must be the writer's own; parts already known change nothing.
        // Once per client id, each an O(1) question.
        let mut checked: Vec<u64> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for block in &parsed.blocks {
            let id = block.id();
            if id.clock + block.len() > known(id.client) && seen.insert(id.client) {
                if !owns(id.client) {
                    return Err(Refusal::ForeignClient(id.client));
                }
                checked.push(id.client);
            }
        }
        let resolution = resolve::resolve(&self.index, &known, &parsed, Mode::Judge)?;
        let changes = {
            let txn = self.agreement.doc.transact();
            let live = |root: &str, key: &str| {
                self.agreement
                    .root_map(root)
                    .is_some_and(|m| m.contains_key(&txn, key))
            };
            changes::read(&self.index, &parsed, &resolution, &live)?
        };
        let ctx = Ctx {
            agreement: &self.agreement,
            writer: writer.participant,
            phase: self.agreement.phase(),
            proposers: self.agreement.proposers(),
            now_ms: writer.now_ms,
            since_ms: writer.since_ms,
            changes: &changes,
            index: &self.index,
            resolution: &resolution,
        };
        ctx.judge()?;
        let phase = ctx.phase;
        let touched = Touched::of(&changes);
        let stamp = changes
            .entries
            .iter()
            .filter(|e| crate::stamp::stamped(e.root))
            .map(|e| e.key.to_string())
            .collect();
        let kept = self.replaced_wordings(&changes, writer.now_ms);
        let editing = self.clauses_edited(&changes);
        let changed = !resolution.items.is_empty() || !resolution.deletions.is_empty();
        let update = if changed {
            Some(crate::wire::decode_update_with(update, Limits::PEER)?)
        } else {
            None
        };
        Ok(Verdict {
            update,
            writers: checked,
            resolution,
            stamp,
            kept,
            editing,
            writer: writer.participant.id.clone(),
            phase,
            version: self.agreement.latest_version(),
            touched,
        })
    }

    /// The clauses whose wording `changes` edit, each once, with their wording now and
    /// whether the update accepts a proposal on them: what the server records of who edited.
    fn clauses_edited(&self, changes: &Changes) -> Vec<crate::wording::Editing> {
        use crate::schema::{acceptance as A, clause as C};
        let mut out: Vec<crate::wording::Editing> = Vec::new();
        for (root, clause) in &changes.texts {
            if root.name != C::ROOT.name || out.iter().any(|e| *e.clause == **clause) {
                continue;
            }
            let Some(before) = self.agreement.clause(clause).map(|c| c.text) else {
                continue;
            };
            let accepted = changes
                .entries
                .iter()
                .any(|e| e.root.name == A::ROOT.name && e.str(&A::CLAUSE) == Some(&**clause));
            out.push(crate::wording::Editing {
                clause: clause.to_string(),
                before,
                accepted,
            });
        }
        out
    }

    /// The remarks whose body or proposed wording `changes` replace, each once, with the
    /// wording they have now: what the server keeps as their history.
    fn replaced_wordings(
        &self,
        changes: &Changes,
        now_ms: f64,
    ) -> (Vec<String>, Vec<crate::Revision>) {
        use crate::schema::remark as R;
        let mut ids: Vec<String> = Vec::new();
        for set in &changes.sets {
            let wording = set.field.name == R::BODY.name || set.field.name == R::PROPOSED_TEXT.name;
            if set.root.name == R::ROOT.name && wording && !ids.iter().any(|i| **i == *set.entry) {
                ids.push(set.entry.to_string());
            }
        }
        ids.into_iter()
            .filter_map(|id| Some((id.clone(), self.agreement.wording_now(&id, now_ms)?)))
            .unzip()
    }

    /// Integrates a judged update, then stamps what it created (see stamp.rs) at `now_ms`.
    pub fn integrate(&mut self, verdict: Verdict, now_ms: f64) -> Result<Integrated, Unforeseen> {
        let Verdict {
            update,
            writers: _,
            resolution,
            stamp,
            kept,
            editing,
            writer,
            phase,
            version,
            touched,
        } = verdict;
        let Some(update) = update else {
            return Ok(Integrated::default());
        };
        let (written, deleted) = {
            let mut txn = self.agreement.doc.transact_mut();
            txn.apply_update(update)
                .map_err(|e| Unforeseen::Apply(e.to_string()))?;
            foreseen(&txn, &resolution)?;
            (txn.encode_update_v1(), deleted_by(&txn))
        };
        self.index.absorb(resolution, &deleted);
        // A phase changed by this update began now, as far as anyone can tell.
        let began = Some(self.agreement.phase()).filter(|now| *now != phase);
        // A remiss closing keeps whom it went to: organisations invited later did not get it.
        let recipients = (began.is_some() && phase == Phase::Consultation).then(|| {
            let taking_part = self.agreement.organisations_taking_part();
            taking_part.into_iter().collect::<Vec<_>>()
        });
        let stamps =
            if stamp.is_empty() && kept.0.is_empty() && editing.is_empty() && began.is_none() {
                None
            } else {
                self.write_as_server(|agreement, txn| {
                    agreement.write_stamps(txn, &stamp, now_ms, phase, version.as_deref());
                    agreement.keep_wordings(txn, &kept.1, &kept.0);
                    agreement.record_edits(txn, &editing, &writer, now_ms);
                    if let Some(began) = began {
                        agreement.write_phase_stamp(txn, began, now_ms, recipients.as_deref());
                    }
                })
            };
        let update = match &stamps {
            Some(stamps) => yrs::merge_updates_v1([written.as_slice(), stamps.as_slice()])
                .map_err(|e| Unforeseen::Apply(e.to_string()))?,
            None => written,
        };
        Ok(Integrated {
            update: Some(update),
            stamps,
            touched,
        })
    }

    /// Judges and integrates in one go: [`Guard::judge`], then [`Guard::integrate`].
    pub fn apply_as(
        &mut self,
        writer: &Writer,
        update: &[u8],
        owns: impl Fn(u64) -> bool,
    ) -> Result<Integrated, Refusal> {
        let verdict = self.judge(writer, update, owns)?;
        self.integrate(verdict, writer.now_ms)
            .map_err(|e| Refusal::Internal(e.to_string()))
    }

    /// Makes the server's own change `write` (registering a participant, stamps) in one
    /// transaction, and returns it as a v1 update to store and relay; `None` if it changed
    /// nothing.
    pub fn write_as_server(
        &mut self,
        write: impl FnOnce(&Agreement, &mut TransactionMut),
    ) -> Option<Vec<u8>> {
        let (update, deleted) = {
            let mut txn = self.agreement.doc.transact_mut();
            write(&self.agreement, &mut txn);
            if !txn.has_changes() {
                return None;
            }
            (txn.encode_update_v1(), deleted_by(&txn))
        };
        self.absorb_trusted(&update, &deleted);
        Some(update)
    }

    /// Runs the server's own domain operations `write` (each its own transaction, such as a
    /// coordinator's import of a new draft, made by the server) and returns `write`'s result and
    /// everything it wrote as one v1 update — each transaction's own update, deletions included
    /// — to store and relay; `None` if it wrote nothing. What it wrote is also read as changes,
    /// as a participant's update is, so it tells people what a participant's would
    /// ([`ServerWritten::touched`]).
    pub fn write_with<T>(&mut self, write: impl FnOnce(&Agreement) -> T) -> (T, ServerWritten) {
        const KEY: &str = "guard-server-write";
        let written: std::rc::Rc<std::cell::RefCell<Vec<Vec<u8>>>> = Default::default();
        let sink = written.clone();
        let observed = self
            .agreement
            .on_update(KEY, move |u| sink.borrow_mut().push(u.to_vec()));
        let before = self.agreement.doc.transact().state_vector();
        let result = write(&self.agreement);
        if observed.is_ok() {
            self.agreement.off_update(KEY);
        }
        let mut updates = written.take();
        if observed.is_err() {
            // No record of the transactions: everything new since, with the whole delete set.
            let txn = self.agreement.doc.transact();
            if txn.state_vector() != before {
                updates.push(txn.encode_state_as_update_v1(&before));
            }
        }
        let mut touched = Touched::default();
        for update in &updates {
            let deleted = parse_update(update, Limits::STORED)
                .map(|p| p.deleted)
                .unwrap_or_default();
            touched.add(self.absorb_trusted(update, &deleted));
        }
        let update = match updates.len() {
            0 => None,
            1 => updates.pop(),
            _ => yrs::merge_updates_v1(&updates).ok(),
        };
        (result, ServerWritten { update, touched })
    }

    /// Records an update already in the document (the server's own), placing what it can;
    /// returns what it touched that anyone may be told about, read from its changes as a
    /// participant's update is read (before it is placed, so an entry it replaces is told from
    /// one it creates).
    fn absorb_trusted(&mut self, update: &[u8], deleted: &[(u64, u32, u32)]) -> Touched {
        let Ok(parsed) = parse_update(update, Limits::STORED) else {
            return Touched::default();
        };
        // Its items are in the document now: place them as new, from each client's first.
        let mut first: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
        for block in &parsed.blocks {
            let id = block.id();
            let clock = first.entry(id.client).or_insert(id.clock);
            *clock = (*clock).min(id.clock);
        }
        let known = |client: u64| first.get(&client).copied().unwrap_or(u32::MAX);
        let Ok(resolution) = resolve::resolve(&self.index, &known, &parsed, Mode::Trust) else {
            return Touched::default();
        };
        let index = &self.index;
        // Whether the key held an entry before this update: a live place for it the index
        // knew. Gathered once, and only if the update creates an entry at all.
        let held: std::cell::OnceCell<std::collections::HashSet<(&str, &str)>> = Default::default();
        let live = |root: &str, key: &str| {
            held.get_or_init(|| {
                (index.places.iter().enumerate())
                    .filter(|(p, _)| !index.place_deleted(*p as index::PlaceId))
                    .filter_map(|(_, place)| match &place.node {
                        Node::Entry(r, k) => Some((r.name, &**k)),
                        _ => None,
                    })
                    .collect()
            })
            .contains(&(root, key))
        };
        let touched = changes::read(index, &parsed, &resolution, &live)
            .map(|changes| Touched::of(&changes))
            .unwrap_or_default();
        self.index.absorb(resolution, deleted);
        touched
    }
}

/// What the server's own domain operations wrote ([`Guard::write_with`]).
#[derive(Debug, Default, PartialEq)]
pub struct ServerWritten {
    /// Everything written, as one v1 update to store and relay; `None` if nothing.
    pub update: Option<Vec<u8>>,
    /// What it touched that anyone may be told about ([`Agreement::notices`]).
    pub touched: Touched,
}

/// The ranges `txn` deleted.
fn deleted_by(txn: &TransactionMut) -> Vec<(u64, u32, u32)> {
    txn.delete_set()
        .iter()
        .flat_map(|(client, ranges)| {
            let client = client.get();
            ranges
                .iter()
                .map(move |r| (client, r.start, r.end - r.start))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Checks that integrating inserted exactly the items judged and parked nothing.
fn foreseen(txn: &TransactionMut, resolution: &Resolution) -> Result<(), Unforeseen> {
    let store = ReadTxn::store(txn);
    if store.pending_update().is_some() || store.pending_ds().is_some() {
        return Err(Unforeseen::Differs("yrs parked part of the update".into()));
    }
    let mut judged: Vec<(u64, u32, u32)> = resolution
        .items
        .iter()
        .map(|p| (p.id.client, p.id.clock, p.id.clock + p.len))
        .collect();
    judged.sort_unstable();
    let mut inserted: Vec<(u64, u32, u32)> = txn
        .insert_set()
        .iter()
        .flat_map(|(client, ranges)| {
            let client = client.get();
            ranges
                .iter()
                .map(move |r| (client, r.start, r.end))
                .collect::<Vec<_>>()
        })
        .collect();
    inserted.sort_unstable();
    if merge_runs(judged) != merge_runs(inserted) {
        return Err(Unforeseen::Differs("other items were inserted".into()));
    }
    Ok(())
}

/// Sorted runs with touching ones joined.
fn merge_runs(runs: Vec<(u64, u32, u32)>) -> Vec<(u64, u32, u32)> {
    let mut out: Vec<(u64, u32, u32)> = Vec::new();
    for (client, start, end) in runs {
        match out.last_mut() {
            Some(last) if last.0 == client && last.2 >= start => last.2 = last.2.max(end),
            _ => out.push((client, start, end)),
        }
    }
    out
}

/// What a rule is judging with: the writer, the document before the update, and the update's
/// changes.
pub(crate) struct Ctx<'c, 'a> {
    pub agreement: &'c Agreement,
    pub writer: &'c Participant,
    /// The phase before the update.
    pub phase: Phase,
    /// Who may propose wording, before the update.
    pub proposers: crate::Proposers,
    pub now_ms: f64,
    pub since_ms: f64,
    pub changes: &'c Changes<'a>,
    index: &'c Index,
    resolution: &'c Resolution,
}

impl Ctx<'_, '_> {
    /// Runs every concept's rule over the changes.
    fn judge(&self) -> Result<(), Refusal> {
        let c = self.changes;
        for (field, value) in &c.meta {
            self.agreement.judge_meta(self, field, value.as_ref())?;
        }
        for entry in &c.entries {
            self.agreement.judge_entry(self, entry)?;
        }
        for set in &c.sets {
            self.agreement.judge_set(self, set)?;
        }
        for (root, key) in &c.removed {
            self.agreement.judge_removal(self, root, key)?;
        }
        if let Some((root, entry, field)) = c.removed_fields.first() {
            return Err(forbid(
                &format!("{}/{entry}/{field}", root.name),
                "fields are never removed",
            ));
        }
        for (root, entry) in &c.texts {
            if root.name == crate::schema::response::ROOT.name {
                self.agreement.judge_response_text(self, entry)?;
            } else {
                self.agreement.judge_text_edit(self, entry)?;
            }
        }
        Ok(())
    }

    /// Refuses unless the writer's role may do `action` in the current phase.
    /// Then, for a proposal, unless the agreement lets the role propose.
    pub fn allow(&self, what: &str, action: Action) -> Result<(), Refusal> {
        let role = self.writer.role;
        if !may(role, self.phase, action) {
            let refused = DomainError::NotAllowed {
                role,
                action,
                phase: self.phase,
            };
            return Err(forbid(what, &refused.to_string()));
        }
        if !crate::may_under(role, self.phase, self.proposers, action) {
            return Err(forbid(what, &DomainError::NotAProposer(role).to_string()));
        }
        Ok(())
    }

    /// Refuses a time the writer claims that is in the future (beyond [`CLOCK_SKEW_MS`]) or
    /// before the agreement existed.
    pub fn claimed_time(&self, what: &str, at: f64) -> Result<(), Refusal> {
        if at > self.now_ms + CLOCK_SKEW_MS {
            return Err(forbid(what, "the time lies in the future"));
        }
        if at < self.since_ms {
            return Err(forbid(what, "the time lies before the agreement existed"));
        }
        Ok(())
    }

    /// Refuses unless `field` names the writer (their participant id).
    pub fn is_writer(&self, what: &str, field: &str, value: Option<&str>) -> Result<(), Refusal> {
        if value == Some(self.writer.id.as_str()) {
            Ok(())
        } else {
            Err(forbid(what, &format!("{field} must be the writer")))
        }
    }

    /// The clause whose text holds the character `id` (in the document or this update).
    pub fn clause_holding(&self, id: Id) -> Option<String> {
        let placed = self
            .resolution
            .items
            .iter()
            .find(|p| {
                p.id.client == id.client && p.id.clock <= id.clock && id.clock < p.id.clock + p.len
            })
            .map(|p| p.rec.parent)
            .or_else(|| self.index.item(id).map(|(rec, _)| rec.parent))?;
        self.text_clause(placed)
    }

    /// The clause whose text is the type created by the item `id`.
    pub fn clause_of_text(&self, id: Id) -> Option<String> {
        let before = self.index.places.len();
        let place = self.index.place_of_item(id).or_else(|| {
            self.resolution
                .places
                .iter()
                .position(|p| p.item == Some(id))
                .map(|i| (before + i) as index::PlaceId)
        })?;
        self.text_clause(place)
    }

    fn text_clause(&self, place: index::PlaceId) -> Option<String> {
        let before = self.index.places.len() as index::PlaceId;
        let place = match place.checked_sub(before) {
            Some(i) => self.resolution.places.get(i as usize)?,
            None => self.index.place(place),
        };
        match &place.node {
            Node::Text(root, clause, _) if root.name == crate::schema::clause::ROOT.name => {
                Some(clause.to_string())
            }
            _ => None,
        }
    }
}

/// A refusal of writing `what`.
pub(crate) fn forbid(what: &str, reason: &str) -> Refusal {
    Refusal::Forbidden {
        what: format!("writing {what}"),
        reason: reason.to_string(),
    }
}

impl Agreement {
    /// Judges `update` from `writer` at `now_ms` and integrates it if permitted, as the server
    /// would (with no lower bound on claimed times). A one-off: it describes the document first
    /// (a pass over it); a server keeps a [`Guard`] instead.
    pub fn apply_as(
        &self,
        writer: &Participant,
        now_ms: f64,
        update: &[u8],
        owns: impl Fn(u64) -> bool,
    ) -> Result<Applied, Refusal> {
        let writer = Writer {
            participant: writer,
            now_ms,
            since_ms: 0.0,
        };
        let integrated = Guard::new(self.clone()).apply_as(&writer, update, owns)?;
        Ok(if integrated.update.is_some() {
            Applied::Changed
        } else {
            Applied::Unchanged
        })
    }

    /// A new entry, by its root's rule.
    fn judge_entry(&self, ctx: &Ctx, entry: &NewEntry) -> Result<(), Refusal> {
        use crate::schema as s;
        let what = format!("{}/{}", entry.root.name, entry.key);
        match entry.root.name {
            n if n == s::chapter::ROOT.name => self.judge_chapter(ctx, entry),
            n if n == s::clause::ROOT.name => self.judge_clause(ctx, entry),
            n if n == s::remark::ROOT.name => self.judge_remark(ctx, entry),
            n if n == s::organisation::ROOT.name => self.judge_organisation(ctx, entry),
            n if n == s::support::ROOT.name => self.judge_support(ctx, entry),
            n if n == s::stance::ROOT.name => self.judge_stance(ctx, entry),
            n if n == s::answer::ROOT.name => self.judge_answer(ctx, entry),
            n if n == s::disposition::ROOT.name => self.judge_disposition(ctx, entry),
            n if n == s::version::ROOT.name => self.judge_version(ctx, entry),
            n if n == s::extension::ROOT.name => self.judge_extension(ctx, entry),
            n if n == s::acceptance::ROOT.name => self.judge_acceptance(ctx, entry),
            n if n == s::response::ROOT.name => self.judge_response(ctx, entry),
            // participants and stamps: the server's own.
            _ => Err(forbid(&what, "only the server writes this")),
        }
    }

    /// A field set on an existing entry: the schema says whether it may change at all; the
    /// root's rule says by whom.
    fn judge_set(&self, ctx: &Ctx, set: &FieldSet) -> Result<(), Refusal> {
        use crate::schema as s;
        let what = format!("{}/{}/{}", set.root.name, set.entry, set.field.name);
        if set.field.once {
            return Err(forbid(
                &what,
                &format!("the field {} is set once", set.field.name),
            ));
        }
        match set.root.name {
            n if n == s::chapter::ROOT.name || n == s::clause::ROOT.name => {
                self.judge_structure_edit(ctx, set)
            }
            n if n == s::remark::ROOT.name => self.judge_remark_edit(ctx, set),
            n if n == s::response::ROOT.name => self.judge_response_set(ctx, set),
            _ => Err(forbid(&what, "this entry is never changed")),
        }
    }

    /// An entry removed without a replacement.
    fn judge_removal(
        &self,
        ctx: &Ctx,
        root: &crate::schema::Root,
        key: &str,
    ) -> Result<(), Refusal> {
        use crate::schema as s;
        match root.name {
            n if n == s::support::ROOT.name => self.judge_support_removal(ctx, key),
            n if n == s::acceptance::ROOT.name => self.judge_acceptance_removal(ctx, key),
            _ => Err(forbid(
                &format!("{}/{key}", root.name),
                "this entry is never removed",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_when_they_touch() {
        assert_eq!(
            merge_runs(vec![(1, 0, 2), (1, 2, 5), (1, 7, 8), (2, 0, 1)]),
            vec![(1, 0, 5), (1, 7, 8), (2, 0, 1)]
        );
    }

    #[test]
    fn a_refused_update_names_what_was_tried() {
        let r = forbid("remarks/r1-0", "a remark's author must be its writer");
        assert_eq!(
            r.to_string(),
            "writing remarks/r1-0: a remark's author must be its writer"
        );
    }
}
