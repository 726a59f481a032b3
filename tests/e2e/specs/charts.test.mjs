// Radar and portfolio charts in Chromium, on the demo workspace: crisp canvases sized by the
// device pixel ratio, the text alternative holding the engine's numbers (the source's own
// worked examples), stakeholders against the ideal by journey point, compare mode, and PNG /
// SVG downloads of the same drawing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { canvasState, chartCanvas, radarValues } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('charts', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function loadDemo(app, page) {
    await app.open(suite.server.url);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('account-detail').waitFor();
  }

  async function expectDrawn(canvas, ratio) {
    // The canvas sizes itself after layout; wait until its backing store is set.
    await canvas.page().waitForFunction(
      (element) => element.width > 150 && element.height > 0,
      await canvas.elementHandle(),
    );
    const state = await canvasState(canvas);
    assert.equal(state.ratio, ratio);
    assert.equal(state.width, Math.round(state.cssWidth * ratio), 'backing store × devicePixelRatio');
    assert.equal(state.height, Math.round(state.cssHeight * ratio));
    assert.ok(state.painted > state.width * state.height * 0.02, `canvas is blank: ${state.painted} painted`);
  }

  test('the account view draws both profiles crisply with the source numbers in the table', async () => {
    await session({ locale: 'en-US', deviceScaleFactor: 2 }, async (app, page) => {
      await loadDemo(app, page);
      assert.match(await page.getByTestId('account-detail').locator('h2').first().innerText(), /Customer A/);
      for (const id of ['radar-external', 'radar-internal']) {
        await expectDrawn(chartCanvas(page, id), 2);
      }

      const external = await radarValues(page.getByTestId('radar-external'));
      assert.deepEqual(external.columns.slice(1), ['Baseline', 'Warning line']);
      const customerA = Object.values(external.rows).map((cells) => cells[0]);
      assert.deepEqual(customerA, ['100', '95', '80', '90', '70', '90']);
      const baseline = Object.values(external.rows).map((cells) => cells[1]);
      assert.deepEqual(baseline, ['60', '60', '90', '90', '85', '80']);
      assert.deepEqual(external.short, ['Quality requirement', 'Price type']);

      const internal = await radarValues(page.getByTestId('radar-internal'));
      assert.deepEqual(internal.columns.slice(1), ['Key account', 'Important account', 'General account']);
      assert.deepEqual(internal.short, ['Customer relationship'], 'A misses the key line on relationship only');

      // Choosing another line re-marks the shortfalls.
      await page.getByTestId('radar-internal').locator('select').selectOption({ label: 'Important account' });
      await page.waitForFunction(() =>
        document.querySelectorAll('[data-testid="radar-internal"] td.short').length === 2);
      const important = await radarValues(page.getByTestId('radar-internal'));
      assert.deepEqual(important.short, ['Quality requirement', 'Customer relationship']);

      const why = await page.getByTestId('explanations').innerText();
      assert.match(why, /Quality requirement 质量要求 \(80 < 90\)/);
      assert.match(why, /potential target/);
    });
  });

  test('an edited account\'s radar is redrawn for its new value exactly as a fresh drawing of it', async () => {
    await session({ locale: 'en-US', deviceScaleFactor: 2 }, async (app, page) => {
      await loadDemo(app, page);
      const canvas = chartCanvas(page, 'radar-external');
      await expectDrawn(canvas, 2);
      const pixels = () => canvas.evaluate((element) => element.toDataURL());
      const rd = async () => (await radarValues(page.getByTestId('radar-external'))).rows['R&D capability'][0];
      assert.equal(await rd(), '95');
      const before = await pixels();

      // Two edits, so the second redraw paints the web, labels and legend it kept from the
      // first and draws only the new outline over them.
      const field = page.getByTestId('field-rd_capability-input');
      for (const value of ['75', '70']) {
        const shown = await pixels();
        await field.fill(value);
        await field.press('Enter');
        await page.waitForFunction(
          ([element, old]) => element.toDataURL() !== old,
          [await canvas.elementHandle(), shown],
        );
      }
      assert.equal(await rd(), '70');
      const redrawn = await pixels();
      assert.notEqual(redrawn, before);

      // The same account drawn afresh after a reload (the autosave runs 0.4 s after a change).
      await page.waitForTimeout(1200);
      const name = await page.getByTestId('account-name').innerText();
      await app.reload();
      await app.navLink('Accounts').click();
      await page.getByTestId('account-search').fill(name);
      await page.getByTestId('account-list').getByRole('button', { name, exact: true }).click();
      await expectDrawn(canvas, 2);
      assert.equal(await rd(), '70');
      assert.ok((await pixels()) === redrawn, 'the redrawn radar has the pixels of a fresh drawing');
    });
  });

  test('charts download as PNG at twice the size and as SVG, named after account and chart', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await loadDemo(app, page);
      const panel = page.getByTestId('radar-external');
      await expectDrawn(chartCanvas(page, 'radar-external'), 1);
      const cssWidth = (await canvasState(chartCanvas(page, 'radar-external'))).cssWidth;

      const [png] = await Promise.all([
        page.waitForEvent('download'),
        panel.locator('button[data-action="png"]').click(),
      ]);
      assert.match(png.suggestedFilename(), /Customer A.*External profile\.png$/);
      const pngBytes = await readFile(await png.path());
      assert.deepEqual(pngBytes.subarray(0, 8), PNG_SIGNATURE, 'a PNG file');
      assert.equal(pngBytes.readUInt32BE(16), Math.round(cssWidth * 2), 'PNG width is 2× the chart');

      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        panel.locator('button[data-action="svg"]').click(),
      ]);
      assert.match(svg.suggestedFilename(), /Customer A.*External profile\.svg$/);
      const svgText = await readFile(await svg.path(), 'utf8');
      assert.match(svgText, /^<svg/);
      for (const label of ['Market size', 'Quality', 'Baseline', 'Warning line']) {
        assert.ok(svgText.includes(label), `SVG lacks ${label}`);
      }
    });
  });

  test('labels follow the language, CJK included', async () => {
    await session({ locale: 'zh-CN' }, async (app, page) => {
      await loadDemo(app, page);
      const external = await radarValues(page.getByTestId('radar-external'));
      assert.deepEqual(Object.keys(external.rows), ['市场规模', '研发能力', '质量要求', '法规要求', '价格类型', '专业水平']);
      assert.deepEqual(external.columns.slice(1), ['基准线', '警戒线']);
    });
  });

  test('stakeholders X, Y, Z are drawn against the ideal, grouped by journey point', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await loadDemo(app, page);
      await app.navLink('Stakeholders').click();
      await page.getByTestId('stakeholder-account').selectOption('demo-c');
      const journeys = page.locator('section.journey');
      await journeys.first().waitFor();
      assert.deepEqual(await journeys.locator('h3').allInnerTexts(), ['销售', 'FAT', 'SAT']);
      const radars = page.getByTestId('person-radar');
      assert.equal(await radars.count(), 3);
      for (let i = 0; i < 3; i += 1) await expectDrawn(radars.nth(i).locator('canvas'), 1);
      const x = await radarValues(radars.nth(0));
      assert.deepEqual(x.columns, ['X', 'Ideal profile']);
      assert.deepEqual(Object.values(x.rows).map((cells) => cells[0]), ['50', '80', '100', '100', '90', '100']);
      assert.match(Object.keys(x.rows)[0], /^Age \(\d+–\d+\)$/, 'age states its own scale');
      const z = await radarValues(radars.nth(2));
      assert.deepEqual(Object.values(z.rows).map((cells) => cells[0]), ['40', '80', '90', '90', '50', '70']);
    });
  });

  test('compare mode overlays the chosen accounts with a legend, and portfolio charts draw', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await loadDemo(app, page);
      await page.getByTestId('compare-toggle').check();
      await page.getByTestId('compare-view').waitFor();
      const compared = await radarValues(page.getByTestId('compare-external'));
      assert.equal(compared.columns.length, 4, 'A, B and the two lines');
      assert.match(compared.columns[0], /Customer A/);
      assert.match(compared.columns[1], /Customer B/);
      await expectDrawn(chartCanvas(page, 'compare-external'), 1);

      await app.navLink('Portfolio').click();
      for (const id of ['counts-scorecard', 'counts-credit', 'counts-external', 'counts-internal', 'pareto', 'scatter']) {
        await expectDrawn(chartCanvas(page, id), 1);
      }
    });
  });
});
