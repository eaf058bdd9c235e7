import type { Announcement } from '../../shared/announcements';
import { formatCaseNumber, type StaffMember } from '../../shared/domain';
import { paragraph } from '../../electron/core/mail/mail-body';
import { AnnouncementsPage } from './pages/announcements-page';
import { DistrictHeader } from './pages/district-header';
import { SignInPage } from './pages/sign-in-page';
import { WelcomePage } from './pages/welcome-page';
import type { ContractClient } from './support/contract-client';
import { test as districtTest } from './support/district-server';
import { atTheConsole, expect, test as base } from './support/work-fixtures';

const test = base.extend<{ announcements: AnnouncementsPage }>({
  announcements: async ({ page }, use) => {
    await use(new AnnouncementsPage(page));
  },
});

// Thursday 9:00 at the desk (America/Chicago, as the browser): Saturday's maintenance is past its
// notice deadline (Wednesday's opening), the Wednesday after next is well ahead of its own.
test.use({ deskwatchArgs: ['--now', '2026-12-03T09:00:00-06:00'] });

const MINUTE = 60_000;

async function buildingId(client: ContractClient, actor: StaffMember, name: string): Promise<number> {
  const lists = await client.value('directory.lists', {}, { actorId: actor.id });
  const found = lists.buildings.find((b) => b.name === name);
  if (!found) throw new Error(`no building "${name}"`);
  return found.id;
}

test('a supervisor publishes maintenance outside the window with its reason, a technician posts an update, an agent reads it', async ({
  page,
  deskwatch,
  otherClient,
  work,
  header,
  announcements: screen,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await work.staff('Tia Tran', 'technician');
  await work.staff('Ana Lima', 'agent');
  // A draft for Saturday's maintenance period, not published by Wednesday's opening: its author is reminded.
  await otherClient.value(
    'announcements.save',
    { kind: 'planned_maintenance', title: 'Email server patches', description: '', affectedServices: ['Email'], buildingIds: [], startAt: '2026-12-05T14:00:00.000Z', expectedMinutes: 120 },
    { actorId: boss.id },
  );

  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  await screen.navLink.click();
  await expect(screen.listHeading).toBeVisible();
  await expect(page).toHaveTitle('Announcements · Deskwatch');
  await expect(screen.reminders).toContainText('Email server patches');
  await expect(screen.reminders).toContainText('(yours)');

  // A new draft on a Wednesday afternoon: outside Saturday 8 a.m. to noon.
  await screen.newLink.click();
  await expect(screen.heading).toHaveText('New announcement');
  await screen.fillDraft({
    kind: 'Planned maintenance',
    title: 'Network switch replacement',
    description: 'The network closet switch is replaced; wired connections drop meanwhile.',
    services: 'Internet, Phones',
    buildings: ['Battle High School'],
    start: '2026-12-16T14:00',
    minutes: 180,
  });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(screen.heading).toHaveText('Network switch replacement');
  await expect(page).toHaveURL(/#\/announcements\/\d+$/);
  const id = Number(/announcements\/(\d+)/.exec(page.url())?.[1]);
  await expect(screen.meta).toContainText('Draft');
  await expect(screen.meta).toContainText('Outside the maintenance window');
  await expect(screen.meta).not.toContainText('Late notice');
  await expect(screen.facts).toContainText('Battle High School');
  await expect(screen.facts).toContainText('Internet, Phones');
  await expect(screen.facts).toContainText('Wed, Dec 16, 2:00 PM – 5:00 PM (3 hours)');

  // Publishing without a reason: the core asks for one, on the field.
  await expect(screen.reasonInput).toBeVisible();
  await screen.publishButton.click();
  await expect(screen.reasonError).toContainText(/reason/i);
  await expect(screen.reasonInput).toHaveAttribute('aria-invalid', 'true');
  await expect(screen.meta).toContainText('Draft');
  await screen.reasonInput.fill('The switch vendor installs on weekdays only.');
  await screen.publishButton.click();
  await expect(screen.notice).toHaveText(`N-${String(id).padStart(4, '0')} is published.`);
  await expect(screen.meta).toContainText('Published');
  await expect(screen.meta).toContainText('Outside the maintenance window');
  await expect(screen.facts).toContainText('The switch vendor installs on weekdays only.');
  await expect(screen.publishButton).toHaveCount(0);
  await expect(screen.closeButton).toBeVisible();

  // The technician posts an update, and may do nothing else.
  await header.switchPerson.click();
  await new WelcomePage(page).choose('Tia Tran');
  await page.goto(`${deskwatch.origin}/#/announcements/${id}`);
  await expect(screen.heading).toHaveText('Network switch replacement');
  await screen.updateInput.fill('The new switch has arrived; work starts on time.');
  await screen.postUpdateButton.click();
  await expect(screen.updates.getByRole('listitem')).toHaveCount(1);
  await expect(screen.updates).toContainText('The new switch has arrived; work starts on time.');
  await expect(screen.updates).toContainText('Tia Tran');
  await expect(screen.closeButton).toHaveCount(0);
  await expect(screen.publishButton).toHaveCount(0);

  // The agent sees the published one (not the draft), its flag, reason and update; no way to change it.
  await header.switchPerson.click();
  await new WelcomePage(page).choose('Ana Lima');
  await screen.navLink.click();
  await expect(screen.row('Network switch replacement')).toContainText('Outside the maintenance window');
  await expect(screen.row('Email server patches')).toHaveCount(0);
  await expect(screen.reminders).toHaveCount(0);
  await expect(screen.newLink).toHaveCount(0);
  await expect(page.getByLabel('Business days of notice for planned work')).toHaveCount(0);
  await expect(page.getByText('announced 3 business days before they start')).toBeVisible();
  await screen.row('Network switch replacement').getByRole('link').click();
  await expect(screen.heading).toHaveText('Network switch replacement');
  await expect(screen.updates).toContainText('The new switch has arrived; work starts on time.');
  await expect(screen.facts).toContainText('The switch vendor installs on weekdays only.');
  await expect(screen.updateInput).toHaveCount(0);
  await expect(screen.closeButton).toHaveCount(0);
  await expect(screen.editLink).toHaveCount(0);
  await expect(page.locator('.announcement-page').getByRole('button')).toHaveCount(0);
});

test('a supervisor resolves an outage from its announcement: its open case is resolved, one already resolved is left alone', async ({
  page,
  deskwatch,
  otherClient,
  work,
  casePage,
  announcements: screen,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const as = { actorId: boss.id };
  const draft = await otherClient.value(
    'announcements.save',
    {
      kind: 'unplanned_outage',
      title: 'Projectors offline',
      description: 'Projectors on the classroom network show no signal.',
      affectedServices: ['Projectors'],
      buildingIds: [await buildingId(otherClient, boss, 'Battle High School')],
      startAt: new Date(Date.parse('2026-12-03T09:00:00-06:00') - 10 * MINUTE).toISOString(),
      expectedMinutes: 120,
    },
    as,
  );
  const outage: Announcement = await otherClient.value('announcements.publish', { id: draft.id, version: draft.version }, as);
  const open = await work.caseBy(boss, { summary: 'Projector in B12 shows nothing', building: 'Battle High School' });
  const done = await work.caseBy(boss, { summary: 'Projector in B14 shows nothing', building: 'Battle High School' });
  await otherClient.value('announcements.linkCase', { id: outage.id, caseId: open.id }, as);
  await otherClient.value('announcements.linkCase', { id: outage.id, caseId: done.id }, as);
  await work.transition(boss, done, { action: 'resolve', notes: 'Reseated the HDMI cable.' });

  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/announcements/${outage.id}`);
  await expect(screen.heading).toHaveText('Projectors offline');
  await expect(screen.linkedCases.getByRole('link', { name: formatCaseNumber(open.id) })).toBeVisible();
  await expect(screen.linkedCases.getByRole('link', { name: formatCaseNumber(done.id) })).toBeVisible();

  await screen.outageNote.fill('Restarted the projector controller.');
  await screen.resolveButton.click();
  await expect(screen.resolution).toContainText(`Resolved with the outage: ${formatCaseNumber(open.id)}.`);
  await expect(screen.resolution.getByRole('list', { name: 'Left as they were' })).toHaveText(`${formatCaseNumber(done.id)}: already resolved or closed`);
  await expect(screen.meta).toContainText('Closed');
  await expect(screen.resolveButton).toHaveCount(0);
  await expect(screen.updates).toContainText('Resolved: Restarted the projector controller.');

  // The case number leads to the case, resolved with the outage's note.
  await screen.resolution.getByRole('link', { name: formatCaseNumber(open.id) }).click();
  await expect(casePage.detail('Status')).toHaveText('Resolved');
  expect((await work.get(boss, open.id)).status).toBe('resolved');
  expect((await work.get(boss, done.id)).status).toBe('resolved');

  // Closed, the outage has left the current announcements but stays in the list of all.
  await screen.navLink.click();
  await expect(screen.row('Projectors offline')).toContainText('Closed');
  await page.getByRole('radio', { name: /^Current/ }).check();
  await expect(screen.table).toContainText('Nothing is announced for now.');
  await expect(screen.row('Projectors offline')).toHaveCount(0);

  // The desk's advance notice for planned work, and where announcements are emailed.
  const days = page.getByLabel('Business days of notice for planned work');
  const list = page.getByLabel('Distribution list for announcement emails');
  await expect(days).toHaveValue('3');
  await expect(list).toHaveValue('');
  await days.fill('5');
  await list.fill('all-staff@lakeside.example');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Planned work is now announced 5 business days ahead; announcements are emailed to all-staff@lakeside.example.')).toBeVisible();
  expect(await otherClient.value('announcements.settings', {}, as)).toEqual({ noticeBusinessDays: 5, distributionList: 'all-staff@lakeside.example' });
  await list.fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('announcements are emailed to each affected employee.')).toBeVisible();
  expect(await otherClient.value('announcements.settings', {}, as)).toEqual({ noticeBusinessDays: 5, distributionList: null });
  await days.fill('31');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The notice was not changed.' })).toContainText('at most 30 business days');
});

test('a supervisor edits a draft inside the maintenance window, publishes it without a reason, and closes it after asking', async ({
  page,
  deskwatch,
  otherClient,
  work,
  announcements: screen,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  // Saturday December 12, 8 a.m. at the desk: inside the window, and its notice deadline (Wednesday) still ahead.
  const draft = await otherClient.value(
    'announcements.save',
    { kind: 'planned_maintenance', title: 'Email server patches', description: '', affectedServices: ['Email'], buildingIds: [], startAt: '2026-12-12T14:00:00.000Z', expectedMinutes: 120 },
    { actorId: boss.id },
  );
  await atTheConsole(page, boss);
  await page.goto(`${deskwatch.url}#/announcements/${draft.id}`);
  await expect(screen.heading).toHaveText('Email server patches');
  await expect(screen.facts).toContainText('Sat, Dec 12, 8:00 AM – 10:00 AM (2 hours)');

  await screen.editLink.click();
  await expect(screen.heading).toHaveText('Edit announcement');
  await expect(page.getByLabel('Start')).toHaveValue('2026-12-12T08:00');
  await page.getByLabel('Title').fill('Email server patches and restart');
  await page.getByLabel('Expected duration (minutes)').fill('180');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(screen.heading).toHaveText('Email server patches and restart');
  await expect(screen.facts).toContainText('Sat, Dec 12, 8:00 AM – 11:00 AM (3 hours)');
  await expect(screen.meta).not.toContainText('Outside the maintenance window');
  await expect(screen.reasonInput).toHaveCount(0);

  await screen.publishButton.click();
  await expect(screen.meta).toContainText('Published');
  await expect(screen.meta).not.toContainText('Late notice');

  await screen.closeButton.click();
  const dialog = page.getByRole('dialog', { name: 'Close this announcement?' });
  await dialog.getByRole('button', { name: 'Keep it open' }).click();
  await expect(screen.meta).toContainText('Published');
  await screen.closeButton.click();
  await dialog.getByRole('button', { name: 'Close it' }).click();
  await expect(screen.notice).toHaveText(`N-${String(draft.id).padStart(4, '0')} is closed.`);
  await expect(screen.meta).toContainText('Closed');
  await expect(screen.closeButton).toHaveCount(0);
  await expect(screen.updateInput).toHaveCount(0);
  expect((await otherClient.value('announcements.get', { id: draft.id }, { actorId: boss.id })).state).toBe('closed');
});

// The desk's email is a district server feature: announcements will be emailed from there. A
// standalone console says so plainly rather than show an outbox that never sends.
test('a standalone console offers no email outbox and says email is sent by the district server', async ({ page, deskwatch, work }) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  await atTheConsole(page, boss);
  await page.goto(deskwatch.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Announcements' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Email outbox' })).toHaveCount(0);
  await page.goto(`${deskwatch.origin}/#/mail`);
  await expect(page.getByRole('heading', { level: 1, name: 'Email outbox' })).toBeVisible();
  await expect(page.getByText('Email to callers is sent by the district server.')).toBeVisible();
  await expect(page.getByText(/nothing is queued to send here/)).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByText(/not configured/)).toHaveCount(0);
});

districtTest('on the district server a supervisor sees the outbox, and that mail waits until the server is configured', async ({ page, district }) => {
  const boss = await district.staff('Dana Whitaker', 'supervisor');
  await district.server.core.services.mail.enqueue({ kind: 'test', to: 'pat@lakeside.example', subject: 'Mail works', body: [paragraph('A test from the desk.')] });
  await page.goto(district.origin);
  await new SignInPage(page).signInWith(boss.email, boss.password);
  const header = new DistrictHeader(page);
  await header.nav.getByRole('link', { name: 'Email outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email outbox' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Mail is not configured on this server');
  const table = page.getByRole('table', { name: /Email outbox/ });
  await expect(table).toContainText('1 message');
  await expect(table.getByRole('row').filter({ hasText: 'Mail works' })).toContainText('Queued');
  await expect(page.getByText(/sent by the district server/)).toHaveCount(0);
});
