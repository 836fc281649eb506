//! The server's check of an update against the rules: who may write what, where, and when.
//!
//! Every root map of the agreement has an owner rule (see lib.rs for the layout). The update
//! is applied to the replica while deep observers record every change it makes — each entry
//! added, overwritten or removed, each text edit — and each change is then judged against the
//! writer's participant record, the phase and the deadline as they were before the update.
//! Together with the client-id binding (every item in the update must be written under a
//! client id bound to the writer) this makes authorship verifiable: an entry's `author` field
//! is only ever accepted when it names the writer, so the app may trust it.
//!
//! A refused update may have left part of itself in the replica. The caller must then drop
//! this replica and reload the agreement from what it has stored; the update is never stored
//! or relayed.

use crate::fields::string;
use crate::permission::{may, Action};
use crate::{Agreement, DomainError, Participant, Phase, RemarkKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use thiserror::Error;
use yrs::types::{EntryChange, Event, PathSegment};
use yrs::{Any, DeepObservable, Map, Out, ReadTxn, Transact};

/// Why an update is refused.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The bytes are not a valid v1 update.
    #[error("the update could not be decoded: {0}")]
    Malformed(String),
    /// The update writes under a client id that is not the writer's.
    #[error("the update writes as client {0}, which belongs to someone else")]
    ForeignClient(u64),
    /// The update depends on changes this replica does not have.
    #[error("the update depends on changes the server does not have")]
    MissingDependencies,
    /// The update creates a part of the document that an agreement does not have.
    #[error("the update writes to an unknown part of the document: {0}")]
    UnknownPart(String),
    /// The writer may not make this change.
    #[error("{what}: {reason}")]
    Forbidden { what: String, reason: String },
}

/// The result of a permitted update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The update changed the agreement.
    Changed,
    /// Everything in it was already known.
    Unchanged,
}

const ROOTS: [&str; 13] = [
    "meta",
    "chapters",
    "clauses",
    "remarks",
    "participants",
    "organisations",
    "supports",
    "stances",
    "answers",
    "dispositions",
    "versions",
    "extensions",
    "acceptances",
];

/// One change an update made, as recorded by the deep observers.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub(crate) root: &'static str,
    /// Keys from the root map down to the changed type.
    pub(crate) path: Vec<String>,
    pub(crate) what: ChangeKind,
}

#[derive(Debug, Clone)]
pub(crate) enum ChangeKind {
    /// A key of a map was set or removed; for a new map value, its string fields.
    Entry {
        key: String,
        removed: bool,
        replaced: bool,
        new_fields: Option<HashMap<String, String>>,
        new_is_map: bool,
    },
    /// A text was edited.
    Text,
    /// Anything else (arrays, XML): never part of an agreement.
    Other,
}

fn string_fields<T: ReadTxn>(value: &Out, txn: &T) -> Option<HashMap<String, String>> {
    let Out::YMap(map) = value else { return None };
    Some(
        map.iter(txn)
            .filter_map(|(k, v)| match v {
                Out::Any(Any::String(s)) => Some((k.to_string(), s.to_string())),
                _ => None,
            })
            .collect(),
    )
}

impl Agreement {
    /// Applies `update` written by `writer` at `now_ms`, if every change in it is one the
    /// writer may make. `owns_client` says whether a client id is bound to the writer.
    ///
    /// On `Err` the replica may hold part of the update and must be discarded.
    pub fn apply_as(
        &self,
        writer: &Participant,
        now_ms: f64,
        update: &[u8],
        owns_client: impl Fn(u64) -> bool,
    ) -> Result<Applied, Refusal> {
        let decoded =
            crate::wire::decode_update(update).map_err(|e| Refusal::Malformed(e.to_string()))?;
        let phase = self.phase();
        let before = self.doc.transact().state_vector();
        // Only what is new must be the writer's own; parts already known change nothing.
        for (client, clock) in decoded.state_vector().iter() {
            if *clock > before.get(client) && !owns_client(client.get()) {
                return Err(Refusal::ForeignClient(client.get()));
            }
        }
        // An update that starts past what we have of a client depends on changes we lack;
        // yrs would park (or half-integrate) it, and it could later surface inside somebody
        // else's update. Refuse it whole; the client's next sync sends what is missing.
        for (client, clock) in decoded.state_vector_lower().iter() {
            if *clock > before.get(client) {
                return Err(Refusal::MissingDependencies);
            }
        }

        let (changes, missing) = self
            .apply_observed(decoded, "guard")
            .map_err(|e| Refusal::Malformed(e.to_string()))?;
        if missing {
            return Err(Refusal::MissingDependencies);
        }
        let txn = self.doc.transact();
        if let Some((name, _)) = txn.root_refs().find(|(name, _)| !ROOTS.contains(name)) {
            return Err(Refusal::UnknownPart(name.to_string()));
        }
        let changed = txn.state_vector() != before;
        drop(txn);
        for change in &changes {
            self.judge(writer, phase, now_ms, change)?;
        }
        Ok(if changed || !changes.is_empty() {
            Applied::Changed
        } else {
            Applied::Unchanged
        })
    }

    /// Applies `update` and returns every change it made, as the deep observers on each root
    /// saw them, and whether yrs kept parts back for missing dependencies. Used by the guard
    /// to judge an update and by unsaved.rs to learn what a refused replica wrote.
    pub(crate) fn apply_observed(
        &self,
        decoded: yrs::Update,
        origin: &'static str,
    ) -> Result<(Vec<Change>, bool), yrs::error::UpdateError> {
        let changes: Rc<RefCell<Vec<Change>>> = Rc::default();
        let roots = self.roots();
        for (name, map) in &roots {
            let sink = changes.clone();
            let root: &'static str = name;
            map.observe_deep(origin, move |txn, events| {
                let mut sink = sink.borrow_mut();
                for event in events.iter() {
                    let path: Vec<String> = event
                        .path()
                        .into_iter()
                        .map(|s| match s {
                            PathSegment::Key(k) => k.to_string(),
                            PathSegment::Index(i) => format!("#{i}"),
                        })
                        .collect();
                    match event {
                        Event::Map(e) => {
                            for (key, change) in e.keys(txn) {
                                let (removed, replaced, new) = match change {
                                    EntryChange::Inserted(v) => (false, false, Some(v)),
                                    EntryChange::Updated(_, v) => (false, true, Some(v)),
                                    EntryChange::Removed(_) => (true, true, None),
                                };
                                sink.push(Change {
                                    root,
                                    path: path.clone(),
                                    what: ChangeKind::Entry {
                                        key: key.to_string(),
                                        removed,
                                        replaced,
                                        new_fields: new.and_then(|v| string_fields(v, txn)),
                                        new_is_map: matches!(new, Some(Out::YMap(_))),
                                    },
                                });
                            }
                        }
                        Event::Text(_) => sink.push(Change {
                            root,
                            path,
                            what: ChangeKind::Text,
                        }),
                        _ => sink.push(Change {
                            root,
                            path,
                            what: ChangeKind::Other,
                        }),
                    }
                }
            });
        }
        let applied = {
            let mut txn = self.doc.transact_mut_with(origin);
            txn.apply_update(decoded).map(|_| txn.has_missing_updates())
        };
        for (_, map) in &roots {
            map.unobserve_deep(origin);
        }
        let missing = applied?;
        Ok((changes.take(), missing))
    }

    fn roots(&self) -> [(&'static str, &yrs::MapRef); 13] {
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
        ]
    }

    /// Whether `writer` may make `change`.
    fn judge(
        &self,
        writer: &Participant,
        phase: Phase,
        now_ms: f64,
        change: &Change,
    ) -> Result<(), Refusal> {
        let what = describe(change);
        let forbid = |reason: String| Refusal::Forbidden {
            what: what.clone(),
            reason,
        };
        let allow = |action: Action| -> Result<(), Refusal> {
            if may(writer.role, phase, action) {
                Ok(())
            } else {
                Err(forbid(
                    DomainError::NotAllowed {
                        role: writer.role,
                        action,
                        phase,
                    }
                    .to_string(),
                ))
            }
        };
        let (key, removed, replaced, fields, is_map) = match &change.what {
            ChangeKind::Entry {
                key,
                removed,
                replaced,
                new_fields,
                new_is_map,
            } => (
                key.as_str(),
                *removed,
                *replaced,
                new_fields.as_ref(),
                *new_is_map,
            ),
            ChangeKind::Text => {
                return if change.root == "clauses"
                    && change.path.len() == 2
                    && change.path[1] == "text"
                {
                    allow(Action::EditText)
                } else {
                    Err(forbid("only clause wording is text".into()))
                };
            }
            ChangeKind::Other => return Err(forbid("not part of an agreement".into())),
        };
        let field = |name: &str| fields.and_then(|f| f.get(name)).map(String::as_str);
        let new_entry = change.path.is_empty() && !removed && !replaced;
        match change.root {
            "meta" | "participants" | "organisations" | "extensions" => allow(Action::Manage),
            "chapters" | "clauses" => allow(Action::EditStructure),
            "dispositions" => allow(Action::Dispose),
            "acceptances" => {
                // Written with the accepted wording, removed when settled, never changed.
                allow(Action::EditText)?;
                if !change.path.is_empty() || (replaced && !removed) {
                    return Err(forbid("an acceptance is never changed".into()));
                }
                if !removed
                    && (!is_map
                        || field("proposal").is_none_or(|p| !key.starts_with(&format!("{p}@"))))
                {
                    return Err(forbid(
                        "an acceptance is recorded under its proposal".into(),
                    ));
                }
                Ok(())
            }
            "versions" => {
                allow(Action::CutVersion)?;
                if new_entry {
                    Ok(())
                } else {
                    Err(forbid("a version is never changed".into()))
                }
            }
            "remarks" => {
                if new_entry {
                    if !is_map {
                        return Err(forbid("a remark is a map".into()));
                    }
                    let action = if field("parent").is_some() {
                        Action::Reply
                    } else if field("kind") == Some(RemarkKind::Proposal.key()) {
                        Action::Propose
                    } else {
                        Action::Remark
                    };
                    allow(action)?;
                    if field("author") != Some(writer.id.as_str()) {
                        return Err(forbid("a remark's author must be its writer".into()));
                    }
                    if field("organisation") != Some(writer.organisation.as_str())
                        || field("role") != Some(writer.role.key())
                    {
                        return Err(forbid(
                            "a remark's organisation and role must be its writer's".into(),
                        ));
                    }
                    Ok(())
                } else if change.path.len() == 1 {
                    // A field of an existing remark: only these fields, only by its author.
                    if !["body", "proposed_text", "edited_ms", "withdrawn"].contains(&key) {
                        return Err(forbid(format!("the field {key} is set once")));
                    }
                    let author = self.remark_author(&change.path[0]);
                    if author.as_deref() != Some(writer.id.as_str()) {
                        return Err(forbid(
                            DomainError::NotAuthor(change.path[0].clone()).to_string(),
                        ));
                    }
                    Ok(())
                } else {
                    Err(forbid("a remark is never removed or replaced".into()))
                }
            }
            "supports" => {
                allow(Action::Support)?;
                let (proposal, participant) = key.split_once('/').unwrap_or((key, ""));
                if participant != writer.id || !change.path.is_empty() {
                    return Err(forbid("one sets only one's own support".into()));
                }
                if !removed
                    && (field("participant") != Some(writer.id.as_str())
                        || field("proposal") != Some(proposal))
                {
                    return Err(forbid("a support names its writer and proposal".into()));
                }
                Ok(())
            }
            "stances" => {
                allow(Action::DraftStance)?;
                self.check_deadline(&writer.organisation, now_ms)
                    .map_err(|e| forbid(e.to_string()))?;
                let (clause, org) = key.split_once('@').unwrap_or((key, ""));
                if org != writer.organisation || !change.path.is_empty() || removed {
                    return Err(forbid(
                        "one drafts only one's own organisation's stance".into(),
                    ));
                }
                if field("organisation") != Some(org)
                    || field("clause") != Some(clause)
                    || field("author") != Some(writer.id.as_str())
                {
                    return Err(forbid(
                        "a stance names its organisation, clause and author".into(),
                    ));
                }
                Ok(())
            }
            "answers" => {
                allow(Action::SendAnswer)?;
                if !new_entry {
                    return Err(forbid("a sent answer is never changed".into()));
                }
                if field("organisation") != Some(writer.organisation.as_str())
                    || field("sent_by") != Some(writer.id.as_str())
                {
                    return Err(forbid(
                        "an answer is sent for one's own organisation".into(),
                    ));
                }
                if self.respondent_of(&writer.organisation).as_deref() != Some(writer.id.as_str()) {
                    return Err(forbid(
                        DomainError::NotRespondent(writer.organisation.clone()).to_string(),
                    ));
                }
                self.check_deadline(&writer.organisation, now_ms)
                    .map_err(|e| forbid(e.to_string()))
            }
            other => Err(Refusal::UnknownPart(other.to_string())),
        }
    }

    fn remark_author(&self, id: &str) -> Option<String> {
        let txn = self.doc.transact();
        crate::fields::submap(&self.remarks, &txn, id).map(|m| string(&m, &txn, "author"))
    }
}

fn describe(change: &Change) -> String {
    let mut path = vec![change.root.to_string()];
    path.extend(change.path.iter().cloned());
    if let ChangeKind::Entry { key, .. } = &change.what {
        path.push(key.clone());
    }
    format!("writing {}", path.join("/"))
}
