# Sourced by the run and test scripts: where the pinned tools live.
# scripts/wasm-split first: its wasm-bindgen splits the pages off before binding (see there).
export PATH="$PWD/scripts/wasm-split:$HOME/.cargo/bin:$PWD/scripts/binaryen/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER=/usr/bin/chromedriver
