// The portfolio table in Chromium on the demo workspace: counts per class, the key-account and
// colour lists one click away, sorting, search, a virtualised body that keeps only the rows in
// view in the DOM, keyboard operation, and the results CSV with formula-injection protection.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PortfolioTable } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

const COLUMNS = 14;
const KA_LIST = 2;
const GRADE = 4;
const KA_SCORE = 1;

/** Records of CSV text: fields split at commas outside quotes, doubled quotes undone. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  return records;
}

describe('portfolio table', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function openTable(app, page) {
    await app.open(suite.server.url);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('account-detail').waitFor();
    await app.navLink('Portfolio').click();
    const table = new PortfolioTable(page);
    await table.rows.first().waitFor();
    return table;
  }

  /**
   * The texts of the rendered cells the table cuts off, but for the account name, owner and
   * region: the app's own numbers and labels must always show whole; the user's texts may be
   * shortened (their cells carry the whole text as a tooltip).
   */
  async function cutOff(table) {
    return table.rows.locator('[role="gridcell"]:not(:nth-child(1)):not(:nth-child(12)):not(:nth-child(13))')
      .evaluateAll((cells) => cells
        .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
        .map((c) => c.textContent));
  }

  async function waitForShown(table, count) {
    await table.page.waitForFunction(
      (n) => document.querySelector('[data-testid="shown-count"]')?.textContent === String(n),
      count,
    );
  }

  test('counts per class, and the key-account and green lists one click away', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      const table = await openTable(app, page);
      assert.equal(await table.shownCount(), 203);
      const counts = ['key', 'potential', 'none', 'key_status_lost', 'unclassified'];
      let sum = 0;
      for (const id of counts) sum += await table.chipCount('scorecard', id);
      assert.equal(sum, 203, 'the scorecard counts add up to every account');

      const keyAccounts = await table.chipCount('scorecard', 'key');
      assert.ok(keyAccounts > 0);
      await table.chip('scorecard', 'key').click();
      await waitForShown(table, keyAccounts);
      assert.equal(await table.chip('scorecard', 'key').getAttribute('aria-pressed'), 'true');
      assert.equal(await table.chipCount('scorecard', 'key'), keyAccounts, 'the header count matches');
      const rows = await table.allRows();
      assert.equal(rows.length, keyAccounts);
      for (const cells of rows) {
        assert.equal(cells.length, COLUMNS);
        assert.equal(cells[KA_LIST], 'key account list', `${cells[0]} is on the list`);
        assert.ok(Number(cells[KA_SCORE]) >= 80);
      }

      await table.chip('credit', 'AAA').click();
      const green = await table.shownCount();
      assert.equal(green, await table.chipCount('credit', 'AAA'));
      for (const cells of await table.renderedRows()) {
        assert.equal(cells.cells[GRADE], 'AAA · green list');
        assert.equal(cells.cells[KA_LIST], 'key account list', 'both filters hold');
      }

      await page.getByTestId('clear-filters').click();
      await waitForShown(table, 203);
      assert.equal(await table.chip('scorecard', 'key').getAttribute('aria-pressed'), 'false');
      await table.chip('credit', 'A').click();
      for (const row of await table.renderedRows()) assert.equal(row.cells[GRADE], 'A · red list');
    });
  });

  test('a key account on the red list for a year is shown, opened and exported as having lost its status', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      const table = await openTable(app, page);
      const key = await table.chipCount('scorecard', 'key');
      const lost = await table.chipCount('scorecard', 'key_status_lost');
      assert.ok(lost > 0, 'the demo has key accounts red for a year');
      assert.deepEqual(await cutOff(table), [], 'cells cut off in the table');
      await table.chip('scorecard', 'key_status_lost').click();
      await waitForShown(table, lost);
      const cells = table.rows.locator('[role="gridcell"]:nth-child(3)');
      for (const row of await table.renderedRows()) {
        assert.equal(row.cells[KA_LIST], 'key-account status lost · red list');
        assert.ok(Number(row.cells[KA_SCORE]) >= 80, 'scored as a key account');
        assert.equal(row.cells[GRADE], 'A · red list', 'and red now');
      }
      assert.match(
        await cells.first().getAttribute('title'),
        /^Key-account status lost on \d{4}-\d{2}-\d{2} \(red list for 12 months or more\)$/,
      );
      // The long class name is shown whole (on two lines), not cut off by its column.
      assert.deepEqual(await cutOff(table), [], 'cells cut off in the table');
      const headings = await table.viewport.locator('.pt-head [role="columnheader"] button').evaluateAll((buttons) =>
        buttons.filter((b) => b.scrollHeight > b.clientHeight + 1)
          .map((b) => b.textContent));
      assert.deepEqual(headings, [], 'headings running out of their row');
      const name = (await table.renderedRows())[0].cells[0];

      // The results CSV lists them as such, with the day.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-results').click()]);
      const [header, ...records] = parseCsv((await readFile(await csv.path(), 'utf8')).slice(1));
      const at = (record, column) => record[header.indexOf(column)];
      const lostRecords = records.filter((record) => at(record, 'ka_list') === 'key_status_lost');
      assert.equal(lostRecords.length, lost);
      for (const record of lostRecords) assert.match(at(record, 'ka_status_lost_on'), /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(records.filter((record) => at(record, 'ka_list') === 'key').length, key);

      // The account says so above its scores.
      await table.rows.first().click();
      await page.getByTestId('account-detail').waitFor();
      assert.equal(await page.getByTestId('account-name').innerText(), name);
      const badge = page.locator('.badge[data-framework="scorecard"]');
      assert.equal(await badge.getAttribute('data-class'), 'key_status_lost');
      assert.match(
        await page.getByTestId('key-status-lost').innerText(),
        /^Key-account status lost on \d{4}-\d{2}-\d{2} \(red list for 12 months or more\)$/,
      );
      assert.match(
        await page.getByTestId('improve-scorecard').innerText(),
        /Key-account status was lost on the red list: it returns with the next assessment off the red list/,
        'what to improve points at the credit rating, not at more points',
      );

      // Ten years on the red list before the status goes: every one of them is a key account again.
      await app.navLink('Portfolio').click();
      await page.getByTestId('portfolio-settings').locator('summary').click();
      const months = page.getByTestId('setting-red-list-months');
      await months.fill('120');
      await months.press('Enter');
      // The filter in force keeps its chip, now empty, until it is cleared.
      await waitForShown(table, 0);
      assert.equal(await table.chipCount('scorecard', 'key_status_lost'), 0);
      await page.getByTestId('clear-filters').click();
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-framework="scorecard"] [data-class="key"] strong')?.textContent) === n,
        key + lost,
      );
      assert.equal(await table.chip('scorecard', 'key_status_lost').count(), 0, 'no chip for a status nobody lost');
    });
  });

  test('a heading sorts by its column, a second click reverses, missing totals last', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      const table = await openTable(app, page);
      const heading = table.heading('Key-account score');
      assert.equal(await heading.getAttribute('aria-sort'), null);
      await heading.locator('button').click();
      await page.locator('[role="columnheader"][aria-sort="descending"]', { hasText: 'Key-account score' }).waitFor();
      const scores = (await table.allRows()).map((cells) => cells[KA_SCORE]);
      assert.equal(scores.length, 203);
      const present = scores.filter((s) => s !== '—').map(Number);
      assert.deepEqual(scores.slice(0, present.length).map(Number), present, 'missing totals come last');
      for (let i = 1; i < present.length; i += 1) {
        assert.ok(present[i - 1] >= present[i], `row ${i}: ${present[i - 1]} then ${present[i]}`);
      }

      await table.scrollTo(0);
      await table.heading('Key-account score').locator('button').click();
      await page.locator('[role="columnheader"][aria-sort="ascending"]', { hasText: 'Key-account score' }).waitFor();
      const first = (await table.renderedRows())[0].cells[KA_SCORE];
      assert.equal(Number(first), Math.min(...present));
    });
  });

  test('free-text search finds an account by its English or Chinese name', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      const table = await openTable(app, page);
      await table.search.fill('customer b');
      await waitForShown(table, 1);
      const [row] = await table.renderedRows();
      assert.match(row.cells[0], /Customer B/);
      await table.search.fill('客户A');
      await waitForShown(table, 1);
      assert.match((await table.renderedRows())[0].cells[0], /Customer A/);
      await table.search.fill('no such account anywhere');
      await waitForShown(table, 0);
      await page.getByTestId('no-matches').waitFor();
    });
  });

  test('only the rows in view are in the DOM, and scrolling brings later ones', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      const table = await openTable(app, page);
      const before = await table.renderedRows();
      assert.ok(before.length >= 15 && before.length <= 40, `${before.length} rows rendered`);
      assert.equal(before[0].index, 2, 'the first account is row 2 after the heading');
      assert.equal(await table.viewport.getAttribute('aria-rowcount'), '204');
      await table.scrollTo(1_000_000);
      const after = await table.renderedRows();
      assert.ok(after.length <= 40, `${after.length} rows rendered at the end`);
      assert.equal(after.at(-1).index, 204, 'the last account is rendered');
      assert.ok(!after.some((row) => row.index === 2), 'the first one is gone');
      const box = await table.viewport.boundingBox();
      const last = await table.rows.last().boundingBox();
      assert.ok(last.y + last.height <= box.y + box.height + 1, 'the last row is in view');
    });
  });

  test('keyboard: arrows move between rows and Enter opens the account', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      const table = await openTable(app, page);
      const inTabOrder = table.viewport.locator('.pt-body [tabindex="0"]');
      assert.equal(await inTabOrder.count(), 1);
      await inTabOrder.focus();
      for (let i = 0; i < 20; i += 1) await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.activeElement?.dataset.pos === '20');
      const name = await page.evaluate(() => document.activeElement.querySelector('[role="gridcell"]').textContent);
      const box = await table.viewport.boundingBox();
      const focused = await page.locator('[data-pos="20"]').boundingBox();
      assert.ok(focused.y >= box.y && focused.y + focused.height <= box.y + box.height + 1, 'the row was scrolled into view');
      await page.keyboard.press('Enter');
      await page.getByTestId('account-detail').waitFor();
      assert.equal(await page.getByTestId('account-detail').locator('h2').first().innerText(), name);
      assert.match(page.url(), /#\/accounts$/);
    });
  });

  test('the results CSV holds every account, with a name starting with "=" neutralised', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      const file = {
        format: 'kam-radar-workspace-file',
        version: 1,
        workspace: {
          schema_version: 1,
          name: 'injection check',
          accounts: [
            {
              id: 'evil',
              name: "=HYPERLINK(\"http://example.invalid\",\"x\")",
              inputs: { deal_volume: 10, contract_performance: 10, operating_risk: -40 },
            },
            { id: 'plain', name: 'Plain Ltd', inputs: {} },
          ],
        },
      };
      await app.open(suite.server.url + '#/about');
      await page.getByTestId('open-workspace').setInputFiles({
        name: 'injection.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
      await page.locator('[data-testid="about-outcome"]:not(.failed)').waitFor();
      await page.goto(suite.server.url + '#/portfolio');
      const table = new PortfolioTable(page);
      await waitForShown(table, 2);
      assert.match(await page.getByTestId('download-results').getAttribute('title'), /Every account/);

      await table.search.fill('plain');
      await waitForShown(table, 1);
      const [all] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-results').click(),
      ]);
      assert.match(all.suggestedFilename(), /injection check_results\.csv$/);
      const bytes = await readFile(await all.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark for Excel');
      const [header, ...records] = parseCsv(bytes.toString('utf8').slice(1));
      assert.deepEqual(header.slice(0, 9), [
        'account', 'ka_score', 'ka_list', 'ka_status_lost_on', 'credit_score', 'credit_grade', 'credit_list',
        'ext_class', 'int_tier',
      ]);
      assert.deepEqual(header.slice(-2), ['account_id', 'incomplete']);
      assert.equal(records.length, 2, 'every account, whatever the filter shows');
      const cell = (record, name) => record[header.indexOf(name)];
      const evil = records.find((record) => cell(record, 'account_id') === 'evil');
      assert.equal(cell(evil, 'account'), '\'=HYPERLINK("http://example.invalid","x")', 'neutralised');
      assert.equal(cell(evil, 'credit_score'), '-20', 'a negative score stays a number');
      assert.equal(cell(evil, 'credit_grade'), 'A');
      for (const record of records) {
        assert.equal(record.length, header.length);
        for (const value of record) {
          assert.ok(!/^[=+\-@\t\r]/.test(value) || !Number.isNaN(Number(value)), `${value} would run as a formula`);
        }
      }

      const [shown] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-shown').click(),
      ]);
      const [, ...shownRecords] = parseCsv((await readFile(await shown.path(), 'utf8')).slice(1));
      assert.deepEqual(shownRecords.map((record) => record[0]), ['Plain Ltd'], 'only the account shown');
    });
  });

  test('the table speaks Chinese and the empty workspace shows the first steps', async () => {
    await session({ locale: 'zh-CN' }, async (app, page) => {
      await app.open(suite.server.url + '#/portfolio');
      await page.getByTestId('no-accounts').waitFor();
      await page.getByTestId('load-demo').click();
      await page.getByTestId('account-detail').waitFor();
      await app.navLink('客户组合').click();
      const table = new PortfolioTable(page);
      await table.rows.first().waitFor();
      assert.ok(await table.heading('大客户名单').count() > 0);
      assert.match(await page.getByTestId('download-results').innerText(), /下载结果 CSV/);
      await table.chip('scorecard', 'key').click();
      for (const row of await table.renderedRows()) assert.equal(row.cells[KA_LIST], '大客户名单');
    });
  });
});
