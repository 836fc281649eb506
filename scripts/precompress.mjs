// Writes each of the app's files compressed at the best levels beside it, for the server to
// send as is (server/src/http.rs): `file.br` (brotli 11) and `file.gz` (zopfli: gzip that any
// browser reads, about 5 % smaller than zlib's level 9 — plain http gets only gzip). Compressing
// per request can only afford a fast level, which sends the wasm about a quarter larger.
// Run by scripts/service-worker.sh on Trunk's staged files, after it has listed them.
//
//   node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

// Installed beside wasm-opt (scripts/binaryen, pinned by its package-lock.json).
const { gzipAsync } = createRequire(new URL('./binaryen/package.json', import.meta.url))('@gfx/zopfli');

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
for (const name of readdirSync(dir)) {
  if (!/\.(wasm|js|css|html|ftl)$/.test(name)) continue;
  const file = path.join(dir, name);
  const body = readFileSync(file);
  const br = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gz = await gzipAsync(body, { numiterations: 15 });
  // A compressed file no smaller than the original would only cost the browser time.
  if (br.length < body.length) writeFileSync(`${file}.br`, br);
  if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
}
