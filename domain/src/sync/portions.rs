//! What a replica sends when the server's SyncStep1 shows what it lacks, cut into portions the
//! server's guard accepts.
//!
//! Every page load writes under a new client id, and the device copy keeps unsent writing of
//! earlier page loads; the server binds at most [`NEW_CLIENTS_PER_FRAME`] new client ids in one
//! frame. So writing of more page loads than that goes in several frames: each carries the
//! writing of at most that many client ids the server has not seen, in the order they wrote
//! (an earlier page load's remark may be what a later one answers), and only the deletions the
//! server can place by then — of what it holds, or of what this or an earlier portion carries.

use std::collections::HashSet;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, IdSet, ReadTxn, StateVector, Update, ID};

/// The server binds at most this many client ids it has not seen in one frame (its room's
/// `MAX_NEW_CLIENTS_PER_FRAME` is this).
pub const NEW_CLIENTS_PER_FRAME: usize = 4;

/// The updates that give the server (whose state vector is `server`) what `txn` holds beyond
/// it: one when that names at most [`NEW_CLIENTS_PER_FRAME`] new client ids, else one per
/// that many, new ids taken in `order` (earliest writer first; ids not in it come last).
pub(crate) fn lacking(txn: &impl ReadTxn, server: &StateVector, order: &[u64]) -> Vec<Vec<u8>> {
    let ours = txn.state_vector();
    let behind: Vec<ClientID> = ours
        .iter()
        .filter(|(client, clock)| **clock > server.get(client))
        .map(|(client, _)| *client)
        .collect();
    if behind.is_empty() {
        return Vec::new();
    }
    let mut fresh: Vec<ClientID> = behind
        .iter()
        .filter(|client| server.get(client) == 0)
        .copied()
        .collect();
    if fresh.len() <= NEW_CLIENTS_PER_FRAME {
        return vec![txn.encode_state_as_update_v1(server)];
    }
    let rank = |c: &ClientID| {
        let at = order.iter().position(|o| *o == c.get());
        (at.unwrap_or(usize::MAX), c.get())
    };
    crate::sorting::sort_by_key(&mut fresh, rank);
    let portions: Vec<&[ClientID]> = fresh.chunks(NEW_CLIENTS_PER_FRAME).collect();
    let mut updates = Vec::with_capacity(portions.len());
    for (n, portion) in portions.iter().enumerate() {
        // Everything of ours counts as known except this portion (and, in the first, the ids
        // the server knows already), so only their writing is encoded.
        let mut from = ours.clone();
        let known = behind.iter().filter(|c| server.get(c) > 0);
        let carried = portion.iter().chain(known.filter(|_| n == 0));
        for client in carried {
            from.set_min(*client, server.get(client));
        }
        let later: HashSet<u64> = portions[n + 1..]
            .iter()
            .flat_map(|p| p.iter().map(|c| c.get()))
            .collect();
        let update = txn.encode_state_as_update_v1(&from);
        updates.push(without_deletions_of(&update, &later).unwrap_or(update));
    }
    updates
}

/// `update` without its deletions of what the clients in `later` wrote (the server cannot
/// place them before their portion arrives; that portion carries them). `None` if the update
/// cannot be read back as written.
fn without_deletions_of(update: &[u8], later: &HashSet<u64>) -> Option<Vec<u8>> {
    let update = Update::decode_v1(update).ok()?;
    let whole = update.encode_v1();
    let deleted = update.delete_set();
    // yrs writes the blocks, then the deletions: replace the latter.
    let blocks = whole.strip_suffix(deleted.encode_v1().as_slice())?;
    let mut kept = IdSet::new();
    for (client, ranges) in deleted.iter() {
        if later.contains(&client.get()) {
            continue;
        }
        for range in ranges.iter() {
            kept.insert(ID::new(*client, range.start), range.end - range.start);
        }
    }
    let mut out = blocks.to_vec();
    out.extend(kept.encode_v1());
    Some(out)
}
