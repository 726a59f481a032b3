// The Stakeholders view in Chromium on the demo workspace (the source's X, Y and Z at customer
// C): the power map, the relationship plan and the coverage gaps follow a person's edited
// relationship role, and so does the internal profile's relationship score in the Accounts
// view; people are added (with the form refusing a blank name and an out-of-range number),
// survive a reload, and are removed with undo — by keyboard as well as by mouse.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { radarValues } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

/** X 90×100, Y 100×80, Z 50×90 over 270; with X an opponent, X gives 50×100. */
const BEFORE = 21_500 / 270;
const AFTER = 17_500 / 270;

describe('stakeholders', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function openCustomerC(app, page, { load = true } = {}) {
    if (load) {
      await app.open(suite.server.url);
      await page.getByTestId('load-demo').click();
      await page.getByTestId('account-detail').waitFor();
    }
    await app.navLink(load ? 'Stakeholders' : '客户人员').click();
    await page.getByTestId('stakeholder-account').selectOption('demo-c');
    await page.getByTestId('power-map').waitFor();
  }

  const person = (page, name) => page.locator(`[data-testid="person"][data-name="${name}"]`);
  const planItem = (page, name) => page.locator(`[data-testid="plan-item"][data-person="${name}"]`);
  const gaps = (page, kind) => page.locator(`[data-testid="gap"][data-gap="${kind}"]`);

  async function relationshipValue(page) {
    return Number(await page.getByTestId('relationship-value').innerText());
  }

  /** The internal profile's relationship of the chosen account, as the Accounts view shows it. */
  async function accountsRelationship(app, page) {
    await app.navLink('Accounts').click();
    await page.getByTestId('account-detail').waitFor();
    assert.match(await page.getByTestId('account-detail').locator('h2').first().innerText(), /Customer C/);
    const internal = await radarValues(page.getByTestId('radar-internal'));
    const why = await page.getByTestId('explanations').locator('[data-framework="internal"]').innerText();
    const explained = why.match(
      /Customer relationship 客户关系: mean of the stakeholders' scores, weighted by Power role 权力角色 \(n = 3\) → ([\d.]+) of 100/);
    assert.ok(explained, `the explanation names the weighted mean: ${why}`);
    const value = Number(explained[1]);
    const plotted = Number(internal.rows['Customer relationship'][0]);
    assert.ok(Math.abs(plotted - value) < 0.051, `the radar shows ${plotted} for ${value}`);
    return value;
  }

  async function waitForSave(page) {
    // The autosave waits 0.4 s after a change; the indicator comes back once it is written.
    await page.waitForTimeout(700);
    await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
  }

  test('an opponent approver changes the plan, flags a gap and lowers the relationship score', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openCustomerC(app, page);
      const grids = page.getByTestId('power-grid');
      assert.equal(await grids.count(), 4, 'one grid per journey point of the settings');
      // The English role names make a wide grid: each still shows whole, none under another.
      const boxes = await grids.evaluateAll((tables) => tables.map((t) => {
        const r = t.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, cut: t.scrollWidth > t.clientWidth + 1 };
      }));
      assert.deepEqual(boxes.filter((b) => b.cut), [], 'grids cut off');
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          assert.ok(apart, `two grids overlap: ${JSON.stringify([a, b])}`);
        }
      }
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page fits the window');
      const sales = page.locator('[data-testid="power-grid"][data-journey="销售"]');
      const xCell = sales.locator('tbody tr', { hasText: 'key decision maker' }).locator('td').nth(1);
      assert.equal(await xCell.innerText(), 'X', 'X: key decision maker × supporter');
      assert.equal(await planItem(page, 'X').getAttribute('data-step'), 'make-coach');
      assert.match(await planItem(page, 'X').innerText(), /Develop this supporter into a coach/);
      assert.equal(await gaps(page, 'opponent-approver').count(), 0);
      assert.match(await gaps(page, 'opponent-decision-maker').innerText(), /SAT.*decision maker.*Z/);
      assert.equal(await gaps(page, 'nobody').getAttribute('data-journey'), '合同签订');
      assert.ok(Math.abs((await relationshipValue(page)) - BEFORE) < 0.006);
      assert.match(await page.getByTestId('relationship-formula').innerText(),
        /\(90×100 \+ 100×80 \+ 50×90\) ÷ \(100 \+ 80 \+ 90\) = 79\.63/);

      const before = await accountsRelationship(app, page);
      assert.ok(Math.abs(before - BEFORE) < 0.006, `Accounts shows ${before}`);

      // Edit X by keyboard: the form opens on the name, Tab to the relationship role, Enter saves.
      await app.navLink('Stakeholders').click();
      await person(page, 'X').getByTestId('edit-person').click();
      const form = page.getByTestId('person-form');
      await form.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'field-name');
      const stance = form.getByTestId('field-relationship_role');
      await stance.selectOption({ label: 'opponent 反对者 · 50' });
      await stance.focus();
      await page.keyboard.press('Enter');
      await form.waitFor({ state: 'detached' });

      await page.waitForFunction(() =>
        document.querySelector('[data-testid="plan-item"][data-person="X"]')?.dataset.step === 'befriend');
      assert.match(await planItem(page, 'X').innerText(), /Befriend this opponent/);
      const approver = gaps(page, 'opponent-approver');
      assert.equal(await approver.count(), 1);
      assert.equal(await approver.getAttribute('data-journey'), '销售');
      assert.match(await approver.innerText(), /An opponent holds approval power .*— X/);
      const opponentCell = sales.locator('tbody tr', { hasText: 'key decision maker' }).locator('td').nth(3);
      assert.equal(await opponentCell.innerText(), '✕ X', 'opponents are marked, not only coloured');
      assert.ok(Math.abs((await relationshipValue(page)) - AFTER) < 0.006);
      assert.match(await page.getByTestId('relationship-was').innerText(), /was 79\.63 \(−14\.81\)/);

      const after = await accountsRelationship(app, page);
      assert.ok(Math.abs(before - after - (BEFORE - AFTER)) < 0.01, `${before} → ${after}`);
    });
  });

  test('add a person (name required, numbers in range), reload, remove and undo', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openCustomerC(app, page);
      await page.getByTestId('add-person').click();
      const form = page.getByTestId('person-form');
      const name = form.getByTestId('field-name');
      await name.press('Enter');
      assert.equal(await name.getAttribute('aria-invalid'), 'true');
      assert.match(await form.innerText(), /A name is required/);

      await name.fill('Zhang Wei');
      await form.getByTestId('field-journey').selectOption('FAT');
      await form.getByTestId('field-power_role').selectOption({ label: 'key decision maker 最终决策者 · 100' });
      await form.getByTestId('field-relationship_role').selectOption('num');
      const number = form.getByTestId('number-relationship_role');
      await number.fill('130');
      await number.press('Enter');
      assert.equal(await number.getAttribute('aria-invalid'), 'true');
      assert.match(await form.innerText(), /130 is outside 0–100 for Relationship role/);
      assert.equal(await person(page, 'Zhang Wei').count(), 0, 'nothing saved while a field is refused');

      await number.fill('95');
      const personal = form.locator('details.personal');
      assert.match(await personal.locator('summary').innerText(),
        /Personal details \(optional\) — Stays in this browser, never scored/);
      await personal.locator('summary').click();
      await form.getByTestId('personal-hobbies').fill('go');
      await form.getByTestId('save-person').click();
      await person(page, 'Zhang Wei').waitFor();
      assert.equal(await planItem(page, 'Zhang Wei').getAttribute('data-step'), 'make-coach', '95 names supporter');
      const fatGaps = page.locator('[data-testid="gap"][data-journey="FAT"]');
      assert.equal(await fatGaps.count(), 0, 'FAT now has a key decision maker and a coach');

      await waitForSave(page);
      await app.reload();
      await page.getByTestId('view-stakeholders').waitFor();
      await page.getByTestId('stakeholder-account').selectOption('demo-c');
      await person(page, 'Zhang Wei').waitFor();
      await person(page, 'Zhang Wei').getByTestId('edit-person').click();
      assert.equal(await page.getByTestId('personal-hobbies').inputValue(), 'go', 'personal details kept');
      assert.equal(await page.getByTestId('number-relationship_role').inputValue(), '95');
      await page.keyboard.press('Escape');
      await page.getByTestId('person-form').waitFor({ state: 'detached' });

      await person(page, 'Zhang Wei').getByTestId('remove-person').click();
      await person(page, 'Zhang Wei').waitFor({ state: 'detached' });
      assert.match(await page.getByTestId('undo-bar').innerText(), /Removed:\s+Zhang Wei/);
      assert.equal(await page.locator('[data-testid="gap"][data-journey="FAT"]').count(), 1);
      await page.getByTestId('undo-remove').click();
      await person(page, 'Zhang Wei').waitFor();
      assert.equal(await page.getByTestId('undo-bar').count(), 0);
      assert.equal(await page.getByTestId('person').count(), 4);
    });
  });

  test('in Chinese: labels, levels and steps in the source words, and the grid fits 1280 px', async () => {
    await session({ locale: 'zh-CN' }, async (app, page) => {
      await app.open(suite.server.url);
      await page.getByTestId('load-demo').click();
      await page.getByTestId('account-detail').waitFor();
      await openCustomerC(app, page, { load: false });
      assert.match(await page.getByTestId('power-map').locator('h2').innerText(), /组织权力图谱/);
      assert.match(await planItem(page, 'Z').innerText(), /与反对者交朋友/);
      assert.match(await planItem(page, 'Y').innerText(), /维护/);
      await person(page, 'Z').getByTestId('edit-person').click();
      const stance = page.getByTestId('field-relationship_role');
      await stance.selectOption({ label: '中立者（neutral） · 80' });
      await page.getByTestId('save-person').click();
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="plan-item"][data-person="Z"]')?.dataset.step === 'make-supporter');
      assert.match(await planItem(page, 'Z').innerText(), /把中立者变成支持者/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
    });
  });
});
