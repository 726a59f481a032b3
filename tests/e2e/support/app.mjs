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
   * for offline use) and returns the names of the page's caches.
   */
  async offlineReady() {
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
