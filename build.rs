//! Lists the UI strings under `locales/<language>/<area>.ftl` for `src/i18n.rs`, so that a new
//! feature area is a new file in each language directory and nothing else: no shared list of
//! files to edit (and to conflict over) when pages are added in parallel.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("locales");
    // A directory here makes cargo rerun this script when any file below it changes.
    println!("cargo::rerun-if-changed={}", root.display());
    let mut sources = String::from("&[\n");
    for language in sorted_entries(&root).filter(|p| p.is_dir()) {
        let code = file_name(&language);
        for file in sorted_entries(&language) {
            let Some(area) = file_name(&file).strip_suffix(".ftl").map(str::to_string) else {
                continue;
            };
            let path = file.display().to_string();
            writeln!(sources, "    ({code:?}, {area:?}, include_str!({path:?})),")
                .expect("writing to a String");
        }
    }
    sources.push_str("]\n");
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("locales.rs");
    fs::write(out, sources).expect("OUT_DIR is writable");
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
