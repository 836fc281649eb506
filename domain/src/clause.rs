//! Chapters and clauses. Order is a float per entry rather than a Y.Array of ids, so moving a
//! clause later is one map write (no delete + insert that concurrent moves would duplicate).

use yrs::{Any, GetString, Map, MapRef, Out, ReadTxn, TextRef};

/// A chapter's stable id.
pub type ChapterId = String;
/// A clause's stable id.
pub type ClauseId = String;

/// A chapter with its clauses in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub id: ChapterId,
    pub number: String,
    pub title: String,
    pub clauses: Vec<Clause>,
}

/// A clause as it reads now.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub id: ClauseId,
    pub chapter: ChapterId,
    pub number: String,
    pub heading: String,
    pub text: String,
}

pub(crate) fn string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> String {
    match map.get(txn, key) {
        Some(Out::Any(Any::String(s))) => s.to_string(),
        _ => String::new(),
    }
}

pub(crate) fn number<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> f64 {
    match map.get(txn, key) {
        Some(Out::Any(Any::Number(yrs::any::Number::Float(n)))) => n,
        Some(Out::Any(Any::Number(yrs::any::Number::Int(n)))) => n as f64,
        _ => 0.0,
    }
}

pub(crate) fn submap<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<MapRef> {
    match map.get(txn, key) {
        Some(Out::YMap(m)) => Some(m),
        _ => None,
    }
}

pub(crate) fn text_of<T: ReadTxn>(clause: &MapRef, txn: &T) -> Option<TextRef> {
    match clause.get(txn, "text") {
        Some(Out::YText(t)) => Some(t),
        _ => None,
    }
}

pub(crate) fn read_clause<T: ReadTxn>(id: &str, map: &MapRef, txn: &T) -> Clause {
    Clause {
        id: id.to_string(),
        chapter: string(map, txn, "chapter"),
        number: string(map, txn, "number"),
        heading: string(map, txn, "heading"),
        text: text_of(map, txn)
            .map(|t| t.get_string(txn))
            .unwrap_or_default(),
    }
}
