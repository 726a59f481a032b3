// A page object for the KAM Radar shell: what a user sees and clicks, named as they would.
export class KamApp {
  constructor(page) {
    this.page = page;
    this.name = page.getByTestId('app-name');
    this.languageSwitch = page.getByTestId('lang-switch');
    this.navigation = page.locator('nav.main-nav');
    this.updateBanner = page.getByTestId('update-banner');
  }

  /** Opens the app at `url` and waits until the WebAssembly app has mounted. */
  async open(url) {
    await this.page.goto(url);
    await this.mounted();
  }

  async mounted() {
    await this.name.waitFor({ state: 'visible', timeout: 20_000 });
  }

  async reload() {
    await this.page.reload();
    await this.mounted();
  }

  /**
   * Waits until an activated service worker controls the page (the app's files are then kept
   * for offline use) and returns the names of the page's caches. A page whose load began
   * while the first worker was still installing is not claimed by it (the worker's
   * `clients.claim()` reaches only pages already loaded when it activates); such a page is
   * controlled from its next load, as a user's next visit is, so it is reloaded once.
   */
  async offlineReady() {
    await this.page.evaluate(() => navigator.serviceWorker.ready);
    if (!(await this.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await this.reload();
    }
    await this.page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    return this.page.evaluate(() => caches.keys());
  }

  navLink(text) {
    return this.navigation.getByRole('link', { name: text, exact: true });
  }

  /** The header's workspace switcher (a button showing the open workspace's name). */
  get workspaceMenu() {
    return this.page.getByTestId('workspace-menu');
  }

  async currentWorkspace() {
    return (await this.page.getByTestId('current-workspace').innerText()).trim();
  }

  /** Waits until the header shows `name` (exactly) as the open workspace. */
  async workspaceOpen(name) {
    await this.page.waitForFunction(
      (name) => document.querySelector('[data-testid="current-workspace"]')?.textContent.trim() === name,
      name,
    );
  }

  /** Opens the workspace called `name` from the header's switcher. */
  async switchWorkspace(name) {
    await this.workspaceMenu.click();
    await this.page.getByTestId('workspace-list').getByRole('button', { name, exact: true }).click();
    await this.workspaceOpen(name);
  }

  /** The Privacy & data page's row of the workspace called `name`. */
  workspaceRow(name) {
    return this.page.getByTestId('workspace-row').filter({
      has: this.page.getByTestId('workspace-name').getByText(name, { exact: true }),
    });
  }

  /** The names in the Privacy & data page's list of workspaces, in order. */
  async workspaceNames() {
    return this.page.getByTestId('workspace-name').allInnerTexts();
  }

  async navTexts() {
    return this.navigation.getByRole('link').allInnerTexts();
  }
}

/** The canvas of the chart with `testId` (a figure or a radar panel). */
export function chartCanvas(page, testId) {
  return page.getByTestId(testId).locator('canvas').first();
}

/**
 * What a canvas shows: its CSS size, its backing-store size, and how many of its pixels are
 * painted (not white and not transparent), read back from the canvas itself.
 */
export async function canvasState(canvas) {
  return canvas.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const context = element.getContext('2d');
    const { data } = context.getImageData(0, 0, element.width, element.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      const white = data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245;
      if (data[i + 3] > 0 && !white) painted += 1;
    }
    return {
      cssWidth: rect.width,
      cssHeight: rect.height,
      width: element.width,
      height: element.height,
      painted,
      ratio: window.devicePixelRatio,
    };
  });
}

/** The radar's text alternative as { columns, rows: { axis: [cell texts] }, short: [axis] }. */
export async function radarValues(panel) {
  return panel.locator('table.radar-values').evaluate((table) => {
    const columns = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim());
    const rows = {};
    const short = [];
    for (const tr of table.querySelectorAll('tbody tr')) {
      const axis = tr.querySelector('th').textContent.trim();
      rows[axis] = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
      if (tr.querySelector('td.short')) short.push(axis);
    }
    return { columns, rows, short };
  });
}

/** The portfolio table: its counts, filters, heading, rows in the DOM and downloads. */
export class PortfolioTable {
  constructor(page) {
    this.page = page;
    this.root = page.getByTestId('portfolio-table');
    this.viewport = page.getByTestId('table-viewport');
    this.rows = this.viewport.locator('.pt-body [role="row"]');
    this.search = page.getByTestId('table-search');
  }

  /** How many accounts the filters show, as the table says. */
  async shownCount() {
    return Number(await this.page.getByTestId('shown-count').innerText());
  }

  /** The button of a class in the counts (`framework`: scorecard, credit, external, internal, abc). */
  chip(framework, classId) {
    return this.page.locator(`[data-framework="${framework}"] [data-class="${classId}"]`);
  }

  async chipCount(framework, classId) {
    return Number(await this.chip(framework, classId).locator('strong').innerText());
  }

  heading(text) {
    return this.viewport.locator('[role="columnheader"]', { hasText: text });
  }

  /** The cells of the rows in the DOM as { pos, index, cells: [texts] }, in display order. */
  async renderedRows() {
    return this.rows.evaluateAll((rows) => rows.map((row) => ({
      pos: Number(row.dataset.pos),
      index: Number(row.getAttribute('aria-rowindex')),
      cells: [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent),
    })));
  }

  /** Scrolls the table box to `top` CSS pixels and waits until the first row in view is rendered. */
  async scrollTo(top) {
    await this.viewport.evaluate((box, y) => { box.scrollTop = y; }, top);
    await this.page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="table-viewport"]');
      const count = Number(box.getAttribute('aria-rowcount')) - 1;
      const first = Math.min(Math.floor(box.scrollTop / 32), count - 1);
      return count === 0 || box.querySelector(`.pt-body [data-pos="${first}"]`) !== null;
    });
  }

  /** Every row's cells, read by scrolling the box from top to bottom. */
  async allRows() {
    const seen = new Map();
    const height = await this.viewport.evaluate((box) => box.scrollHeight);
    for (let top = 0; ; top += 320) {
      await this.scrollTo(top);
      for (const row of await this.renderedRows()) seen.set(row.pos, row.cells);
      if (top >= height) break;
    }
    return [...seen.keys()].sort((a, b) => a - b).map((pos) => seen.get(pos));
  }
}
