// Gives the functions the wasm imports from its JavaScript glue short names, in both files.
// wasm-bindgen names each import after the function and a 16-digit hash
// (`__wbg_setAttribute_3c9f1a0e5d7b2c41`) and writes every name twice, once in the wasm's
// import section and once as a key of the glue's import object: some 300 names of random
// digits that no compressor can shrink, fetched before the first screen. The names mean
// nothing at run time (the glue hands the object to `WebAssembly.instantiate`), so each is
// replaced by a short one, `a`, `b`, … `aZ`, the same in both files.
//
//   node scripts/wasm-split/short-imports.mjs MODULE.wasm GLUE.js
//
// Only the imports from the glue itself (module `./NAME_bg.js`) are renamed; the page loader's
// imports (`./__wasm_split.js`) keep their names. Run by scripts/wasm-split/wasm-bindgen on
// wasm-bindgen's output, before Trunk optimises, hashes and names the files.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [wasmPath, jsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) throw new Error('usage: node short-imports.mjs MODULE.wasm GLUE.js');
const wasm = readFileSync(wasmPath);
const glue = readFileSync(jsPath, 'utf8');
const glueModule = `./${path.basename(wasmPath, '.wasm')}.js`;

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const text = (s) => Buffer.concat([leb(Buffer.byteLength(s)), Buffer.from(s)]);

// The end of an import's description (function, table, memory, global or tag) from its start.
function skipDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = readLeb(bytes, p);
    if (flags & 1) [, p] = readLeb(bytes, p);
    return p;
  };
  if (kind === 0) return readLeb(bytes, at)[1];
  if (kind === 1) return limits(at + 1);
  if (kind === 2) return limits(at);
  if (kind === 3) return at + 2;
  if (kind === 4) return readLeb(bytes, at + 1)[1];
  throw new Error(`unknown import kind ${kind}`);
}

// a … z, A … Z, then two letters (`do` and `in` among them: keywords are valid keys of the
// import object, which is all these names are); never `__proto__`.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function shortName(n) {
  let name = LETTERS[n % LETTERS.length];
  for (n = Math.floor(n / LETTERS.length); n > 0; n = Math.floor((n - 1) / LETTERS.length)) {
    name = LETTERS[(n - 1) % LETTERS.length] + name;
  }
  return name;
}

/** The import section rewritten, and the names it renamed (old name → new). */
function renameImports(section) {
  const renamed = new Map();
  let [count, at] = readLeb(section, 0);
  const parts = [leb(count)];
  for (let i = 0; i < count; i++) {
    let length;
    [length, at] = readLeb(section, at);
    const module = section.subarray(at, at + length).toString();
    at += length;
    [length, at] = readLeb(section, at);
    const name = section.subarray(at, at + length).toString();
    at += length;
    const end = skipDescription(section, at);
    let newName = name;
    if (module === glueModule) {
      // Two imports of one name would get two new names and only one key in the glue.
      if (renamed.has(name)) throw new Error(`${name} is imported twice from ${glueModule}`);
      newName = shortName(renamed.size);
      renamed.set(name, newName);
    }
    parts.push(text(module), text(newName), section.subarray(at, end));
    at = end;
  }
  return [Buffer.concat(parts), renamed];
}

const sections = [wasm.subarray(0, 8)];
let renamed = new Map();
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, start] = readLeb(wasm, at + 1);
  let body = wasm.subarray(start, start + size);
  if (id === 2) [body, renamed] = renameImports(body);
  sections.push(Buffer.from([id]), leb(body.length), body);
  at = start + size;
}

// Each name is a key of the glue's import object, written once; anything else means the glue
// is not what this script knows, and renaming half of it would break the app.
if (renamed.size === 0) throw new Error(`${wasmPath} imports nothing from ${glueModule}`);
let rewritten = glue;
for (const [name, newName] of renamed) {
  const key = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?=: function)`, 'g');
  const found = rewritten.match(key)?.length ?? 0;
  const anywhere = glue.split(name).length - 1;
  if (found !== 1 || anywhere !== 1) {
    throw new Error(`${name}: ${found} import keys, ${anywhere} mentions in ${jsPath}`);
  }
  rewritten = rewritten.replace(key, newName);
}
writeFileSync(wasmPath, Buffer.concat(sections));
writeFileSync(jsPath, rewritten);
console.error(`short imports: ${renamed.size} names`);
