#!/usr/bin/env bash
# Installs every tool Samråd's build and tests need, pinned, and only what is missing.
# Sources: rustup (wasm target), crates.io (trunk, wasm-bindgen-cli, wasm_split_cli_support), Debian apt (chromium,
# chromium-driver), npm (binaryen for wasm-opt, playwright-core, axe-core). Nothing is downloaded
# at run time by the tools themselves: Trunk runs offline and Playwright uses Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (pinned with "=" in Cargo.toml).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)

log() { printf '[install] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's own lock file pins crates that no longer build with this toolchain.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Cuts the app's wasm into the first screen and the pages fetched later (scripts/wasm-split/).
WASM_SPLIT_VERSION=0.2.4
# The tool has no --version; cargo's own list of installed crates says which one is there
# (grep reads the whole list: with -q it could stop early and fail the pipe under pipefail).
if ! command -v wasm-split-cli >/dev/null ||
  ! cargo install --list | grep -x "wasm_split_cli_support v$WASM_SPLIT_VERSION:" >/dev/null; then
  log "installing wasm_split_cli_support $WASM_SPLIT_VERSION"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm packages, pinned by their package-lock.json files.
npm_install() {
  local dir=$1 probe=$2
  if [ ! -e "$dir/node_modules/$probe" ] || ! (cd "$dir" && npm ls --depth=0 >/dev/null 2>&1); then
    log "installing npm packages in $dir"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install scripts/binaryen .bin/wasm-opt
npm_install tests/e2e playwright-core
# The plain Yjs client the server benchmark drives, also used by the e2e spec of an ordinary
# Yjs client (specs/yjs-client.test.mjs).
npm_install tests/bench yjs
log "tools ready"
