import type { Locator, Page } from '@playwright/test';

/** The board's breach forecast: its panel, and the trial-moves controls. */
export class ForecastPanel {
  readonly panel: Locator;
  readonly summary: Locator;
  readonly today: Locator;
  readonly nextBusinessDay: Locator;
  readonly atRisk: Locator;
  readonly tryMoves: Locator;
  readonly trialBar: Locator;
  readonly reason: Locator;
  readonly commit: Locator;
  readonly discard: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: /^Breach forecast/ });
    this.summary = this.panel.getByTestId('forecast-summary');
    this.today = this.panel.getByRole('table', { name: 'Likely to breach today' });
    this.nextBusinessDay = this.panel.getByRole('table', { name: 'Likely to breach next business day' });
    this.atRisk = this.panel.getByRole('table', { name: 'At risk if work runs long' });
    this.tryMoves = page.getByRole('button', { name: 'Try moves' });
    this.trialBar = page.getByRole('region', { name: 'Trial moves' });
    this.reason = this.trialBar.getByLabel('Reason');
    this.commit = this.trialBar.getByRole('button', { name: 'Commit moves' });
    this.discard = this.trialBar.getByRole('button', { name: 'Discard' });
  }
}
