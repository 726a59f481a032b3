// Importing spreadsheets in the browser: a GBK CSV as Chinese Excel saves it through the file
// picker (detected, mapped, a mapping overridden, a bad row reported with its row number and
// downloadable, committed, scored), a file dropped on the welcome screen, a re-import that
// changes nothing, the templates (downloaded, then imported back), and a 100,000-row file
// that keeps the page responsive while the bar moves, and can be cancelled.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { appSuite } from '../support/suite.mjs';

const FIXTURES = new URL('../../fixtures/import/', import.meta.url);

async function fixture(name) {
  return readFile(new URL(name, FIXTURES));
}

/** A file for `setInputFiles`. */
function file(name, buffer, mimeType = 'text/csv') {
  return { name, mimeType, buffer };
}

const STAKEHOLDERS = [
  '所属客户,姓名,旅程点,关系角色,权力角色',
  '华东精密机械有限公司,赵敏,采购,教练,决策者',
  '南方电子科技股份有限公司,孙立,技术,反对者,影响者',
].join('\n');

/**
 * Builds a deterministic accounts CSV of `count` rows (about 107 bytes a row) as a File inside
 * the page, so handing it to the app costs nothing (Playwright's own file transfer would block
 * the page for seconds and hide what the app does), and returns its size in bytes.
 */
async function makeBigFile(page, count) {
  return page.evaluate((count) => {
    const levels = ['高', '中', '低'];
    const lines = ['客户编号,客户名称,区域,行业,负责人,战略契合度,利润贡献,业务规模,行业影响力,市场和品牌效应,发展潜力,年销售额,营业收入'];
    for (let i = 0; i < count; i += 1) {
      const l = (k) => levels[(i * 7 + k * 3) % 3];
      lines.push(`C${String(i).padStart(6, '0')},客户 ${i} 有限公司,区域 ${i % 9},行业 ${i % 17},经理 ${i % 50},${l(1)},${l(2)},${l(3)},${l(4)},${l(5)},${l(6)},"${(i % 997) * 13 + 50},000",${(i * 7919) % 90_000_000 + 1_000_000}`);
    }
    window.bigFile = new File([lines.join('\r\n')], 'big.csv', { type: 'text/csv' });
    return window.bigFile.size;
  }, count);
}

/** Gives the page's big file to the Import view's file input, as a user's pick would. */
async function pickBigFile(page) {
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(window.bigFile);
    const input = document.querySelector('[data-testid="import-files"]');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Starts recording the longest gap between animation frames: how long the page froze. */
async function watchFrames(page) {
  await page.evaluate(() => {
    window.frames_ = { last: performance.now(), longest: 0, stop: false };
    const tick = (now) => {
      const f = window.frames_;
      f.longest = Math.max(f.longest, now - f.last);
      f.last = now;
      if (!f.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function longestFrameGap(page) {
  return page.evaluate(() => {
    window.frames_.stop = true;
    return window.frames_.longest;
  });
}

describe('import', () => {
  const suite = appSuite();
  const session = (...args) => suite.session(...args);

  async function openImport(app, page) {
    await app.open(suite.server.url + '#/import');
    await page.getByTestId('view-import').waitFor();
  }

  async function mappingOf(page, header) {
    const select = page.locator(`select[data-testid="column-target"][data-header="${header}"]`);
    return select.evaluate((s) => s.options[s.selectedIndex].textContent.trim());
  }

  test('a GBK CSV and a stakeholder sheet go through the picker, the report and into the portfolio', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await openImport(app, page);
      await page.getByTestId('import-files').setInputFiles([
        file('customers_gbk.csv', await fixture('customers_gbk.csv')),
        file('people.csv', Buffer.from(STAKEHOLDERS)),
      ]);
      await page.getByTestId('import-mapping').waitFor();

      // What was detected, per file.
      const files = await page.getByTestId('file-read').allInnerTexts();
      assert.match(files[0], /customers_gbk\.csv — CSV · GBK \/ GB18030.*· comma/);
      assert.equal(await page.getByTestId('sheet').count(), 2);
      const kinds = await page
        .getByTestId('sheet-kind')
        .evaluateAll((selects) => selects.map((s) => s.value));
      assert.deepEqual(kinds, ['accounts', 'stakeholders']);
      assert.equal(await mappingOf(page, '客户名称'), 'Account name');
      assert.equal(await mappingOf(page, '年销售额'), 'Annual sales');
      // The preview shows the cells as written, decoded from GBK.
      const firstSheet = page.getByTestId('sheet').first();
      assert.match(await firstSheet.locator('tbody tr').first().innerText(), /华东精密机械有限公司/);
      assert.match(await firstSheet.locator('tbody tr').first().innerText(), /1,200万/);

      // Override: keep the manager column as an attribute instead of the owner.
      await page
        .locator('select[data-testid="column-target"][data-header="客户经理"]')
        .selectOption({ label: 'keep as attribute' });
      assert.equal(await mappingOf(page, '客户经理'), 'keep as attribute');
      const confidence = firstSheet.locator('th', { hasText: '客户经理' }).locator('.confidence');
      assert.equal(await confidence.innerText(), 'your choice');

      await page.getByTestId('import-check').click();
      const review = page.getByTestId('import-review');
      await review.waitFor();
      assert.equal(await review.getByTestId('merge-new').locator('.count').innerText(), '4');
      assert.equal(await review.getByTestId('merge-problems').locator('.count').innerText(), '1');
      assert.equal(await review.getByTestId('merge-stakeholders').locator('.count').innerText(), '2');

      // The bad row: 西部能源 on spreadsheet row 5, its strategic fit "很高" in column F.
      const problem = page.getByTestId('problem-row').filter({ hasText: '很高' });
      assert.equal(await problem.count(), 1);
      assert.equal(await problem.getByTestId('problem-row-number').innerText(), '5');
      assert.match(await problem.innerText(), /customers_gbk\.csv.*F 战略契合度.*很高.*error/is);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-problem-rows').click(),
      ]);
      assert.equal(download.suggestedFilename(), 'customers_gbk_problems.csv');
      const rows = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      assert.equal(rows.length, 2, 'the header and the one rejected row');
      assert.match(rows[0], /^客户编号,客户名称.*,problem 问题$/);
      assert.match(rows[1], /^K004,西部能源有限公司,.*很高/);

      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-done').waitFor();
      await page.getByTestId('open-portfolio').click();
      await app.navLink('Accounts').click();
      const list = page.getByTestId('account-list');
      await list.waitFor();
      assert.equal(await list.locator('li').count(), 4);
      await list.getByText('华东精密机械有限公司').click();
      const detail = page.getByTestId('account-detail');
      await detail.waitFor();
      // The manager went to the attributes, as overridden, and the account is scored.
      assert.match(await detail.getByTestId('account-attributes').innerText(), /客户经理: 张伟/);
      const badges = await detail.locator('.badge').allInnerTexts();
      // Six criteria "high" (高) take the middle of their top bands: 82.5, on the key list.
      assert.match(badges[0], /key account list\s+82\.5/, badges[0]);

      // The confirmed mapping is remembered: the same headers come back mapped the same way.
      await app.navLink('Import').click();
      await page.getByTestId('import-files').setInputFiles([
        file('customers_gbk.csv', await fixture('customers_gbk.csv')),
      ]);
      await page.getByTestId('import-mapping').waitFor();
      assert.equal(await mappingOf(page, '客户经理'), 'keep as attribute');
      assert.equal(
        await page.getByTestId('sheet').locator('th', { hasText: '客户经理' }).locator('.confidence').innerText(),
        'as last time',
      );
      // …and importing it again changes nothing: nothing to commit.
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-review').waitFor();
      assert.equal(await page.getByTestId('merge-new').locator('.count').innerText(), '0');
      assert.equal(await page.getByTestId('merge-unchanged').locator('.count').innerText(), '4');
      assert.ok(await page.getByTestId('import-commit').isDisabled());
    });
  });

  test('files LibreOffice wrote (XLSX with two sheets, GBK CSV) score as on the command line', async () => {
    // The command line's scores for these files (tests/import_real_files.rs checks them).
    const expected = {
      华东精密机械有限公司: 'key account list\n82.5',
      南方电子科技股份有限公司: 'not listed\n55',
      北方化工集团: 'not listed\n25',
      长江物流有限公司: 'potential key account list\n67.5',
    };
    for (const name of ['kam.xlsx', 'kam_gbk.csv']) {
      await session({ locale: 'en-US' }, async (app, page) => {
        await openImport(app, page);
        await page.getByTestId('import-files').setInputFiles([
          file(name, await fixture('libreoffice/' + name), 'application/octet-stream'),
        ]);
        await page.getByTestId('import-mapping').waitFor();
        await page.getByTestId('import-check').click();
        await page.getByTestId('import-review').waitFor();
        const rows = await page.getByTestId('problem-row').filter({ hasText: 'not a known level' }).allInnerTexts();
        const located = rows.map((row) => row.split('\t').slice(1, 5).join(' | '));
        const wanted = name === 'kam.xlsx'
          ? ['客户 | 5 | F 战略契合度 | 很高', '客户人员 | 4 | E 权力角色 | 使用者']
          : [' | 5 | F 战略契合度 | 很高'];
        assert.deepEqual(located, wanted, name);
        await page.getByTestId('import-commit').click();
        await page.getByTestId('import-done').waitFor();
        await app.navLink('Accounts').click();
        for (const [account, badge] of Object.entries(expected)) {
          await page.getByTestId('account-list').getByText(account, { exact: true }).click();
          await page.getByTestId('account-detail').locator('h2', { hasText: account }).waitFor();
          const ka = await page.getByTestId('account-detail').locator('.badge').first().innerText();
          assert.equal(ka.split('\n').slice(1).join('\n'), badge, `${name}: ${account}`);
        }
      });
    }
  });

  test('a file dropped on the welcome screen opens the Import view with its sheet', async () => {
    await session({ locale: 'zh-CN' }, async (app, page) => {
      await app.open(suite.server.url);
      const bytes = [...(await fixture('customers_gbk.csv'))];
      const transfer = await page.evaluateHandle((data) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], '客户.csv', { type: 'text/csv' }));
        return dt;
      }, bytes);
      const zone = page.getByTestId('drop-zone');
      await zone.dispatchEvent('dragover', { dataTransfer: transfer });
      await zone.dispatchEvent('drop', { dataTransfer: transfer });
      await page.getByTestId('import-mapping').waitFor();
      assert.match(page.url(), /#\/import$/);
      assert.match(await page.getByTestId('file-read').innerText(), /客户\.csv — CSV · GBK/);
      assert.equal(await mappingOf(page, '客户名称'), '客户名称');
    });
  });

  test('the import worker starts with the view, takes the first file, and a fresh one waits after the commit', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      const started = [];
      page.on('worker', (worker) => started.push(worker));
      const first = page.waitForEvent('worker');
      await openImport(app, page);
      // Started before any file is chosen, so its module is fetched and compiled meanwhile.
      await first;
      const accounts = '客户名称,战略契合度\n华东精密机械有限公司,高\n南方电子科技股份有限公司,中\n';
      await page.getByTestId('import-files').setInputFiles([file('accounts.csv', Buffer.from(accounts))]);
      await page.getByTestId('import-mapping').waitFor();
      assert.equal(started.length, 1, 'the file went to the worker started ahead');
      const firstClosed = new Promise((resolve) => started[0].on('close', resolve));
      const next = page.waitForEvent('worker');
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-done').waitFor();
      // The import's worker (holding the file) is stopped, and a fresh one waits for the next.
      await firstClosed;
      await next;
      assert.equal(started.length, 2);
      assert.equal(page.workers().length, 1);
    });
  });

  test('a worker that cannot start ahead shows nothing until an import needs it', async () => {
    await session({ locale: 'en-US' }, async (app, page, context) => {
      await context.route('**/import-worker-boot.js', (route) => route.abort());
      const failed = page.waitForEvent('requestfailed', (r) => r.url().endsWith('import-worker-boot.js'));
      await openImport(app, page);
      await failed;
      // Two frames and a moment for the worker's error to reach the app.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
      assert.equal(await page.getByTestId('import-notice').count(), 0, 'no error before the user did anything');
      await page.getByTestId('import-files').setInputFiles([file('people.csv', Buffer.from(STAKEHOLDERS))]);
      const notice = page.getByTestId('import-notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /Import failed: the import worker could not be loaded; reload the page and try again\./);
      assert.equal(await notice.getAttribute('role'), 'alert');
    }, /import-worker-boot|ERR_FAILED/);
  });

  test('an unreadable file is named with the reason, and the other files still import', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openImport(app, page);
      await page.getByTestId('import-files').setInputFiles([
        file('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a workbook'), 'application/octet-stream'),
        file('people.csv', Buffer.from(STAKEHOLDERS)),
      ]);
      await page.getByTestId('import-mapping').waitFor();
      const error = page.getByTestId('file-error');
      assert.match(await error.innerText(), /broken\.xlsx — broken\.xlsx: not a readable spreadsheet .*save it as \.xlsx or \.csv/);
      assert.equal(await error.getAttribute('role'), 'alert');
      assert.equal(await page.getByTestId('sheet').count(), 1);
    });
  });

  test('the templates download and import back with every column recognised', async () => {
    await session({ locale: 'en-US', acceptDownloads: true }, async (app, page) => {
      await openImport(app, page);
      for (const [button, name] of [
        ['template-csv', 'kam-radar-template.csv'],
        ['template-xlsx', 'kam-radar-template.xlsx'],
      ]) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(button).click(),
        ]);
        assert.equal(download.suggestedFilename(), name);
        const bytes = await readFile(await download.path());
        await page.getByTestId('import-files').setInputFiles([file(name, bytes, 'application/octet-stream')]);
        await page.getByTestId('import-mapping').waitFor();
        const sheet = page.getByTestId('sheet').first();
        assert.equal(await sheet.getByTestId('sheet-kind').inputValue(), 'accounts', name);
        const confidences = await sheet.locator('thead .confidence').allInnerTexts();
        assert.ok(confidences.length > 20, `${name}: ${confidences.length} columns`);
        assert.deepEqual([...new Set(confidences)], ['sure'], name);
      }
    });
  });

  test('a 100,000-row file keeps the page responsive, shows progress, and can be cancelled', async () => {
    await session({ locale: 'en-US' }, async (app, page) => {
      await openImport(app, page);
      const bytes = await makeBigFile(page, 100_000);
      assert.ok(bytes > 10_000_000, `${bytes} bytes`);

      // Reading: the worker parses 10 MB while the page keeps drawing frames and the bar moves.
      await watchFrames(page);
      await pickBigFile(page);
      const percents = new Set();
      const bar = page.getByTestId('import-progress');
      while (!(await page.getByTestId('import-mapping').isVisible())) {
        const text = await bar.getByTestId('import-percent').textContent().catch(() => null);
        if (text) percents.add(text);
        await page.waitForTimeout(10);
      }
      const longest = await longestFrameGap(page);
      assert.ok(percents.size >= 3, `the bar moved: ${[...percents].join(' ')}`);
      assert.ok(longest < 200, `the page froze for ${longest.toFixed(0)} ms while reading`);
      assert.match(await page.getByTestId('sheet').locator('h3').innerText(), /100000 rows/);

      await page.getByTestId('import-check').click();
      await page.getByTestId('import-review').waitFor({ timeout: 60_000 });
      assert.equal(await page.getByTestId('merge-new').locator('.count').innerText(), '100000');

      // Cancelling a read stops it at once and changes nothing. The read of 10 MB takes well
      // under a second now, less than Playwright's checks before a click on a busy machine
      // (a CI run clicked after the read had ended), so the page clicks Cancel itself as soon
      // as the button appears, as a user with the pointer already on it would.
      await page.evaluate(() => {
        const observer = new MutationObserver(() => {
          const cancel = document.querySelector('[data-testid="import-cancel"]');
          if (cancel) {
            observer.disconnect();
            cancel.click();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      await pickBigFile(page);
      assert.match(await page.getByTestId('import-notice').innerText(), /cancelled; nothing was changed/);
      assert.equal(await bar.count(), 0);
      await app.navLink('Accounts').click();
      await page.getByTestId('no-accounts').waitFor();
    });
  });
});
