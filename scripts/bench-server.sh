#!/usr/bin/env bash
# Server throughput: Samråd beside the Node y-websocket server (npm y-websocket 2.1.0's
# bin/server.cjs, documents in memory), in one run, driven by one load tool of plain Yjs
# clients — by default the Rust load tool (bench/src/load, `samrad-load`: one tokio runtime, each
# frame timestamped as soon as it is read; SAMRAD_BENCH_TOOL=node uses tests/bench/load.mjs, the
# same clients in Node, whose event-loop lag and garbage collection add to what it measures).
# Default: 1,000 connections over 100 agreements of 120
# clauses; in each agreement a coordinator types into a clause's wording and a member edits the
# body of their own remark, 5 keystrokes a second each (SAMRAD_BENCH_WRITERS=10 makes all ten
# participants type); every client announces its presence 10 times a second. Prints one table: connections, agreements,
# offered writes/s, deliveries/s (a write reaching another client of its agreement), p50/p99
# delivery latency, Samråd's "saved" p50/p99, resident memory before/after, and memory per
# loaded agreement and per idle connection.
#
#   scripts/bench-server.sh
#   SAMRAD_BENCH_AGREEMENTS=50 SAMRAD_BENCH_PER=10 SAMRAD_BENCH_RATE=1 scripts/bench-server.sh
#   SAMRAD_BENCH_SERVER=BIN       measure another build of the server
#   SAMRAD_BENCH_ONLY=samrad|node measure one server only (node needs a Samråd run's seed)
#   SAMRAD_BENCH_TOOL=rust|node   the load tool (rust by default), the same for both servers
#   SAMRAD_BENCH_JSON=DIR         also keep each server's figures as DIR/<server>.json
#   SAMRAD_BENCH_PROFILE=DIR      record Samråd's CPU profile (perf, cpu-clock) over the
#                                 measured window into DIR/samrad.perf.data
# Other knobs: SAMRAD_BENCH_WRITERS (writers per agreement), SAMRAD_BENCH_PRESENCE_HZ,
# SAMRAD_BENCH_WARMUP, SAMRAD_BENCH_DURATION (seconds), SAMRAD_BENCH_WORKERS (the Node tool's load
# processes; the Rust tool's runtime threads).
# SAMRAD_BENCH_NICE=-10 runs servers and load tool ahead of other work on a shared machine: the
# scheduler shares a busy CPU per thread, so a one-thread server (Node) is starved long before a
# many-threaded one and the comparison would measure the machine, not the servers (the table
# prints the load average over each window). It sets the session's autogroup weight as well (see
# below): without that, another session's build kept its share and Node got 37 % CPU instead of 89.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

agreements="${SAMRAD_BENCH_AGREEMENTS:-100}"
per="${SAMRAD_BENCH_PER:-10}"
load_args=(--rate "${SAMRAD_BENCH_RATE:-5}" --writers "${SAMRAD_BENCH_WRITERS:-2}"
  --presence-hz "${SAMRAD_BENCH_PRESENCE_HZ:-10}" --warmup "${SAMRAD_BENCH_WARMUP:-5}"
  --duration "${SAMRAD_BENCH_DURATION:-20}" --workers "${SAMRAD_BENCH_WORKERS:-2}")
only="${SAMRAD_BENCH_ONLY:-}"
run=(nice -n "${SAMRAD_BENCH_NICE:-0}")
# With the kernel's autogroups on, a nice value weighs only against the same session's processes:
# another session's build still takes its equal share of the CPU. The session's own weight is set
# for the run too (root only), and given back at the end.
autogroup=
if [ -n "${SAMRAD_BENCH_NICE:-}" ] && [ -w /proc/$$/autogroup ]; then
  autogroup=$(sed -n 's/.* nice //p' /proc/$$/autogroup)
  echo "$SAMRAD_BENCH_NICE" >/proc/$$/autogroup 2>/dev/null || autogroup=
fi

if [ -z "${SAMRAD_BENCH_SERVER:-}" ]; then
  cargo build --release -p samrad-server >&2
fi
tool="${SAMRAD_BENCH_TOOL:-rust}"
if [ "$tool" = rust ]; then
  cargo build --release -p samrad-bench --bin samrad-load >&2
fi
# The load tool against one server: `load ARGS…` (run from tests/bench; both tools take the
# same options and write the same JSON figures).
load() {
  if [ "$tool" = rust ]; then
    "${run[@]}" "$root/target/release/samrad-load" "$@"
  else
    "${run[@]}" node load.mjs "$@"
  fi
}
server="${SAMRAD_BENCH_SERVER:-$root/target/release/samrad-server}"
(cd tests/bench && { [ -d node_modules ] || npm ci --no-audit --no-fund >&2; })

work=$(mktemp -d /tmp/samrad-bench-server-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  [ -z "$autogroup" ] || echo "$autogroup" >/proc/$$/autogroup 2>/dev/null || true
}
trap cleanup EXIT
json_dir="${SAMRAD_BENCH_JSON:-$work}"
mkdir -p "$json_dir"

# A free loopback port for the Node server (its server.cjs cannot report a port 0 it got).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# --- The store: agreements and one invitation per connection, made before the server starts ----
# (about a minute for 1,000 invitations; SAMRAD_BENCH_STORE=DIR keeps a pristine copy in DIR and
# reuses it while the size matches — invitations are used up by signing in, so each run copies it)
make_store() {
  local dir=$1
  node tests/bench/agreement-md.mjs 120 >"$dir/agreement.md"
  echo "creating $agreements agreements with $per participants each …" >&2
  : >"$dir/links.txt"
  for ((a = 0; a < agreements; a++)); do
    id=$(printf 'bench-%03d' "$a")
    "$server" --db "$dir/samrad.db" admin create "$id" "$dir/agreement.md" >/dev/null
    for ((p = 1; p <= per; p++)); do
      role=member
      [ "$p" = 1 ] && role=coordinator
      link=$("$server" --db "$dir/samrad.db" admin invite "$id" --name "Deltagare $p" \
        --organisation "Kommun $p" --role "$role")
      echo "$id $link" >>"$dir/links.txt"
    done
  done
  echo "$agreements $per" >"$dir/size"
}
if [ -n "${SAMRAD_BENCH_STORE:-}" ]; then
  mkdir -p "$SAMRAD_BENCH_STORE"
  if [ "$(cat "$SAMRAD_BENCH_STORE/size" 2>/dev/null)" != "$agreements $per" ]; then
    rm -f "$SAMRAD_BENCH_STORE"/samrad.db*
    make_store "$SAMRAD_BENCH_STORE"
  fi
  cp "$SAMRAD_BENCH_STORE"/samrad.db* "$SAMRAD_BENCH_STORE/links.txt" "$work/"
  rm -f "$work/samrad.db.lock" "$work/samrad.db.sock"
else
  make_store "$work"
fi

# --- Samråd ----------------------------------------------------------------------------------
if [ "$only" != node ]; then
  mkdir -p "$work/dist"
  "${run[@]}" "$server" --addr 127.0.0.1:0 --db "$work/samrad.db" --app "$work/dist" >"$work/samrad.out" 2>"$work/samrad.err" &
  pids+=($!)
  samrad_pid=$!
  for _ in $(seq 100); do
    grep -q 'running at' "$work/samrad.out" 2>/dev/null && break
    sleep 0.1
  done
  base=$(sed -n 's/^Samråd is running at //p' "$work/samrad.out")
  echo "Samråd at $base (pid $samrad_pid)" >&2
  if [ -n "${SAMRAD_BENCH_PROFILE:-}" ]; then
    mkdir -p "$SAMRAD_BENCH_PROFILE"
    (while [ ! -e "$work/running" ]; do sleep 0.1; done
     perf record -q -e cpu-clock -F 499 -g -p "$samrad_pid" -o "$SAMRAD_BENCH_PROFILE/samrad.perf.data" 2>/dev/null &
     perf=$!
     while [ -e "$work/running" ]; do sleep 0.1; done
     kill -INT "$perf"
     wait "$perf" || true) &
    profiler=$!
  fi
  (cd tests/bench && load --server samrad --base "$base" --pid "$samrad_pid" \
    --links "$work/links.txt" --seed-out "$work/seed.bin" --json "$json_dir/samrad.json" \
    --mark "$work/running" "${load_args[@]}" >/dev/null)
  [ -z "${profiler:-}" ] || wait "$profiler" || true

  kill -TERM "$samrad_pid"
  wait "$samrad_pid" || true
  # The server's own share of an update's latency (read → taken by its room → stored), logged
  # as it stops.
  grep -h 'update time in the server' "$work/samrad.err" | sed 's/\x1b\[[0-9;]*m//g; s/^.*timing: //' >"$work/stages.txt" || true
  [ -z "${SAMRAD_BENCH_STORE:-}" ] || cp "$work/seed.bin" "$SAMRAD_BENCH_STORE/seed.bin"
fi

# --- The Node y-websocket server -----------------------------------------------------------------
if [ "$only" != samrad ]; then
  [ -s "$work/seed.bin" ] || cp "${SAMRAD_BENCH_STORE:-/nonexistent}/seed.bin" "$work/" 2>/dev/null || true
  [ -s "$work/seed.bin" ] || { echo "the Node run needs the agreement a Samråd run saw (seed.bin)" >&2; exit 1; }
  port=$(free_port)
  (cd tests/bench && HOST=127.0.0.1 PORT=$port exec "${run[@]}" node node_modules/y-websocket/bin/server.cjs \
    >"$work/node.out" 2>"$work/node.err") &
  pids+=($!)
  node_pid=$!
  for _ in $(seq 100); do
    grep -q 'running at' "$work/node.out" 2>/dev/null && break
    sleep 0.1
  done
  echo "Node y-websocket at 127.0.0.1:$port (pid $node_pid)" >&2
  (cd tests/bench && load --server node --base "http://127.0.0.1:$port" --pid "$node_pid" \
    --agreements "$agreements" --per "$per" --seed "$work/seed.bin" --json "$json_dir/node.json" "${load_args[@]}" >/dev/null)
  kill -TERM "$node_pid"
  wait "$node_pid" 2>/dev/null || true
fi

node tests/bench/report.mjs "$json_dir"/samrad.json "$json_dir"/node.json
[ ! -s "$work/stages.txt" ] || sed 's/^/Samråd: /' "$work/stages.txt"
