import { atTheConsole, expect, test } from './support/work-fixtures';

// A Tuesday morning, inside business hours: the SLA clocks run (and pause) as they would at the desk.
test.use({ deskwatchArgs: ['--now', '2026-12-01T10:00:00-06:00'] });

test('a technician works a case from the queue to resolved, and the timeline tells every step', async ({
  page,
  deskwatch,
  work,
  queuePage,
  casePage,
}) => {
  const agent = await work.staff('Ana Lima', 'agent');
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(agent, { callerName: 'Jo Park', summary: 'Projector in room 114 shows no signal' });
  await atTheConsole(page, tech);
  await page.goto(deskwatch.url);

  // Take it from the queue: technicians see "Take" on unassigned cases, then "Hand back" on their own.
  await expect(queuePage.caseRow(filed.number)).toContainText('Unassigned');
  await queuePage.take(filed.number).click();
  await expect(queuePage.caseRow(filed.number)).toContainText('Sam Okafor');
  await expect(queuePage.handBack(filed.number)).toBeVisible();
  await queuePage.openCase(filed.number);
  await expect(casePage.heading).toHaveText(`${filed.number} · Projector in room 114 shows no signal`);

  await casePage.takeAction('Acknowledge', 'Acknowledge', 'Acknowledge the case');
  await expect(casePage.detail('Status')).toHaveText('Acknowledged');
  await expect(casePage.serviceLevel).toContainText('Met');

  await casePage.takeAction('Pending user response', 'Pending user response', 'Set pending user response', {
    'What was asked of the user': 'Asked for a photo of the projector menu',
  });
  await expect(casePage.detail('Status')).toHaveText('Pending user response');
  // The agreement's daily contact and three-day auto-close are shown while pending; the clock is paused.
  await expect(casePage.pendingClock('Next contact due')).not.toHaveText('—');
  await expect(casePage.pendingClock('Closes itself on')).not.toHaveText('—');
  await expect(casePage.serviceLevel).toContainText('Paused');

  await casePage.logContact('Phone', 'No answer');
  await expect(casePage.contacts.getByRole('list', { name: 'Contact attempts' }).getByRole('listitem')).toHaveCount(1);
  await casePage.logContact('Email', 'Emailed', 'Sent the steps to reset the input source');
  await expect(casePage.contacts.getByRole('list', { name: 'Contact attempts' }).getByRole('listitem')).toHaveCount(2);
  await expect(casePage.detail('Status')).toHaveText('Pending user response');

  // The user's reply ends the pause: the case is back in progress and its clock runs again.
  await casePage.logContact('Phone', 'User replied', 'Works after switching the input to HDMI 2');
  await expect(casePage.contacts.getByRole('status')).toHaveText('Reply logged: the clock resumed.');
  await expect(casePage.detail('Status')).toHaveText('In progress');
  await expect(casePage.pendingClock('Next contact due')).toHaveCount(0);

  await casePage.action('Resolve').click();
  const resolve = casePage.actionForm('Resolve');
  await resolve.getByLabel('Resolution notes').fill('Input source was set to HDMI 1; switched to HDMI 2 and labelled the port.');
  await resolve.getByRole('checkbox', { name: 'Worth a knowledge-base article' }).check();
  await resolve.getByRole('button', { name: 'Resolve the case' }).click();
  await expect(casePage.detail('Status')).toHaveText('Resolved');
  await expect(casePage.action('Reopen')).toBeVisible();

  // Every step is in the timeline, with its reason where it has one.
  await expect(casePage.timelineEntry('Created')).toHaveCount(1);
  await expect(casePage.timelineEntry('Assigned')).toContainText('To Sam Okafor');
  await expect(casePage.timelineEntry('New → Acknowledged')).toContainText('by Sam Okafor');
  await expect(casePage.timelineEntry('Acknowledged → Pending user response')).toContainText('Asked for a photo of the projector menu');
  await expect(casePage.timelineEntry('Contact with the caller')).toHaveCount(2);
  await expect(casePage.timelineEntry('Phone · No answer')).toHaveCount(1);
  await expect(casePage.timelineEntry('Email · Emailed')).toContainText('Sent the steps to reset the input source');
  await expect(casePage.timelineEntry('Pending user response → In progress')).toContainText('The user replied by phone: the clock resumed');
  await expect(casePage.timelineEntry('In progress → Resolved')).toContainText('Worth a knowledge-base article');
  await expect(casePage.timelineEntry('In progress → Resolved')).toContainText('switched to HDMI 2');
  // Ticking the box drafted an article from the case: the timeline says so too.
  await expect(casePage.timelineEntry('Knowledge-base draft made')).toHaveCount(1);
  await expect(casePage.timeline.getByRole('listitem')).toHaveCount(9);
  await expect(casePage.ledger.getByRole('listitem').first()).toBeVisible();

  // A resolved case leaves the queue of open cases.
  await casePage.backToQueue.click();
  await expect(queuePage.grid).toContainText('No open cases');
});

test('a pending case asks for what was asked of the user, in the core’s words', async ({ page, deskwatch, work, casePage }) => {
  const tech = await work.staff('Sam Okafor', 'technician');
  const filed = await work.caseBy(tech, { summary: 'Smartboard pen not responding' });
  await work.transition(tech, filed, { action: 'acknowledge' });
  await atTheConsole(page, tech);
  await page.goto(`${deskwatch.url}#/cases/${filed.id}`);

  await casePage.takeAction('Pending user response', 'Pending user response', 'Set pending user response');

  const form = casePage.actionForm('Pending user response');
  await expect(form.getByRole('alert')).toContainText('What was asked of the user is required');
  const asked = form.getByLabel('What was asked of the user');
  await expect(asked).toHaveAttribute('aria-invalid', 'true');
  // The field itself says what is wrong, and takes the person there.
  await expect(asked).toHaveAccessibleDescription('What was asked of the user is required');
  await expect(asked).toBeFocused();
  await expect(casePage.detail('Status')).toHaveText('Acknowledged');
});

test('awaiting parts, a long-term project and planned maintenance each take what the agreement asks for', async ({
  page,
  deskwatch,
  work,
  casePage,
}) => {
  const boss = await work.staff('Dana Whitaker', 'supervisor');
  const parts = await work.caseBy(boss, { summary: 'Laptop will not boot', priority: 2 });
  const project = await work.caseBy(boss, { summary: 'Re-wire the lab', priority: 5 });
  const upgrade = await work.caseBy(boss, { summary: 'Server upgrade for the gradebook', priority: 4 });
  await work.transition(boss, parts, { action: 'acknowledge' });
  await atTheConsole(page, boss);

  await page.goto(`${deskwatch.url}#/cases/${parts.id}`);
  await casePage.action('Awaiting parts').click();
  const partsForm = casePage.actionForm('Awaiting parts/assistance');
  await partsForm.getByLabel('Vendor').fill('Dell');
  await partsForm.getByLabel('Order number').fill('PO-7781');
  await partsForm.getByLabel('Expected date').fill('2030-01-15');
  await partsForm.getByRole('button', { name: 'Set awaiting parts' }).click();
  await expect(casePage.detail('Status')).toHaveText('Awaiting parts');
  await expect(casePage.serviceLevel).toContainText('Dell, order PO-7781');
  await expect(casePage.timelineEntry('Parts from Dell, order PO-7781, expected 2030-01-15')).toHaveCount(1);

  await page.goto(`${deskwatch.url}#/cases/${project.id}`);
  await casePage.action('Long-term project').click();
  const projectForm = casePage.actionForm('Long-term project');
  await projectForm.getByLabel('Phase 1 title').fill('Pull cable');
  await projectForm.getByLabel('Phase 1 target date').fill('2030-02-01');
  await projectForm.getByRole('button', { name: 'Add a phase' }).click();
  await projectForm.getByLabel('Phase 2 title').fill('Install switches');
  await projectForm.getByLabel('Phase 2 target date').fill('2030-03-01');
  await projectForm.getByRole('button', { name: 'Make it a long-term project' }).click();
  await expect(casePage.detail('Status')).toHaveText('Long-term project');
  await expect(casePage.phases).toContainText('0 of 2 done');
  await casePage.phases.getByRole('checkbox', { name: 'Pull cable' }).check();
  await expect(casePage.phases).toContainText('1 of 2 done');
  await expect(casePage.timelineEntry('Pull cable: done')).toHaveCount(1);

  await page.goto(`${deskwatch.url}#/cases/${upgrade.id}`);
  await casePage.action('Planned maintenance').click();
  const maintenance = casePage.actionForm('Planned maintenance');
  await expect(maintenance.getByRole('radio', { name: /The next scheduled maintenance period: Saturday/ })).toBeChecked();
  await maintenance.getByRole('button', { name: 'Plan the maintenance' }).click();
  await expect(casePage.detail('Status')).toHaveText('Planned maintenance');
  await expect(casePage.serviceLevel.getByRole('definition').filter({ hasText: /8:00 AM to .*12:00 PM/ })).toHaveCount(1);
});
