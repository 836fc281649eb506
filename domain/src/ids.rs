//! Fresh ids without a random source: a replica's client id plus its own clock. Every write
//! advances the clock, and no two replicas share a client id, so ids never collide — across
//! offline replicas too — and tests stay deterministic.

use yrs::{ReadTxn, TransactionMut};

pub(crate) fn fresh(prefix: char, txn: &TransactionMut) -> String {
    let client = txn.doc().client_id().get();
    let clock = txn.state_vector().get(&txn.doc().client_id());
    format!("{prefix}{client:x}-{clock}")
}
