// The Account view in Chromium on the demo workspace: a key account found through the
// portfolio's filter says why it is one (the total against the 80 threshold); an edit moves it
// off the list and the class and explanation follow; an out-of-range number is refused with a
// message and changes nothing; notes survive a reload; a red-listed account shows its clock.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { PortfolioTable } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

describe('account view', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function loadDemo(app, page) {
    await app.open(suite.server.url);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('account-detail').waitFor();
  }

  /** Opens the portfolio, shows only one class of a framework and opens its first account. */
  async function openFirstOf(app, page, framework, classId) {
    await app.navLink('Portfolio').click();
    const table = new PortfolioTable(page);
    await table.rows.first().waitFor();
    await page.getByTestId('clear-filters').click();
    await table.chip(framework, classId).click();
    await page.waitForFunction(
      ([f, c]) => document.querySelector(`[data-framework="${f}"] [data-class="${c}"]`)?.getAttribute('aria-pressed') === 'true',
      [framework, classId],
    );
    const name = (await table.renderedRows())[0].cells[0];
    await table.rows.first().click();
    await page.getByTestId('view-accounts').waitFor();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="account-name"]')?.textContent === n,
      name,
    );
    return name;
  }

  const why = (page, framework) => page.getByTestId(`why-${framework}`);
  const badgeClass = (page, framework) =>
    page.locator(`.badge[data-framework="${framework}"]`).getAttribute('data-class');

  test('a key account found through the filter says why, and an edit moves it off the list', async () => {
    await session({ locale: 'en-US', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      await loadDemo(app, page);
      await openFirstOf(app, page, 'scorecard', 'key');

      const sentence = await why(page, 'scorecard').innerText();
      const match = sentence.match(/^Key account list: total ([\d.]+) ≥ 80$/);
      assert.ok(match, `the why-sentence names the total and the 80 threshold: ${sentence}`);
      assert.ok(Number(match[1]) >= 80);
      assert.equal(await badgeClass(page, 'scorecard'), 'key');
      const trail = await page.locator('.explanation[data-framework="scorecard"] .trail').innerText();
      assert.match(trail, /Strategic fit 战略契合度: .* of 30/, 'each criterion is explained');
      assert.match(await page.getByTestId('improve-scorecard').innerText(), /Already in the best class/);

      // A low strategic fit (5 of 30) leaves at most 75: off the key-account list.
      await page.getByTestId('field-strategic_fit-select').selectOption({ label: 'low' });
      await page.waitForFunction(() =>
        document.querySelector('.badge[data-framework="scorecard"]')?.dataset.class !== 'key');
      const after = await why(page, 'scorecard').innerText();
      assert.match(after, /^(Potential key account list: total [\d.]+ ≥ 60 and < 80|Not listed: total [\d.]+ < 60)$/);
      assert.match(
        await page.locator('.explanation[data-framework="scorecard"] .trail').innerText(),
        /Strategic fit 战略契合度: 'low' → 5 of 30 \(band 0–10\)/,
      );
      assert.match(await page.getByTestId('improve-scorecard').innerText(), /points to reach key account list 大客户名单 \(≥ 80\)/);

      // An out-of-range number is refused on the field, and nothing changes.
      const before = await why(page, 'scorecard').innerText();
      await page.getByTestId('field-profit_contribution-select').selectOption('num');
      const number = page.getByTestId('field-profit_contribution-number-input');
      await number.fill('25');
      await number.press('Enter');
      const error = page.getByTestId('field-profit_contribution-number-error');
      await error.waitFor();
      assert.equal(await error.innerText(), '25 is out of range: enter a number from 0 to 20');
      assert.equal(await number.getAttribute('aria-invalid'), 'true');
      assert.equal(await why(page, 'scorecard').innerText(), before, 'the score did not change');
      // Escape gives the field back its stored value; a valid number is written.
      await number.press('Escape');
      assert.equal(await error.innerText(), '');
      await number.fill('20');
      await number.press('Enter');
      await page.waitForFunction((b) =>
        document.querySelector('[data-testid="why-scorecard"]')?.textContent !== b, before);
      assert.match(
        await page.locator('.explanation[data-framework="scorecard"] .trail').innerText(),
        /Profit contribution 利润贡献: 20 → 20 of 20 \(band high: 15–20\)/,
      );
    });
  });

  test('the name is checked, notes survive a reload, and the cuts are explained', async () => {
    await session({ locale: 'en-US', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      await loadDemo(app, page);
      const name = await openFirstOf(app, page, 'scorecard', 'key');
      const nameInput = page.getByTestId('field-name-input');
      await nameInput.fill('   ');
      await nameInput.press('Enter');
      assert.match(await page.getByTestId('field-name-error').innerText(), /The name cannot be empty/);
      assert.equal(await page.getByTestId('account-name').innerText(), name);
      await nameInput.press('Escape');

      // The source's customer A carries scores, not sales: it says why it has no ABC class.
      assert.match(await page.getByTestId('abc-class').innerText(), /^[ABC]: within|^[ABC]: between|^[ABC]: beyond|^No ABC class: the account has no figure of what ABC ranks by/);

      const notes = page.getByTestId('account-notes');
      await notes.fill('Met the CTO in May; wants a pilot. 五月拜访了技术总监。');
      await notes.press('Tab');
      // The autosave runs 0.4 s after the change.
      await page.waitForTimeout(1200);
      await app.reload();
      await app.navLink('Accounts').click();
      await page.getByTestId('account-search').fill(name);
      await page.getByTestId('account-list').getByRole('button', { name, exact: true }).click();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="account-name"]')?.textContent === n,
        name,
      );
      assert.equal(await page.getByTestId('account-notes').inputValue(), 'Met the CTO in May; wants a pilot. 五月拜访了技术总监。');
    });
  });

  test('an account on the red list shows its credit history and its clock', async () => {
    await session({ locale: 'en-US', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      await loadDemo(app, page);
      await openFirstOf(app, page, 'credit', 'A');
      const clock = await page.getByTestId('red-clock').innerText();
      // Only a key account (still or once) has a status for the clock to take away.
      const scorecard = await page.locator('.badge[data-framework="scorecard"]').getAttribute('data-class');
      if (scorecard === 'key' || scorecard === 'key_status_lost') {
        assert.match(
          clock,
          /^On the red list since \d{4}-\d{2}-\d{2}: (\d+ of 12 months; loses key-account status on|\d+ months, 12 or more; key-account status lost on) \d{4}-\d{2}-\d{2}$/,
        );
      } else {
        assert.match(
          clock,
          /^On the red list since \d{4}-\d{2}-\d{2}: \d+ months \(not a key account: no key-account status to lose\)$/,
        );
      }
      const rows = await page.locator('.credit-history tbody tr').allInnerTexts();
      assert.ok(rows.length >= 1);
      assert.match(rows[0], /^\d{4}-\d{2}-\d{2}\t-?[\d.]+\tA\tred list$/, 'newest first: date, total, grade, list');
      assert.match(await page.getByTestId('improve-credit').innerText(), /points to reach AA/);

      // A synthetic account has sales and orders: its ABC class and RFM cell say what they mean.
      assert.match(await page.getByTestId('abc-class').innerText(), /^[ABC]: .*% of annual sales \(accounts ranked largest first; cut-offs 80% \/ 95%\)$/);
      assert.match(await page.getByTestId('rfm-cell').innerText(), /^[1-5]{3}$/);
      const digits = await page.locator('.rfm-meaning li').allInnerTexts();
      assert.match(digits[0], /^R [1-5]: last order \d{4}-\d{2}-\d{2}, \d+ days ago$/);
      assert.match(digits[1], /^F [1-5]: \d+ orders in the last 365 days$/);
      assert.match(await page.getByTestId('share-of-wallet').innerText(), /Needs our annual sales|% = our annual sales [\d.]+ ÷ the customer's category spend/);
    });
  });

  test('in Chinese the why-sentence and the messages are Chinese', async () => {
    await session({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } }, async (app, page) => {
      await loadDemo(app, page);
      await app.navLink('客户组合').click();
      const table = new PortfolioTable(page);
      await table.rows.first().waitFor();
      await table.chip('scorecard', 'key').click();
      await table.rows.first().click();
      await page.getByTestId('view-accounts').waitFor();
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="why-scorecard"]')?.textContent.startsWith('大客户名单：合计'));
      assert.match(await why(page, 'scorecard').innerText(), /^大客户名单：合计 [\d.]+ ≥ 80$/);
      await page.getByTestId('field-brand_effect-select').selectOption('num');
      const number = page.getByTestId('field-brand_effect-number-input');
      await number.fill('11');
      await number.press('Enter');
      assert.equal(
        await page.getByTestId('field-brand_effect-number-error').innerText(),
        '11 超出范围：请输入 0 到 10 之间的数字',
      );
    });
  });
});
