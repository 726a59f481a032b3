// The portfolio settings in Chromium on the demo workspace: ABC cut-offs moved on the Portfolio
// view re-class the accounts at once and survive a reload; a value that is not a number, or
// that would put A's cut-off above B's, is refused on its field with the reason and changes
// nothing (Escape puts the value in force back); the ABC basis switches the Pareto curve with
// it; the Account view weighs customer C's contracts by age and runs the strategic-candidate
// test with the thresholds set here, in English and Chinese; the credit rating's deal-volume
// thresholds grade accounts from their annual sales once both are set.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { PortfolioTable } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

describe('portfolio settings', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function openPortfolioOfDemo(app, page, portfolio) {
    await app.open(suite.server.url);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('account-detail').waitFor();
    await app.navLink(portfolio).click();
    const table = new PortfolioTable(page);
    await table.rows.first().waitFor();
    return table;
  }

  const abcCounts = async (table) => ({
    A: await table.chipCount('abc', 'A'),
    B: await table.chipCount('abc', 'B'),
    C: await table.chipCount('abc', 'C'),
    none: await table.chipCount('abc', 'unclassified'),
  });

  /** The reason under a setting's field, when it refused a value. */
  const errorOf = (page, id) =>
    page.locator(`label.setting:has([data-testid="setting-${id}"]) [data-testid="setting-error"]`);

  /** Types `text` into a setting and presses Enter. */
  async function setSetting(page, id, text) {
    const field = page.getByTestId(`setting-${id}`);
    await field.fill(text);
    await field.press('Enter');
    return field;
  }

  test('ABC cut-offs and basis re-class the portfolio live, refuse bad values and are saved', async () => {
    await session({ locale: 'en-US', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      const table = await openPortfolioOfDemo(app, page, 'Portfolio');
      const before = await abcCounts(table);
      const total = await table.shownCount();
      assert.equal(before.A + before.B + before.C + before.none, total);
      assert.ok(before.A > 0 && before.B > 0 && before.C > 0, JSON.stringify(before));
      const pareto = page.getByTestId('pareto').locator('canvas');
      assert.equal(await pareto.getAttribute('aria-label'), 'ABC Pareto curve · annual sales');

      await page.getByTestId('portfolio-settings').locator('summary').click();
      assert.equal(await page.getByTestId('setting-abc-a').inputValue(), '80');
      assert.equal(await page.getByTestId('setting-abc-b').inputValue(), '95');

      // A up to 60%: fewer A accounts, the others move down a class; nobody is lost.
      await setSetting(page, 'abc-a', '60');
      await page.waitForFunction((a) => Number(document.querySelector('[data-framework="abc"] [data-class="A"] strong')?.textContent) < a, before.A);
      const moved = await abcCounts(table);
      assert.ok(moved.A < before.A && moved.B > before.B, JSON.stringify({ before, moved }));
      assert.equal(moved.A + moved.B + moved.C + moved.none, total);

      // Refused: not a number, then B below A. The reason is on the field; the classes stay.
      const b = await setSetting(page, 'abc-b', 'ninety');
      const error = errorOf(page, 'abc-b');
      assert.equal(await error.innerText(), 'Enter a number, such as 80 or 1,000,000.');
      assert.equal(await b.getAttribute('aria-invalid'), 'true');
      await setSetting(page, 'abc-b', '50');
      assert.equal(await error.innerText(), "A's cut-off (60%) must stay below B's (50%).");
      assert.deepEqual(await abcCounts(table), moved);
      await b.press('Escape');
      assert.equal(await b.inputValue(), '95', 'Escape puts back the value in force');
      assert.equal(await error.count(), 0);

      // Contract value: the demo has none, so no account gets a class and the curve goes.
      await page.getByTestId('setting-abc-basis').selectOption('contract_value');
      await page.waitForFunction((n) => Number(document.querySelector('[data-framework="abc"] [data-class="unclassified"] strong')?.textContent) === n, total);
      await page.waitForFunction(() => !document.querySelector('[data-testid="pareto"] canvas').hasAttribute('aria-label'));
      assert.equal(await pareto.evaluate((c) => c.height), 0, 'no stale curve of annual sales is left standing');
      assert.equal(
        await page.getByTestId('pareto-empty').innerText(),
        'ABC Pareto curve · contract value: no account has this figure, so there is no curve. Import it, or choose what ABC ranks by in the Portfolio settings.',
      );
      await page.getByTestId('setting-abc-basis').selectOption('annual_sales');
      await page.waitForFunction(() => document.querySelector('[data-testid="pareto"] canvas').getAttribute('aria-label') === 'ABC Pareto curve · annual sales');
      assert.equal(await page.getByTestId('pareto-empty').count(), 0);
      assert.deepEqual(await abcCounts(table), moved);

      // Saved with the workspace.
      await page.waitForTimeout(1200);
      await app.reload();
      await table.rows.first().waitFor();
      assert.deepEqual(await abcCounts(table), moved);
      await page.getByTestId('portfolio-settings').locator('summary').click();
      assert.equal(await page.getByTestId('setting-abc-a').inputValue(), '60');
    });
  });

  test('customer C: contracts weighed by age and the strategic test with the thresholds set here', async () => {
    await session({ locale: 'en-US', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      const table = await openPortfolioOfDemo(app, page, 'Portfolio');
      const openCustomerC = async () => {
        await app.navLink('Portfolio').click();
        await table.search.fill('Customer C');
        await page.waitForFunction(() => document.querySelector('[data-testid="shown-count"]')?.textContent === '1');
        await table.rows.first().click();
        await page.getByTestId('view-accounts').waitFor();
        await page.waitForFunction(() => /Customer C/.test(document.querySelector('[data-testid="account-name"]')?.textContent ?? ''));
      };
      await openCustomerC();
      assert.match(
        await page.getByTestId('recency-weighted').innerText(),
        /^\d+(\.\d+)? of 7000000 signed \(8 contracts; each contract's weight halves every 3 years of age\)$/,
      );
      const check = page.getByTestId('strategic-check');
      let lines = (await check.innerText()).split('\n').filter(Boolean);
      assert.equal(lines[0], 'Strategic candidate 战略级大客户候选: yes');
      assert.match(lines[1], /^✓ Average yearly purchases [\d.]+ = [\d.]+% of our revenue 50000000: above 3%$/);
      assert.match(lines[2], /^✓ Growth, year on year: [\d.]+% · [\d.]+% · [\d.]+%: each above 10%$/);

      // Y raised above C's growth: no longer a candidate, and the line that fails says so.
      await app.navLink('Portfolio').click();
      await page.getByTestId('portfolio-settings').locator('summary').click();
      await setSetting(page, 'strategic-growth', '30');
      await setSetting(page, 'half-life', '1');
      await openCustomerC();
      lines = (await check.innerText()).split('\n').filter(Boolean);
      assert.equal(lines[0], 'Not a strategic candidate 战略级大客户候选');
      assert.match(lines[2], /^✗ Growth, year on year: .*: not each above 30%$/);
      assert.match(await page.getByTestId('recency-weighted').innerText(), /halves every 1 year of age\)$/);

      // Without our revenue the test does not run, and says what it needs.
      await app.navLink('Portfolio').click();
      await page.getByTestId('portfolio-settings').locator('summary').click();
      await setSetting(page, 'our-revenue', '');
      await openCustomerC();
      assert.equal(
        await check.innerText(),
        'Not tested: set our annual revenue and the thresholds X and Y in the Portfolio settings.',
      );
    });
  });

  test('in Chinese the settings, their refusals and the strategic test are Chinese', async () => {
    await session({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      await openPortfolioOfDemo(app, page, '客户组合');
      const panel = page.getByTestId('portfolio-settings');
      await panel.locator('summary').click();
      assert.match(await panel.locator('summary').innerText(), /组合设置/);
      await setSetting(page, 'rfm-window', '30.5');
      assert.equal(await errorOf(page, 'rfm-window').innerText(), '请输入整数。');
      await setSetting(page, 'mainstream', '150');
      assert.equal(await errorOf(page, 'mainstream').innerText(), '请输入大于 0 且不超过 100 的数字。');

      const table = new PortfolioTable(page);
      await table.search.fill('Customer C');
      await page.waitForFunction(() => document.querySelector('[data-testid="shown-count"]')?.textContent === '1');
      await table.rows.first().click();
      await page.getByTestId('view-accounts').waitFor();
      const lines = (await page.getByTestId('strategic-check').innerText()).split('\n').filter(Boolean);
      assert.equal(lines[0], '战略级大客户候选：是');
      assert.match(lines[1], /^✓ 近三年年均采购额 [\d.]+ = 我方营收 50000000 的 [\d.]+%：高于 3%$/);
    });
  });

  test('deal-volume thresholds rate accounts from their annual sales, set as a pair, and are saved', async () => {
    await session({ locale: 'en-US', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      // Three accounts rated good on performance and low on risk, without a deal volume.
      const account = (id, sales) => ({
        id,
        name: id,
        inputs: { annual_sales: sales, contract_performance: 'good', operating_risk: 'low' },
      });
      const file = {
        format: 'kam-radar-workspace-file',
        version: 1,
        workspace: {
          schema_version: 1,
          name: 'deal volume',
          accounts: [account('big', 8000000), account('middle', 2000000), account('small', 500000)],
        },
      };
      await app.open(suite.server.url + '#/about');
      await page.getByTestId('open-workspace').setInputFiles({
        name: 'deal-volume.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
      await page.locator('[data-testid="about-outcome"]:not(.failed)').waitFor();
      await page.goto(suite.server.url + '#/portfolio');
      const table = new PortfolioTable(page);
      await table.rows.first().waitFor();
      const grades = async () => ({
        AAA: await table.chipCount('credit', 'AAA'),
        AA: await table.chipCount('credit', 'AA'),
        A: await table.chipCount('credit', 'A'),
        none: await table.chipCount('credit', 'unclassified'),
      });
      assert.deepEqual(await grades(), { AAA: 0, AA: 0, A: 0, none: 3 }, 'no deal volume: no grade');

      await page.getByTestId('portfolio-settings').locator('summary').click();
      // The first threshold waits for the second, which says so; nothing is graded yet.
      const high = await setSetting(page, 'deal-high', '5,000,000');
      assert.equal(
        await errorOf(page, 'deal-mid').innerText(),
        'Enter both thresholds, or leave both empty to enter deal volume directly.',
      );
      assert.equal(await page.getByTestId('setting-deal-mid').getAttribute('aria-invalid'), 'true');
      assert.equal(await high.inputValue(), '5,000,000', 'what was typed stays');
      const mid = await setSetting(page, 'deal-mid', '6000000');
      assert.equal(
        await errorOf(page, 'deal-mid').innerText(),
        'The high threshold (5000000) must be above the mid one (6000000).',
      );
      assert.deepEqual(await grades(), { AAA: 0, AA: 0, A: 0, none: 3 });

      // A valid pair grades all three at once: 42.5 / 27.5 / 10 points of deal volume.
      await setSetting(page, 'deal-mid', '1,000,000');
      await page.waitForFunction(() => document.querySelector('[data-framework="credit"] [data-class="AAA"] strong')?.textContent === '1');
      assert.deepEqual(await grades(), { AAA: 1, AA: 1, A: 1, none: 0 });
      assert.equal(await errorOf(page, 'deal-mid').count(), 0);
      assert.equal(await mid.inputValue(), '1000000');

      // Saved with the workspace (the autosave waits for a pause in the edits).
      await page.waitForTimeout(1200);
      await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
      await app.reload();
      await table.rows.first().waitFor();
      assert.deepEqual(await grades(), { AAA: 1, AA: 1, A: 1, none: 0 });
      await page.getByTestId('portfolio-settings').locator('summary').click();
      assert.equal(await page.getByTestId('setting-deal-high').inputValue(), '5000000');

      // Both cleared: deal volume is entered directly again.
      await page.getByTestId('setting-deal-high').fill('');
      await setSetting(page, 'deal-mid', '');
      await page.waitForFunction(() => document.querySelector('[data-framework="credit"] [data-class="unclassified"] strong')?.textContent === '3');
    });
  });
});
