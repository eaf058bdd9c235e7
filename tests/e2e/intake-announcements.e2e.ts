import type { Announcement } from '../../shared/announcements';
import type { StaffMember } from '../../shared/domain';
import { ONE_PERSON_SLOWED } from './pages/intake-page';
import type { ContractClient } from './support/contract-client';
import { expect, rememberAtTheConsole, test } from './support/intake-fixtures';

const MINUTE = 60_000;

async function published(client: ContractClient, supervisor: StaffMember, fields: Record<string, unknown>): Promise<Announcement> {
  const meta = { actorId: supervisor.id };
  const draft = await client.value('announcements.save', { description: '', affectedServices: [], buildingIds: [], ...fields } as never, meta);
  return client.value('announcements.publish', { id: draft.id, version: draft.version }, meta);
}

test('the intake shows current announcements, follows their changes, and links a matching call to an open outage', async ({ page, deskwatch, otherClient, agent, seed, intakePage }) => {
  const supervisor = await otherClient.value('staff.create', { name: 'Pat Reyes', role: 'supervisor' });
  const battle = await seed.buildingId('Battle High School');
  const av = await seed.categoryId('Audio / video & projectors');
  const outage = await published(otherClient, supervisor, {
    kind: 'unplanned_outage',
    title: 'Projectors offline',
    buildingIds: [battle],
    categoryId: av,
    startAt: new Date(Date.now() - 10 * MINUTE).toISOString(),
    expectedMinutes: 120,
  });
  const upgrade = await published(otherClient, supervisor, {
    kind: 'upgrade',
    title: 'Gradebook upgrade',
    startAt: new Date(Date.now() + 120 * MINUTE).toISOString(),
    expectedMinutes: 60,
  });
  await seed.caller({ name: 'Jo Smith', building: 'Battle High School', room: 'B12', extension: '5520' });

  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText(agent.name);
  await intakePage.goto(deskwatch.origin);

  const strip = page.getByRole('region', { name: 'Current announcements' });
  await expect(strip.getByRole('listitem').filter({ hasText: 'Projectors offline' })).toContainText('Outage:');
  await expect(strip.getByRole('listitem').filter({ hasText: 'Projectors offline' })).toContainText('Battle High School');
  // Announced two hours ahead, not three business days: the flag is written out, not only coloured.
  await expect(strip.getByRole('listitem').filter({ hasText: 'Gradebook upgrade' })).toContainText('District-wide');
  await expect(strip.getByRole('listitem').filter({ hasText: 'Gradebook upgrade' })).toContainText('Late notice');

  // Closed at another console: the strip follows without a reload.
  await otherClient.value('announcements.close', { id: upgrade.id, version: upgrade.version }, { actorId: supervisor.id });
  await expect(strip.getByText('Gradebook upgrade')).toBeHidden();

  // A call from the outage's building about projectors: intake offers to link the new case to it.
  await intakePage.findCaller('Smith', /Battle High School/);
  await intakePage.summary.fill('Projector in B12 shows nothing');
  const offer = page.getByRole('region', { name: 'Open outage for this call' });
  await expect(offer).toBeHidden();
  await intakePage.category.selectOption({ label: 'Audio / video & projectors' });
  const link = offer.getByRole('checkbox', { name: /Link the new case to Outage N-\d{4}: Projectors offline/ });
  await expect(link).toBeVisible();
  await link.check();
  await intakePage.answer(ONE_PERSON_SLOWED);
  await intakePage.createButton.click();
  await intakePage.createdNumber();
  await expect(page.getByText(/^Linked to Outage N-\d{4}: Projectors offline$/)).toBeVisible();

  const after = await otherClient.value('announcements.get', { id: outage.id }, { actorId: supervisor.id });
  expect(after.linkedCaseIds).toHaveLength(1);
});
