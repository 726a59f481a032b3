// The frame of every spec: a static server for the built dist/ and one Chromium for the suite,
// started before its tests and stopped after them, plus `session` bound to both.
import { after, before } from 'node:test';

import { DIST, launchBrowser } from './browser.mjs';
import { session } from './session.mjs';
import { serveStatic } from './server.mjs';

/** Call inside `describe`; the returned object's fields are set once the suite starts. */
export function appSuite(prefix = '/') {
  const suite = {
    server: null,
    browser: null,
    session: (options, body, expectedErrors) =>
      session(suite.browser, suite.server, options, body, expectedErrors),
  };
  before(async () => {
    suite.server = await serveStatic(DIST, prefix);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
