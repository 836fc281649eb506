//! What the guard knows of every item the document holds: where it sits (its parent type and
//! map key), what it holds, and whether it is deleted. yrs keeps its block store private, so
//! the guard keeps this description beside the document, built from the whole state when the
//! guard starts and extended with every update it integrates. It answers, before an update is
//! integrated, the questions yrs would only answer by integrating it: which type an origin or
//! a parent id names, and which items a deleted range covers.
//!
//! Types are *places*: a root map, an entry of a root (a Y.Map under its key), or a text field
//! of an entry. A place created by an item is identified by that item's id; every entry ever
//! written under a key is a place of its own (a replaced stance leaves the old map behind,
//! deleted). Anything an agreement does not have is a `Foreign` place: nothing may be written
//! into it.

use crate::schema::{Kind, Root, Shape, ROOTS};
use crate::wire::{Id, TypeKind};
use std::collections::HashMap;
use std::sync::Arc;

/// A place's number in [`Index::places`] (or after them, for places an update is creating).
pub(crate) type PlaceId = u32;

/// What a type is, in the agreement's terms.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A root map.
    Root(&'static Root),
    /// An entry of a root: a Y.Map under `key`.
    Entry(&'static Root, Arc<str>),
    /// The text field `field` of the entry `key` (a clause's wording).
    Text(&'static Root, Arc<str>, &'static str),
    /// A type an agreement does not have.
    Foreign,
}

/// A shared type of the document.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub node: Node,
    /// The item that created it; `None` for a root.
    pub item: Option<Id>,
}

impl Place {
    /// The place a new type of `kind`, written under `key` into `parent`, becomes.
    pub fn child(parent: &Place, key: Option<&str>, kind: TypeKind, item: Id) -> Place {
        let node = match (&parent.node, key, kind) {
            (Node::Root(root), Some(key), TypeKind::Map)
                if matches!(root.shape, Shape::Entries(..)) =>
            {
                Node::Entry(root, Arc::from(key))
            }
            (Node::Entry(root, entry), Some(key), TypeKind::Text) => match root.field(key) {
                Some(field) if matches!(field.kind, Kind::Text) => {
                    Node::Text(root, entry.clone(), field.name)
                }
                _ => Node::Foreign,
            },
            _ => Node::Foreign,
        };
        Place {
            node,
            item: Some(item),
        }
    }
}

/// What an item holds, as far as judging goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// Characters of a text.
    Chars,
    /// Plain values.
    Value,
    /// The type that is this place.
    Type(PlaceId),
    /// A garbage-collected run, or content an agreement never holds.
    Other,
}

/// Where an item sits.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rec {
    pub parent: PlaceId,
    pub key: Option<Arc<str>>,
    pub held: Held,
}

/// A run of one client's clocks taken by one item (or by several squashed characters).
#[derive(Debug, Clone)]
struct Span {
    clock: u32,
    len: u32,
    rec: Rec,
}

/// Recorded items covering part of a range, clipped to it: `(start, end, where it sits)`.
pub(crate) type Covered<'i> = Vec<(u32, u32, &'i Rec)>;

/// Sorted, disjoint `[start, end)` runs of one client's clocks.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ranges(Vec<(u32, u32)>);

impl Ranges {
    pub fn insert(&mut self, start: u32, end: u32) {
        if start >= end {
            return;
        }
        let runs = &mut self.0;
        // The first run that ends at or after `start` may merge, and every one after it that
        // starts at or before `end`.
        let from = runs.partition_point(|r| r.1 < start);
        let to = runs.partition_point(|r| r.0 <= end);
        if from < to {
            let merged = (runs[from].0.min(start), runs[to - 1].1.max(end));
            runs.splice(from..to, [merged]);
        } else {
            runs.insert(from, (start, end));
        }
    }

    pub fn contains(&self, clock: u32) -> bool {
        let i = self.0.partition_point(|r| r.1 <= clock);
        self.0.get(i).is_some_and(|r| r.0 <= clock)
    }

    /// The parts of `[start, end)` not in the set.
    pub fn missing(&self, start: u32, end: u32) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut at = start;
        let i = self.0.partition_point(|r| r.1 <= start);
        for &(s, e) in &self.0[i..] {
            if s >= end {
                break;
            }
            if s > at {
                out.push((at, s));
            }
            at = at.max(e);
        }
        if at < end {
            out.push((at, end));
        }
        out
    }
}

/// The guard's description of the document (see the module header).
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub places: Vec<Place>,
    by_item: HashMap<Id, PlaceId>,
    spans: HashMap<u64, Vec<Span>>,
    pub deleted: HashMap<u64, Ranges>,
}

impl Index {
    /// An index of an empty document: the roots alone, and the foreign place.
    pub fn new() -> Index {
        let mut places: Vec<Place> = ROOTS
            .iter()
            .map(|root| Place {
                node: Node::Root(root),
                item: None,
            })
            .collect();
        places.push(Place {
            node: Node::Foreign,
            item: None,
        });
        Index {
            places,
            ..Index::default()
        }
    }

    /// The place of everything an agreement does not have.
    pub fn foreign(&self) -> PlaceId {
        ROOTS.len() as PlaceId
    }

    /// The root place called `name`.
    pub fn root(&self, name: &str) -> Option<PlaceId> {
        ROOTS
            .iter()
            .position(|r| r.name == name)
            .map(|i| i as PlaceId)
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// The place created by the item `id`.
    pub fn place_of_item(&self, id: Id) -> Option<PlaceId> {
        self.by_item.get(&id).copied()
    }

    /// The item covering `id`, with the first clock of the run it was recorded in.
    pub fn item(&self, id: Id) -> Option<(&Rec, u32)> {
        let spans = self.spans.get(&id.client)?;
        let i = spans.partition_point(|s| s.clock + s.len <= id.clock);
        spans
            .get(i)
            .filter(|s| s.clock <= id.clock)
            .map(|s| (&s.rec, s.clock))
    }

    /// The recorded items covering `[start, end)` of `client`, clipped to it, and the parts of
    /// it no recorded item covers.
    pub fn items_in(&self, client: u64, start: u32, end: u32) -> (Covered<'_>, Vec<(u32, u32)>) {
        let mut found = Vec::new();
        let mut gaps = Vec::new();
        let mut at = start;
        if let Some(spans) = self.spans.get(&client) {
            let i = spans.partition_point(|s| s.clock + s.len <= start);
            for s in &spans[i..] {
                if s.clock >= end {
                    break;
                }
                if s.clock > at {
                    gaps.push((at, s.clock));
                }
                let (a, b) = (s.clock.max(at), (s.clock + s.len).min(end));
                found.push((a, b, &s.rec));
                at = b;
            }
        }
        if at < end {
            gaps.push((at, end));
        }
        (found, gaps)
    }

    pub fn is_deleted(&self, id: Id) -> bool {
        self.deleted
            .get(&id.client)
            .is_some_and(|r| r.contains(id.clock))
    }

    /// Whether the type of place `p` has been deleted (a root never is).
    pub fn place_deleted(&self, p: PlaceId) -> bool {
        self.place(p).item.is_some_and(|id| self.is_deleted(id))
    }

    /// Records a new place; returns its number.
    pub fn add_place(&mut self, place: Place) -> PlaceId {
        let id = self.places.len() as PlaceId;
        if let Some(item) = place.item {
            self.by_item.insert(item, id);
        }
        self.places.push(place);
        id
    }

    /// Records an item taking `len` clocks from `id`. Characters following the previous run of
    /// the same client in the same text join it, so a text typed key by key stays one run.
    pub fn add_item(&mut self, id: Id, len: u32, rec: Rec) {
        let spans = self.spans.entry(id.client).or_default();
        if let Some(last) = spans.last_mut() {
            if last.clock + last.len == id.clock && last.rec == rec && rec.held == Held::Chars {
                last.len += len;
                return;
            }
        }
        let at = spans.partition_point(|s| s.clock < id.clock);
        spans.insert(
            at,
            Span {
                clock: id.clock,
                len,
                rec,
            },
        );
    }

    pub fn add_deleted(&mut self, client: u64, start: u32, end: u32) {
        self.deleted.entry(client).or_default().insert(start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_and_answer() {
        let mut r = Ranges::default();
        r.insert(5, 10);
        r.insert(20, 25);
        r.insert(10, 12);
        assert_eq!(r.0, vec![(5, 12), (20, 25)]);
        r.insert(11, 21);
        assert_eq!(r.0, vec![(5, 25)]);
        assert!(r.contains(5) && r.contains(24) && !r.contains(25) && !r.contains(4));
        r.insert(0, 2);
        assert_eq!(r.missing(0, 30), vec![(2, 5), (25, 30)]);
        assert_eq!(r.missing(6, 8), vec![]);
    }
}
