//! Arbitrary bytes as a v1 update through the domain guard, `Agreement::apply_as`, on a copy
//! of the demo agreement. The header byte picks the writer (low nibble) and which client ids
//! count as the writer's own (bit 4: every id, else none but 100). Checked:
//! - nothing panics, in decoding, in yrs' integration or in the guard's observers;
//! - an update the guard accepts as a change is a valid update on its own: it applies to a
//!   fresh copy of the demo agreement, which then has the same state vector and deletions.

#![no_main]

use libfuzzer_sys::fuzz_target;
use samrad_domain::{Agreement, Applied};
use samrad_fuzz::{participant, seed_state, NOW};
use yrs::{ReadTxn, Transact};

fuzz_target!(|data: &[u8]| {
    let Some((&header, update)) = data.split_first() else {
        return;
    };
    let writer = participant(header & 0x0f);
    let any_client = header & 0x10 != 0;
    let copy = || {
        let agreement = Agreement::new(1);
        match agreement.apply_update(seed_state()) {
            Ok(()) => agreement,
            Err(e) => panic!("the demo state does not apply: {e}"),
        }
    };
    let judged = copy();
    let verdict = judged.apply_as(&writer, NOW, update, |client| any_client || client == 100);
    if verdict == Ok(Applied::Changed) {
        let replica = copy();
        if let Err(e) = replica.apply_update(update) {
            panic!("accepted by the guard, yet it does not apply on its own: {e}");
        }
        assert_eq!(
            replica.doc().transact().snapshot(),
            judged.doc().transact().snapshot(),
            "the same update gives two states"
        );
    }
});
