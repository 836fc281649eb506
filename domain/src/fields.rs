//! Typed reads of map fields. A missing or mistyped field reads as empty rather than failing:
//! a replica may see an entry before a concurrent writer's later fields arrive.

use std::sync::Arc;
use yrs::any::Number;
use yrs::{Any, Map, MapRef, Out, ReadTxn, TextRef};

pub(crate) fn string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> String {
    as_string(map.get(txn, key))
}

fn as_string(value: Option<Out>) -> String {
    match value {
        Some(Out::Any(Any::String(s))) => s.to_string(),
        _ => String::new(),
    }
}

pub(crate) fn opt_string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<String> {
    Some(string(map, txn, key)).filter(|s| !s.is_empty())
}

pub(crate) fn number<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> f64 {
    opt_number(map, txn, key).unwrap_or(0.0)
}

pub(crate) fn opt_number<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<f64> {
    as_number(map.get(txn, key))
}

fn as_number(value: Option<Out>) -> Option<f64> {
    match value {
        Some(Out::Any(Any::Number(Number::Float(n)))) => Some(n),
        Some(Out::Any(Any::Number(Number::Int(n)))) => Some(n as f64),
        _ => None,
    }
}

/// A list of strings (e.g. the participants a remark mentions); other items are skipped.
pub(crate) fn strings<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Vec<String> {
    as_strings(map.get(txn, key))
}

fn as_strings(value: Option<Out>) -> Vec<String> {
    match value {
        Some(Out::Any(Any::Array(items))) => items
            .iter()
            .filter_map(|a| match a {
                Any::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn boolean<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> bool {
    as_boolean(map.get(txn, key))
}

fn as_boolean(value: Option<Out>) -> bool {
    matches!(value, Some(Out::Any(Any::Bool(true))))
}

pub(crate) fn buffer<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<Arc<[u8]>> {
    as_buffer(map.get(txn, key))
}

fn as_buffer(value: Option<Out>) -> Option<Arc<[u8]>> {
    match value {
        Some(Out::Any(Any::Buffer(b))) => Some(b),
        _ => None,
    }
}

pub(crate) fn submap<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<MapRef> {
    match map.get(txn, key) {
        Some(Out::YMap(m)) => Some(m),
        _ => None,
    }
}

pub(crate) fn text<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<TextRef> {
    match map.get(txn, key) {
        Some(Out::YText(t)) => Some(t),
        _ => None,
    }
}

/// Every entry of a map whose value is itself a map, as (key, map).
pub(crate) fn entries<T: ReadTxn>(map: &MapRef, txn: &T) -> Vec<(String, MapRef)> {
    map.iter(txn)
        .filter_map(|(k, v)| match v {
            Out::YMap(m) => Some((k.to_string(), m)),
            _ => None,
        })
        .collect()
}

/// The fields of one map entry, read in one pass, for reading many of them: each field then
/// costs a comparison of short names, where a read from the map hashes the name and looks it
/// up in the document (reading every remark into the read index, on opening a real
/// consultation's agreement, made some hundred thousand such lookups).
pub(crate) struct Fields<'a>(Vec<(&'a str, Out)>);

impl<'a> Fields<'a> {
    pub(crate) fn of<T: ReadTxn + 'a>(map: &'a MapRef, txn: &'a T) -> Fields<'a> {
        Fields(map.iter(txn).collect())
    }

    fn get(&self, key: &str) -> Option<Out> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }

    pub(crate) fn string(&self, key: &str) -> String {
        as_string(self.get(key))
    }

    pub(crate) fn opt_string(&self, key: &str) -> Option<String> {
        Some(self.string(key)).filter(|s| !s.is_empty())
    }

    pub(crate) fn number(&self, key: &str) -> f64 {
        self.opt_number(key).unwrap_or(0.0)
    }

    pub(crate) fn opt_number(&self, key: &str) -> Option<f64> {
        as_number(self.get(key))
    }

    pub(crate) fn strings(&self, key: &str) -> Vec<String> {
        as_strings(self.get(key))
    }

    pub(crate) fn boolean(&self, key: &str) -> bool {
        as_boolean(self.get(key))
    }

    pub(crate) fn buffer(&self, key: &str) -> Option<Arc<[u8]>> {
        as_buffer(self.get(key))
    }
}

/// The `[start, end)` slice of `s` in UTF-16 code units (the document's offsets), clamped.
pub(crate) fn utf16_slice(s: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    let end = (end as usize).min(units.len());
    let start = (start as usize).min(end);
    String::from_utf16_lossy(&units[start..end])
}

/// Length of `s` in UTF-16 code units.
pub(crate) fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}
