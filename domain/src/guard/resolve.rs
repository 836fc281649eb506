//! Places every block and deleted range of an update, before yrs integrates it: which type
//! each new item goes into and under which key — as yrs will decide it, from the item's explicit
//! parent or else from its origins — and which items each deleted range covers.
//!
//! In [`Mode::Judge`] (a participant's update) anything yrs would integrate without it being
//! seen is refused: garbage-collected runs, a gap the server lacks, a block overlapping what the
//! server has, an origin or parent the server cannot place, origins in two different places, a
//! parent that is not a type. In [`Mode::Trust`] (the store's own state, the server's own
//! writes) the same reading only records; what cannot be placed becomes foreign.
//!
//! Resolution is iterative: a text typed key by key is a chain of thousands of items each
//! naming the one before, which a recursive walk would follow down the stack.

use super::index::{Held, Index, Node, Place, PlaceId, Rec};
use super::Refusal;
use crate::wire::{Block, Content, Id, Item, Parent, ParsedUpdate};
use std::collections::HashMap;
use std::sync::Arc;

/// How an update is read (see the module header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Judge,
    Trust,
}

/// A new item and where it sits.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    /// Its number among the update's blocks.
    pub block: usize,
    pub id: Id,
    pub len: u32,
    pub rec: Rec,
}

/// Part of a deleted range that covers items not deleted before: `[start, end)` of `client`.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub client: u64,
    pub start: u32,
    pub end: u32,
    pub rec: Rec,
}

/// An update, placed.
#[derive(Debug, Default)]
pub(crate) struct Resolution {
    /// Its items the document does not have yet, in the order they were encoded.
    pub items: Vec<Placed>,
    /// The types it creates, numbered after the index's places.
    pub places: Vec<Place>,
    /// What it deletes that was not deleted before.
    pub deletions: Vec<Piece>,
    /// Garbage-collected runs (recorded in trust mode only): `(client, start, end)`.
    pub collected: Vec<(u64, u32, u32)>,
}

#[derive(Debug, Clone)]
enum State {
    Open,
    Busy,
    Done(Rec),
}

/// What an id names.
enum Target<'r> {
    /// New item number `i` of this update.
    New(usize),
    /// An item the document has.
    Known(&'r Rec, u32),
}

struct Resolver<'i, 'u, 'a> {
    index: &'i Index,
    known: &'i dyn Fn(u64) -> u32,
    mode: Mode,
    items: Vec<&'u Item<'a>>,
    /// Each new item's number among the update's blocks.
    blocks: Vec<usize>,
    /// Per client, the numbers of its new items, in clock order.
    by_client: HashMap<u64, Vec<usize>>,
    state: Vec<State>,
    places: Vec<Place>,
}

/// Places `update` against `index`; `known(client)` is how many of a client's clocks the
/// document holds.
pub(crate) fn resolve(
    index: &Index,
    known: &dyn Fn(u64) -> u32,
    update: &ParsedUpdate,
    mode: Mode,
) -> Result<Resolution, Refusal> {
    let judge = mode == Mode::Judge;
    let mut items = Vec::new();
    let mut blocks = Vec::new();
    let mut by_client: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut collected = Vec::new();
    // Where each client's new clocks must go on: right after what the document holds.
    let mut next: HashMap<u64, u32> = HashMap::new();
    for (n, block) in update.blocks.iter().enumerate() {
        let id = block.id();
        let have = known(id.client);
        let (start, end) = (id.clock, id.clock + block.len());
        if end <= have {
            continue; // known already: changes nothing
        }
        if start < have {
            return Err(Refusal::Overlap(id.client));
        }
        let expected = next.entry(id.client).or_insert(have);
        if start != *expected && judge {
            return Err(Refusal::MissingDependencies);
        }
        *expected = end;
        match block {
            Block::Skip { .. } if judge => return Err(Refusal::MissingDependencies),
            Block::Skip { .. } => {}
            Block::Gc { .. } if judge => {
                return Err(Refusal::Unseen(
                    "garbage-collected content (a replica must keep deleted content: gc off)"
                        .into(),
                ))
            }
            Block::Gc { .. } => collected.push((id.client, start, end)),
            Block::Item(item) => {
                by_client.entry(id.client).or_default().push(items.len());
                items.push(item);
                blocks.push(n);
            }
        }
    }
    let mut resolver = Resolver {
        index,
        known,
        mode,
        state: vec![State::Open; items.len()],
        items,
        blocks,
        by_client,
        places: Vec::new(),
    };
    resolver.resolve_all()?;
    let deletions = resolver.deletions(&update.deleted)?;
    let Resolver {
        items,
        blocks,
        state,
        places,
        ..
    } = resolver;
    let items = items
        .into_iter()
        .zip(blocks)
        .zip(state)
        .map(|((item, block), state)| Placed {
            block,
            id: item.id,
            len: item.len,
            rec: match state {
                State::Done(rec) => rec,
                // resolve_all leaves every item done.
                State::Open | State::Busy => foreign(index),
            },
        })
        .collect();
    Ok(Resolution {
        items,
        places,
        deletions,
        collected,
    })
}

/// Where what cannot be placed goes.
fn foreign(index: &Index) -> Rec {
    Rec {
        parent: index.foreign(),
        key: None,
        held: Held::Other,
    }
}

impl<'u, 'a> Resolver<'_, 'u, 'a> {
    fn place(&self, p: PlaceId) -> &Place {
        let n = self.index.places.len();
        match (p as usize).checked_sub(n) {
            Some(i) => &self.places[i],
            None => self.index.place(p),
        }
    }

    fn lookup(&self, id: Id) -> Result<Target<'_>, Refusal> {
        if let Some(list) = self.by_client.get(&id.client) {
            let i = list.partition_point(|&i| {
                let item = self.items[i];
                item.id.clock + item.len <= id.clock
            });
            if let Some(&j) = list.get(i) {
                if self.items[j].id.clock <= id.clock {
                    return Ok(Target::New(j));
                }
            }
        }
        if let Some((rec, first)) = self.index.item(id) {
            return Ok(Target::Known(rec, first));
        }
        if id.clock < (self.known)(id.client) {
            Err(Refusal::Unseen(format!(
                "refers to {}:{}, which holds nothing a reader sees",
                id.client, id.clock
            )))
        } else {
            Err(Refusal::MissingDependencies)
        }
    }

    /// The ids item `i` takes its place from: its parent type, or its origins.
    fn references(&self, i: usize) -> [Option<Id>; 2] {
        let item = self.items[i];
        match item.parent {
            Some(Parent::Type(id)) => [Some(id), None],
            Some(Parent::Root(_)) => [None, None],
            None => [item.origin, item.right_origin],
        }
    }

    fn resolve_all(&mut self) -> Result<(), Refusal> {
        let mut stack = Vec::new();
        for i in 0..self.items.len() {
            if matches!(self.state[i], State::Done(_)) {
                continue;
            }
            stack.push(i);
            while let Some(&t) = stack.last() {
                match self.open_dependency(t)? {
                    Some(j) if matches!(self.state[j], State::Busy) => {
                        if self.mode == Mode::Judge {
                            return Err(Refusal::Malformed("items refer to each other".into()));
                        }
                        self.state[t] = State::Done(foreign(self.index));
                        stack.pop();
                    }
                    Some(j) => {
                        self.state[t] = State::Busy;
                        stack.push(j);
                    }
                    None => {
                        let rec = match self.place_item(t) {
                            Ok(rec) => rec,
                            Err(_) if self.mode == Mode::Trust => foreign(self.index),
                            Err(refusal) => return Err(refusal),
                        };
                        self.state[t] = State::Done(rec);
                        stack.pop();
                    }
                }
            }
        }
        Ok(())
    }

    /// A new item that `t` needs placed first, if any.
    fn open_dependency(&self, t: usize) -> Result<Option<usize>, Refusal> {
        for id in self.references(t).into_iter().flatten() {
            match self.lookup(id) {
                Ok(Target::New(j)) if !matches!(self.state[j], State::Done(_)) => {
                    return Ok(Some(j))
                }
                Ok(_) => {}
                Err(_) if self.mode == Mode::Trust => {}
                Err(refusal) => return Err(refusal),
            }
        }
        Ok(None)
    }

    /// Where the item an id names sits: `(parent, key, what it holds)`.
    fn rec_of(&self, id: Id) -> Result<(Rec, u32), Refusal> {
        match self.lookup(id)? {
            Target::New(j) => match &self.state[j] {
                State::Done(rec) => Ok((rec.clone(), self.items[j].id.clock)),
                _ => Err(Refusal::Malformed("items refer to each other".into())),
            },
            Target::Known(rec, first) => Ok((rec.clone(), first)),
        }
    }

    /// Places item `t`, whose references are all placed, creating the type it holds.
    fn place_item(&mut self, t: usize) -> Result<Rec, Refusal> {
        let item = self.items[t];
        let (parent, key): (PlaceId, Option<Arc<str>>) = match item.parent {
            Some(Parent::Root(name)) => {
                let root = self
                    .index
                    .root(name)
                    .ok_or_else(|| Refusal::UnknownPart(name.to_string()))?;
                (root, item.key.map(Arc::from))
            }
            Some(Parent::Type(id)) => {
                let (rec, first) = self.rec_of(id)?;
                match rec.held {
                    Held::Type(place) if first == id.clock => (place, item.key.map(Arc::from)),
                    _ => {
                        return Err(Refusal::Unseen(
                            "writes into something that is not a part of the agreement".into(),
                        ))
                    }
                }
            }
            None => {
                let mut from = None;
                for id in [item.origin, item.right_origin].into_iter().flatten() {
                    let (rec, _) = self.rec_of(id)?;
                    if rec.held == Held::Other {
                        return Err(Refusal::Unseen(
                            "placed next to something that is not a part of the agreement".into(),
                        ));
                    }
                    match &from {
                        None => from = Some((rec.parent, rec.key)),
                        Some(place) if *place == (rec.parent, rec.key.clone()) => {}
                        Some(_) => {
                            return Err(Refusal::Malformed(
                                "an item's origins lie in two different places".into(),
                            ))
                        }
                    }
                }
                from.ok_or_else(|| Refusal::Malformed("an item has no place".into()))?
            }
        };
        let held = match &item.content {
            Content::String(_) => Held::Chars,
            Content::Any(_) => Held::Value,
            Content::Type(kind) => {
                let place = Place::child(self.place(parent), key.as_deref(), *kind, item.id);
                let id = (self.index.places.len() + self.places.len()) as PlaceId;
                self.places.push(place);
                Held::Type(id)
            }
            _ => Held::Other,
        };
        Ok(Rec { parent, key, held })
    }

    /// The pieces of `deleted` not deleted before, each with the item it covers.
    fn deletions(&self, deleted: &[(u64, u32, u32)]) -> Result<Vec<Piece>, Refusal> {
        let mut pieces = Vec::new();
        for &(client, clock, len) in deleted {
            let have = (self.known)(client);
            let undeleted = match self.index.deleted.get(&client) {
                Some(ranges) => ranges.missing(clock, clock + len),
                None => vec![(clock, clock + len)],
            };
            for (start, end) in undeleted {
                // What the document holds.
                let (found, gaps) = self.index.items_in(client, start, end.min(have));
                if !gaps.is_empty() && self.mode == Mode::Judge {
                    return Err(Refusal::Unseen(
                        "deletes something that holds nothing a reader sees".into(),
                    ));
                }
                for (a, b, rec) in found {
                    pieces.push(Piece {
                        client,
                        start: a,
                        end: b,
                        rec: rec.clone(),
                    });
                }
                // What this update adds.
                let mut at = start.max(have);
                while at < end {
                    match self.lookup(Id { client, clock: at }) {
                        Ok(Target::New(j)) => {
                            let item = self.items[j];
                            let to = (item.id.clock + item.len).min(end);
                            if let State::Done(rec) = &self.state[j] {
                                pieces.push(Piece {
                                    client,
                                    start: at,
                                    end: to,
                                    rec: rec.clone(),
                                });
                            }
                            at = to;
                        }
                        _ if self.mode == Mode::Trust => break,
                        _ => return Err(Refusal::MissingDependencies),
                    }
                }
            }
        }
        Ok(pieces)
    }
}

impl Index {
    /// Records a resolved update: its places, items, deletions and collected runs. `deleted`
    /// adds what integrating it deleted besides (a replaced map value, the fields of a deleted
    /// entry), as the transaction reports it.
    pub(crate) fn absorb(&mut self, resolution: Resolution, deleted: &[(u64, u32, u32)]) {
        let Resolution {
            items,
            places,
            deletions,
            collected,
        } = resolution;
        for place in places {
            self.add_place(place);
        }
        for Placed { id, len, rec, .. } in items {
            self.add_item(id, len, rec);
        }
        for piece in deletions {
            self.add_deleted(piece.client, piece.start, piece.end);
        }
        for (client, start, end) in collected {
            let rec = Rec {
                parent: self.foreign(),
                key: None,
                held: Held::Other,
            };
            self.add_item(
                Id {
                    client,
                    clock: start,
                },
                end - start,
                rec,
            );
            self.add_deleted(client, start, end);
        }
        for &(client, clock, len) in deleted {
            self.add_deleted(client, clock, clock + len);
        }
    }
}

/// Whether a place is a root, an entry, a text or foreign — for messages.
pub(crate) fn describe(place: &Place) -> String {
    match &place.node {
        Node::Root(root) => root.name.to_string(),
        Node::Entry(root, key) => format!("{}/{key}", root.name),
        Node::Text(root, key, field) => format!("{}/{key}/{field}", root.name),
        Node::Foreign => "something that is not part of an agreement".to_string(),
    }
}
