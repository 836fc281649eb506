#!/bin/sh
# Puts the pages' wasm files (split off by scripts/wasm-split/wasm-bindgen) beside the app in
# Trunk's staging directory: each optimised like the main module and named by its content,
# the loader that fetches them named by its content too, the main module's import of the
# loader renamed to match (and that file's integrity in index.html recomputed), and the loader
# preloaded beside the main module. Run by scripts/service-worker.sh before it lists and
# compresses the files, so the pages' files are listed for the offline shell and precompressed.
set -eu
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
root=$(pwd)
cd "$staging"
main_js=$(ls samrad-*.js)
main_wasm=$(ls samrad-*_bg.wasm)
if ! grep -q "__wasm_split.js" "$main_js"; then
  if grep -q __wasm_split_placeholder__ "$main_wasm"; then
    echo "the wasm was built with its pages split off but not split:" \
      "build with scripts/wasm-split on PATH (source scripts/env.sh)" >&2
    exit 1
  fi
  exit 0
fi
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
split="$target/wasm-bindgen/${TRUNK_PROFILE:-release}/split"
hash16() { sha256sum "$1" | cut -c1-16; }
# The pages' files are optimised as Trunk optimises the main module: index.html's flags.
opt_level=$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' "$root/index.html")
opt_params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$root/index.html")
cp "$split/__wasm_split.js" loader.tmp
sed -i "s|\"\./samrad\.js\"|\"./$main_js\"|" loader.tmp
for chunk in "$split"/*.wasm; do
  name=$(basename "$chunk" .wasm)
  # shellcheck disable=SC2086 # the flags are words
  wasm-opt -O"$opt_level" $opt_params "$chunk" -o chunk.tmp
  hashed="$name-$(hash16 chunk.tmp).wasm"
  mv chunk.tmp "$hashed"
  sed -i "s|\"\./$name\.wasm\"|\"./$hashed\"|" loader.tmp
done
loader="wasm-split-$(hash16 loader.tmp).js"
mv loader.tmp "$loader"
sed -i "s|from \"\./__wasm_split\.js\"|from \"./$loader\"|" "$main_js"
integrity="sha384-$(openssl dgst -sha384 -binary "$main_js" | base64 -w0)"
sed -i "s|\(href=\"[^\"]*$main_js\" crossorigin=\"anonymous\" integrity=\"\)[^\"]*|\1$integrity|" index.html
loader_integrity="sha384-$(openssl dgst -sha384 -binary "$loader" | base64 -w0)"
sed -i "s|</head>|<link rel=\"modulepreload\" href=\"${TRUNK_PUBLIC_URL:-/}$loader\" crossorigin=\"anonymous\" integrity=\"$loader_integrity\"></head>|" index.html
echo "split: $(ls "$split"/*.wasm | wc -l) page files, loader $loader"
