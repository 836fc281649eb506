//! One update through the domain's guard (see `samrad_fuzz::apply_update`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(finding) = samrad_fuzz::apply_update_bytes(data) {
        panic!("{finding}");
    }
});
