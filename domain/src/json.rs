//! One JSON reader for bytes. serde_json compiles its parser, and every derived reader it
//! drives, once per kind of input: `from_slice` and `from_str` are two copies of the same
//! machinery in the app's wasm. The app's network reads go through `from_str` (gloo's
//! `Response::json`), so bytes are read as text too: checked as UTF-8 first, then parsed.
//! The same JSON is accepted either way (a JSON text is UTF-8).

use serde::de::{DeserializeOwned, Error as _};

/// Reads `bytes` as JSON, like `serde_json::from_slice`.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    let text = std::str::from_utf8(bytes).map_err(serde_json::Error::custom)?;
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_from_slice_reads_and_refuses_what_it_refuses() {
        let good = "{\"a\":[1,2],\"b\":\"\\u00e5 å\"}".as_bytes();
        let ours: serde_json::Value = from_bytes(good).expect("reads");
        let theirs: serde_json::Value = serde_json::from_slice(good).expect("reads");
        assert_eq!(ours, theirs);
        for bad in [&b"{\"a\":\"\xff\"}"[..], b"{", b"", b"[1,]"] {
            assert!(from_bytes::<serde_json::Value>(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_slice::<serde_json::Value>(bad).is_err());
        }
    }
}
