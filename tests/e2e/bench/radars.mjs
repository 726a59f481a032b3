// Times the redraw of 12 profile radars in headless Chromium (canvas 420×357 CSS px at a
// device pixel ratio of 2) through the app's own drawing code, and prints the median of
// several runs. Run after a release build: `node tests/e2e/bench/radars.mjs`.
import { DIST, launchBrowser, openPage } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';

const RUNS = 15;
const WARM_UP = 3;

const server = await serveStatic(DIST, '/');
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, { locale: 'en-US' });
  await page.goto(server.url);
  await page.waitForFunction(() => window.kamRadar?.benchDrawRadars);
  const times = await page.evaluate(
    ({ runs, warmUp }) => {
      const all = [];
      for (let i = 0; i < runs + warmUp; i += 1) all.push(window.kamRadar.benchDrawRadars(12));
      return all.slice(warmUp);
    },
    { runs: RUNS, warmUp: WARM_UP },
  );
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`redraw of 12 radars on drawn canvases (420×357 CSS px, DPR 2): median ${median.toFixed(2)} ms, `
    + `min ${times[0].toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms over ${RUNS} runs (goal ≤ 10 ms)`);
} finally {
  await browser.close();
  await server.close();
}
