import { readFile } from 'node:fs/promises';
import { CaseSearchPage } from './pages/case-search-page';
import { ReportsPage } from './pages/reports-page';
import { atTheConsole, expect, test as base } from './support/work-fixtures';

const test = base.extend<{ reports: ReportsPage; caseSearch: CaseSearchPage }>({
  reports: async ({ page }, use) => {
    await use(new ReportsPage(page));
  },
  caseSearch: async ({ page }, use) => {
    await use(new CaseSearchPage(page));
  },
});

/** Okabe–Ito blue: the "Response met" bars. */
const RESPONSE_MET = '#0072B2';

test.describe('with the demo district (a year of cases)', () => {
  test.use({ deskwatchArgs: ['--demo'] });

  test('a supervisor reads SLA compliance, opens a chart as a table, follows a bar to its cases, finds a case by its words and exports the search', async ({
    page,
    deskwatch,
    otherClient,
    reports,
    caseSearch,
    casePage,
  }) => {
    const staff = await otherClient.value('staff.list', {});
    const supervisor = staff.find((s) => s.role === 'supervisor');
    if (!supervisor) throw new Error('the demo district has a supervisor');
    await atTheConsole(page, supervisor);
    await page.goto(deskwatch.url);

    await reports.navLink.click();
    await expect(reports.heading).toBeVisible();
    await expect(reports.tab('SLA compliance')).toHaveAttribute('aria-selected', 'true');
    await expect(reports.responseCard).toContainText(/\d+(\.\d)?% met/);
    await expect(reports.responseCard).toContainText(/\d+(\.\d)?% breached/);
    await expect(reports.resolutionCard).toContainText(/\d+(\.\d)?% met/);
    await expect(page.getByRole('table', { name: 'Median and 90th percentile times per priority' })).toContainText(/business (hours|days)|clock hours/);

    const byPriority = reports.chart('sla-by-priority');
    await expect(byPriority.locator('canvas').first()).toBeVisible();
    // ECharts says the figures in the chart's aria-label.
    await expect(byPriority.locator('[aria-label^="Bar chart"]')).toHaveAttribute('aria-label', /Priority \d: Response met \d+/);
    const table = byPriority.getByRole('table', { name: 'Targets met and breached by priority' });
    await expect(table).toBeHidden();
    await byPriority.getByText('Show as table').click();
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Response breached' })).toBeVisible();
    await expect(table.getByRole('rowheader').first()).toHaveText(/^Priority \d$/);

    // Systemic weaknesses over the last 30 days (the demo plants one): each lists the cases behind it.
    await reports.tab('Systemic weaknesses').click();
    const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date(Date.now() - offset * 86_400_000));
    await reports.from.fill(day(29));
    await reports.to.fill(day(0));
    await reports.show.click();
    const weakness = page.locator('.weakness').first();
    await expect(weakness.getByRole('heading')).toHaveText(/^.+: \d+(\.\d)?× its usual rate$/);
    const shown = await weakness.getByRole('link', { name: /^Show the \d+ cases?$/ }).innerText();
    await weakness.getByRole('link').click();
    await expect(caseSearch.count).toHaveText(`${shown.replace('Show the ', '')}.`);
    await page.goBack();
    await reports.tab('SLA compliance').click();

    // A bar opens the cases behind it on Find cases.
    await reports.clickBar('sla-by-priority', RESPONSE_MET);
    await expect(caseSearch.heading).toBeVisible();
    await expect(page).toHaveURL(/outcome=response(:|%3A)met/);
    await expect(page).toHaveURL(/priority=\d/);
    await expect(caseSearch.count).toHaveText(/^\d+ cases?[.;]/);
    await expect(caseSearch.rows().first()).toBeVisible();
    await expect(caseSearch.rows().first()).toContainText('✓ Met');

    // Find a case by a word of its summary, and open it.
    await caseSearch.navLink.click();
    await expect(caseSearch.rows().first()).toBeVisible();
    const first = caseSearch.rows().first();
    const number = (await first.getByRole('rowheader').innerText()).trim();
    const summary = (await first.locator('.summary-cell').innerText()).trim();
    const word = summary.split(/\W+/).filter((w) => w.length >= 5).sort((a, b) => b.length - a.length)[0];
    if (!word) throw new Error(`no searchable word in “${summary}”`);
    await caseSearch.words.fill(word);
    await caseSearch.search.click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}`));
    await expect(caseSearch.table).toContainText(number);

    // The search's cases as CSV: a header row, then one line per case.
    const downloading = page.waitForEvent('download');
    await caseSearch.exportCsv.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/^number,id,received_at,/);
    expect(lines.length).toBeGreaterThan(0);
    await expect(caseSearch.notice).toContainText(/^Saved .+\.csv \(\d+ rows?\)\.$/);

    await caseSearch.rows().filter({ hasText: number }).first().getByRole('link', { name: number }).click();
    await expect(casePage.heading).toContainText(number);
  });
});
