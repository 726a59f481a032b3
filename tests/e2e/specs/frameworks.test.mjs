// The framework editor in Chromium on the demo workspace: a preset shown as it is and copied to
// edit, a weight changed with the key-account count, the change summary and the portfolio
// agreeing, a value that cannot be scored refused on its field, what-if values that are never
// saved, and the framework file exported, imported back, and refused with a located reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { PortfolioTable } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

const ACCOUNTS = 203;

describe('framework editor', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function openFrameworks(app, page) {
    await app.open(suite.server.url);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('account-detail').waitFor();
    await app.navLink('Frameworks').click();
    await page.getByTestId('view-frameworks').waitFor();
    await page.locator('[data-testid="fw-detail"][data-framework="scorecard"]').waitFor();
  }

  /** The count of a class of the framework shown, as the editor's summary says. */
  async function count(page, classId) {
    return Number(await page.locator(`[data-testid="fw-count"][data-class="${classId}"] strong`).innerText());
  }

  async function counts(page) {
    return page.getByTestId('fw-count').evaluateAll((items) =>
      Object.fromEntries(items.map((li) => [li.dataset.class, Number(li.querySelector('strong').textContent)])));
  }

  /** Types `value` into an editor field and confirms it as a user would (Enter). */
  async function setField(page, testId, value) {
    const field = page.getByTestId(testId);
    await field.fill(String(value));
    await field.press('Enter');
  }

  async function waitForSave(page) {
    await page.waitForTimeout(800);
    await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
  }

  test('copy the scorecard, change a weight: the key-account count, the summary and the portfolio agree', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openFrameworks(app, page);
      const detail = page.getByTestId('fw-detail');
      // The preset is shown as it is, read-only, with its interpretations.
      assert.equal(await page.getByTestId('fw-weight-strategic_fit').inputValue(), '30');
      assert.equal(await page.getByTestId('fw-weight-strategic_fit').getAttribute('readonly'), '');
      assert.match(await page.getByTestId('fw-interpretations').innerText(), /80分以上/);
      assert.equal(await page.getByTestId('fw-level-strategic_fit-high-zh').inputValue(), '高');
      assert.equal(await page.getByTestId('fw-band-key').inputValue(), '80');
      assert.equal(await page.getByTestId('fw-pick-scorecard').getByTestId('fw-mark').innerText(), 'preset');

      const before = await counts(page);
      assert.equal(Object.values(before).reduce((a, b) => a + b, 0), ACCOUNTS);

      await page.getByTestId('fw-copy').click();
      await page.getByTestId('fw-reset').waitFor();
      assert.equal(await page.getByTestId('fw-pick-scorecard').getByTestId('fw-mark').innerText(), 'edited');
      assert.equal(await page.getByTestId('fw-weight-strategic_fit').getAttribute('readonly'), null);

      // Strategic fit 30 → 60: its bands double (high 40–60), so accounts move up.
      await setField(page, 'fw-weight-strategic_fit', 60);
      await page.getByTestId('fw-change-text').waitFor();
      assert.equal(await page.getByTestId('fw-level-strategic_fit-high-lo').inputValue(), '40');
      assert.equal(await page.getByTestId('fw-level-strategic_fit-high-hi').inputValue(), '60');
      assert.equal(await page.getByTestId('fw-band-key').inputValue(), '80', 'thresholds stay');
      const after = await counts(page);
      assert.notEqual(after.key, before.key, 'the key-account count changes');
      assert.equal(Object.values(after).reduce((a, b) => a + b, 0), ACCOUNTS);

      const change = page.locator('[data-testid="fw-change"][data-framework="scorecard"]');
      const sentence = await change.getByTestId('fw-change-text').innerText();
      const match = sentence.match(/^(\d+) accounts change tier: (\d+) up, (\d+) down$/);
      assert.ok(match, sentence);
      const [changed, up, down] = match.slice(1).map(Number);
      assert.equal(changed, up + down);
      assert.ok(up > 0);
      // Moving up only: every class's change in count is made of these moves (a key account
      // that lost its status on the red list is counted apart, as in the portfolio).
      const lost = (c) => c.key_status_lost ?? 0;
      assert.ok(lost(before) > 0, 'the demo has key accounts red for a year');
      assert.equal(
        after.key - before.key + (lost(after) - lost(before)) + (after.potential - before.potential)
          + (after.none - before.none),
        0,
      );
      await change.getByTestId('fw-change-toggle').click();
      const items = change.getByTestId('fw-change-list').locator('li');
      assert.equal(await items.count(), changed);
      assert.match(await items.first().innerText(), /→/);

      // The same words in Chinese.
      await app.languageSwitch.click();
      assert.match(await change.getByTestId('fw-change-text').innerText(),
        new RegExp(`^${changed} 个客户的层级发生变化：${up} 个上升，${down} 个下降$`));
      await app.languageSwitch.click();

      // The portfolio agrees.
      await app.navLink('Portfolio').click();
      const table = new PortfolioTable(page);
      await table.rows.first().waitFor();
      assert.equal(await table.chipCount('scorecard', 'key'), after.key);
      assert.equal(await table.chipCount('scorecard', 'potential'), after.potential);
      assert.equal(await table.chipCount('scorecard', 'key_status_lost'), lost(after));

      // Back in the editor, the edit is still in force.
      await app.navLink('Frameworks').click();
      await detail.waitFor();
      assert.equal(await count(page, 'key'), after.key, 'the edit is kept');
    });
  });

  test('the relationship Interpretation: weighted by power role, or the plain mean in one click', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openFrameworks(app, page);
      await page.getByTestId('fw-pick-internal').click();
      await page.locator('[data-testid="fw-detail"][data-framework="internal"]').waitFor();
      const power = page.getByTestId('fw-weight-power');
      const plain = page.getByTestId('fw-weight-none');
      assert.equal(await power.isChecked(), true, 'the Interpretation is the default');
      assert.equal(await power.isDisabled(), true, 'a preset is read-only');
      await page.getByTestId('fw-copy').click();
      await page.getByTestId('fw-reset').waitFor();
      await plain.check();
      assert.equal(await plain.isChecked(), true);
      await waitForSave(page);
      // Help describes the frameworks in force: the relationship is now the plain mean.
      const internalHelp = page.locator('[data-testid="help-framework"][data-framework="internal"]');
      await page.getByTestId('help-link').click();
      await internalHelp.getByText('everyone counting once (plain mean)').first().waitFor();
      await app.reload();
      await app.navLink('Frameworks').click();
      await page.getByTestId('fw-pick-internal').click();
      assert.equal(await page.getByTestId('fw-weight-none').isChecked(), true, 'kept after a reload');
      // And back.
      await page.getByTestId('fw-weight-power').check();
      await page.getByTestId('help-link').click();
      await internalHelp.getByText('weighted by Power role').first().waitFor();
      assert.equal(await internalHelp.getByText('everyone counting once').count(), 0);
    });
  });

  test('a value that cannot be scored is refused on its field and the scores stay', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openFrameworks(app, page);
      await page.getByTestId('fw-copy').click();
      const before = await counts(page);
      await setField(page, 'fw-level-profit_contribution-high-lo', 25);
      const error = page.getByTestId('field-error');
      await error.waitFor();
      assert.equal(await error.innerText(), "dimension 'profit_contribution', level 'high': lo 25 above hi 20");
      assert.equal(await page.getByTestId('fw-level-profit_contribution-high-lo').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await counts(page), before, 'the scores are not wiped');
      // A good value clears the error.
      await setField(page, 'fw-level-profit_contribution-high-lo', 16);
      await error.waitFor({ state: 'detached' });
      // An account in the change list opens in the Accounts view.
      await setField(page, 'fw-band-key', 70);
      const change = page.locator('[data-testid="fw-change"][data-framework="scorecard"]');
      await change.getByTestId('fw-change-toggle').click();
      const first = change.getByTestId('fw-change-list').locator('li button').first();
      const name = await first.innerText();
      await first.click();
      await page.getByTestId('account-detail').waitFor();
      assert.equal(await page.getByTestId('account-detail').locator('h2').first().innerText(), name);
    });
  });

  test('what-if re-scores one account without saving anything', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openFrameworks(app, page);
      await waitForSave(page);
      const before = await counts(page);
      await page.getByTestId('whatif-toggle').click();
      const panel = page.getByTestId('whatif');
      assert.match(await panel.getByTestId('whatif-unsaved').innerText(), /not saved/);
      await panel.getByTestId('whatif-search').fill('demo-a');
      await panel.locator('.whatif-matches button').first().click();
      await panel.getByTestId('whatif-account').waitFor();
      const row = panel.locator('[data-testid="whatif-row"][data-framework="scorecard"]');
      const saved = await row.locator('td').first().innerText();
      assert.equal(await row.getByTestId('whatif-trial').innerText(), saved);
      for (const key of ['strategic_fit', 'profit_contribution', 'business_scale']) {
        const field = panel.getByTestId(`whatif-${key}`);
        await field.fill('low');
        await field.press('Tab');
      }
      await page.waitForFunction(() => document
        .querySelector('[data-testid="whatif-row"][data-framework="scorecard"]')?.classList.contains('changed'));
      const trial = await row.getByTestId('whatif-trial').innerText();
      assert.notEqual(trial, saved);
      assert.deepEqual(await counts(page), before, 'the portfolio is not re-scored');

      await page.waitForTimeout(800);
      await app.reload();
      await app.navLink('Frameworks').click();
      await page.getByTestId('view-frameworks').waitFor();
      assert.deepEqual(await counts(page), before, 'nothing was saved');
      await page.getByTestId('whatif-toggle').click();
      await panel.getByTestId('whatif-search').fill('demo-a');
      await panel.locator('.whatif-matches button').first().click();
      assert.equal(await row.getByTestId('whatif-trial').innerText(), saved);
      assert.equal(await panel.getByTestId('whatif-strategic_fit').inputValue(), '');
    });
  });

  test('the framework file round-trips, and a bad one is refused with its place and changes nothing', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await openFrameworks(app, page);
      const preset = await counts(page);
      await page.getByTestId('fw-copy').click();
      await setField(page, 'fw-weight-strategic_fit', 60);
      await page.getByTestId('fw-change-text').waitFor();
      const edited = await counts(page);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('fw-export').click(),
      ]);
      assert.equal(download.suggestedFilename(), 'kam-radar-frameworks.json');
      const text = await readFile(await download.path(), 'utf8');
      const file = JSON.parse(text);
      assert.equal(file.format, 'kam-radar-frameworks');
      assert.equal(file.version, 1);
      assert.deepEqual(file.frameworks.map((f) => f.id), ['scorecard']);
      assert.equal(file.frameworks[0].dimensions[0].max, 60);

      // Reset to the preset (undo is offered), then bring the edit back from the file.
      await page.getByTestId('fw-reset').click();
      await page.getByTestId('fw-undo-bar').waitFor();
      assert.deepEqual(await counts(page), preset);
      assert.equal(await page.getByTestId('fw-pick-scorecard').getByTestId('fw-mark').innerText(), 'preset');
      await page.getByTestId('fw-import').setInputFiles({
        name: 'kam-radar-frameworks.json', mimeType: 'application/json', buffer: Buffer.from(text),
      });
      const notice = page.getByTestId('fw-notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /frameworks scorecard are now in force/);
      assert.deepEqual(await counts(page), edited);
      assert.equal(await page.getByTestId('fw-weight-strategic_fit').inputValue(), '60');

      // A bad file: profit contribution's high band from 18 to 15.
      const bad = JSON.parse(text);
      const profit = bad.frameworks[0].dimensions.find((d) => d.id === 'profit_contribution');
      const high = profit.rule.levels.find((l) => l.id === 'high');
      high.lo = 18;
      high.hi = 15;
      await page.getByTestId('fw-import').setInputFiles({
        name: 'frameworks.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)),
      });
      await page.locator('[data-testid="fw-notice"].failed').waitFor();
      assert.match(await notice.innerText(),
        /frameworks\.json: framework 'scorecard', dimension 'profit_contribution', level 'high': lo 18 above hi 15/);
      assert.match(await notice.innerText(), /your frameworks are unchanged/);
      assert.deepEqual(await counts(page), edited);
      assert.equal(await page.getByTestId('fw-weight-strategic_fit').inputValue(), '60');

      // The imported edit survives a reload.
      await waitForSave(page);
      await app.reload();
      await app.navLink('Frameworks').click();
      await page.getByTestId('view-frameworks').waitFor();
      assert.deepEqual(await counts(page), edited);
    });
  });
});
