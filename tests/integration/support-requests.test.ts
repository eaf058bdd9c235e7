/**
 * Requests sent at the Tech Support Center become cases received when they arrive, on both
 * databases: the 4 PM rule and closed hours move the clock start as for a call, the answer says
 * when the desk will respond in words, priority 1 tells the employee to call and is still
 * recorded (no on-call page logged: nobody at the desk has called yet), and every bad input is
 * refused by its field with nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/core/errors';
import type { SupportRequests } from '../../electron/core/support/support-requests';
import type { CaseDetail } from '../../shared/contract';
import type { Caller, StaffMember } from '../../shared/domain';
import { callAs, coreFixture, ONE_PERSON_SLOWED, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

/** Chicago, CST (UTC-6). */
const at = (local: string) => Date.parse(`${local}-06:00`);
const EVERYONE_STOPPED = { securityOrSafety: false, missionCritical: false, affected: 'more_than_five', workEffect: 'stopped' } as const;

describe.each(DATABASE_KINDS)('Tech Support Center requests on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let employee: Caller;
  let requests: SupportRequests;

  const as = <T>(channel: string, input: unknown): Promise<T> => callAs<T>(f.core, agent, channel, input);
  const countCases = async () => Number((await f.core.dataSource.query('SELECT count(*) AS n FROM help_case'))[0].n);
  /** What the outbox holds to be sent (a real SMTP delivery of it is mail-outbox.test.ts's). */
  const outbox = async (): Promise<{ kind: string; to_address: string; subject: string; text_body: string; case_id: number | string }[]> =>
    f.core.dataSource.query('SELECT kind, to_address, subject, text_body, case_id FROM mail_outbox ORDER BY id');

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent');
    employee = await as<Caller>('callers.create', { name: 'Robin Teacher', email: 'robin.teacher@district.example' });
    requests = f.core.services.support;
  });
  afterEach(async () => {
    await f?.dispose();
  });

  it('records a request at 4:30 PM as received then, counted from the next business morning', async () => {
    f.clock.set(at('2026-12-02T16:30:00'));
    const changes: unknown[] = [];
    f.core.events.subscribe((name, payload) => changes.push({ name, payload }));
    const sent = await requests.submit(employee.id, { problem: 'Projector will not turn on', details: 'Room 12 <b>bold</b>', room: '12', callbackNumber: 'x25999', answers: ONE_PERSON_SLOWED });
    expect(sent.priority).toBe(4);
    expect(sent.receivedAt).toBe('2026-12-02T22:30:00.000Z');
    expect(sent.inWords[0]).toBe(`Your request is recorded as ${sent.caseNumber}, received Wed, Dec 2, 2026, 4:30 PM CST.`);
    expect(sent.inWords[1]).toMatch(/outside the desk's hours \(.*Thursday 7:00 AM\)/);
    expect(sent.inWords.join(' ')).toMatch(/The desk will respond by .*Thu, Dec 3, 2026/);
    expect(sent.callDeskNow).toBeNull();

    const detail = await as<CaseDetail>('cases.get', { id: sent.caseId });
    expect(detail.case.channel).toBe('web');
    expect(detail.case.receivedAt).toBe(sent.receivedAt);
    expect(detail.case.callerId).toBe(employee.id);
    expect(detail.case.description).toBe('Room 12 <b>bold</b>');
    expect(Date.parse(detail.case.responseDueAt as string)).toBeGreaterThan(at('2026-12-03T07:00:00'));
    const created = detail.events.find((e) => e.kind === 'created');
    expect(created?.actorId).toBeNull();
    expect(created?.detail).toMatchObject({ via: 'tech_support_center' });
    expect(changes).toContainEqual({ name: 'cases.changed', payload: expect.objectContaining({ caseId: sent.caseId, change: 'created' }) });

    expect(sent.confirmationTo).toBe('robin.teacher@district.example');
    const [mail, ...more] = await outbox();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ kind: 'case_confirmation', to_address: 'robin.teacher@district.example', subject: `${sent.caseNumber}: the Help Desk has your request` });
    expect(Number(mail?.case_id)).toBe(sent.caseId);
    expect(mail?.text_body).toContain('You asked for help with: Projector will not turn on');
    for (const sentence of sent.inWords) expect(mail?.text_body).toContain(sentence);
  });

  it('records a request at 11 PM as received at 11 PM, and the queue shows it at once', async () => {
    f.clock.set(at('2026-12-02T23:00:00'));
    const sent = await requests.submit(employee.id, { problem: 'Cannot print report cards', answers: ONE_PERSON_SLOWED });
    expect(sent.inWords[0]).toContain('received Wed, Dec 2, 2026, 11:00 PM CST');
    const queue = await as<{ id: number }[]>('cases.list', {});
    expect(queue.map((c) => c.id)).toContain(sent.caseId);
  });

  it('tells the employee to call for priority 1, records it, and logs no page nobody made', async () => {
    f.clock.set(at('2026-12-02T10:00:00'));
    const sent = await requests.submit(employee.id, { problem: 'Whole building offline', answers: EVERYONE_STOPPED });
    expect(sent.priority).toBe(1);
    expect(sent.callDeskNow).toMatch(/Call the Help Desk now at extension 25888 or 573-214-3333/);
    expect(sent.callDeskNow).toContain(sent.caseNumber);
    const detail = await as<CaseDetail>('cases.get', { id: sent.caseId });
    expect(detail.case.priority).toBe(1);
    expect(detail.case.onCallNotifiedAt).toBeNull();
    expect(detail.events.map((e) => e.kind)).not.toContain('on_call_paged');
    expect((await outbox())[0]?.text_body).toContain(sent.callDeskNow as string);
  });

  it('refuses bad input by field and writes nothing', async () => {
    f.clock.set(at('2026-12-02T10:00:00'));
    const refused = async (input: unknown, field: string, callerId = employee.id) => {
      const error = await requests.submit(callerId, input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(DomainError);
      expect((error as DomainError).field, JSON.stringify(input)).toBe(field);
    };
    const before = await countCases();
    await refused({ answers: ONE_PERSON_SLOWED }, 'problem');
    await refused({ problem: '   ', answers: ONE_PERSON_SLOWED }, 'problem');
    await refused({ problem: 'x'.repeat(201), answers: ONE_PERSON_SLOWED }, 'problem');
    await refused({ problem: 'Printer', answers: { ...ONE_PERSON_SLOWED, affected: 'everyone' } }, 'answers.affected');
    await refused({ problem: 'Printer' }, 'answers');
    await refused({ problem: 'Printer', callbackNumber: 'call me maybe', answers: ONE_PERSON_SLOWED }, 'callbackNumber');
    await refused({ problem: 'Printer', buildingId: 999_999, answers: ONE_PERSON_SLOWED }, 'buildingId');
    await refused({ problem: 'Printer', priority: 1, answers: ONE_PERSON_SLOWED }, 'priority');
    await refused({ problem: 'Printer', answers: ONE_PERSON_SLOWED }, 'callerId', 999_999);
    expect(await countCases()).toBe(before);
    expect(await outbox()).toEqual([]);
  });

  it('sends no confirmation to an employee the directory has no email for', async () => {
    const unknown = await as<Caller>('callers.create', { name: 'Sam Noemail' });
    const sent = await requests.submit(unknown.id, { problem: 'Keyboard missing keys', answers: ONE_PERSON_SLOWED });
    expect(sent.confirmationTo).toBeNull();
    expect(await outbox()).toEqual([]);
  });
});
