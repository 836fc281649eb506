//! One stable sort for every list Samråd orders.
//!
//! `slice::sort_by` is compiled anew for each element type and each comparison closure, about
//! 3.5 KB of wasm apiece, and the app orders some forty kinds of lists (clauses, remarks,
//! organisations, compilation rows…). These functions sort the positions instead, with one
//! compiled sort calling the comparison through `dyn`, then move the items into place; only the
//! small shim and the move are compiled per type. Same result as the standard stable sort.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` in their own order, like `slice::sort` (and `sort_unstable`: the same result
/// for a total order).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` stably by the key `key` gives, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one compiled instance of the standard stable sort.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Puts `items[order[k]]` at position `k` for every `k`, following each cycle of the
/// permutation with swaps; leaves `order` as the identity.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            // Each item remembers where it started, so an unstable result would differ.
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut ours = items.clone();
            let mut standard = items;
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            standard.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &standard);
            sort_by_key(&mut ours, |a| std::cmp::Reverse(a.1));
            standard.sort_by_key(|a| std::cmp::Reverse(a.1));
            prop_assert_eq!(ours, standard);
        }
    }
}
