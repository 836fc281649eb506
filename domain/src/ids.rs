//! Fresh ids without a random source: a replica's client id plus its own clock. Every write
//! advances the clock, and no two replicas share a client id, so ids never collide — across
//! offline replicas too — and tests stay deterministic.

use yrs::{ReadTxn, TransactionMut};

pub(crate) fn fresh(prefix: char, txn: &TransactionMut) -> String {
    let client = txn.doc().client_id().get();
    let clock = txn.state_vector().get(&txn.doc().client_id());
    format!("{prefix}{client:x}-{clock}")
}

/// The replica and clock an id was made at: `(client id, clock)`, or `None` for an id not
/// made by [`fresh`] (e.g. a participant id). A replica's change at `clock` is stored once the
/// server's state vector holds more than `clock` for that client — which is how the app tells
/// a remark still waiting to be saved.
pub fn written_at(id: &str) -> Option<(u64, u32)> {
    let rest = id.get(1..)?;
    let (client, clock) = rest.split_once('-')?;
    Some((u64::from_str_radix(client, 16).ok()?, clock.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Doc, Map, Transact};

    #[test]
    fn an_id_tells_where_it_was_made() {
        let doc = Doc::with_client_id(0xab12);
        let map = doc.get_or_insert_map("m");
        let mut txn = doc.transact_mut();
        map.insert(&mut txn, "x", 1);
        let id = fresh('r', &txn);
        assert_eq!(id, "rab12-1");
        assert_eq!(written_at(&id), Some((0xab12, 1)));
        assert_eq!(written_at("p-erik-johansson"), None);
        assert_eq!(written_at("r"), None);
        assert_eq!(written_at("rzz-1"), None);
    }
}
