//! Frames from two connections into an agreement's room (see `samrad_fuzz::room_frame`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(finding) = samrad_fuzz::room_frame_bytes(data) {
        panic!("{finding}");
    }
});
