//! Writes a [`ParsedUpdate`] back as v1 bytes: the inverse of [`super::parse_update`]. Used to
//! make updates by hand — in tests of hostile input and by the structure-aware fuzz targets —
//! with any block in any place, including what no honest replica writes.
//!
//! Consecutive blocks of one client form a section, which starts at its first block's clock;
//! the writer takes the blocks' clocks as given (a section's blocks follow one another).

use super::parse::{Block, Content, Id, Item, Parent, ParsedUpdate, TypeKind, Value};
use yrs::encoding::write::Write;

/// The v1 bytes of `update`.
pub fn encode_update(update: &ParsedUpdate) -> Vec<u8> {
    let mut out = Vec::new();
    let mut sections: Vec<&[Block]> = Vec::new();
    let mut start = 0;
    for i in 1..=update.blocks.len() {
        let split = i == update.blocks.len()
            || update.blocks[i].id().client != update.blocks[i - 1].id().client;
        if split {
            sections.push(&update.blocks[start..i]);
            start = i;
        }
    }
    out.write_var(sections.len() as u64);
    for section in sections {
        out.write_var(section.len() as u64);
        let first = section[0].id();
        out.write_var(first.client);
        out.write_var(first.clock);
        for block in section {
            write_block(&mut out, block);
        }
    }
    let mut clients: Vec<u64> = Vec::new();
    for (client, _, _) in &update.deleted {
        if !clients.contains(client) {
            clients.push(*client);
        }
    }
    out.write_var(clients.len() as u64);
    for client in clients {
        let ranges: Vec<_> = update
            .deleted
            .iter()
            .filter(|(c, _, _)| *c == client)
            .collect();
        out.write_var(client);
        out.write_var(ranges.len() as u64);
        for (_, clock, len) in ranges {
            out.write_var(*clock);
            out.write_var(*len);
        }
    }
    out
}

fn write_block(out: &mut Vec<u8>, block: &Block) {
    match block {
        Block::Skip { len, .. } => {
            out.write_u8(10);
            out.write_var(*len);
        }
        Block::Gc { len, .. } => {
            out.write_u8(0);
            out.write_var(*len);
        }
        Block::Item(item) => write_item(out, item),
    }
}

fn write_id(out: &mut Vec<u8>, id: Id) {
    out.write_var(id.client);
    out.write_var(id.clock);
}

fn write_item(out: &mut Vec<u8>, item: &Item) {
    let kind = match &item.content {
        Content::Deleted(_) => 1,
        Content::Json(_) => 2,
        Content::Binary(_) => 3,
        Content::String(_) => 4,
        Content::Embed(_) => 5,
        Content::Format(..) => 6,
        Content::Type(_) => 7,
        Content::Any(_) => 8,
        Content::Doc(_) => 9,
    };
    let mut info = kind;
    if item.origin.is_some() {
        info |= 0x80;
    }
    if item.right_origin.is_some() {
        info |= 0x40;
    }
    if item.key.is_some() {
        info |= 0x20;
    }
    out.write_u8(info);
    if let Some(origin) = item.origin {
        write_id(out, origin);
    }
    if let Some(origin) = item.right_origin {
        write_id(out, origin);
    }
    if item.origin.is_none() && item.right_origin.is_none() {
        match item.parent {
            Some(Parent::Root(name)) => {
                out.write_var(1u32);
                out.write_string(name);
            }
            // An item without origins must name its parent; one that does not is written
            // under a made-up parent.
            parent => {
                out.write_var(0u32);
                let id = match parent {
                    Some(Parent::Type(id)) => id,
                    _ => Id {
                        client: 0,
                        clock: 0,
                    },
                };
                write_id(out, id);
            }
        }
        if let Some(key) = item.key {
            out.write_string(key);
        }
    }
    match &item.content {
        Content::Deleted(len) => out.write_var(*len),
        Content::Json(values) => {
            out.write_var(values.len().saturating_sub(1) as u64);
            for v in values {
                out.write_string(v);
            }
        }
        Content::Binary(b) => out.write_buf(b),
        Content::String(s) | Content::Embed(s) => out.write_string(s),
        Content::Format(k, v) => {
            out.write_string(k);
            out.write_string(v);
        }
        Content::Type(kind) => out.write_u8(type_ref(*kind)),
        Content::Any(values) => {
            out.write_var(values.len() as u64);
            for v in values {
                write_value(out, v);
            }
        }
        Content::Doc(guid) => {
            out.write_string(guid);
            out.write_u8(118);
            out.write_var(0u32);
        }
    }
}

fn type_ref(kind: TypeKind) -> u8 {
    match kind {
        TypeKind::Array => 0,
        TypeKind::Map => 1,
        TypeKind::Text => 2,
        TypeKind::XmlElement => 3,
        TypeKind::XmlFragment => 4,
        TypeKind::XmlHook => 5,
        TypeKind::XmlText => 6,
        TypeKind::SubDoc => 9,
        TypeKind::Undefined => 15,
    }
}

/// Writes `value` without recursing (a hand-made value may nest very deeply).
fn write_value(out: &mut Vec<u8>, value: &Value) {
    enum Job<'v, 'a> {
        Value(&'v Value<'a>),
        Key(&'a str),
    }
    let mut stack = vec![Job::Value(value)];
    while let Some(job) = stack.pop() {
        let value = match job {
            Job::Key(key) => {
                out.write_string(key);
                continue;
            }
            Job::Value(value) => value,
        };
        match value {
            Value::Undefined => out.write_u8(127),
            Value::Null => out.write_u8(126),
            Value::Int(n) => {
                out.write_u8(125);
                write_signed(out, *n);
            }
            Value::Float(f) => {
                out.write_u8(123);
                out.write_all(&f.to_be_bytes());
            }
            Value::Bool(b) => out.write_u8(if *b { 120 } else { 121 }),
            Value::Str(s) => {
                out.write_u8(119);
                out.write_string(s);
            }
            Value::Buf(b) => {
                out.write_u8(116);
                out.write_buf(b);
            }
            Value::Array(items) => {
                out.write_u8(117);
                out.write_var(items.len() as u64);
                stack.extend(items.iter().rev().map(Job::Value));
            }
            Value::Map(entries) => {
                out.write_u8(118);
                out.write_var(entries.len() as u64);
                for (key, value) in entries.iter().rev() {
                    stack.push(Job::Value(value));
                    stack.push(Job::Key(key));
                }
            }
        }
    }
}

/// lib0's signed varint (see `parse.rs`).
fn write_signed(out: &mut Vec<u8>, n: i64) {
    let negative = n < 0;
    let mut v = n.unsigned_abs();
    let mut first = (v & 0x3f) as u8;
    if negative {
        first |= 0x40;
    }
    v >>= 6;
    if v > 0 {
        first |= 0x80;
    }
    out.write_u8(first);
    while v > 0 {
        let mut byte = (v & 0x7f) as u8;
        v >>= 7;
        if v > 0 {
            byte |= 0x80;
        }
        out.write_u8(byte);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_update, Limits};
    use super::*;
    use crate::Agreement;

    #[test]
    fn what_yrs_writes_reads_and_writes_back_byte_for_byte() {
        let a = crate::demo::agreement(3, 1.8e12).expect("demo");
        let bytes = a.encode_state();
        let parsed = parse_update(&bytes, Limits::STORED).expect("parses");
        let again = encode_update(&parsed);
        assert_eq!(parse_update(&again, Limits::STORED).as_ref(), Ok(&parsed));
        let b = Agreement::load(4, &again).expect("loads");
        assert_eq!(b.clauses(), a.clauses());
    }

    #[test]
    fn signed_varints_round_trip() {
        for n in [0i64, 1, -1, 63, 64, -64, 1 << 40, i64::MAX, -i64::MAX] {
            // One Any item of this value, under meta/x.
            let item = Item {
                id: Id {
                    client: 1,
                    clock: 0,
                },
                len: 1,
                origin: None,
                right_origin: None,
                parent: Some(Parent::Root("meta")),
                key: Some("x"),
                content: Content::Any(vec![Value::Int(n)]),
            };
            let update = ParsedUpdate {
                blocks: vec![Block::Item(item.clone())],
                deleted: vec![],
            };
            let bytes = encode_update(&update);
            let parsed = parse_update(&bytes, Limits::PEER).expect("parses");
            assert_eq!(parsed.blocks, vec![Block::Item(item)], "{n}");
        }
    }
}
