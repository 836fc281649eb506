#!/usr/bin/env bash
# Samråd at a real consultation's size, measured in Debian's Chromium.
#
# Builds the release app, server and fixture tool; writes one fixture per size through the
# real server (120 clauses in 12 chapters, 50 organisations with a stance on every clause,
# 20,000 edits of clause history, 8 versions, and 500 / 1,500 / 3,000 remarks written by the
# participants over the sync websocket); then, per size, opens it in browsers with fresh
# profiles and prints one table: open, composer, table of contents, memory, DOM, keystrokes,
# own remark and a second browser's view (tests/e2e/bench/run.mjs); then opening each size cold and
# warm, from the device copy (tests/e2e/bench/device-open.mjs); the stance matrix and the
# compilation page at the largest size (tests/e2e/bench/matrix.mjs); then the sync server beside
# the Node y-websocket server, one row each (scripts/bench-server.sh).
#
#   scripts/bench.sh                      all three sizes
#   SAMRAD_BENCH_SIZES="500" scripts/bench.sh
#   SAMRAD_BENCH_FIXTURES=DIR             reuse fixtures built earlier into DIR (kept)
#   SAMRAD_BENCH_APP=DIST SAMRAD_BENCH_SERVER=BIN   measure another build of the app/server
#   SAMRAD_BENCH_JSON=FILE                also write the figures as JSON
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/install-tools.sh >/dev/null
source scripts/env.sh

sizes="${SAMRAD_BENCH_SIZES:-500 1500 3000}"
trunk build --release >/dev/null
cargo build --release -p samrad-server -p samrad-bench >/dev/null
app="${SAMRAD_BENCH_APP:-$root/dist}"
server="${SAMRAD_BENCH_SERVER:-$root/target/release/samrad-server}"
fixture_tool="$root/target/release/samrad-fixture"

if [ -n "${SAMRAD_BENCH_FIXTURES:-}" ]; then
  fixtures="$SAMRAD_BENCH_FIXTURES"
  mkdir -p "$fixtures"
else
  fixtures=$(mktemp -d /tmp/samrad-bench-XXXXXX)
  trap 'rm -rf "$fixtures"' EXIT
fi

for n in $sizes; do
  if [ ! -e "$fixtures/$n/fixture.json" ]; then
    echo "building the fixture with $n remarks through the server …" >&2
    rm -rf "${fixtures:?}/$n"
    "$fixture_tool" build --server "$root/target/release/samrad-server" --app "$root/dist" \
      --dir "$fixtures/$n" --remarks "$n"
  fi
done

echo "measuring in Chromium …" >&2
(cd tests/e2e && node bench/run.mjs --work "$fixtures" --sizes "$sizes" --server "$server" \
  --fixture "$fixture_tool" --app "$app" ${SAMRAD_BENCH_JSON:+--json "$SAMRAD_BENCH_JSON"})

# Opening cold (fresh profile) and warm (the offline shell and the device copy), per size.
for n in $sizes; do
  (cd tests/e2e && node bench/device-open.mjs --work "$fixtures" --size "$n" --server "$server" \
    --fixture "$fixture_tool" --app "$app")
done

# The stance matrix and the compilation page at the largest size: first screenful and complete,
# cold and warm (tests/e2e/bench/matrix.mjs).
largest=$(echo $sizes | tr ' ' '\n' | sort -n | tail -1)
(cd tests/e2e && node bench/matrix.mjs --fixture "$fixtures/$largest" --server "$server" --app "$app")

# --- Server throughput: Samråd beside the Node y-websocket server -----------------------------
# Rows for 1,000 connections over 100 agreements (keystroke-rate updates, presence at 10 Hz):
# deliveries per second, p50/p99 delivery latency for both servers, Samråd's memory per loaded
# agreement and per idle connection (scripts/bench-server.sh, on the server built above; its
# SAMRAD_BENCH_* knobs apply; SAMRAD_BENCH_SERVER_ROWS=0 leaves them out).
if [ "${SAMRAD_BENCH_SERVER_ROWS:-1}" != 0 ]; then
  echo "measuring the server beside the Node y-websocket server …" >&2
  SAMRAD_BENCH_SERVER="$server" SAMRAD_BENCH_JSON= scripts/bench-server.sh
fi
