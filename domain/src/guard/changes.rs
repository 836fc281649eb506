//! An update's placed items and deletions, read as changes to the agreement: new entries with
//! their fields, fields set on existing entries, entries and fields removed, texts edited. This
//! is where the schema is applied: every key, field and value must be one it declares, every
//! write must go where a reader will see it, and a new entry must carry every required field,
//! each set-once field once, under a key of the declared shape.

use super::index::{Held, Index, Node, Place, PlaceId};
use super::resolve::Resolution;
use super::Refusal;
use crate::schema::{Field, KeyShape, Kind, Root, Shape};
use crate::wire::{Content, Id, ParsedUpdate, TypeKind, Value};
use std::collections::HashSet;
use std::sync::Arc;

/// Longest string a field may hold, in bytes (some hundred pages).
const MAX_STRING: usize = 256 * 1024;
/// Largest byte field (a version's snapshot: state vector and delete set).
const MAX_BYTES: usize = 4 * 1024 * 1024;
/// Longest entry key, in bytes.
const MAX_KEY: usize = 512;
/// Most items in a list of strings (mentions) or rows (an answer's stances).
const MAX_LIST: usize = 10_000;

/// A field's value, checked against the schema.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Judged<'a> {
    Str(&'a str),
    Num(f64),
    Bool(bool),
    Bytes(&'a [u8]),
    Strings(Vec<&'a str>),
    Rows(Vec<[&'a str; 3]>),
    /// A new, empty Y.Text (its characters are placed in it as items of their own).
    Text,
}

/// A new entry of a root map, with the fields this update gives it.
#[derive(Debug, Clone)]
pub(crate) struct NewEntry<'a> {
    pub root: &'static Root,
    pub key: Arc<str>,
    /// The item that creates it.
    pub id: Id,
    pub place: PlaceId,
    pub fields: Vec<(&'static Field, Judged<'a>)>,
    /// Whether the key held an entry already (before, or earlier in this update).
    pub replaces: bool,
}

impl<'a> NewEntry<'a> {
    /// Every value given to `field` (a field that may be changed can be given more than once,
    /// when it was changed before the entry reached the server).
    pub fn values(&self, field: &Field) -> impl Iterator<Item = &Judged<'a>> {
        let name = field.name;
        self.fields
            .iter()
            .filter(move |(f, _)| f.name == name)
            .map(|(_, v)| v)
    }

    /// The first string given to `field`.
    pub fn str(&self, field: &Field) -> Option<&'a str> {
        self.values(field).find_map(|v| match v {
            Judged::Str(s) => Some(*s),
            _ => None,
        })
    }

    /// The first number given to `field`.
    pub fn num(&self, field: &Field) -> Option<f64> {
        self.values(field).find_map(|v| match v {
            Judged::Num(n) => Some(*n),
            _ => None,
        })
    }

    pub fn has(&self, field: &Field) -> bool {
        self.values(field).next().is_some()
    }
}

/// A field set on an entry that existed before the update.
#[derive(Debug, Clone)]
pub(crate) struct FieldSet<'a> {
    pub root: &'static Root,
    pub entry: Arc<str>,
    pub field: &'static Field,
    pub value: Judged<'a>,
}

/// What an update changes (see the module header).
#[derive(Debug, Default)]
pub(crate) struct Changes<'a> {
    pub entries: Vec<NewEntry<'a>>,
    pub sets: Vec<FieldSet<'a>>,
    /// `meta` fields set (`Some`) or removed (`None`).
    pub meta: Vec<(&'static Field, Option<Judged<'a>>)>,
    /// Entries removed without a replacement.
    pub removed: Vec<(&'static Root, Arc<str>)>,
    /// Fields removed from existing entries: root, entry, field.
    pub removed_fields: Vec<(&'static Root, Arc<str>, Arc<str>)>,
    /// Existing entries whose text is edited (a clause's wording, a clause's response), once
    /// each, with their root.
    pub texts: Vec<(&'static Root, Arc<str>)>,
}

impl<'a> Changes<'a> {
    /// The new entries of `root` under `key`.
    pub fn new_entries<'s>(
        &'s self,
        root: &'s Root,
        key: &'s str,
    ) -> impl Iterator<Item = &'s NewEntry<'a>> + 's {
        self.entries
            .iter()
            .filter(move |e| e.root.name == root.name && &*e.key == key)
    }
}

/// Reads `update`, placed as `resolution`, as changes. `live(root, key)` says whether a root's
/// key holds an entry now.
pub(crate) fn read<'a>(
    index: &Index,
    update: &ParsedUpdate<'a>,
    resolution: &Resolution,
    live: &dyn Fn(&str, &str) -> bool,
) -> Result<Changes<'a>, Refusal> {
    let before = index.places.len() as PlaceId;
    let place = |p: PlaceId| -> &Place {
        match p.checked_sub(before) {
            Some(i) => &resolution.places[i as usize],
            None => index.place(p),
        }
    };
    let mut changes = Changes::default();
    let mut texts = HashSet::new();
    for placed in &resolution.items {
        let crate::wire::Block::Item(item) = &update.blocks[placed.block] else {
            continue;
        };
        if let Content::Deleted(_) = item.content {
            return Err(Refusal::Unseen(
                "content a garbage-collecting replica dropped (a replica must keep deleted content: gc off)".into(),
            ));
        }
        let parent = place(placed.rec.parent);
        let at = || super::resolve::describe(parent);
        if parent.node == Node::Foreign {
            return Err(Refusal::Unseen(format!("writes into {}", at())));
        }
        if placed.rec.parent < before && index.place_deleted(placed.rec.parent) {
            return Err(Refusal::Unseen(format!(
                "writes into {}, which is deleted",
                at()
            )));
        }
        let key = placed.rec.key.clone();
        match (&parent.node, key) {
            (Node::Text(root, entry, _), None) => {
                if placed.rec.held != Held::Chars {
                    return Err(Refusal::Unseen(format!(
                        "writes something other than characters into {}",
                        at()
                    )));
                }
                if placed.rec.parent < before && texts.insert((root.name, entry.clone())) {
                    changes.texts.push((root, entry.clone()));
                }
            }
            (Node::Text(..), Some(_)) | (Node::Root(_) | Node::Entry(..), None) => {
                return Err(Refusal::Unseen(format!(
                    "writes into the unnamed part of {}",
                    at()
                )))
            }
            (Node::Root(root), Some(key)) => match root.shape {
                Shape::Fields(_) => {
                    let field = declared(root, &key)?;
                    let value = judge_value(root.name, field, &item.content)?;
                    changes.meta.push((field, Some(value)));
                }
                Shape::Entries(..) => {
                    let Held::Type(p) = placed.rec.held else {
                        return Err(forbidden(root, &key, "an entry is a map"));
                    };
                    if !matches!(item.content, Content::Type(TypeKind::Map)) {
                        return Err(forbidden(root, &key, "an entry is a map"));
                    }
                    if key.len() > MAX_KEY {
                        return Err(forbidden(root, &key, "the key is too long"));
                    }
                    let replaces = live(root.name, &key)
                        || changes
                            .entries
                            .iter()
                            .any(|e| e.root.name == root.name && e.key == key);
                    changes.entries.push(NewEntry {
                        root,
                        key,
                        id: placed.id,
                        place: p,
                        fields: Vec::new(),
                        replaces,
                    });
                }
            },
            (Node::Entry(root, entry), Some(key)) => {
                let field = declared(root, &key)?;
                let value = judge_value(&format!("{}/{entry}", root.name), field, &item.content)?;
                if placed.rec.parent >= before {
                    if let Some(new) = changes
                        .entries
                        .iter_mut()
                        .find(|e| e.place == placed.rec.parent)
                    {
                        new.fields.push((field, value));
                    }
                } else {
                    changes.sets.push(FieldSet {
                        root,
                        entry: entry.clone(),
                        field,
                        value,
                    });
                }
            }
            (Node::Foreign, _) => unreachable!("refused above"),
        }
    }
    read_deletions(index, resolution, &place, &mut changes, &mut texts)?;
    for entry in &changes.entries {
        check_entry(entry)?;
    }
    Ok(changes)
}

/// Adds what the update deletes to `changes`: a value replaced by the update, or inside an
/// entry or text deleted with it, is part of that change; anything else is a removal.
fn read_deletions<'p>(
    index: &Index,
    resolution: &Resolution,
    place: &dyn Fn(PlaceId) -> &'p Place,
    changes: &mut Changes,
    texts: &mut HashSet<(&'static str, Arc<str>)>,
) -> Result<(), Refusal> {
    let before = index.places.len() as PlaceId;
    let written: HashSet<(PlaceId, Option<Arc<str>>)> = resolution
        .items
        .iter()
        .map(|p| (p.rec.parent, p.rec.key.clone()))
        .collect();
    let deleted_types: HashSet<PlaceId> = resolution
        .deletions
        .iter()
        .filter_map(|piece| match piece.rec.held {
            Held::Type(p) => Some(p),
            _ => None,
        })
        .collect();
    for piece in &resolution.deletions {
        let p = piece.rec.parent;
        let parent = place(p);
        if parent.node == Node::Foreign || piece.rec.held == Held::Other {
            return Err(Refusal::Unseen(
                "deletes something that is not part of an agreement".into(),
            ));
        }
        let gone = deleted_types.contains(&p) || (p < before && index.place_deleted(p));
        if gone || written.contains(&(p, piece.rec.key.clone())) {
            continue;
        }
        match (&parent.node, &piece.rec.key) {
            (Node::Text(root, entry, _), None) => {
                if p < before && texts.insert((root.name, entry.clone())) {
                    changes.texts.push((root, entry.clone()));
                }
            }
            (Node::Root(root), Some(key)) => match root.shape {
                Shape::Fields(_) => changes.meta.push((declared(root, key)?, None)),
                Shape::Entries(..) => changes.removed.push((root, key.clone())),
            },
            (Node::Entry(root, entry), Some(key)) => {
                changes
                    .removed_fields
                    .push((root, entry.clone(), key.clone()));
            }
            _ => {
                return Err(Refusal::Unseen(
                    "deletes something that is not part of an agreement".into(),
                ))
            }
        }
    }
    Ok(())
}

fn forbidden(root: &Root, key: &str, reason: &str) -> Refusal {
    Refusal::Forbidden {
        what: format!("writing {}/{key}", root.name),
        reason: reason.to_string(),
    }
}

fn declared(root: &'static Root, name: &str) -> Result<&'static Field, Refusal> {
    root.field(name).ok_or_else(|| {
        forbidden(
            root,
            name,
            &format!("{} has no field called {name:?}", root.name),
        )
    })
}

/// The value an item gives `field` of the entry (or root) at `at`, if the schema takes it.
fn judge_value<'a>(at: &str, field: &Field, content: &Content<'a>) -> Result<Judged<'a>, Refusal> {
    let refuse = || Refusal::Forbidden {
        what: format!("writing {at}/{}", field.name),
        reason: format!("must be {:?}", field.kind),
    };
    if let Kind::Text = field.kind {
        return match content {
            Content::Type(TypeKind::Text) => Ok(Judged::Text),
            _ => Err(refuse()),
        };
    }
    let Content::Any(values) = content else {
        return Err(refuse());
    };
    let [value] = values.as_slice() else {
        return Err(refuse());
    };
    let judged = match (field.kind, value) {
        (Kind::Str, Value::Str(s)) if s.len() <= MAX_STRING => Judged::Str(s),
        (Kind::Key(known), Value::Str(s)) if known(s) => Judged::Str(s),
        (Kind::Num | Kind::Time, Value::Int(n)) => Judged::Num(*n as f64),
        (Kind::Num | Kind::Time, Value::Float(n)) if n.is_finite() => Judged::Num(*n),
        (Kind::Bool, Value::Bool(b)) => Judged::Bool(*b),
        (Kind::Bytes, Value::Buf(b)) if b.len() <= MAX_BYTES => Judged::Bytes(b),
        (Kind::Strings, Value::Array(items)) if items.len() <= MAX_LIST => Judged::Strings(
            items
                .iter()
                .map(|v| match v {
                    Value::Str(s) if s.len() <= MAX_KEY => Ok(*s),
                    _ => Err(refuse()),
                })
                .collect::<Result<_, _>>()?,
        ),
        (Kind::Rows, Value::Array(rows)) if rows.len() <= MAX_LIST => Judged::Rows(
            rows.iter()
                .map(|row| match row {
                    Value::Array(cells) => match cells.as_slice() {
                        [Value::Str(a), Value::Str(b), Value::Str(c)]
                            if a.len() + b.len() + c.len() <= MAX_STRING =>
                        {
                            Ok([*a, *b, *c])
                        }
                        _ => Err(refuse()),
                    },
                    _ => Err(refuse()),
                })
                .collect::<Result<_, _>>()?,
        ),
        _ => return Err(refuse()),
    };
    Ok(judged)
}

/// What the schema asks of every new entry: its required fields, set-once fields once, and a
/// key of the declared shape.
fn check_entry(entry: &NewEntry) -> Result<(), Refusal> {
    let root = entry.root;
    for field in root.fields() {
        let count = entry.values(field).count();
        if field.required && count == 0 {
            return Err(forbidden(
                root,
                &entry.key,
                &format!("a new entry needs its {}", field.name),
            ));
        }
        if field.once && count > 1 {
            return Err(forbidden(
                root,
                &entry.key,
                &format!("the field {} is set once", field.name),
            ));
        }
    }
    match root.shape {
        Shape::Entries(KeyShape::Fresh(prefix), _) => {
            let fresh = format!("{prefix}{:x}-{}", entry.id.client, entry.id.clock);
            if *entry.key != *fresh {
                return Err(forbidden(
                    root,
                    &entry.key,
                    "the key must name where the entry was written",
                ));
            }
        }
        Shape::Entries(KeyShape::Pair(sep), _) if !entry.key.contains(sep) => {
            return Err(forbidden(
                root,
                &entry.key,
                &format!("the key has two parts joined by {sep}"),
            ));
        }
        _ => {}
    }
    Ok(())
}
