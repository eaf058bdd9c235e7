import { expect, rememberAtTheConsole, test } from './support/intake-fixtures';

const EXPORT = [
  'Name,Email,Extension,Building,Room,Department',
  'Ruth Adler,radler@cps.example,4410,Hickman High School,101,English',
  'Omar Said,osaid@cps.example,4411,Atlantis School,5,Science',
  'Kim Lee,klee@cps.example,4412,Lee Elementary,7,Office',
].join('\n');

test('a CSV with a bad line is reported by line and imports nothing; with “skip invalid rows” the good rows are imported', async ({
  page,
  deskwatch,
  otherClient,
  agent,
  callerImportPage,
}) => {
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import callers' }).click();
  await expect(callerImportPage.heading).toBeVisible();
  await expect(callerImportPage.dryRunButton).toBeDisabled();

  await callerImportPage.chooseFile('district-staff.csv', EXPORT);
  await callerImportPage.dryRunButton.click();

  await expect(callerImportPage.reportMessage).toContainText('Nothing imported: 1 bad row');
  await expect(callerImportPage.problem(3)).toContainText('unknown building "Atlantis School"');
  await expect(callerImportPage.problems.getByRole('row')).toHaveCount(2);
  await expect(callerImportPage.importButton).toBeDisabled();
  expect((await otherClient.value('callers.search', { query: 'adler' }, { actorId: agent.id })).callers).toEqual([]);

  await callerImportPage.skipInvalid.check();
  await expect(callerImportPage.report).toHaveCount(0);
  await callerImportPage.dryRunButton.click();
  await expect(callerImportPage.reportMessage).toHaveText('Dry run: would create 2 and update 0 callers. Skipped 1 bad row.');
  await expect(callerImportPage.problem(3)).toContainText('Atlantis School');
  // Still a dry run: nothing written yet.
  expect((await otherClient.value('callers.search', { query: 'adler' }, { actorId: agent.id })).callers).toEqual([]);

  await callerImportPage.importButton.click();
  await expect(callerImportPage.reportMessage).toHaveText('Imported 2 new and updated 0 existing callers. Skipped 1 bad row.');
  await expect(callerImportPage.problem(3)).toBeVisible();

  const names = async (query: string) => (await otherClient.value('callers.search', { query }, { actorId: agent.id })).callers.map((c) => c.name);
  expect(await names('adler')).toEqual(['Ruth Adler']);
  expect(await names('klee@cps')).toEqual(['Kim Lee']);
  expect(await names('omar')).toEqual([]);
});

/** A district's whole staff export: 50,000 rows, about 5 MB, far over the 1 MB most calls may carry. */
function districtExport(rows: number): string {
  const lines = ['Name,Email,Extension,Building,Room,Department'];
  for (let i = 0; i < rows; i++) {
    lines.push(`"Teacher${i}, Pat Morgan-Ellis",pat.morgan.ellis.${i}@cps.example,${10_000 + i},Hickman High School,${100 + (i % 400)},Science and Technology`);
  }
  return lines.join('\n');
}

test('the whole district (50,000 callers, about 5 MB) imports through the browser mode', async ({ page, deskwatch, otherClient, agent, callerImportPage }) => {
  test.setTimeout(240_000);
  const csv = districtExport(50_000);
  expect(Buffer.byteLength(csv)).toBeGreaterThan(5_000_000);
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import callers' }).click();
  await callerImportPage.chooseFile('all-staff.csv', csv);

  await callerImportPage.dryRunButton.click();
  await expect(callerImportPage.reportMessage).toHaveText(/^Dry run: would create 50,?000 and update 0 callers\.$/, { timeout: 90_000 });
  await callerImportPage.importButton.click();
  await expect(callerImportPage.reportMessage).toHaveText(/^Imported 50,?000 new and updated 0 existing callers\.$/, { timeout: 120_000 });

  const found = await otherClient.value('callers.search', { query: 'pat.morgan.ellis.49999@cps' }, { actorId: agent.id });
  expect(found.callers.map((c) => c.name)).toEqual(['Teacher49999, Pat Morgan-Ellis']);
});
