//! The agreement document's schema, declared once: every root, the shape of its entries' keys,
//! and every field with its type and whether it is set once or may be changed. The domain's
//! writers build entries from these declarations ([`entry`], [`set`]), so a field cannot be
//! written without being declared, and the server's guard judges every update against the same
//! declarations (guard.rs): a key, field or value the schema does not name is refused before
//! any rule is asked. What each writer may do with an entry — the rules — lives beside each
//! concept (`judge_remark` beside `write_remark` in remark.rs, and so on).
//!
//! The document is a set of root maps. `meta` holds fields directly; every other root holds
//! entries, each a Y.Map of fields. Values are plain (`Any`) except a clause's wording, a Y.Text.
//! Nothing nests deeper: no maps in maps, no arrays, no XML, no subdocuments.

use crate::{DispositionValue, Phase, RemarkKind, Role, StanceValue};
use std::sync::Arc;
use yrs::{Any, In, Map, MapPrelim, MapRef, TextPrelim, TransactionMut};

/// What a field holds.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// A string.
    Str,
    /// A string that is one of a fixed set of keys (a phase, a role …).
    Key(fn(&str) -> bool),
    /// A finite number.
    Num,
    /// A moment, in milliseconds since the epoch, as the writer's clock said.
    Time,
    Bool,
    /// Bytes (an encoded sticky index, snapshot or run of ids).
    Bytes,
    /// A list of strings.
    Strings,
    /// A list of `[string, string, string]` rows (an answer's stances).
    Rows,
    /// A Y.Text (a clause's wording).
    Text,
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Str => "a string",
            Kind::Key(_) => "a known key",
            Kind::Num => "a number",
            Kind::Time => "a time",
            Kind::Bool => "true or false",
            Kind::Bytes => "bytes",
            Kind::Strings => "a list of strings",
            Kind::Rows => "a list of rows",
            Kind::Text => "a text",
        })
    }
}

/// One field of an entry (or of `meta`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// Written with the entry and never again.
    pub once: bool,
    /// Every new entry has it.
    pub required: bool,
}

impl Field {
    /// A field every new entry has, written once.
    const fn once(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            once: true,
            required: true,
        }
    }

    /// An optional field written once, with the entry.
    const fn once_optional(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            once: true,
            required: false,
        }
    }

    /// A field every new entry has, which may be changed later.
    const fn editable(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            once: false,
            required: true,
        }
    }

    /// An optional field that may be set or changed later.
    const fn optional(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            once: false,
            required: false,
        }
    }
}

/// What the keys of a root's entries look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyShape {
    /// A fresh id made by `ids::fresh` with this prefix: it names the client and clock of the
    /// item that created the entry (so the app can tell when it was saved).
    Fresh(char),
    /// Two parts joined by this separator (e.g. `proposal/participant`).
    Pair(char),
    /// An id or name defined elsewhere (a remark, an organisation, a participant).
    Named,
}

/// How a root holds its data.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// The root's keys are these fields.
    Fields(&'static [Field]),
    /// Each key is an entry: a Y.Map with these fields.
    Entries(KeyShape, &'static [Field]),
}

/// A root map of the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Root {
    pub name: &'static str,
    pub shape: Shape,
}

/// Roots are told apart by name.
impl PartialEq for Root {
    fn eq(&self, other: &Root) -> bool {
        self.name == other.name
    }
}

impl Root {
    /// The declared field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        let fields = match self.shape {
            Shape::Fields(fields) | Shape::Entries(_, fields) => fields,
        };
        fields.iter().find(|f| f.name == name)
    }

    pub fn fields(&self) -> &'static [Field] {
        match self.shape {
            Shape::Fields(fields) | Shape::Entries(_, fields) => fields,
        }
    }
}

fn phase(k: &str) -> bool {
    Phase::from_key(k).is_some()
}
fn role(k: &str) -> bool {
    Role::from_key(k).is_some()
}
fn remark_kind(k: &str) -> bool {
    RemarkKind::from_key(k).is_some()
}
fn stance_value(k: &str) -> bool {
    StanceValue::from_key(k).is_some()
}
fn disposition_value(k: &str) -> bool {
    DispositionValue::from_key(k).is_some()
}
fn support_value(k: &str) -> bool {
    matches!(k, "for" | "against")
}

/// `meta`: the agreement's title, phase, deadline, case number, who may propose wording and
/// the version sent on remiss (coordinators).
pub(crate) mod meta {
    use super::*;
    pub const TITLE: Field = Field::optional("title", Kind::Str);
    pub const PHASE: Field = Field::optional("phase", Kind::Key(phase));
    pub const DEADLINE: Field = Field::optional("deadline_ms", Kind::Num);
    /// The diarienummer / saksnummer: one short line (see `valid_case_number`).
    pub const CASE_NUMBER: Field = Field::optional("case_number", Kind::Str);
    /// The roles that may propose wording, as role keys (see `permission::Proposers`).
    pub const PROPOSERS: Field = Field::optional("proposers", Kind::Strings);
    /// The version the text last went on remiss as (its id): what the compilation answers.
    pub const REMISS_VERSION: Field = Field::optional("remiss_version", Kind::Str);
    pub const ROOT: Root = Root {
        name: "meta",
        shape: Shape::Fields(&[
            TITLE,
            PHASE,
            DEADLINE,
            CASE_NUMBER,
            PROPOSERS,
            REMISS_VERSION,
        ]),
    };
}

/// `chapters`: numbered, titled, ordered (coordinators).
pub(crate) mod chapter {
    use super::*;
    pub const NUMBER: Field = Field::editable("number", Kind::Str);
    pub const TITLE: Field = Field::editable("title", Kind::Str);
    pub const ORDER: Field = Field::editable("order", Kind::Num);
    /// A chapter a new draft no longer has (see draft.rs).
    pub const REMOVED: Field = Field::optional("removed", Kind::Bool);
    /// The body that approved the chapter ("ASU"), the day it did, and the coordinator who
    /// recorded it when (see approval.rs). Set again when approved again.
    pub const APPROVED_BODY: Field = Field::optional("approved_body", Kind::Str);
    pub const APPROVED_ON: Field = Field::optional("approved_on_ms", Kind::Num);
    pub const APPROVED_BY: Field = Field::optional("approved_by", Kind::Str);
    pub const APPROVED_AT: Field = Field::optional("approved_at_ms", Kind::Time);
    /// A coordinator reopened the approved chapter for edits, and why.
    pub const REOPEN_REASON: Field = Field::optional("reopen_reason", Kind::Str);
    pub const REOPENED_BY: Field = Field::optional("reopened_by", Kind::Str);
    pub const REOPENED_AT: Field = Field::optional("reopened_at_ms", Kind::Time);
    pub const ROOT: Root = Root {
        name: "chapters",
        shape: Shape::Entries(
            KeyShape::Fresh('k'),
            &[
                NUMBER,
                TITLE,
                ORDER,
                REMOVED,
                APPROVED_BODY,
                APPROVED_ON,
                APPROVED_BY,
                APPROVED_AT,
                REOPEN_REASON,
                REOPENED_BY,
                REOPENED_AT,
            ],
        ),
    };
}

/// `clauses`: a chapter's clauses; the wording is a Y.Text (coordinators).
pub(crate) mod clause {
    use super::*;
    pub const CHAPTER: Field = Field::editable("chapter", Kind::Str);
    pub const NUMBER: Field = Field::editable("number", Kind::Str);
    pub const HEADING: Field = Field::editable("heading", Kind::Str);
    pub const ORDER: Field = Field::editable("order", Kind::Num);
    pub const REMOVED: Field = Field::optional("removed", Kind::Bool);
    pub const TEXT: Field = Field::once("text", Kind::Text);
    pub const ROOT: Root = Root {
        name: "clauses",
        shape: Shape::Entries(
            KeyShape::Fresh('c'),
            &[CHAPTER, NUMBER, HEADING, ORDER, REMOVED, TEXT],
        ),
    };
}

/// `remarks`: remarks, proposals and replies, each written by its author.
pub(crate) mod remark {
    use super::*;
    pub const CLAUSE: Field = Field::once("clause", Kind::Str);
    pub const AUTHOR: Field = Field::once("author", Kind::Str);
    pub const AUTHOR_NAME: Field = Field::once("author_name", Kind::Str);
    pub const ORGANISATION: Field = Field::once("organisation", Kind::Str);
    pub const ROLE: Field = Field::once("role", Kind::Key(role));
    pub const KIND: Field = Field::once("kind", Kind::Key(remark_kind));
    pub const BODY: Field = Field::editable("body", Kind::Str);
    /// When the writer wrote it (their clock; offline work is sent later). What is shown is
    /// when the server stored it (see stamp.rs).
    pub const CREATED: Field = Field::once("created_ms", Kind::Time);
    /// The phase and version as the writer's replica had them.
    pub const PHASE: Field = Field::once("phase", Kind::Key(phase));
    pub const VERSION: Field = Field::once_optional("version", Kind::Str);
    pub const PARENT: Field = Field::once_optional("parent", Kind::Str);
    pub const PROPOSED_TEXT: Field = Field::optional("proposed_text", Kind::Str);
    pub const MENTIONS: Field = Field::once_optional("mentions", Kind::Strings);
    pub const ANCHOR_START: Field = Field::once_optional("anchor_start", Kind::Bytes);
    pub const ANCHOR_END: Field = Field::once_optional("anchor_end", Kind::Bytes);
    pub const QUOTE: Field = Field::once_optional("quote", Kind::Str);
    pub const PREFIX: Field = Field::once_optional("prefix", Kind::Str);
    pub const SUFFIX: Field = Field::once_optional("suffix", Kind::Str);
    pub const QUOTED: Field = Field::once_optional("quoted", Kind::Bytes);
    /// A proposal on the whole clause: the clause's wording its author saw (a proposal on a
    /// selection has its quote). It must be a wording the clause really had (judge_remark).
    pub const WRITTEN_ON: Field = Field::once_optional("written_on", Kind::Str);
    pub const EDITED: Field = Field::optional("edited_ms", Kind::Time);
    pub const WITHDRAWN: Field = Field::optional("withdrawn", Kind::Bool);
    pub const ROOT: Root = Root {
        name: "remarks",
        shape: Shape::Entries(
            KeyShape::Fresh('r'),
            &[
                CLAUSE,
                AUTHOR,
                AUTHOR_NAME,
                ORGANISATION,
                ROLE,
                KIND,
                BODY,
                CREATED,
                PHASE,
                VERSION,
                PARENT,
                PROPOSED_TEXT,
                MENTIONS,
                ANCHOR_START,
                ANCHOR_END,
                QUOTE,
                PREFIX,
                SUFFIX,
                QUOTED,
                WRITTEN_ON,
                EDITED,
                WITHDRAWN,
            ],
        ),
    };
}

/// `participants`: who takes part; written by the server only.
pub(crate) mod participant {
    use super::*;
    pub const NAME: Field = Field::once("name", Kind::Str);
    pub const ORGANISATION: Field = Field::once("organisation", Kind::Str);
    pub const ROLE: Field = Field::once("role", Kind::Key(role));
    pub const ROOT: Root = Root {
        name: "participants",
        shape: Shape::Entries(KeyShape::Named, &[NAME, ORGANISATION, ROLE]),
    };
}

/// `organisations`: an organisation's respondent (coordinators), keyed by its name.
pub(crate) mod organisation {
    use super::*;
    pub const RESPONDENT: Field = Field::once("respondent", Kind::Str);
    pub const ROOT: Root = Root {
        name: "organisations",
        shape: Shape::Entries(KeyShape::Named, &[RESPONDENT]),
    };
}

/// `supports`: `proposal/participant` → a participant's position on a proposal.
pub(crate) mod support {
    use super::*;
    pub const PROPOSAL: Field = Field::once("proposal", Kind::Str);
    pub const PARTICIPANT: Field = Field::once("participant", Kind::Str);
    pub const VALUE: Field = Field::once("value", Kind::Key(support_value));
    pub const ROOT: Root = Root {
        name: "supports",
        shape: Shape::Entries(KeyShape::Pair('/'), &[PROPOSAL, PARTICIPANT, VALUE]),
    };
}

/// `stances`: `clause@organisation` → the organisation's draft stance, replaced as revised.
pub(crate) mod stance {
    use super::*;
    pub const ORGANISATION: Field = Field::once("organisation", Kind::Str);
    pub const CLAUSE: Field = Field::once("clause", Kind::Str);
    pub const VALUE: Field = Field::once("value", Kind::Key(stance_value));
    pub const MOTIVATION: Field = Field::once("motivation", Kind::Str);
    pub const AUTHOR: Field = Field::once("author", Kind::Str);
    pub const UPDATED: Field = Field::once("updated_ms", Kind::Time);
    pub const ROOT: Root = Root {
        name: "stances",
        shape: Shape::Entries(
            KeyShape::Pair('@'),
            &[ORGANISATION, CLAUSE, VALUE, MOTIVATION, AUTHOR, UPDATED],
        ),
    };
}

/// `answers`: one immutable entry per sent answer, with the formal decision behind it when
/// recorded (decision.rs), and marked when a coordinator recorded it for the organisation.
pub(crate) mod answer {
    use super::*;
    pub const ORGANISATION: Field = Field::once("organisation", Kind::Str);
    pub const SENT_BY: Field = Field::once("sent_by", Kind::Str);
    pub const SENT: Field = Field::once("sent_ms", Kind::Time);
    pub const STANCES: Field = Field::once("stances", Kind::Rows);
    /// The deciding body, the day (`2027-03-09`) and the item in its minutes.
    pub const DECISION_BODY: Field = Field::once_optional("decision_body", Kind::Str);
    pub const DECISION_DATE: Field = Field::once_optional("decision_date", Kind::Str);
    pub const DECISION_ITEM: Field = Field::once_optional("decision_item", Kind::Str);
    /// Reservations, statements and conditions: rows of `[kind, party or clause, text]`.
    pub const DECISION_NOTES: Field = Field::once_optional("decision_notes", Kind::Rows);
    /// Recorded by the coordinator who `sent_by` names, for the organisation.
    pub const ON_BEHALF: Field = Field::once_optional("on_behalf", Kind::Bool);
    pub const ROOT: Root = Root {
        name: "answers",
        shape: Shape::Entries(
            KeyShape::Fresh('a'),
            &[
                ORGANISATION,
                SENT_BY,
                SENT,
                STANCES,
                DECISION_BODY,
                DECISION_DATE,
                DECISION_ITEM,
                DECISION_NOTES,
                ON_BEHALF,
            ],
        ),
    };
}

/// `responses`: clause id → the coordinators' response to what was said on it (bemötande /
/// vurdering), a text they write together while compiling.
pub(crate) mod response {
    use super::*;
    pub const TEXT: Field = Field::once("text", Kind::Text);
    pub const UPDATED_BY: Field = Field::editable("updated_by", Kind::Str);
    pub const UPDATED: Field = Field::editable("updated_ms", Kind::Time);
    pub const ROOT: Root = Root {
        name: "responses",
        shape: Shape::Entries(KeyShape::Named, &[TEXT, UPDATED_BY, UPDATED]),
    };
}

/// `dispositions`: remark id → the coordinators' decision, replaced when revised.
pub(crate) mod disposition {
    use super::*;
    pub const VALUE: Field = Field::once("value", Kind::Key(disposition_value));
    pub const MOTIVATION: Field = Field::once("motivation", Kind::Str);
    pub const BY: Field = Field::once("by", Kind::Str);
    pub const AT: Field = Field::once("at_ms", Kind::Time);
    pub const ROOT: Root = Root {
        name: "dispositions",
        shape: Shape::Entries(KeyShape::Named, &[VALUE, MOTIVATION, BY, AT]),
    };
}

/// `versions`: named snapshots.
pub(crate) mod version {
    use super::*;
    pub const NAME: Field = Field::once("name", Kind::Str);
    pub const CREATED: Field = Field::once("created_ms", Kind::Time);
    pub const BY: Field = Field::once("by", Kind::Str);
    pub const SNAPSHOT: Field = Field::once("snapshot", Kind::Bytes);
    /// What the coordinator says about the version ("sent to the reference group").
    pub const NOTE: Field = Field::once_optional("note", Kind::Str);
    pub const ROOT: Root = Root {
        name: "versions",
        shape: Shape::Entries(KeyShape::Fresh('v'), &[NAME, CREATED, BY, SNAPSHOT, NOTE]),
    };
}

/// `extensions`: organisation → its later deadline.
pub(crate) mod extension {
    use super::*;
    pub const DEADLINE: Field = Field::once("deadline_ms", Kind::Num);
    pub const BY: Field = Field::once("by", Kind::Str);
    /// Why the organisation got it ("the board meets after the summer").
    pub const REASON: Field = Field::once_optional("reason", Kind::Str);
    pub const ROOT: Root = Root {
        name: "extensions",
        shape: Shape::Entries(KeyShape::Named, &[DEADLINE, BY, REASON]),
    };
}

/// `acceptances`: `proposal@client` → the characters one acceptance wrote (acceptance.rs).
pub(crate) mod acceptance {
    use super::*;
    pub const PROPOSAL: Field = Field::once("proposal", Kind::Str);
    pub const CLAUSE: Field = Field::once("clause", Kind::Str);
    pub const BY: Field = Field::once("by", Kind::Str);
    pub const AT: Field = Field::once("at_ms", Kind::Time);
    pub const WROTE: Field = Field::once("wrote", Kind::Bytes);
    pub const ROOT: Root = Root {
        name: "acceptances",
        shape: Shape::Entries(KeyShape::Pair('@'), &[PROPOSAL, CLAUSE, BY, AT, WROTE]),
    };
}

/// `stamps`: entry id → when the server stored it, and the phase and version then. Written by
/// the server only, in the same stored update as the entry (see stamp.rs).
pub(crate) mod stamp {
    use super::*;
    pub const STORED: Field = Field::once("stored_ms", Kind::Num);
    pub const PHASE: Field = Field::once("phase", Kind::Key(phase));
    pub const VERSION: Field = Field::once_optional("version", Kind::Str);
    /// On the stamp of the phase that closed a remiss: the organisations it went to.
    pub const RECIPIENTS: Field = Field::once_optional("recipients", Kind::Strings);
    pub const ROOT: Root = Root {
        name: "stamps",
        shape: Shape::Entries(KeyShape::Named, &[STORED, PHASE, VERSION, RECIPIENTS]),
    };
}

/// `revisions`: `remark~n` → a wording of a remark an edit replaced. Written by the server only,
/// in the same stored update as the edit (see revision.rs).
pub(crate) mod revision {
    use super::*;
    pub const REMARK: Field = Field::once("remark", Kind::Str);
    pub const BODY: Field = Field::once("body", Kind::Str);
    pub const PROPOSED_TEXT: Field = Field::once_optional("proposed_text", Kind::Str);
    pub const WRITTEN: Field = Field::once("written_ms", Kind::Num);
    pub const REPLACED: Field = Field::once("replaced_ms", Kind::Num);
    pub const ROOT: Root = Root {
        name: "revisions",
        shape: Shape::Entries(
            KeyShape::Named,
            &[REMARK, BODY, PROPOSED_TEXT, WRITTEN, REPLACED],
        ),
    };
}

/// `wordings`: `clause~n` → a stretch of edits of a clause's wording by one participant (a
/// coordinator's edit, or the text an acceptance wrote): who, from when to when, the wording
/// before and after. Written by the server only, in the same stored update as the edit, from
/// the session's participant (see wording.rs).
pub(crate) mod wording {
    use super::*;
    pub const CLAUSE: Field = Field::once("clause", Kind::Str);
    pub const BY: Field = Field::once("by", Kind::Str);
    /// The edit came with an acceptance (the text a proposal brought in).
    pub const ACCEPTED: Field = Field::once_optional("accepted", Kind::Bool);
    pub const FROM: Field = Field::once("from_ms", Kind::Num);
    /// The stretch's last edit, to the minute (see wording.rs's `TO_STEP_MS`).
    pub const TO: Field = Field::editable("to_ms", Kind::Num);
    pub const BEFORE: Field = Field::once("before", Kind::Str);
    /// The wording after the stretch, as stores of earlier releases hold it (rewritten at
    /// every edit). No longer written: it is the next stretch's `before`, or the clause's
    /// wording now for the last stretch (see wording.rs).
    pub const WORDING: Field = Field::optional("wording", Kind::Str);
    pub const ROOT: Root = Root {
        name: "wordings",
        shape: Shape::Entries(
            KeyShape::Named,
            &[CLAUSE, BY, ACCEPTED, FROM, TO, BEFORE, WORDING],
        ),
    };
}

/// Every root, in a fixed order (the order of `Agreement`'s handles).
pub(crate) const ROOTS: [Root; 17] = [
    meta::ROOT,
    chapter::ROOT,
    clause::ROOT,
    remark::ROOT,
    participant::ROOT,
    organisation::ROOT,
    support::ROOT,
    stance::ROOT,
    answer::ROOT,
    disposition::ROOT,
    version::ROOT,
    extension::ROOT,
    acceptance::ROOT,
    stamp::ROOT,
    revision::ROOT,
    response::ROOT,
    wording::ROOT,
];

/// Every root and the names of its fields, in the schema's order: for tools that write updates
/// by hand (the fuzzer aims its keys at the fields an agreement has).
pub fn names() -> Vec<(&'static str, Vec<&'static str>)> {
    ROOTS
        .iter()
        .map(|r| (r.name, r.fields().iter().map(|f| f.name).collect()))
        .collect()
}

/// A value to write into a field, typed by what the schema declares.
#[derive(Debug, Clone)]
pub(crate) enum Val<'a> {
    Str(&'a str),
    /// A string made while writing (a quote, a prefix).
    Owned(String),
    Num(f64),
    Bool(bool),
    Bytes(Vec<u8>),
    Strings(&'a [String]),
    Rows(Vec<[String; 3]>),
    Text(&'a str),
}

impl Val<'_> {
    /// Whether the schema's `kind` takes this value.
    fn fits(&self, kind: Kind) -> bool {
        match (self, kind) {
            (Val::Str(_) | Val::Owned(_), Kind::Str) => true,
            (Val::Str(s), Kind::Key(known)) => known(s),
            (Val::Owned(s), Kind::Key(known)) => known(s),
            (Val::Num(n), Kind::Num | Kind::Time) => n.is_finite(),
            (Val::Bool(_), Kind::Bool) => true,
            (Val::Bytes(_), Kind::Bytes) => true,
            (Val::Strings(_), Kind::Strings) => true,
            (Val::Rows(_), Kind::Rows) => true,
            (Val::Text(_), Kind::Text) => true,
            _ => false,
        }
    }

    fn into_in(self) -> In {
        match self {
            Val::Str(s) => In::from(s),
            Val::Owned(s) => In::from(s),
            Val::Num(n) => In::from(n),
            Val::Bool(b) => In::from(b),
            Val::Bytes(b) => In::Any(Any::Buffer(b.into())),
            Val::Strings(list) => In::Any(Any::Array(
                list.iter().map(|s| Any::from(s.as_str())).collect(),
            )),
            Val::Rows(rows) => In::Any(Any::Array(
                rows.into_iter()
                    .map(|row| Any::Array(Arc::from(row.map(Any::from))))
                    .collect(),
            )),
            Val::Text(t) => In::Text(TextPrelim::new(t).into()),
        }
    }
}

/// Checks that `root` declares `field` and that `value` fits it. A writer that fails this has
/// a bug: the guard would refuse what it writes.
fn declared(root: &Root, field: &Field, value: &Val) {
    debug_assert!(
        root.field(field.name).is_some(),
        "{} is not a field of {}",
        field.name,
        root.name
    );
    debug_assert!(
        value.fits(field.kind),
        "{value:?} is not {:?} for {}/{}",
        field.kind,
        root.name,
        field.name
    );
}

/// A new entry of `root` with these fields, to insert under its key.
pub(crate) fn entry(root: &Root, fields: Vec<(&Field, Val)>) -> MapPrelim {
    debug_assert!(
        root.fields()
            .iter()
            .filter(|f| f.required)
            .all(|f| fields.iter().any(|(g, _)| g.name == f.name)),
        "a required field of {} is missing",
        root.name
    );
    MapPrelim::from_iter(fields.into_iter().map(|(field, value)| {
        declared(root, field, &value);
        (field.name, value.into_in())
    }))
}

/// Sets one field of an existing entry (or of `meta`, with `map` the root itself).
pub(crate) fn set(txn: &mut TransactionMut, root: &Root, map: &MapRef, field: &Field, value: Val) {
    declared(root, field, &value);
    debug_assert!(!field.once, "{}/{} is set once", root.name, field.name);
    map.insert(txn, field.name, value.into_in());
}

/// Sets an optional field to `value`, or removes it with `None`.
pub(crate) fn set_or_remove(
    txn: &mut TransactionMut,
    root: &Root,
    map: &MapRef,
    field: &Field,
    value: Option<Val>,
) {
    debug_assert!(!field.required, "{}/{} is required", root.name, field.name);
    match value {
        Some(value) => set(txn, root, map, field, value),
        None => {
            map.remove(txn, field.name);
        }
    }
}
