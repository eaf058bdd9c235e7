import { atTheConsole, expect, test } from './support/work-fixtures';

/**
 * A console in another time zone (a technician's laptop set to New York) shows the desk's
 * deadlines in the desk's zone and names it, instead of converting them to its own unnamed.
 * Filed Monday 9:00 AM in Chicago, a priority 2 case's response is due at 1:00 PM Chicago time.
 */
test.use({ timezoneId: 'America/New_York', deskwatchArgs: ['--now', '2026-11-30T09:00:00-06:00'] });

test('a console in New York shows Chicago deadlines in Chicago time, named', async ({ page, deskwatch, work, casePage }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Projector shows no signal', priority: 2 });
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);
  await expect(casePage.heading).toHaveText(`${filed.number} · Projector shows no signal`);
  await expect(casePage.detail('Response due')).toHaveText(/Nov 30, 2026,? 1:00\sPM CST/);
  await expect(casePage.detail('Received')).toHaveText(/9:\d\d\sAM CST/);
  await expect(page.getByText(/2:00\sPM/)).toHaveCount(0);
});
