//! Typed reads of map fields. A missing or mistyped field reads as empty rather than failing:
//! a replica may see an entry before a concurrent writer's later fields arrive.

use std::sync::Arc;
use yrs::any::Number;
use yrs::{Any, Map, MapRef, Out, ReadTxn, TextRef};

pub(crate) fn string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> String {
    match map.get(txn, key) {
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
    match map.get(txn, key) {
        Some(Out::Any(Any::Number(Number::Float(n)))) => Some(n),
        Some(Out::Any(Any::Number(Number::Int(n)))) => Some(n as f64),
        _ => None,
    }
}

/// A list of strings (e.g. the participants a remark mentions); other items are skipped.
pub(crate) fn strings<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Vec<String> {
    match map.get(txn, key) {
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
    matches!(map.get(txn, key), Some(Out::Any(Any::Bool(true))))
}

pub(crate) fn buffer<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<Arc<[u8]>> {
    match map.get(txn, key) {
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
