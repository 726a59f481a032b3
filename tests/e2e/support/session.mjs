// One browser session per test: a fresh context, and after the test the checks every session
// must pass — nothing left the page's origin, and the page logged no unexpected error.
import assert from 'node:assert/strict';

import { foreignRequests, openPage } from './browser.mjs';
import { KamApp } from './app.mjs';

/**
 * Runs `body(app, page, context)` on a fresh page against `server`, then asserts that every
 * request stayed on the server's origin and that no error other than `expectedErrors` was
 * logged. `options` are Playwright context options (locale, deviceScaleFactor, …).
 */
export async function session(browser, server, options, body, expectedErrors = null) {
  const { context, page, requests, errors } = await openPage(browser, options);
  try {
    await body(new KamApp(page), page, context);
    assert.deepEqual(foreignRequests(requests, server.origin), [], 'requests left the origin');
    const unexpected = errors.filter((error) => !expectedErrors?.test(error));
    assert.deepEqual(unexpected, [], 'the page logged errors');
    assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the wasm module was loaded');
  } finally {
    await context.close();
  }
}
