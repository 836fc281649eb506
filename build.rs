//! Lists the UI strings under `locales/<language>/<area>.ftl` for `src/i18n.rs`, so that a new
//! feature area is a new file in each language directory and nothing else: no shared list of
//! files to edit (and to conflict over) when pages are added in parallel.
//!
//! Two lists: every language (`locales.rs`, for the tests that check the files as a set) and the
//! default language alone (`locales_embedded.rs`, compiled into the app). The other languages are
//! served as files of their own (`scripts/service-worker.sh`) and fetched when a reader picks one,
//! so the first load carries one language's words instead of four.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("locales");
    // A directory here makes cargo rerun this script when any file below it changes.
    println!("cargo::rerun-if-changed={}", root.display());
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).to_path_buf();
    let languages: Vec<_> = sorted_entries(&root).filter(|p| p.is_dir()).collect();
    fs::write(out.join("locales.rs"), sources(&languages)).expect("OUT_DIR is writable");
    let embedded: Vec<_> = languages
        .into_iter()
        .filter(|l| file_name(l) == EMBEDDED)
        .collect();
    fs::write(out.join("locales_embedded.rs"), sources(&embedded)).expect("OUT_DIR is writable");
    // The split build (src/later.rs) cuts the linked wasm apart by its relocations: the linker
    // keeps them only when asked. Only the app's own link step sees the flag, so no dependency
    // is rebuilt for it.
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}

/// The language compiled into the app: Samråd's default (`Locale::Sv` in `src/i18n.rs`).
const EMBEDDED: &str = "sv";

/// A Rust slice expression of `(language code, area, FTL source)` for the given language
/// directories.
fn sources(languages: &[std::path::PathBuf]) -> String {
    let mut sources = String::from("&[\n");
    for language in languages {
        let code = file_name(language);
        for file in sorted_entries(language) {
            let Some(area) = file_name(&file).strip_suffix(".ftl").map(str::to_string) else {
                continue;
            };
            let path = file.display().to_string();
            writeln!(sources, "    ({code:?}, {area:?}, include_str!({path:?})),")
                .expect("writing to a String");
        }
    }
    sources.push_str("]\n");
    sources
}

fn sorted_entries(dir: &Path) -> impl Iterator<Item = std::path::PathBuf> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths.into_iter()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_else(|| panic!("{} is not UTF-8", path.display()))
        .to_string()
}
