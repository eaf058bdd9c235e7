import type { Locator, Page } from '@playwright/test';

/** The reports screen: the period and filters, the report tabs, the figures and the charts with their tables. */
export class ReportsPage {
  readonly navLink: Locator;
  readonly heading: Locator;
  readonly tabs: Locator;
  readonly responseCard: Locator;
  readonly resolutionCard: Locator;
  readonly exportCsv: Locator;
  readonly exportXlsx: Locator;
  readonly print: Locator;
  readonly notice: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly show: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' });
    this.heading = page.getByRole('heading', { level: 1, name: 'Reports' });
    this.tabs = page.getByRole('tablist', { name: 'Reports' });
    this.responseCard = page.locator('.total-card[data-target="response"]');
    this.resolutionCard = page.locator('.total-card[data-target="resolution"]');
    this.exportCsv = page.getByRole('button', { name: 'Export CSV' });
    this.exportXlsx = page.getByRole('button', { name: 'Export XLSX' });
    this.print = page.getByRole('button', { name: 'Print / Save as PDF' });
    this.notice = page.locator('.reports-page .confirmation');
    this.from = page.getByLabel('Received from');
    this.to = page.getByLabel('Received to');
    this.show = page.getByRole('button', { name: 'Show', exact: true });
  }

  tab(name: string): Locator {
    return this.tabs.getByRole('tab', { name });
  }

  /** One chart's figure (its canvas, its "Show as table" and table), by its id ("sla-by-priority"). */
  chart(id: string): Locator {
    return this.page.locator(`figure[data-chart="${id}"]`);
  }

  /**
   * Clicks the first bar drawn in `colour` (#RRGGBB): ECharts draws on a canvas, so the bar is
   * found by its pixels, as a person finds it by eye.
   */
  async clickBar(id: string, colour: string): Promise<void> {
    const canvas = this.chart(id).locator('canvas').first();
    const point = await canvas.evaluate((element, hex) => {
      // Runs in the page; typed without the DOM library, which the tests' tsconfig does not load.
      const c = element as unknown as {
        width: number;
        height: number;
        getBoundingClientRect(): { width: number; height: number };
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
      };
      const context = c.getContext('2d');
      if (!context) return null;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const { data } = context.getImageData(0, 0, c.width, c.height);
      const box = c.getBoundingClientRect();
      // Look below the legend (whose swatches share the colours): from a third of the height down.
      for (let y = Math.floor(c.height / 3); y < c.height; y += 2) {
        for (let x = 0; x < c.width; x += 2) {
          const at = (y * c.width + x) * 4;
          if (data[at] === r && data[at + 1] === g && data[at + 2] === b) {
            return { x: (x / c.width) * box.width + 2, y: (y / c.height) * box.height + 2 };
          }
        }
      }
      return null;
    }, colour);
    if (!point) throw new Error(`no bar drawn in ${colour} on chart ${id}`);
    await canvas.click({ position: point });
  }
}
