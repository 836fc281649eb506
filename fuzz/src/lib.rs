//! What the fuzz targets share: the demo agreement they start from, and the input format.
//!
//! An input is a header byte followed by frames. The header picks the demo participants
//! behind the connections; each frame is a little-endian `u16` length and that many bytes
//! (the last frame takes whatever is left if the length runs past the end), so the fuzzer can
//! send several frames in a row and reach states that take more than one message.

use samrad_domain::{demo, Participant};
use samrad_server::room::SERVER_CLIENT_ID;
use std::sync::OnceLock;

/// The fixed "now" of every run, so runs repeat exactly.
pub const NOW: f64 = 1_800_000_000_000.0;

/// The demo agreement's whole state, built once.
pub fn seed_state() -> &'static [u8] {
    static SEED: OnceLock<Vec<u8>> = OnceLock::new();
    SEED.get_or_init(|| match demo::agreement(SERVER_CLIENT_ID, NOW) {
        Ok(agreement) => agreement.encode_state(),
        // Start-up of the harness, not code under test.
        Err(e) => panic!("the demo agreement does not build: {e}"),
    })
}

/// Demo participant number `n` (modulo how many there are).
pub fn participant(n: u8) -> Participant {
    let people = demo::participants();
    people[usize::from(n) % people.len()].clone()
}

/// Splits an input into its header byte and frames (see the module header).
pub fn split(data: &[u8]) -> (u8, Vec<&[u8]>) {
    let Some((&header, mut rest)) = data.split_first() else {
        return (0, Vec::new());
    };
    let mut frames = Vec::new();
    while rest.len() >= 2 {
        let len = usize::from(u16::from_le_bytes([rest[0], rest[1]]));
        let body = &rest[2..];
        let take = len.min(body.len());
        frames.push(&body[..take]);
        rest = &body[take..];
    }
    (header, frames)
}

/// The input that [`split`] turns into `header` and `frames` (for seeds and regressions).
pub fn join(header: u8, frames: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![header];
    for frame in frames {
        let len = u16::try_from(frame.len()).unwrap_or(u16::MAX);
        out.extend(len.to_le_bytes());
        out.extend(&frame[..usize::from(len)]);
    }
    out
}
