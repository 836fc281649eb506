// Writes each of the app's files compressed at the best levels beside it, for the server to
// send as is (server/src/http.rs): `file.br` (brotli 11) and `file.gz` (gzip 9). Compressing
// per request can only afford a fast level, which sends the wasm about a quarter larger.
// Run by scripts/service-worker.sh on Trunk's staged files, after it has listed them.
//
//   node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

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
  const gz = zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION });
  // A compressed file no smaller than the original would only cost the browser time.
  if (br.length < body.length) writeFileSync(`${file}.br`, br);
  if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
}
