# Sourced by the run and test scripts: where the pinned tools live.
# scripts/wasm-split first: its wasm-bindgen splits the pages off before binding (see there).
export PATH="$PWD/scripts/wasm-split:$HOME/.cargo/bin:$PWD/scripts/binaryen/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER=/usr/bin/chromedriver
# wasm-bindgen-test-runner gives chromedriver 5 s to bind its port, then fails the whole run
# ("driver failed to bind port during startup"). On a loaded machine its start took longer;
# it retries a stuck driver every 10 s within this budget. A test file's whole run in the page
# gets 20 s by default; the component tests take about 6 s here, too close on a slower machine.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60
export WASM_BINDGEN_TEST_TIMEOUT=120
