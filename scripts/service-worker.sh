#!/bin/sh
# Trunk's post_build hook (Trunk.toml): writes the service worker that serves the app shell
# offline, from the files Trunk has just staged, then the files' compressed copies for the
# server (scripts/precompress.mjs; here, not in a hook of its own, because Trunk runs one
# stage's hooks at the same time and the worker must list only what a page asks for). Their names carry content hashes, so the list
# cannot be written by hand; the worker's version is a hash of every staged file, so each
# deployment installs a new worker with its own cache of exactly one build's files, and the old
# cache is deleted once the new worker takes over (no stale mix of old js and new wasm).
set -eu
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
base="${TRUNK_PUBLIC_URL:-/}"
root=$(pwd)
# The pages' own wasm files first, so that they are listed and compressed with the rest.
sh "$root/scripts/wasm-split/stage.sh"
cd "$staging"
# Each language's messages as one file named by its content, fetched by the app when a reader
# picks that language (src/i18n.rs compiles in Swedish only); the page names the files in
# <meta name="samrad-locale-CODE">, so the app carries no list of its own. Listed below with
# the rest, so the worker caches every language for offline use.
metas=""
for dir in "$root"/locales/*/; do
  code=$(basename "$dir")
  for f in $(find "$dir" -maxdepth 1 -name '*.ftl' | LC_ALL=C sort); do cat "$f"; echo; done > locale.tmp
  name="locale-$code-$(sha256sum < locale.tmp | cut -c1-16).ftl"
  mv locale.tmp "$name"
  metas="$metas<meta name=\"samrad-locale-$code\" content=\"$base$name\">"
done
sed -i "s|</head>|$metas</head>|" index.html
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in $files; do printf '%s\n' "$f"; cat "$f"; done | sha256sum | cut -c1-16)
# The pages' own wasm files (named split_*/chunk_* by the splitter, see scripts/wasm-split/) are
# kept by the worker when the app first fetches them (the idle preload after the first screen),
# not when it installs: installing runs while the first screen is drawn, and fetching and
# storing 46 more files then took the processor from it (the open got slower, not the app's code).
# The agreement page's own interactive parts (split_soon, src/later/parts.rs) and the shared
# files they need (read from the loader: which file needs which) are listed apart (SOON): the
# app fetches them right after its first screen and then asks the worker to keep them all, so a
# reader who opened once writes offline even when the worker did not yet control that first
# page — without the worker fetching them while the first screen is drawn.
soon=
loader=$(ls wasm-split-*.js 2>/dev/null | head -1)
if [ -n "$loader" ]; then
soon=$(node -e '
  const js = require("fs").readFileSync(process.argv[1], "utf8");
  const file = (name) => (js.match(new RegExp(`"\\./(${name}-[0-9a-f]+\\.wasm)"`)) || [])[1];
  const part = js.match(/__wasm_split_load_soon = [^]*?"\.\/(split_soon-[0-9a-f]+\.wasm)"[^]*?, \[([^\]]*)\]/);
  if (part) console.log([part[1], ...part[2].split(",").map((c) => file(c.trim().replace(/^__/, ""))).filter(Boolean)].join(" "));
  else process.exit(1);
' "$loader") || { echo "the interactive parts' files are not found in $loader" >&2; exit 1; }
fi
is_soon() { case " $soon " in *" $1 "*) return 0 ;; esac; return 1; }
list() { for f in $files; do
  case $f in split_*.wasm | chunk_*.wasm) is_soon "$f" && kind=soon || kind=later ;; *) kind=shell ;; esac
  [ "$1" = "$kind" ] || continue
  printf "  '%s%s',\n" "$base" "$f"
done; }
{
  printf '// Generated at build time by scripts/service-worker.sh; do not edit.\n'
  printf "const VERSION = '%s';\n" "$version"
  printf "const SHELL = [\n%s\n];\n" "$(list shell)"
  printf "const SOON = [\n%s\n];\n" "$(list soon)"
  printf "const LATER = [\n%s\n];\n" "$(list later)"
  cat "$root/scripts/service-worker.js"
} > sw.js
echo "service worker $version: $(printf '%s\n' $files | wc -l) files"
node "$root/scripts/precompress.mjs" .
