//! Where an agreement's entries and fields live, so an input can write into them as a client
//! would: the item that made each entry of each root (the parent of its fields), and the item
//! that holds each field's current value (the origin a new value of that field names). Items
//! written with an origin carry no parent on the wire; theirs is the origin's.

use samrad_domain::wire::{Block, Content, Id, Parent, ParsedUpdate};
use std::collections::HashMap;

/// One root's entries: key → the entry's map item.
pub type Entries = Vec<(String, Id)>;

/// The entries of each root, and the current item of each field.
#[derive(Default)]
pub struct Aim {
    /// Per root, in the schema's order.
    pub entries: Vec<Entries>,
    /// Per parent (a root's name, or an entry's item): field name → the item of its value.
    pub fields: HashMap<Where, Vec<(String, Id)>>,
}

/// A parent, owned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Where {
    Root(String),
    Type(Id),
}

/// Each item's index by client, sorted by clock, to find the item holding an id.
fn by_client(parsed: &ParsedUpdate) -> HashMap<u64, Vec<(u32, u32, usize)>> {
    let mut out: HashMap<u64, Vec<(u32, u32, usize)>> = HashMap::new();
    for (n, block) in parsed.blocks.iter().enumerate() {
        if let Block::Item(item) = block {
            let runs = out.entry(item.id.client).or_default();
            runs.push((item.id.clock, item.len, n));
        }
    }
    for runs in out.values_mut() {
        runs.sort_unstable();
    }
    out
}

fn holding(index: &HashMap<u64, Vec<(u32, u32, usize)>>, id: Id) -> Option<usize> {
    let runs = index.get(&id.client)?;
    let i = runs.partition_point(|r| r.0 + r.1 <= id.clock);
    runs.get(i).filter(|r| r.0 <= id.clock).map(|r| r.2)
}

/// The parent and key of block `n`, following origins (a bounded walk).
fn placed(
    parsed: &ParsedUpdate,
    index: &HashMap<u64, Vec<(u32, u32, usize)>>,
    mut n: usize,
) -> Option<(Where, Option<String>)> {
    for _ in 0..10_000 {
        let Block::Item(item) = &parsed.blocks[n] else {
            return None;
        };
        if let Some(parent) = item.parent {
            let parent = match parent {
                Parent::Root(name) => Where::Root(name.to_string()),
                Parent::Type(id) => Where::Type(id),
            };
            return Some((parent, item.key.map(str::to_string)));
        }
        n = holding(index, item.origin.or(item.right_origin)?)?;
    }
    None
}

fn deleted(parsed: &ParsedUpdate, id: Id) -> bool {
    parsed
        .deleted
        .iter()
        .any(|(c, k, len)| *c == id.client && *k <= id.clock && id.clock < k + len)
}

impl Aim {
    /// Where the entries and fields of the stored `parsed` state live; `roots` in the schema's
    /// order.
    pub fn of(parsed: &ParsedUpdate, roots: &[&str]) -> Aim {
        let index = by_client(parsed);
        let mut aim = Aim {
            entries: vec![Vec::new(); roots.len()],
            fields: HashMap::new(),
        };
        for (n, block) in parsed.blocks.iter().enumerate() {
            let Block::Item(item) = block else { continue };
            if deleted(parsed, item.id) {
                continue;
            }
            let Some((parent, Some(key))) = placed(parsed, &index, n) else {
                continue;
            };
            let last = Id::new(item.id.client, item.id.clock + item.len.max(1) - 1);
            match (&parent, &item.content) {
                (Where::Root(root), Content::Type(_)) => {
                    if let Some(r) = roots.iter().position(|r| r == root) {
                        aim.entries[r].push((key, item.id));
                    }
                }
                _ => aim.fields.entry(parent).or_default().push((key, last)),
            }
        }
        for entries in &mut aim.entries {
            entries.sort();
        }
        for fields in aim.fields.values_mut() {
            fields.sort();
        }
        aim
    }

    /// Entry `n` of root `root` (by number, wrapping): its key and map item.
    pub fn entry(&self, root: u8, n: u16) -> Option<&(String, Id)> {
        let entries = self
            .entries
            .get(usize::from(root) % self.entries.len().max(1))?;
        entries.get(usize::from(n) % entries.len().max(1))
    }

    /// Field `f` (by number, wrapping) of the entry whose map item is `parent` (or of a root).
    pub fn field(&self, parent: &Where, f: u8) -> Option<&(String, Id)> {
        let fields = self.fields.get(parent)?;
        fields.get(usize::from(f) % fields.len().max(1))
    }
}
