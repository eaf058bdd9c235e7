import { IntakePage } from './pages/intake-page';
import { atTheConsole, expect, test } from './support/work-fixtures';

// A softphone pops the intake screen with the caller's number (`#/intake?phone=…` in a browser;
// the desktop app's deskwatch://intake?phone=… lands on the same route). The technician then sees
// when the caller can be visited and is warned, in words, about a visit outside it.

test('a call from a known number opens a new intake with that caller chosen', async ({ page, deskwatch, work, otherClient }) => {
  const agent = await work.staff('Ana Lima', 'agent');
  await otherClient.value('callers.create', { name: 'Pat Rivera', phone: '(573) 555-0123' }, { actorId: agent.id });
  await otherClient.value('callers.create', { name: 'Lee Chen', phone: '573-555-0999' }, { actorId: agent.id });
  await atTheConsole(page, agent);
  const intake = new IntakePage(page);

  // Something typed for an earlier call is set aside, not lost.
  await page.goto(`${deskwatch.url}#/intake`);
  await intake.summary.fill('Half-typed problem');

  await page.goto(`${deskwatch.url}#/intake?phone=+15735550123`);

  await expect(intake.chosenCaller).toContainText('Pat Rivera');
  await expect(page.getByRole('status', { name: 'Incoming call' })).toContainText('Call from +15735550123: Pat Rivera');
  await expect(intake.callbackNumber).toHaveValue('+15735550123');
  await expect(intake.summary).toHaveValue('');
  // The address no longer carries the number: a reload does not pop the call again.
  await expect.poll(() => new URL(page.url()).hash).toBe('#/intake');

  const aside = page.getByRole('region', { name: 'Intakes set aside' });
  await expect(aside).toContainText('“Half-typed problem”');
  await aside.getByRole('button', { name: 'Return to it' }).click();
  await expect(intake.summary).toHaveValue('Half-typed problem');
});

test('a number nobody has offers a new caller with it; a bad number says so', async ({ page, deskwatch, work }) => {
  const agent = await work.staff('Ana Lima', 'agent');
  await atTheConsole(page, agent);
  const intake = new IntakePage(page);

  await page.goto(`${deskwatch.url}#/intake?phone=${encodeURIComponent('(573) 555-4444')}`);
  await expect(page.getByRole('status', { name: 'Incoming call' })).toContainText('no caller in the directory has this number');
  await page.getByRole('button', { name: 'New caller with this number' }).click();
  await expect(intake.newCaller.getByRole('textbox', { name: 'Phone' })).toHaveValue('(573) 555-4444');

  await page.goto(`${deskwatch.url}#/intake?phone=call-me`);
  await expect(page.getByRole('alert', { name: 'Incoming call' })).toContainText('which is not a phone number');
});

test('the technician sees the caller availability and is warned about a visit outside it', async ({ page, deskwatch, work, otherClient }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await otherClient.value(
    'cases.create',
    {
      callerName: 'Jo Park',
      summary: 'Smartboard pen not working',
      wizard: { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' },
      callerAvailability: 'mornings before 10, not Wednesdays',
      availabilityWindows: [1, 2, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '10:00' })),
    },
    { actorId: tech.id },
  );
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);

  const panel = page.getByRole('region', { name: 'Caller availability' });
  await expect(panel).toContainText('mornings before 10, not Wednesdays');
  await expect(panel).toContainText('Mon, Tue, Thu, Fri 8:00–10:00');

  const visit = panel.getByRole('form', { name: 'Plan a visit' });
  // Tuesday 2026-12-01 3:00 PM at the desk (the e2e browser runs in the desk's zone).
  await visit.getByLabel('Visit at').fill('2026-12-01T15:00');
  await visit.getByRole('textbox', { name: 'What for' }).fill('Swap the pen');
  await visit.getByRole('button', { name: 'Plan visit' }).click();

  await expect(panel.getByRole('alert')).toHaveText("Warning: Visit Tue, Dec 1 3:00 PM is outside the caller's windows: Mon, Tue, Thu, Fri 8:00–10:00");
  await expect(panel).toContainText('Swap the pen');

  await visit.getByLabel('Visit at').fill('2026-12-01T09:00');
  await visit.getByRole('button', { name: 'Move visit' }).click();
  await expect(panel).toContainText('Tue, Dec 1, 9:00 AM');
  await expect(panel.getByRole('alert')).toHaveCount(0);
});
