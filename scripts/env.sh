# Sourced by the run and test scripts: where the pinned tools live.
export PATH="$HOME/.cargo/bin:$PWD/scripts/binaryen/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER=/usr/bin/chromedriver
