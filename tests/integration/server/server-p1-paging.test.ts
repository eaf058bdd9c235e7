/**
 * A priority 1 paged on a district server, as it happens: a real SMTP server receives what the
 * server sends. A supervisor puts a technician on call and gives their pager address over HTTP
 * (the Availability screen's calls); an agent files a priority 1 over HTTP; the page email and
 * the text to the technician's email-to-SMS gateway address arrive and say what they must; nobody
 * acknowledges it, and 15 minutes on (the server's clock moved, its scheduler woken as its timer
 * would) the supervisor's escalation arrives. Then the person on call is marked sick: the board
 * shows them out and on call, and the next priority 1 goes to the supervisor, saying why.
 */
import type { ParsedMail } from 'mailparser';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasePage } from '../../../shared/escalation';
import type { QueueCase } from '../../../shared/domain';
import { ManualClock } from '../../../electron/core/clock';
import type { PresenceBoard, RosterShift } from '../../../shared/availability';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { startTestServer, valueOf, type ConsoleBrowser, type TestServer } from './server-fixture';

const ZONE = 'America/Chicago';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const P1 = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const PAGER = '5735550199@txt.example.net';

describe('a priority 1 on a district server pages the person on call and escalates', { timeout: 60_000 }, () => {
  const clock = new ManualClock(at('2026-11-30T09:00'));
  let smtp: SmtpSink;
  let t: TestServer;
  let agent: ConsoleBrowser;
  let supervisor: ConsoleBrowser;
  let onCallEmail: string;
  let onCallId: number;
  let supervisorEmail: string;

  const mailTo = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address));
  async function nextMailTo(address: string, seen: number): Promise<ParsedMail> {
    for (let waited = 0; waited < 20_000; waited += 100) {
      const found = mailTo(address);
      if (found.length > seen) return found[seen]!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no message number ${seen + 1} to ${address} arrived; received: ${smtp.received.map((m) => m.subject).join(' | ')}`);
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestServer({ clock, env: { DESKWATCH_SMTP_URL: smtp.url, DESKWATCH_MAIL_FROM: 'Help Desk <helpdesk@district.example>' } });
    const agentAccount = await t.staff('agent');
    const tech = await t.staff('technician', { name: 'Olive Oncall' });
    const boss = await t.staff('supervisor', { name: 'Sue Supervisor' });
    onCallEmail = tech.email;
    onCallId = tech.id;
    supervisorEmail = boss.email;
    agent = await t.browser().signedIn(agentAccount.email);
    supervisor = await t.browser().signedIn(boss.email);
    valueOf(await supervisor.invoke('availability.setHours', { staffId: tech.id, workingHours: null, pagerAddress: PAGER }));
    const shift = valueOf<RosterShift>(
      await supervisor.invoke('availability.saveShift', { staffId: tech.id, startsAt: new Date(at('2026-11-30T07:00')).toISOString(), endsAt: new Date(at('2026-11-30T19:00')).toISOString() }),
    );
    expect(shift.staffName).toBe('Olive Oncall');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('emails and texts the page, then escalates to the supervisor after 15 minutes without acknowledgement', async () => {
    const lists = valueOf<{ buildings: { id: number; name: string }[] }>(await agent.invoke('directory.lists', {}));
    const building = lists.buildings[0]!;
    const c = valueOf<QueueCase>(
      await agent.invoke('cases.create', {
        callerName: 'Pat Principal',
        callbackNumber: '573-555-0142',
        buildingId: building.id,
        room: '114',
        summary: 'Smoke from the server closet',
        wizard: P1,
        onCallNotified: true,
      }),
    );
    const number = `DW-${String(c.id).padStart(6, '0')}`;

    const page = await nextMailTo(onCallEmail, 0);
    expect(page.subject).toBe(`P1 ${number} ${building.name} — Smoke from the server closet`);
    expect(page.text).toContain('Pat Principal');
    expect(page.text).toContain('573-555-0142');
    expect(page.text).toContain(`${building.name}, room 114`);
    expect(page.text).toContain('Received: Mon, Nov 30, 2026, 9:00 AM CST');
    expect(page.text).toContain('Acknowledge by: Mon, Nov 30, 2026, 10:00 AM CST');
    expect(page.text).toContain(`${t.server.origin}/#/cases/${c.id}`);
    expect(page.html).toContain(`href="${t.server.origin}/#/cases/${c.id}"`);

    const sms = await nextMailTo(PAGER, 0);
    expect(sms.html).toBe(false);
    expect(sms.subject).toBe(`P1 ${number}`);
    const text = (sms.text ?? '').trim();
    expect(`${sms.subject} ${text}`.length).toBeLessThanOrEqual(160);
    expect(text).toContain('573-555-0142');
    expect(text).toContain('Ack by 9:15 AM');
    expect(mailTo(supervisorEmail)).toEqual([]);

    // Nobody acknowledges it. 15 minutes on, the scheduler wakes at the escalation instant.
    clock.set(at('2026-11-30T09:15'));
    await t.server.core.services.scheduler.wake();
    const escalation = await nextMailTo(supervisorEmail, 0);
    expect(escalation.subject).toBe(`Escalated: P1 not acknowledged in 15 min: ${number} ${building.name} — Smoke from the server closet`);
    expect(escalation.text).toContain('paged: Olive Oncall');
    expect(escalation.text).toContain(`${t.server.origin}/#/cases/${c.id}`);

    const pages = valueOf<CasePage[]>(await supervisor.invoke('escalation.pages', { caseId: c.id }));
    expect(pages.map((p) => `${p.kind} ${p.channel} ${p.staffName}`)).toEqual([
      'p1_page console Olive Oncall',
      'p1_page email Olive Oncall',
      'p1_page sms Olive Oncall',
      'p1_escalation console Sue Supervisor',
      'p1_escalation email Sue Supervisor',
    ]);
  });
  it('pages the supervisor instead, saying why, when the person on call is marked absent', async () => {
    clock.set(at('2026-11-30T09:30'));
    valueOf(
      await supervisor.invoke('availability.saveAbsence', {
        staffId: onCallId,
        kind: 'sick',
        startsAt: new Date(at('2026-11-30T09:25')).toISOString(),
        endsAt: new Date(at('2026-11-30T17:00')).toISOString(),
      }),
    );
    const board = valueOf<PresenceBoard>(await agent.invoke('availability.now', {}));
    const olive = board.people.find((p) => p.staffId === onCallId);
    expect(olive).toMatchObject({ state: 'out', onCall: true, away: { kind: 'sick' } });

    const seenByOlive = mailTo(onCallEmail).length;
    const seenBySupervisor = mailTo(supervisorEmail).length;
    const c = valueOf<QueueCase>(
      await agent.invoke('cases.create', { callerName: 'Ada Admin', callbackNumber: '573-555-0177', summary: 'Whole building offline', wizard: P1, onCallNotified: true }),
    );
    const page = await nextMailTo(supervisorEmail, seenBySupervisor);
    expect(page.subject).toContain(`P1 DW-${String(c.id).padStart(6, '0')}`);
    expect(page.text).toContain('everyone on call is away (Olive Oncall), so the supervisors are paged.');
    expect(page.text).toContain('573-555-0177');
    // Every page is recorded with its email in one transaction: the record says nobody else was paged.
    const pages = valueOf<CasePage[]>(await supervisor.invoke('escalation.pages', { caseId: c.id }));
    expect(pages.map((p) => `${p.kind} ${p.channel} ${p.staffName}`)).toEqual(['p1_page console Sue Supervisor', 'p1_page email Sue Supervisor']);
    expect(mailTo(onCallEmail).length).toBe(seenByOlive);
    expect(mailTo(PAGER).length).toBe(1);
  });
});
