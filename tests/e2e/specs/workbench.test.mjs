// A consultant's workshop session in one sitting, at projector size, in Chromium: load the
// demo, find a key account through a filter and read why it is one, copy the scorecard and
// change a weight (the tier counts move, and the portfolio agrees), make a stakeholder an
// opponent (the plan and the internal profile's relationship score follow), import a client
// row whose name would run a command, export the results as CSV and XLSX (the name arrives as
// text), and open the print view. Each step starts from what the previous one left, so the
// views are checked working together on one workspace rather than each on a fresh demo.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PortfolioTable } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';
import { readXlsx } from '../support/xlsx.mjs';

const EVIL = '=cmd|\' /C calc\'!A0';
const CLIENT_ROW = [
  '客户编号,客户名称,区域,负责人,战略契合度,利润贡献,业务规模,行业影响力,市场和品牌效应,发展潜力',
  `WS-1,${EVIL},华东,王经理,高,高,高,高,高,高`,
].join('\n');

describe('a consultant walk-through', () => {
  const suite = appSuite();

  /** The number shown in a class count of the framework editor's summary. */
  const editorCounts = (page) => page.getByTestId('fw-count').evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [li.dataset.class, Number(li.querySelector('strong').textContent)])));

  async function download(page, testId) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  }

  test('demo → key account and why → weight change → stakeholder → exports → print', async () => {
    const options = { locale: 'en-US', acceptDownloads: true, viewport: { width: 1280, height: 720 } };
    await suite.session(options, async (app, page) => {
      // 1. The demo, one click from the first screen.
      await app.open(suite.server.url);
      await page.getByTestId('load-demo').click();
      await page.getByTestId('account-detail').waitFor();
      await page.getByTestId('demo-banner').waitFor();

      // 2. The key-account list through its filter; the first account opens and says why.
      await app.navLink('Portfolio').click();
      const table = new PortfolioTable(page);
      await table.rows.first().waitFor();
      const keyBefore = await table.chipCount('scorecard', 'key');
      assert.ok(keyBefore > 0, 'the demo has key accounts');
      await table.chip('scorecard', 'key').click();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="shown-count"]')?.textContent === String(n), keyBefore);
      const name = (await table.renderedRows())[0].cells[0];
      await table.rows.first().click();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="account-name"]')?.textContent === n, name);
      const why = await page.getByTestId('why-scorecard').innerText();
      const total = Number(why.match(/^Key account list: total ([\d.]+) ≥ 80$/)?.[1]);
      assert.ok(total >= 80, `why it is a key account: ${why}`);
      assert.match(await page.locator('.explanation[data-framework="scorecard"] .trail').innerText(),
        /Profit contribution 利润贡献: .* of 20/);

      // 3. A copied scorecard, strategic fit weighing 60: more accounts reach the key list, the
      //    editor says how many moved, and the portfolio's count agrees.
      await app.navLink('Frameworks').click();
      await page.locator('[data-testid="fw-detail"][data-framework="scorecard"]').waitFor();
      const before = await editorCounts(page);
      assert.equal(before.key, keyBefore, 'the editor and the portfolio count alike');
      await page.getByTestId('fw-copy').click();
      const weight = page.getByTestId('fw-weight-strategic_fit');
      await weight.fill('60');
      await weight.press('Enter');
      const change = page.locator('[data-testid="fw-change"][data-framework="scorecard"]');
      const sentence = await change.getByTestId('fw-change-text').innerText();
      const [moved, up] = (sentence.match(/^(\d+) accounts change tier: (\d+) up, (\d+) down$/) ?? [])
        .slice(1).map(Number);
      assert.ok(moved > 0 && up > 0, sentence);
      const after = await editorCounts(page);
      assert.ok(after.key > before.key, `key accounts ${before.key} → ${after.key}`);
      await app.navLink('Portfolio').click();
      await table.rows.first().waitFor();
      assert.equal(await table.chipCount('scorecard', 'key'), after.key, 'the portfolio follows the edit');

      // 4. X at customer C becomes an opponent: the plan says befriend, and the internal
      //    profile's relationship score (the power-weighted mean of the people) drops.
      await app.navLink('Stakeholders').click();
      await page.getByTestId('stakeholder-account').selectOption('demo-c');
      await page.getByTestId('power-map').waitFor();
      const relationship = async () => Number(await page.getByTestId('relationship-value').innerText());
      const relationshipBefore = await relationship();
      const x = page.locator('[data-testid="person"][data-name="X"]');
      await x.getByTestId('edit-person').click();
      const form = page.getByTestId('person-form');
      await form.getByTestId('field-relationship_role').selectOption({ label: 'opponent 反对者 · 50' });
      await form.getByTestId('field-relationship_role').press('Enter');
      await form.waitFor({ state: 'detached' });
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="plan-item"][data-person="X"]')?.dataset.step === 'befriend');
      const relationshipAfter = await relationship();
      assert.ok(relationshipAfter < relationshipBefore, `${relationshipBefore} → ${relationshipAfter}`);
      await app.navLink('Accounts').click();
      await page.waitForFunction(
        () => /Customer C/.test(document.querySelector('[data-testid="account-name"]')?.textContent ?? ''));
      const internal = await page.locator('.explanation[data-framework="internal"]').innerText();
      assert.match(internal, new RegExp(`Customer relationship 客户关系: .*→ ${relationshipAfter.toFixed(1)}`),
        'the Accounts view explains the new relationship score');

      // 5. A client row named to run a command is imported, and both exports hold it as text.
      await app.navLink('Import').click();
      await page.getByTestId('import-files').setInputFiles([
        { name: 'client.csv', mimeType: 'text/csv', buffer: Buffer.from(CLIENT_ROW) },
      ]);
      await page.getByTestId('import-mapping').waitFor();
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-review').waitFor();
      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-done').waitFor();
      await app.navLink('Portfolio').click();
      await table.rows.first().waitFor();
      await page.getByTestId('clear-filters').click();
      const csv = (await download(page, 'download-results')).bytes.toString('utf8');
      const line = csv.split('\n').find((l) => l.includes('WS-1'));
      assert.ok(line?.startsWith(`'${EVIL},`), `CSV: ${line}`);
      const book = readXlsx((await download(page, 'download-xlsx')).bytes);
      const [header, ...rows] = book.sheet(0);
      assert.equal(header[0].value, 'Account 客户', 'bilingual headers');
      const client = rows.find((row) => row.some((cell) => cell.value === 'WS-1'));
      assert.deepEqual(client[0], { column: 'A', type: 'string', value: `'${EVIL}` }, 'XLSX: neutralised text');

      // 6. The print view: one page per account shown, with radars and explanations.
      await table.search.fill('Customer C');
      await page.waitForFunction(() => document.querySelector('[data-testid="shown-count"]')?.textContent === '1');
      await page.getByTestId('open-print').click();
      const pages = page.getByTestId('print-page');
      await pages.first().waitFor();
      assert.equal(await pages.count(), 1);
      assert.equal(await pages.first().locator('figure.print-radar svg').count(), 2, 'external and internal radars');
      assert.equal(await pages.first().locator('.print-people-table tbody tr').count(), 3, 'X, Y and Z');
    });
  });
});
