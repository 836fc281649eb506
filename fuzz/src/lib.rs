//! Fuzzing what a signed-in client can send: structure-aware inputs (`input.rs`), turned into
//! frames and updates aimed at the agreement they go to (`world.rs`), through two target bodies
//! (`targets.rs`): frames into a room from two connections, and single updates through the
//! domain's guard. The cargo-fuzz binaries (`fuzz_targets/`, nightly) and `cargo test`
//! (`tests/replay.rs`, every kept input) run the same bodies.

mod aim;
pub mod input;
pub mod seeds;
mod targets;
pub mod world;

pub use input::{Judged, Script};
pub use targets::{apply_update, room_frame};

use arbitrary::{Arbitrary, Unstructured};

/// The server's clock in every run, so runs repeat exactly.
pub const NOW: f64 = 1_800_000_000_000.0;

/// When the agreement was created: thirty days before.
pub const SINCE: f64 = NOW - 30.0 * 86_400_000.0;

/// The `room_frame` body on raw fuzzer bytes, read as libFuzzer's typed targets read them.
pub fn room_frame_bytes(data: &[u8]) -> Result<(), String> {
    match Script::arbitrary_take_rest(Unstructured::new(data)) {
        Ok(script) => room_frame(&script),
        Err(_) => Ok(()),
    }
}

/// The `apply_update` body on raw fuzzer bytes.
pub fn apply_update_bytes(data: &[u8]) -> Result<(), String> {
    match Judged::arbitrary_take_rest(Unstructured::new(data)) {
        Ok(input) => apply_update(&input),
        Err(_) => Ok(()),
    }
}
