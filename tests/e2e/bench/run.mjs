// KAM Radar's performance harness (`bash .ci/bench`, after a release build of dist/):
//
// 1. generates deterministic account files of each size (CSV and XLSX, `generate.mjs`) in a
//    temporary directory;
// 2. serves dist/, the JavaScript baseline page (`baseline/`: papaparse and SheetJS from
//    node_modules) and the files from one loopback server, and fails if any page makes a
//    request to another origin;
// 3. in headless Chromium, times with the app's bench hooks (`src/ui/bench.rs`): the import
//    (read + map in the worker, convert with the records decoded by the page as they come and
//    their accounts scored ahead of the commit, merge, commit) warm (the page's worker already started) and cold (a fresh page: new
//    worker, nothing cached), with the longest main-thread task during each
//    (PerformanceObserver 'longtask'); the re-score after a weight change; the portfolio
//    table's first render; 12 radars redrawn for new values and drawn from nothing; save to
//    and load from the browser's storage; startup to first paint; the same import by the
//    baseline; and one import through the Import view's clicks at the largest size;
// 4. checks that the baseline's accounts per class equal KAM Radar's on every file (and stops
//    with an error if not: the comparison would be meaningless);
// 5. prints one markdown table of medians — metric, size, KAM Radar, baseline, ratio, goal,
//    met — with the wasm sizes and the machine, and writes it to `results.md` beside this file.
//
// Options: --sizes=1000,10000,100000  --runs=N (warm runs; cold runs are fewer)  --out=FILE
//   --only=PARTS: a comma list of imports, rescore, table, storage, radars, startup, ui (all by
//   default). Without `imports` each CSV is imported once, untimed, for the parts that need a
//   workspace, no XLSX is generated and the baseline is not run: `--only=table,radars` is the
//   quick loop for the table and chart hooks. Rows of parts not run are left out of the table.
// The result is not a test: nothing here fails for a missed goal, only for a broken run.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DIST, foreignRequests, launchBrowser, openPage } from '../support/browser.mjs';
import { serveMounts } from '../support/server.mjs';
import { MAIN_BROTLI_GOAL, MAIN_WASM, WORKER_WASM, wasmSizes } from '../support/size.mjs';
import { writeCsv, writeXlsx } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = join(HERE, '..', 'node_modules');
const option = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = option('sizes', '1000,10000,100000').split(',').map(Number);
const WARM_RUNS = Number(option('runs', '5'));
const OUT = option('out', join(HERE, 'results.md'));
const LARGEST = Math.max(...SIZES);
const PARTS = ['imports', 'rescore', 'table', 'storage', 'radars', 'startup', 'ui'];
const ONLY = option('only', PARTS.join(',')).split(',');
for (const part of ONLY) if (!PARTS.includes(part)) throw new Error(`--only: no part ${part}; the parts are ${PARTS.join(', ')}`);
const runs = (part) => ONLY.includes(part);
/** Fewer runs where one takes seconds. */
const runsFor = (rows, runs) => (rows >= 100_000 ? Math.max(2, Math.ceil(runs / 2)) : runs);
const COLD_RUNS = 3;
/** Fresh pages the radar redraws are timed in. */
const RADAR_PAGES = 5;

const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (...args) => console.error('·', ...args);

// ---- The page side ----

/** Records every long task (over 50 ms) of the page's main thread from its start. */
function observeLongTasks() {
  window.longTasks = [];
  const keep = (entries) => {
    for (const e of entries) window.longTasks.push([e.startTime, e.duration]);
  };
  const observer = new PerformanceObserver((list) => keep(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  // Entries are delivered to the callback later; this takes the ones queued so far.
  window.takeLongTasks = () => keep(observer.takeRecords());
  // When the app's first screen is in the page, and when the frame showing it was painted.
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="welcome"], [data-testid^="view-"]')) {
      observer.disconnect();
      window.appShown = performance.now();
      requestAnimationFrame(() => setTimeout(() => { window.appPainted = performance.now(); }));
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Fetches a generated file into `window.benchFile` (not timed: the user's file is local). */
async function loadFile(page, name) {
  await page.evaluate(async (name) => {
    const blob = await (await fetch(`../data/${name}`)).blob();
    window.benchFile = new File([blob], name);
  }, name);
}

/**
 * Runs one timed call in the page — `kam` (an import by KAM Radar, `fresh`: in a new worker),
 * `baseline` (an import by the baseline) or `storage` (save and load) — and adds the longest
 * main-thread task during it. (A switch, not a function sent as text: the app's CSP forbids
 * eval, rightly.)
 */
async function timed(page, call, fresh = false) {
  return page.evaluate(async ({ call, fresh }) => {
    // The workspace the previous import left for the other hooks goes first, in a task of its
    // own: the app never drops a 100k workspace when it imports, so its cost is not timed.
    if (call === 'kam') {
      window.kamRadar.benchForget();
      await new Promise((done) => setTimeout(done, 0));
    }
    const start = performance.now();
    const result = await (call === 'kam'
      ? window.kamRadar.benchImport(window.benchFile, fresh)
      : call === 'baseline'
        ? window.baseline.importFile(window.benchFile)
        : window.kamRadar.benchStorage());
    // The last task's entry is queued when it ends: one more task, then take the queue.
    const end = performance.now();
    await new Promise((done) => setTimeout(done, 0));
    window.takeLongTasks();
    const within = (from, to) => Math.max(0, ...window.longTasks.filter(([t]) => t >= from && t <= to).map(([, d]) => d));
    const out = typeof result === 'string' ? JSON.parse(result) : result;
    // The storage hook marks its steps (create, edit, save, load): the longest task of each.
    if (out.marks) {
      const [, created, edited, saved, loaded] = out.marks.map((m, i) => within(i ? out.marks[i - 1] : start, m));
      out.longestTask = { created, edited, saved, loaded };
    }
    return { ...out, longest: within(start, end) };
  }, { call, fresh });
}

// ---- The run ----

const data = mkdtempSync(join(tmpdir(), 'kam-bench-'));
const files = [];
for (const rows of SIZES) {
  const csv = `accounts-${rows}.csv`;
  const xlsx = `accounts-${rows}.xlsx`;
  files.push({ rows, format: 'CSV', name: csv, bytes: writeCsv(join(data, csv), rows) });
  if (runs('imports')) {
    files.push({ rows, format: 'XLSX', name: xlsx, bytes: writeXlsx(join(data, xlsx), rows) });
  }
  log(`generated ${rows} rows: ${files.filter((f) => f.rows === rows).map((f) => `${f.format} ${(f.bytes / 1e6).toFixed(1)} MB`).join(', ')}`);
}

const server = await serveMounts({
  '/': DIST,
  '/baseline/': join(HERE, 'baseline'),
  '/vendor/papaparse/': join(NODE_MODULES, 'papaparse'),
  '/vendor/xlsx/': join(NODE_MODULES, 'xlsx'),
  '/data/': data,
});
const browser = await launchBrowser();
const chromium = browser.version();
const foreign = [];
const errors = [];
const loadBefore = loadavg()[0];

/** A fresh page (own context: no cache, no storage) at `path`, ready when `ready` holds. */
async function fresh(path, ready) {
  const opened = await openPage(browser, { locale: 'en-US' });
  await opened.context.addInitScript(observeLongTasks);
  opened.page.on('response', (response) => {
    // Chromium asks every page for /favicon.ico; the baseline page has none, which is fine.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  await opened.page.goto(server.url + path);
  await opened.page.waitForFunction(ready);
  return {
    ...opened,
    close: async () => {
      foreign.push(...foreignRequests(opened.requests, server.origin));
      errors.push(...opened.errors);
      await opened.context.close();
    },
  };
}
// The app has started and painted its first screen: an import then competes with nothing.
const app = async () => {
  const k = await fresh('', () => window.kamRadar && window.appPainted);
  if (!(await k.page.evaluate(() => Boolean(window.kamRadar.benchImport)))) {
    throw new Error('dist/ has no benchmark hooks: build it with `trunk build --release --features bench` (bash .ci/bench does)');
  }
  return k;
};
const baseline = () => fresh('baseline/', () => window.baseline && window.Papa && window.XLSX);

const results = {}; // key → { kam: [], base: [] }
const record = (key, side, value) => {
  results[key] ??= { kam: [], base: [] };
  results[key][side].push(value);
};

function compareClasses(file, kam, base) {
  const sorted = (classes) => JSON.stringify(
    Object.fromEntries(Object.entries(classes).sort().map(([f, c]) => [f, Object.fromEntries(Object.entries(c).sort())])),
  );
  const a = sorted(kam.classes);
  const b = sorted(base.classes);
  if (kam.accounts !== file.rows || kam.problems !== 0) {
    throw new Error(`${file.name}: KAM Radar imported ${kam.accounts} accounts with ${kam.problems} problems, expected ${file.rows} and none`);
  }
  if (a !== b || base.accounts !== file.rows) {
    throw new Error(`${file.name}: the baseline's classes differ from KAM Radar's — fix the baseline's port of the rules before comparing times\n  KAM Radar: ${a}\n  baseline:  ${b} (${base.accounts} accounts)`);
  }
}

/** The hooks timed on the workspace the page `k` just imported from `file`. */
async function workspaceHooks(k, file, warmRuns) {
  if (runs('rescore')) {
    const rescore = await k.page.evaluate((n) => Array.from(window.kamRadar.benchRescore(n)), warmRuns * 2 + 1);
    for (const ms of rescore.slice(1)) record(`rescore:${file.rows}`, 'kam', ms);
  }
  if (runs('table')) {
    // A render takes well under a second at any size, and two renders of one page can differ
    // by a third: as many as the re-score gets, after one warm-up.
    for (let i = 0; i <= warmRuns * 2; i += 1) {
      const ms = await k.page.evaluate(() => window.kamRadar.benchTableRender());
      if (i > 0) record(`table:${file.rows}`, 'kam', ms);
    }
  }
  if (runs('storage')) {
    for (let i = 0; i < (file.rows >= 100_000 ? 1 : 3); i += 1) {
      record(`storage:${file.rows}`, 'kam', await timed(k.page, 'storage'));
    }
  }
}

try {
  if (runs('radars')) {
    log('radars');
    // First, in a browser that has done nothing else: later, after the 100k imports of other
    // pages, the same redraws took about 11 ms instead of 8. One page's redraws agree closely,
    // but pages differ (8 to 12 ms seen on one build): the median is over several pages.
    for (let page = 0; page < RADAR_PAGES; page += 1) {
      const k = await app();
      const times = await k.page.evaluate((n) => {
        const all = [];
        for (let i = 0; i < n + 3; i += 1) all.push(JSON.parse(window.kamRadar.benchDrawRadars(12)));
        return all.slice(3);
      }, WARM_RUNS * 3);
      for (const { redraw, fresh } of times) {
        record('radars', 'kam', redraw);
        record('radars:fresh', 'kam', fresh);
      }
      await k.close();
    }
  }
  for (const file of files) {
    const key = `${file.format}:${file.rows}`;
    const warmRuns = runsFor(file.rows, WARM_RUNS);
    const workspaceParts = ['rescore', 'table', 'storage'].some(runs);
    if (!runs('imports')) {
      if (!workspaceParts) continue;
      log(`${file.name}: one untimed import for ${ONLY.join(', ')}`);
      const k = await app();
      await loadFile(k.page, file.name);
      await timed(k.page, 'kam', true);
      await workspaceHooks(k, file, warmRuns);
      await k.close();
      continue;
    }
    log(`${file.name}: ${COLD_RUNS} cold and ${warmRuns} warm imports each`);
    let kamClasses;
    let baseClasses;
    for (let i = 0; i < COLD_RUNS; i += 1) {
      const b = await baseline();
      await loadFile(b.page, file.name);
      const base = await timed(b.page, 'baseline');
      record(`${key}:cold`, 'base', base);
      baseClasses ??= base;
      await b.close();
      const k = await app();
      await loadFile(k.page, file.name);
      // The timed import gets a worker of its own that has run nothing. The worker the page
      // started ahead (its drop zone) has its module compiled first, so the two do not share
      // the machine's two cores.
      await k.page.waitForTimeout(2000);
      const kam = await timed(k.page, 'kam', true);
      record(`${key}:cold`, 'kam', kam);
      kamClasses ??= kam;
      await k.close();
    }
    compareClasses(file, kamClasses, baseClasses);

    const b = await baseline();
    await loadFile(b.page, file.name);
    await timed(b.page, 'baseline'); // warm-up
    for (let i = 0; i < warmRuns; i += 1) record(`${key}:warm`, 'base', await timed(b.page, 'baseline'));
    await b.close();

    const k = await app();
    await loadFile(k.page, file.name);
    await timed(k.page, 'kam', true); // warm-up: starts the worker
    for (let i = 0; i < warmRuns; i += 1) record(`${key}:warm`, 'kam', await timed(k.page, 'kam', false));
    if (file.format === 'CSV') await workspaceHooks(k, file, warmRuns);
    await k.close();
  }

  if (runs('startup')) log('startup');
  for (let i = 0; i < (runs('startup') ? COLD_RUNS : 0); i += 1) {
    const k = await app();
    await k.page.waitForFunction(() => window.appPainted);
    const paint = (page) => page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      app: window.appPainted,
    }));
    record('startup:cold', 'kam', await paint(k.page));
    // A second visit: the browser's cache and the service worker (registered on the first).
    await k.page.reload();
    await k.page.waitForFunction(() => window.appPainted);
    record('startup:warm', 'kam', await paint(k.page));
    await k.close();
  }

  if (runs('ui')) {
    log(`the Import view, clicks included, ${LARGEST} rows CSV`);
    const k = await app();
    await k.page.goto(server.url + '#/import');
    await k.page.getByTestId('view-import').waitFor();
    await loadFile(k.page, `accounts-${LARGEST}.csv`);
    // A user takes a few seconds to pick a file: the worker started with the view has its
    // module compiled by then.
    await k.page.waitForTimeout(3000);
    const steps = [
      ['read', (page) => page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(window.benchFile);
        const input = document.querySelector('[data-testid="import-files"]');
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }), 'import-mapping'],
      ['check', (page) => page.getByTestId('import-check').click(), 'import-review'],
      ['commit', (page) => page.getByTestId('import-commit').click(), 'import-done'],
      ['portfolio', (page) => page.getByTestId('open-portfolio').click(), 'view-portfolio'],
      // The autosave of the imported workspace, shortly after the commit.
      ['saved', async () => {}, '[data-testid="save-indicator"][data-state="saved"]'],
    ];
    const ui = {};
    for (const [name, act, done] of steps) {
      // The step ends when its sign is in the page and the frame showing it is painted, as
      // the page itself sees it: Playwright's own wait polls at growing intervals (up to
      // half a second apart), which once added 0.4-0.5 s to each step.
      const selector = done.startsWith('[') ? done : `[data-testid="${done}"]`;
      const t0 = await k.page.evaluate((selector) => {
        window.stepDone = new Promise((resolve) => {
          const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
          if (document.querySelector(selector)) {
            painted();
            return;
          }
          const observer = new MutationObserver(() => {
            if (document.querySelector(selector)) {
              observer.disconnect();
              painted();
            }
          });
          observer.observe(document, { childList: true, subtree: true, attributes: true });
        });
        return performance.now();
      }, selector);
      await act(k.page);
      const [t1, longest] = await k.page.evaluate(async (t0) => {
        const t1 = await window.stepDone;
        window.takeLongTasks();
        return [t1, Math.max(0, ...window.longTasks.filter(([t]) => t >= t0).map(([, d]) => d))];
      }, t0);
      ui[name] = { ms: t1 - t0, longest };
    }
    ui.total = { ms: Object.values(ui).reduce((s, x) => s + x.ms, 0), longest: Math.max(...Object.values(ui).map((x) => x.longest)) };
    record('ui', 'kam', ui);
    await k.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(data, { recursive: true, force: true });
}
if (foreign.length) throw new Error(`requests left the machine: ${foreign.join(', ')}`);
// The console's line for a failed response names no URL; the response itself is listed above.
const pageErrors = errors.filter((e) => !/^Failed to load resource/.test(e));
if (pageErrors.length) throw new Error(`the pages logged errors: ${pageErrors.join('; ')}`);

// ---- The table ----

const fmt = (ms) => (Number.isNaN(ms) ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const rowsLabel = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
const pick = (key, side, field) => (results[key]?.[side] ?? []).map((r) => (field ? r[field] : r));

/** A row comparing both sides; `goal` is `{ms}` (KAM Radar at most) and/or `{ratio}` (at most). */
function compare(metric, size, key, field, goal = {}) {
  if (!pick(key, 'kam', field).length) return; // a part not run
  const kam = median(pick(key, 'kam', field));
  const base = median(pick(key, 'base', field));
  const ratio = kam / base;
  const goals = [];
  const met = [];
  if (goal.ms !== undefined) {
    goals.push(`≤ ${fmt(goal.ms)}`);
    met.push(kam <= goal.ms);
  }
  if (goal.ratio !== undefined) {
    goals.push(`ratio ≤ ${goal.ratio.toFixed(2)} (${(1 / goal.ratio).toFixed(0)}× faster)`);
    met.push(ratio <= goal.ratio);
  }
  const ratioText = Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)} (${ratio < 1 ? `${(1 / ratio).toFixed(1)}× faster` : `${ratio.toFixed(1)}× slower`})`;
  row(metric, size, fmt(kam), fmt(base), ratioText, goals.join(', ') || '—', met.length ? (met.every(Boolean) ? '**yes**' : '**no**') : '—');
}

row('metric', 'rows', 'KAM Radar', 'baseline', 'ratio KAM / baseline', 'goal', 'met?');
row('---', '---', '---', '---', '---', '---', '---');
for (const rows of SIZES) {
  const big = rows === 100_000;
  const size = rowsLabel(rows);
  compare('CSV import, warm (parse + map + score)', size, `CSV:${rows}:warm`, 'total', big ? { ms: 150, ratio: 1 / 3 } : {});
  compare('CSV import, cold (fresh page and worker)', size, `CSV:${rows}:cold`, 'total', big ? { ms: 250 } : {});
  compare('XLSX import, warm', size, `XLSX:${rows}:warm`, 'total', big ? { ratio: 1 / 3 } : {});
  compare('XLSX import, cold', size, `XLSX:${rows}:cold`, 'total', {});
  if (runs('imports')) {
    // The worker's part: reading and converting (KAM Radar), as the page waits for it (the
    // conversion's wall time also holds the page's decoding of the last part).
    const kam = median(pick(`XLSX:${rows}:warm`, 'kam').map((r) => r.read + r.convert));
    row('XLSX in the worker (read + map + convert), warm', size, fmt(kam), '—', '—', big ? '≤ 4.00 s' : '—', big ? (kam <= 4000 ? '**yes**' : '**no**') : '—');
  }
  for (const format of runs('imports') ? ['CSV', 'XLSX'] : []) {
    const all = [...pick(`${format}:${rows}:warm`, 'kam'), ...pick(`${format}:${rows}:cold`, 'kam')];
    const allBase = [...pick(`${format}:${rows}:warm`, 'base'), ...pick(`${format}:${rows}:cold`, 'base')];
    const kam = Math.max(...all.map((r) => r.longest));
    const base = Math.max(...allBase.map((r) => r.longest));
    row(`longest main-thread task during a ${format} import (worst run)`, size, fmt(kam), fmt(base), '—', '≤ 200 ms', kam <= 200 ? '**yes**' : '**no**');
  }
  compare('re-score after a weight change', size, `rescore:${rows}`, null, big ? { ms: 16 } : {});
  compare('portfolio table, first render', size, `table:${rows}`, null, big ? { ms: 50 } : {});
  compare('save to browser storage (new workspace)', size, `storage:${rows}`, 'create');
  compare('save after editing one account', size, `storage:${rows}`, 'save');
  compare('load from browser storage', size, `storage:${rows}`, 'load');
  if (pick(`storage:${rows}`, 'kam').length) {
    const worst = (step) => fmt(Math.max(...pick(`storage:${rows}`, 'kam').map((r) => r.longestTask[step])));
    row('longest main-thread task: save new / save after the edit / load (worst run)', size,
      `${worst('created')} / ${worst('saved')} / ${worst('loaded')}`, '—', '—', '—', '—');
  }
}
compare('redraw of 12 radars for new values (an account edited)', '—', 'radars', null, { ms: 10 });
compare('drawing of 12 radars, labels and legend too (first drawing, language changed)', '—', 'radars:fresh', null, {});
compare('startup to first paint (boot text), cold', '—', 'startup:cold', 'fcp');
compare('startup to the app painted, cold', '—', 'startup:cold', 'app');
compare('startup to the app painted, second visit', '—', 'startup:warm', 'app');
const sizes = wasmSizes(DIST);
for (const { name, raw, gzip, brotli } of sizes) {
  const main = name === MAIN_WASM;
  row(`${main ? 'main wasm' : name === WORKER_WASM ? 'import worker wasm' : name} (raw / gzip / brotli)`, '—', `${kb(raw)} / ${kb(gzip)} / **${kb(brotli)}**`, '—', '—',
    main ? `≤ ${kb(MAIN_BROTLI_GOAL)} brotli` : '—', main ? (brotli <= MAIN_BROTLI_GOAL ? '**yes**' : '**no**') : '—');
}

// Where the import's time goes, per step (medians of the warm runs).
const steps = [];
steps.push('| file | rows | read + map (worker) | convert (worker) and decode + score ahead (page), overlapped | of which decode + score ahead (page) | merge preview (page) | commit: scores taken, or index + score (page) | baseline parse | baseline map + score |');
steps.push('|---|---|---|---|---|---|---|---|---|');
for (const file of runs('imports') ? files : []) {
  const kam = pick(`${file.format}:${file.rows}:warm`, 'kam');
  const base = pick(`${file.format}:${file.rows}:warm`, 'base');
  const m = (xs, f) => fmt(median(xs.map((r) => r[f])));
  steps.push(`| ${file.format} ${(file.bytes / 1e6).toFixed(1)} MB | ${rowsLabel(file.rows)} | ${m(kam, 'read')} | ${m(kam, 'convert')} | ${m(kam, 'receive')} | ${m(kam, 'merge')} | ${m(kam, 'score')} | ${m(base, 'parse')} | ${m(base, 'score')} |`);
}
const ui = pick('ui', 'kam')[0];
const uiLine = ui
  ? `Through the Import view with clicks (${rowsLabel(LARGEST)} rows CSV, one run, the file given 3 s after the view opened; time / longest main-thread task): `
    + ['read', 'check', 'commit', 'portfolio', 'saved', 'total'].map((s) => `${s} ${fmt(ui[s].ms)} / ${fmt(ui[s].longest)}`).join(', ') + '.'
  : '';

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model;
let rustc = '';
try {
  rustc = execSync('rustc --version', { encoding: 'utf8' }).trim();
} catch {
  rustc = 'rustc unknown';
}
const machine = `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${chromium}, ${rustc}, `
  + `load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end, ${new Date().toISOString().slice(0, 10)}`;

const runsNote = runs('imports')
  ? `Medians of ${WARM_RUNS} warm runs (after one warm-up; ${runsFor(LARGEST, WARM_RUNS)} at 100k) and ${COLD_RUNS} cold runs (each in a fresh browser context: nothing cached, a new worker). `
    + `Baseline: papaparse ${pkgVersion('papaparse')} / SheetJS xlsx ${pkgVersion('xlsx')} with the same frameworks in plain JavaScript on the page's thread; its accounts per class equal KAM Radar's on every file (checked).`
  : `Parts run: ${ONLY.join(', ')} (no import timed, no cold run, no baseline); medians of ${WARM_RUNS} runs (${runsFor(LARGEST, WARM_RUNS)} at 100k).`;
function pkgVersion(name) {
  return JSON.parse(readFileSync(join(NODE_MODULES, name, 'package.json'), 'utf8')).version;
}

const report = [
  `Machine: ${machine}.`,
  '',
  runsNote,
  '',
  ...lines,
  '',
  'Where the import\'s time goes (warm medians):',
  '',
  ...steps,
  '',
  uiLine,
  '',
].join('\n');
writeFileSync(OUT, report);
console.log(report);
console.error(`· written to ${OUT}`);
