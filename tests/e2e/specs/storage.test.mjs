// The workspace is kept in the browser and survives trouble: a reload keeps it, private mode
// works in memory with a banner, a full storage (without IndexedDB to move to) keeps the last
// save intact, damaged data falls back to the last good save (and is kept for download), and
// a second tab notices a change instead of silently overwriting it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { foreignRequests, openPage } from '../support/browser.mjs';
import { KamApp } from '../support/app.mjs';
import { appSuite } from '../support/suite.mjs';

describe('storage', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function loadDemoAndWaitForSave(app, page) {
    await app.open(suite.server.url);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('account-detail').waitFor();
    await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
  }

  async function accountCount(page) {
    return page.getByTestId('account-list').locator('li').count();
  }

  test('the workspace survives a reload', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await loadDemoAndWaitForSave(app, page);
      await app.reload();
      await app.navLink('Accounts').click();
      await page.getByTestId('account-list').waitFor();
      assert.equal(await accountCount(page), 200, 'the list shows the demo accounts after reload');
      await page.getByTestId('demo-banner').waitFor();
    });
  });

  test('without storage the app works in memory and says so', async () => {
    await session({ locale: 'en-US' }, async (app, page, context) => {
      await context.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      });
      await app.open(suite.server.url);
      const banner = page.getByTestId('storage-banner');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-kind'), 'memory-only');
      assert.match(await banner.innerText(), /in memory only/);
      await page.getByTestId('load-demo').click();
      await page.getByTestId('account-detail').waitFor();
    });
  });

  test('a full storage keeps the previous save intact and offers the file', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page, context) => {
      // With IndexedDB the workspace would move there (specs/workspaces.test.mjs); without it,
      // a full localStorage is the end of the road.
      await context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { get: () => undefined });
      });
      await loadDemoAndWaitForSave(app, page);
      // Fill what is left of the origin's quota.
      await page.evaluate(() => {
        let size = 1 << 20;
        let n = 0;
        while (size >= 16) {
          try {
            localStorage.setItem(`filler-${n}`, 'x'.repeat(size));
            n += 1;
          } catch {
            size = Math.floor(size / 2);
          }
        }
      });
      await page.getByTestId('remove-demo').click();
      const banner = page.getByTestId('storage-banner');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-kind'), 'storage-full');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        banner.getByTestId('download-workspace').click(),
      ]);
      assert.match(download.suggestedFilename(), /\.json$/);

      await app.reload();
      await app.navLink('Accounts').click();
      await page.getByTestId('account-list').waitFor();
      assert.equal(await accountCount(page), 200, 'the last good save is what loads');
    });
  });

  test('damaged data falls back to the last good save and is kept for download', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await loadDemoAndWaitForSave(app, page);
      await page.getByTestId('remove-demo').click();
      await page.getByTestId('no-accounts').waitFor();
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="save-indicator"]')?.dataset.state === 'saved');
      await page.waitForTimeout(600);
      // Garble the live generation the head points to.
      const garbled = await page.evaluate(() => {
        const headKey = Object.keys(localStorage).find((k) => /^kam-radar\.ws\..*\.head$/.test(k));
        const head = JSON.parse(localStorage.getItem(headKey));
        const generationKey = headKey.replace(/head$/, `g.${head.generation}`);
        localStorage.setItem(generationKey, '{ this is not json');
        return generationKey;
      });
      assert.ok(garbled);
      await app.reload();
      await page.getByTestId('recovered-banner').waitFor();
      await app.navLink('Accounts').click();
      assert.equal(await accountCount(page), 200, 'the previous good save (the demo) is restored');
      const kept = await page.evaluate((key) => localStorage.getItem(key), garbled);
      assert.equal(kept, '{ this is not json', 'the damaged data is kept, not overwritten');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-unreadable').click(),
      ]);
      assert.match(download.suggestedFilename(), /unreadable/);
    });
  });

  test('a second tab notices the change and reloads instead of overwriting', async () => {
    const { context, page: first, requests } = await openPage(suite.browser, { locale: 'en-US' });
    try {
      const one = new KamApp(first);
      await loadDemoAndWaitForSave(one, first);
      const second = await context.newPage();
      const two = new KamApp(second);
      await two.open(suite.server.url + '#/accounts');
      await second.getByTestId('account-list').waitFor();

      await first.getByTestId('remove-demo').click();
      await first.getByTestId('no-accounts').waitFor();

      const banner = second.getByTestId('storage-banner');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-kind'), 'changed-elsewhere');
      await second.getByTestId('reload-workspace').click();
      await second.getByTestId('no-accounts').waitFor();
      assert.deepEqual(foreignRequests(requests, suite.server.origin), []);
    } finally {
      await context.close();
    }
  });

  test('export, delete all data, then import restores an identical workspace', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await loadDemoAndWaitForSave(app, page);
      await page.getByTestId('about-link').click();
      await page.getByTestId('view-about').waitFor();
      const [exported] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-workspace').click(),
      ]);
      const path = await exported.path();
      const before = JSON.parse(await readFile(path, 'utf8'));
      assert.equal(before.format, 'kam-radar-workspace-file');
      assert.equal(before.workspace.accounts.length, 203);

      page.once('dialog', (dialog) => dialog.accept());
      await page.getByTestId('delete-all').click();
      await page.getByTestId('about-outcome').waitFor();
      const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kam-radar.')));
      assert.deepEqual(left, [], 'every key of the app is gone');
      await app.reload();
      await app.navLink('Accounts').click();
      await page.getByTestId('no-accounts').waitFor();

      await page.goto(suite.server.url + '#/about');
      await page.getByTestId('open-workspace').setInputFiles(path);
      await page.locator('[data-testid="about-outcome"]:not(.failed)').waitFor();
      await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
      const [again] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-workspace').click(),
      ]);
      const after = JSON.parse(await readFile(await again.path(), 'utf8'));
      assert.deepEqual(after, before, 'the restored workspace is identical');
      await app.reload();
      await app.navLink('Accounts').click();
      assert.equal(await accountCount(page), 200, 'and it survives a reload');
    });
  });

  test('a workspace file opened beside the workspace it came from gets a name of its own', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await loadDemoAndWaitForSave(app, page);
      await page.getByTestId('about-link').click();
      await page.getByTestId('view-about').waitFor();
      const [exported] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-workspace').click(),
      ]);
      const name = JSON.parse(await readFile(await exported.path(), 'utf8')).workspace.name;
      await page.getByTestId('open-workspace').setInputFiles(await exported.path());
      await page.locator('[data-testid="about-outcome"]:not(.failed)').waitFor();
      await app.workspaceRow(`${name} 2`).waitFor();
      assert.deepEqual((await app.workspaceNames()).sort(), [name, `${name} 2`].sort());
      assert.equal(await app.currentWorkspace(), `${name} 2`, 'the restored copy is open');
    });
  });

  test('a cut-off workspace file is refused in the reader\'s language and changes nothing', async () => {
    await session({ locale: 'zh-CN' }, async (app, page) => {
      await loadDemoAndWaitForSave(app, page);
      await page.goto(suite.server.url + '#/about');
      await page.getByTestId('open-workspace').setInputFiles({
        name: 'workspace.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"format": "kam-radar-workspace-file", "version": 1, "workspace": {"name": "cut'),
      });
      const outcome = page.locator('[data-testid="about-outcome"].failed');
      await outcome.waitFor();
      const text = await outcome.innerText();
      assert.match(text, /无法打开此文件： 此文件不是 KAM Radar 工作区：不是 JSON（/);
      assert.doesNotMatch(text, /this file|not JSON/, 'no English sentence inside the Chinese one');
      await app.navLink('客户').click();
      assert.equal(await accountCount(page), 200, 'the workspace is untouched');
    });
  });

  test('a file that is not a workspace is refused with its reason and changes nothing', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await loadDemoAndWaitForSave(app, page);
      await page.goto(suite.server.url + '#/about');
      await page.getByTestId('open-workspace').setInputFiles({
        name: 'notes.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"hello": "world"}'),
      });
      const outcome = page.locator('[data-testid="about-outcome"].failed');
      await outcome.waitFor();
      assert.match(await outcome.innerText(), /could not be opened/);
      await app.navLink('Accounts').click();
      assert.equal(await accountCount(page), 200, 'the workspace is untouched');
    });
  });
});
