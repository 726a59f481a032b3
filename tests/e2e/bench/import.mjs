// Times a 100,000-row CSV import through the Import view in headless Chromium, the way a user
// goes through it — read and map (in the import worker), check (convert in the worker, records
// decoded by the page, merge preview), commit — and the page's longest frame gap in each phase
// (how long it froze). The file is built inside the page, so Playwright's own file transfer is
// not timed. Prints the median of several runs, each in a fresh context (a cold worker).
// Run after a release build: `node tests/e2e/bench/import.mjs [rows]`.
import { DIST, launchBrowser, openPage } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';

const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = 3;
const PHASES = [
  ['read + map columns (worker)', (page) => page.evaluate(pickFile), 'import-mapping'],
  ['check: convert (worker) + decode + merge preview', (page) => page.getByTestId('import-check').click(), 'import-review'],
  ['commit', (page) => page.getByTestId('import-commit').click(), 'import-done'],
  ['open the portfolio (re-score, autosave, charts)', (page) => page.getByTestId('open-portfolio').click(), 'view-portfolio'],
];

function pickFile() {
  const transfer = new DataTransfer();
  transfer.items.add(window.benchFile);
  const input = document.querySelector('[data-testid="import-files"]');
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const server = await serveStatic(DIST, '/');
const browser = await launchBrowser();
const results = PHASES.map(() => ({ time: [], gap: [] }));
let bytes = 0;
try {
  for (let run = 0; run < RUNS; run += 1) {
    const { page, context } = await openPage(browser, { locale: 'en-US' });
    await page.goto(server.url + '#/import');
    await page.getByTestId('view-import').waitFor();
    bytes = await page.evaluate((rows) => {
      const levels = ['高', '中', '低'];
      const lines = ['客户编号,客户名称,区域,行业,负责人,战略契合度,利润贡献,业务规模,行业影响力,市场和品牌效应,发展潜力,年销售额,营业收入'];
      for (let i = 0; i < rows; i += 1) {
        const l = (k) => levels[(i * 7 + k * 3) % 3];
        lines.push(`C${String(i).padStart(6, '0')},客户 ${i} 有限公司,区域 ${i % 9},行业 ${i % 17},经理 ${i % 50},${l(1)},${l(2)},${l(3)},${l(4)},${l(5)},${l(6)},"${(i % 997) * 13 + 50},000",${(i * 7919) % 90_000_000 + 1_000_000}`);
      }
      window.benchFile = new File([lines.join('\r\n')], 'bench.csv', { type: 'text/csv' });
      window.frames_ = { last: performance.now(), longest: 0 };
      const tick = (now) => {
        window.frames_.longest = Math.max(window.frames_.longest, now - window.frames_.last);
        window.frames_.last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      return window.benchFile.size;
    }, ROWS);
    for (const [i, [, act, done]] of PHASES.entries()) {
      await page.evaluate(() => {
        window.frames_.longest = 0;
        window.frames_.last = performance.now();
        window.phaseStart = performance.now();
      });
      await act(page);
      await page.getByTestId(done).waitFor({ timeout: 180_000 });
      // One more frame, so a freeze at the end of the phase is counted.
      const [time, gap] = await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => resolve([performance.now() - window.phaseStart, window.frames_.longest]))),
      );
      results[i].time.push(time);
      results[i].gap.push(gap);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`import of ${ROWS} rows (${(bytes / 1e6).toFixed(1)} MB CSV), median of ${RUNS} runs`);
console.log('| phase | time | longest frame gap |\n|---|---|---|');
for (const [i, [name]] of PHASES.entries()) {
  console.log(`| ${name} | ${median(results[i].time).toFixed(0)} ms | ${median(results[i].gap).toFixed(0)} ms |`);
}
