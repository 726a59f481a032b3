// A page object for the KAM Radar shell: what a user sees and clicks, named as they would.
export class KamApp {
  constructor(page) {
    this.page = page;
    this.name = page.getByTestId('app-name');
    this.languageSwitch = page.getByTestId('lang-switch');
    this.navigation = page.locator('nav.main-nav');
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

  navLink(text) {
    return this.navigation.getByRole('link', { name: text, exact: true });
  }

  async navTexts() {
    return this.navigation.getByRole('link').allInnerTexts();
  }
}
