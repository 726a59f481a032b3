// Prints the size of every .wasm in dist/ raw, gzip and brotli, and fails when the main module
// grows past its ceiling or takes in the workbook code that belongs in the import worker.
// Node's own zlib does the compression: no extra tool needed.
//
// The goal for the main module is 250 KB brotli (the performance issue); the build is above it
// today (see the README's performance section for why and what will bring it down). The
// ceiling below stops growth nobody decided on: it is raised only in a commit that names the
// feature that needed it (last: the results XLSX request, the print view and the help page
// with its bilingual prose, 458 → 486 KB), and lowered as the module shrinks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const MAIN_WASM = 'kam-radar_bg.wasm';
const MAIN_BROTLI_GOAL = 250 * 1024;
const MAIN_BROTLI_CEILING = 490 * 1024;

const dist = process.argv[2] ?? 'dist';
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8) + ' KB';
let overBudget = false;
if (!readdirSync(dist).includes(MAIN_WASM)) {
  console.error(`${MAIN_WASM} is missing from ${dist}: did the release build run?`);
  process.exit(1);
}
console.log('file'.padEnd(28) + 'raw'.padStart(11) + 'gzip'.padStart(11) + 'brotli'.padStart(11));
for (const name of readdirSync(dist).filter((file) => file.endsWith('.wasm')).sort()) {
  const bytes = readFileSync(join(dist, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.log(name.padEnd(28) + kb(bytes.length) + kb(gzip) + kb(brotli));
  if (name === MAIN_WASM) {
    const goal = brotli <= MAIN_BROTLI_GOAL ? 'within' : 'over';
    console.log(`main module: ${goal} the ${kb(MAIN_BROTLI_GOAL).trim()} brotli goal`);
    if (brotli > MAIN_BROTLI_CEILING) {
      console.error(`${name} is ${kb(brotli)} brotli, over the ${kb(MAIN_BROTLI_CEILING)} ceiling`);
      overBudget = true;
    }
  }
}

// The workbook reader (calamine) and writer (rust_xlsxwriter) belong in the import worker
// only: each would add ~300 KB gzip to the page's first load. Both name the part
// `xl/workbook.xml` of an XLSX file, so its presence marks them; the worker must have it (else
// this check would prove nothing).
const WORKBOOK_MARK = Buffer.from('xl/workbook.xml');
const WORKER_WASM = 'import-worker_bg.wasm';
const has = (name) => readFileSync(join(dist, name)).includes(WORKBOOK_MARK);
if (has(MAIN_WASM)) {
  console.error(`${MAIN_WASM} contains the workbook reader or writer: keep them in the worker`);
  overBudget = true;
}
if (!readdirSync(dist).includes(WORKER_WASM) || !has(WORKER_WASM)) {
  console.error(`${WORKER_WASM} is missing or has no workbook reader`);
  overBudget = true;
}
console.log('workbook reader and writer: in the import worker only');
process.exit(overBudget ? 1 : 0);
