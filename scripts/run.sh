#!/usr/bin/env bash
# Installs what is missing, builds the release app and server, and starts Samråd on
# 127.0.0.1 with its embedded SQLite store (samrad.db), seeded with the demo agreement.
# Prints one sign-in link per demo participant: each opens a page whose button signs that
# participant in. Admin commands (README) work beside it on the same store.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh
trunk build --release
cargo build --release -p samrad-server
exec target/release/samrad-server --addr "${SAMRAD_ADDR:-127.0.0.1:8080}" --db "${SAMRAD_DB:-samrad.db}" --app dist "$@"
