// Launches Debian's Chromium through playwright-core and records every request the page makes,
// so each test can assert that nothing left the page's own origin.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist');

// Without the background-networking flags Chromium itself phones home, which is not the page.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
}

/**
 * A new page in its own context, with every request and console error recorded.
 * `options` are Playwright context options (locale, deviceScaleFactor, viewport…).
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, requests, errors };
}

/** Requests that went anywhere but `origin` (data: and blob: URLs stay in the page). */
export function foreignRequests(requests, origin) {
  return requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).origin !== origin;
  });
}
