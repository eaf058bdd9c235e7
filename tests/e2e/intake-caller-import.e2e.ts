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
