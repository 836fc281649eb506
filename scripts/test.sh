#!/usr/bin/env bash
# Runs every test: formatting, clippy (native and wasm), native tests, one pass of every
# benchmark, component tests in headless Chromium, and the end-to-end suite in Debian's
# Chromium. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "tools"
scripts/install-tools.sh
source scripts/env.sh

step "format"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "fuzz targets (compiled only: fuzzing needs nightly, see fuzz/README.md; cargo test replays their inputs)"
cargo check -p samrad-fuzz --features libfuzzer --bins
step "clippy (wasm app)"
cargo clippy -p samrad --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests"
# The load tool's test (bench/tests/load.rs) runs the server binary beside its own.
cargo build -p samrad-server
cargo test --workspace

step "benchmarks, one pass each (criterion's test mode; the figures come from cargo bench)"
cargo bench -p samrad-domain --bench '*' -- --test

step "component tests in headless Chromium"
cargo test -p samrad --target wasm32-unknown-unknown

step "build the app (release) and the server"
trunk build --release
cargo build -p samrad-server

step "end-to-end tests in Chromium"
(cd tests/e2e && npm test)

step "all tests passed"
