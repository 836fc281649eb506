//! A reader of the v1 update format (lib0 encoding, as Yjs and yrs write it) that describes
//! every block of an update without integrating anything: what the guard judges before yrs is
//! handed the bytes.
//!
//! It reads what yrs' `Update::decode` reads, in the same order and with the same meaning, and
//! refuses whatever yrs would read differently, silently drop or not read at all: values that do
//! not fit their type (yrs wraps them), a client section given twice (yrs appends the blocks out
//! of order), an empty block (yrs drops it), unknown content or type refs, a delete-set client
//! given twice (yrs keeps the last), trailing bytes (yrs ignores them). So whatever passes here
//! is exactly what yrs will integrate.
//!
//! Nothing is reserved for a count before the bytes behind it have been read, `Any` values are
//! nested at most [`MAX_DEPTH`] levels (yrs' own decoder recurses once per level, and a deep
//! enough value overflows the stack), and [`Limits`] caps blocks and values. Strings and buffers
//! are borrowed from the input.

use super::WireError;

/// How deep `Any` values may nest (arrays and maps in arrays and maps). An agreement nests two
/// levels (an answer's stances); this leaves room without letting a value recurse yrs' decoder
/// into a stack overflow.
pub const MAX_DEPTH: usize = 16;

/// Bounds on what one update may hold, checked while reading, before anything is reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Blocks (items, GC and skip blocks) in the whole update.
    pub blocks: usize,
    /// `Any` values in the whole update, nested ones included.
    pub values: usize,
    /// Whether an empty deleted range is refused (yrs parks one at or past a client's clock as
    /// a pending deletion, kept and retried for good; no replica writes one). A stored log is
    /// read as it is.
    pub empty_ranges_refused: bool,
}

impl Limits {
    /// What one participant's update may hold: far above what anyone writes in one go (a
    /// day's offline work is a few thousand blocks), far below what would tie up the server.
    pub const PEER: Limits = Limits {
        blocks: 100_000,
        values: 200_000,
        empty_ranges_refused: true,
    };
    /// The store's own updates (a compacted log is the whole agreement in one update): only the
    /// nesting depth is bounded.
    pub const STORED: Limits = Limits {
        blocks: usize::MAX,
        values: usize::MAX,
        empty_ranges_refused: false,
    };
}

/// A block's id: the writing replica's client id and its clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id {
    pub client: u64,
    pub clock: u32,
}

/// Where an item says it belongs, when it says so (an item with origins inherits its parent
/// from them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent<'a> {
    /// A root type, by name.
    Root(&'a str),
    /// The type created by the item with this id.
    Type(Id),
}

/// The kind of a shared type an item creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Array,
    Map,
    Text,
    XmlElement,
    XmlFragment,
    XmlHook,
    XmlText,
    SubDoc,
    Undefined,
}

/// An `Any` value, as lib0 encodes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Undefined,
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(&'a str),
    Buf(&'a [u8]),
    Array(Vec<Value<'a>>),
    Map(Vec<(&'a str, Value<'a>)>),
}

/// What an item holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content<'a> {
    /// Content a garbage-collecting replica dropped: only its length is left.
    Deleted(u32),
    /// Legacy JSON values (as strings).
    Json(Vec<&'a str>),
    Binary(&'a [u8]),
    /// Characters of a text (the item's length is their UTF-16 length).
    String(&'a str),
    /// An embedded JSON object in a text.
    Embed(&'a str),
    /// A formatting mark in a text: key and JSON value.
    Format(&'a str, &'a str),
    /// A new shared type.
    Type(TypeKind),
    /// Plain values (a map entry holds one).
    Any(Vec<Value<'a>>),
    /// A subdocument (its guid).
    Doc(&'a str),
}

impl Id {
    pub fn new(client: u64, clock: u32) -> Id {
        Id { client, clock }
    }
}

impl Content<'_> {
    /// The clocks an item with this content takes (yrs counts a string in UTF-16 units).
    pub fn len(&self) -> u32 {
        match self {
            Content::Deleted(n) => *n,
            Content::String(s) => s.encode_utf16().count() as u32,
            Content::Any(values) => values.len() as u32,
            Content::Json(values) => values.len() as u32,
            _ => 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One item of an update.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    pub id: Id,
    /// Clocks it takes.
    pub len: u32,
    pub origin: Option<Id>,
    pub right_origin: Option<Id>,
    /// `None` when it inherits its parent from its origins.
    pub parent: Option<Parent<'a>>,
    /// The map key it is written under; only read when the parent is given.
    pub key: Option<&'a str>,
    pub content: Content<'a>,
}

impl<'a> Item<'a> {
    /// An item that names its parent and key (as an item written without neighbours does).
    pub fn under(id: Id, parent: Parent<'a>, key: Option<&'a str>, content: Content<'a>) -> Self {
        Item {
            id,
            len: content.len(),
            origin: None,
            right_origin: None,
            parent: Some(parent),
            key,
            content,
        }
    }

    /// An item placed right after `origin`, inheriting its parent and key.
    pub fn after(id: Id, origin: Id, content: Content<'a>) -> Self {
        Item {
            id,
            len: content.len(),
            origin: Some(origin),
            right_origin: None,
            parent: None,
            key: None,
            content,
        }
    }
}

/// One block of an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// A run of clocks the update does not carry (a merged update's gap).
    Skip {
        id: Id,
        len: u32,
    },
    /// A run of clocks whose items a garbage-collecting replica dropped.
    Gc {
        id: Id,
        len: u32,
    },
    Item(Item<'a>),
}

impl Block<'_> {
    pub fn id(&self) -> Id {
        match self {
            Block::Skip { id, .. } | Block::Gc { id, .. } => *id,
            Block::Item(item) => item.id,
        }
    }

    pub fn len(&self) -> u32 {
        match self {
            Block::Skip { len, .. } | Block::Gc { len, .. } => *len,
            Block::Item(item) => item.len,
        }
    }

    /// Never: an empty block is refused.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An update, described: its blocks in the order they were encoded, and its deleted ranges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedUpdate<'a> {
    pub blocks: Vec<Block<'a>>,
    /// `(client, clock, len)`; empty ranges are left out (or refused, see [`Limits`]).
    pub deleted: Vec<(u64, u32, u32)>,
}

/// Reads a v1 update within `limits` (see the module header).
pub fn parse_update(bytes: &[u8], limits: Limits) -> Result<ParsedUpdate<'_>, WireError> {
    let mut reader = Reader {
        bytes,
        at: 0,
        limits,
        values: 0,
    };
    let update = reader.update()?;
    if reader.at != bytes.len() {
        return Err(malformed("trailing bytes after the update"));
    }
    Ok(update)
}

fn malformed(what: &str) -> WireError {
    WireError::Malformed(what.to_string())
}

fn limit(what: &str) -> WireError {
    WireError::Limit(what.to_string())
}

/// Refuses a client id yrs cannot hold (see [`super::MAX_CLIENT_ID`]).
fn checked(id: u64) -> Result<u64, WireError> {
    if id > super::MAX_CLIENT_ID {
        return Err(malformed(&format!("client id {id} exceeds 53 bits")));
    }
    Ok(id)
}

const HAS_ORIGIN: u8 = 0b1000_0000;
const HAS_RIGHT_ORIGIN: u8 = 0b0100_0000;
const HAS_PARENT_SUB: u8 = 0b0010_0000;
const UNUSED_INFO_BIT: u8 = 0b0001_0000;
const INFO_GC: u8 = 0;
const INFO_SKIP: u8 = 10;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    limits: Limits,
    values: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn u8(&mut self) -> Result<u8, WireError> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| malformed("the update is cut off"))?;
        self.at += 1;
        Ok(byte)
    }

    fn exact(&mut self, len: usize) -> Result<&'a [u8], WireError> {
        if self.remaining() < len {
            return Err(malformed("the update is cut off"));
        }
        let slice = &self.bytes[self.at..self.at + len];
        self.at += len;
        Ok(slice)
    }

    /// An unsigned varint that must fit `bits` bits (yrs would wrap a wider one) and take at most
    /// ten bytes (yrs shifts an eleventh byte's bits to where they do not belong).
    fn var(&mut self, bits: u32) -> Result<u64, WireError> {
        let mut value: u128 = 0;
        for i in 0..10 {
            let byte = self.u8()?;
            value |= u128::from(byte & 0x7f) << (7 * i);
            if byte < 0x80 {
                return u64::try_from(value)
                    .ok()
                    .filter(|v| bits >= 64 || v >> bits == 0)
                    .ok_or_else(|| malformed("a varint does not fit its type"));
            }
        }
        Err(malformed("a varint is too long"))
    }

    fn u32(&mut self) -> Result<u32, WireError> {
        self.var(32).map(|v| v as u32)
    }

    /// lib0's signed varint: sign in the first byte's bit 6, six value bits there, then seven
    /// per byte; at most ten bytes (an eleventh makes yrs shift past 64 bits: a panic).
    fn i64(&mut self) -> Result<i64, WireError> {
        let first = self.u8()?;
        let negative = first & 0x40 != 0;
        let mut value = u128::from(first & 0x3f);
        let mut more = first & 0x80 != 0;
        let mut shift = 6;
        for _ in 0..9 {
            if !more {
                break;
            }
            let byte = self.u8()?;
            value |= u128::from(byte & 0x7f) << shift;
            more = byte & 0x80 != 0;
            shift += 7;
        }
        if more {
            return Err(malformed("an integer is too long"));
        }
        let value = i64::try_from(value).map_err(|_| malformed("an integer overflows"))?;
        Ok(if negative { -value } else { value })
    }

    fn buf(&mut self) -> Result<&'a [u8], WireError> {
        let len = self.u32()? as usize;
        self.exact(len)
    }

    fn string(&mut self) -> Result<&'a str, WireError> {
        std::str::from_utf8(self.buf()?).map_err(|_| malformed("a string is not UTF-8"))
    }

    fn id(&mut self) -> Result<Id, WireError> {
        let client = checked(self.var(64)?)?;
        let clock = self.u32()?;
        Ok(Id { client, clock })
    }

    /// A count of things that each take at least `min` bytes: refused if the bytes cannot hold
    /// them, so nothing is ever sized by a count alone.
    fn count(&mut self, min: usize, bits: u32) -> Result<usize, WireError> {
        let n = self.var(bits)?;
        if n.saturating_mul(min as u64) > self.remaining() as u64 {
            return Err(malformed("a count is larger than the bytes that follow"));
        }
        Ok(n as usize)
    }

    fn update(&mut self) -> Result<ParsedUpdate<'a>, WireError> {
        let mut update = ParsedUpdate::default();
        let sections = self.count(3, 32)?;
        let mut clients = Vec::with_capacity(sections);
        for _ in 0..sections {
            let blocks = self.count(1, 32)?;
            let client = checked(self.var(64)?)?;
            if clients.contains(&client) {
                return Err(malformed("a client's section is given twice"));
            }
            clients.push(client);
            let mut clock = self.u32()?;
            for _ in 0..blocks {
                if update.blocks.len() >= self.limits.blocks {
                    return Err(limit("too many blocks in one update"));
                }
                let block = self.block(Id { client, clock })?;
                clock = clock
                    .checked_add(block.len())
                    .ok_or_else(|| malformed("block clocks run past 2^32"))?;
                update.blocks.push(block);
            }
        }
        let clients = self.count(2, 32)?;
        let mut seen = Vec::with_capacity(clients);
        for _ in 0..clients {
            let client = checked(self.var(64)?)?;
            if seen.contains(&client) {
                return Err(malformed("a client's deletions are given twice"));
            }
            seen.push(client);
            let ranges = self.count(2, 32)?;
            for _ in 0..ranges {
                let clock = self.u32()?;
                let len = self.u32()?;
                if clock.checked_add(len).is_none() {
                    return Err(malformed("a deleted range runs past 2^32"));
                }
                if len > 0 {
                    update.deleted.push((client, clock, len));
                } else if self.limits.empty_ranges_refused {
                    return Err(malformed("an empty deleted range"));
                }
            }
        }
        Ok(update)
    }

    fn block(&mut self, id: Id) -> Result<Block<'a>, WireError> {
        let info = self.u8()?;
        match info {
            INFO_SKIP | INFO_GC => {
                let len = self.u32()?;
                if len == 0 {
                    return Err(malformed("an empty block"));
                }
                Ok(if info == INFO_SKIP {
                    Block::Skip { id, len }
                } else {
                    Block::Gc { id, len }
                })
            }
            _ if info & UNUSED_INFO_BIT != 0 => Err(malformed("an unknown block kind")),
            _ => self.item(id, info).map(Block::Item),
        }
    }

    fn item(&mut self, id: Id, info: u8) -> Result<Item<'a>, WireError> {
        let origin = (info & HAS_ORIGIN != 0).then(|| self.id()).transpose()?;
        let right_origin = (info & HAS_RIGHT_ORIGIN != 0)
            .then(|| self.id())
            .transpose()?;
        let (mut parent, mut key) = (None, None);
        if origin.is_none() && right_origin.is_none() {
            parent = Some(match self.u32()? {
                1 => Parent::Root(self.string()?),
                0 => Parent::Type(self.id()?),
                _ => return Err(malformed("an unknown parent kind")),
            });
            if info & HAS_PARENT_SUB != 0 {
                key = Some(self.string()?);
            }
        }
        let content = self.content(info & 0x0f)?;
        let len = content.len();
        if len == 0 {
            return Err(malformed("an empty item"));
        }
        Ok(Item {
            id,
            len,
            origin,
            right_origin,
            parent,
            key,
            content,
        })
    }

    fn content(&mut self, kind: u8) -> Result<Content<'a>, WireError> {
        Ok(match kind {
            1 => Content::Deleted(self.u32()?),
            2 => {
                // yrs reads one string more than the count says.
                let n = self.count(1, 31)?;
                let mut strings = Vec::new();
                for _ in 0..=n {
                    self.value_slot()?;
                    strings.push(self.string()?);
                }
                Content::Json(strings)
            }
            3 => Content::Binary(self.buf()?),
            4 => Content::String(self.string()?),
            5 => Content::Embed(self.string()?),
            6 => Content::Format(self.string()?, self.string()?),
            7 => Content::Type(match self.u8()? {
                0 => TypeKind::Array,
                1 => TypeKind::Map,
                2 => TypeKind::Text,
                3 => {
                    self.string()?;
                    TypeKind::XmlElement
                }
                4 => TypeKind::XmlFragment,
                5 => TypeKind::XmlHook,
                6 => TypeKind::XmlText,
                9 => TypeKind::SubDoc,
                15 => TypeKind::Undefined,
                _ => return Err(malformed("an unknown type")),
            }),
            8 => {
                let n = self.count(1, 32)?;
                let mut values = Vec::new();
                for _ in 0..n {
                    values.push(self.any(0)?);
                }
                Content::Any(values)
            }
            9 => {
                let guid = self.string()?;
                self.any(0)?;
                Content::Doc(guid)
            }
            _ => return Err(malformed("an unknown content kind")),
        })
    }

    /// Counts one more value against the limit.
    fn value_slot(&mut self) -> Result<(), WireError> {
        self.values += 1;
        if self.values > self.limits.values {
            return Err(limit("too many values in one update"));
        }
        Ok(())
    }

    /// One `Any` value at nesting `depth` (0 for a value of the content itself).
    fn any(&mut self, depth: usize) -> Result<Value<'a>, WireError> {
        if depth > MAX_DEPTH {
            return Err(limit("values nest too deeply"));
        }
        self.value_slot()?;
        Ok(match self.u8()? {
            127 => Value::Undefined,
            126 => Value::Null,
            125 => Value::Int(self.i64()?),
            124 => Value::Float(f64::from(f32::from_be_bytes(take4(self.exact(4)?)))),
            123 => Value::Float(f64::from_be_bytes(take8(self.exact(8)?))),
            122 => Value::Int(i64::from_be_bytes(take8(self.exact(8)?))),
            121 => Value::Bool(false),
            120 => Value::Bool(true),
            119 => Value::Str(self.string()?),
            118 => {
                let n = self.count(2, 64)?;
                let mut entries = Vec::new();
                for _ in 0..n {
                    let key = self.string()?;
                    entries.push((key, self.any(depth + 1)?));
                }
                Value::Map(entries)
            }
            117 => {
                let n = self.count(1, 64)?;
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(self.any(depth + 1)?);
                }
                Value::Array(items)
            }
            116 => Value::Buf(self.buf()?),
            _ => return Err(malformed("an unknown value kind")),
        })
    }
}

fn take4(b: &[u8]) -> [u8; 4] {
    let mut out = [0; 4];
    out.copy_from_slice(b);
    out
}

fn take8(b: &[u8]) -> [u8; 8] {
    let mut out = [0; 8];
    out.copy_from_slice(b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Agreement;
    use yrs::updates::decoder::Decode;

    #[test]
    fn reads_what_yrs_writes() {
        let a = Agreement::new(7);
        a.set_title("Avtal");
        let chapter = a.add_chapter("1", "Inledning");
        a.add_clause(&chapter, "1.1", "Parter", "Detta avtal")
            .unwrap_or_default();
        let bytes = a.encode_state();
        let parsed = parse_update(&bytes, Limits::PEER).expect("parses");
        let update = yrs::Update::decode_v1(&bytes).expect("yrs decodes");
        let ours: u32 = parsed.blocks.iter().map(Block::len).sum();
        let theirs = update.state_vector().get(&yrs::ClientID::new(7));
        assert_eq!(ours, theirs);
        assert!(parsed.blocks.iter().any(|b| matches!(
            b,
            Block::Item(Item {
                content: Content::String("Detta avtal"),
                ..
            })
        )));
    }

    #[test]
    fn refuses_deep_values_before_yrs_reads_them() {
        // One section, one Any item under root "meta" key "x", whose value nests arrays.
        let depth = 100_000;
        let mut bytes = vec![
            1,
            1,
            7,
            0,
            0x20 | 8,
            1,
            4,
            b'm',
            b'e',
            b't',
            b'a',
            1,
            b'x',
            1,
        ];
        bytes.extend(std::iter::repeat_n(117u8, depth).flat_map(|t| [t, 1]));
        bytes.push(126);
        bytes.push(0);
        let refused = parse_update(&bytes, Limits::PEER);
        assert!(refused.is_err(), "{refused:?}");
        assert!(super::super::decode_update(&bytes).is_err());
    }

    #[test]
    fn varints_that_yrs_would_wrap_are_refused() {
        let mut r = Reader {
            bytes: &[0xff, 0xff, 0xff, 0xff, 0x1f],
            at: 0,
            limits: Limits::PEER,
            values: 0,
        };
        assert!(r.u32().is_err(), "2^35 - 1 does not fit 32 bits");
        let mut r = Reader {
            bytes: &[0xff, 0xff, 0xff, 0xff, 0x0f],
            at: 0,
            limits: Limits::PEER,
            values: 0,
        };
        assert_eq!(r.u32().ok(), Some(u32::MAX));
        for (bytes, value) in [(&[0x41u8][..], -1i64), (&[0x85, 0x01][..], 69)] {
            let mut r = Reader {
                bytes,
                at: 0,
                limits: Limits::PEER,
                values: 0,
            };
            assert_eq!(r.i64().ok(), Some(value), "{bytes:?}");
        }
    }
}
