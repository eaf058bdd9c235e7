import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, DeadlinePreview, DeskStatus, DirectoryLists, RelatedCases } from '../../shared/contract';
import type { CaseSummary } from '../../shared/domain';
import { coreFixture, MONDAY_MORNING, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const ONE_STOPPED = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const SAFETY = { securityOrSafety: true, missionCritical: false, affected: 'one', workEffect: 'minimal' } as const;
const HOUR = 3600_000;

describe.each(DATABASE_KINDS)('taking a call on %s', (kind) => {
  let f: CoreFixture;
  let actorId: number;
  const dispatch = (channel: string, input: unknown) => f.core.dispatch(channel, input, { actorId });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };

  beforeEach(async () => {
    f = await coreFixture(kind);
    actorId = (await f.staff('agent', 'Ann Agent')).id;
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('sets the priority from the wizard and stores its deadlines and policy version', async () => {
    // Monday 2026-11-30 09:00 Chicago; one person stopped → priority 2.
    const c = await call<CaseSummary>('cases.create', newCaseInput({ wizard: ONE_STOPPED }));
    expect(c).toMatchObject({
      priority: 2,
      clockStartAt: new Date(MONDAY_MORNING).toISOString(),
      responseDueAt: '2026-11-30T19:00:00.000Z', // 4 business hours: 1:00 PM Monday
      resolutionDueAt: '2026-12-02T15:00:00.000Z', // 2 business days: Wednesday 9:00 AM
      policyVersion: '2026.1',
      priorityReason: null,
    });
    const detail = await call<CaseDetail>('cases.get', { id: c.id });
    expect(detail.events[0]?.detail).toMatchObject({ wizard: ONE_STOPPED, wizardDecision: { priority: 2, ruleId: 'p2-up-to-five-stopped' }, overridden: false });
  });

  it('takes an override only with a reason, and logs the reason with the wizard answers', async () => {
    const refused = await dispatch('cases.create', newCaseInput({ wizard: ONE_STOPPED, priority: 3 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'priorityReason', message: "Give a reason for choosing priority 3 over the wizard's priority 2" } });
    expect((await call<CaseSummary[]>('cases.list', {})).length).toBe(0);
    const c = await call<CaseSummary>('cases.create', newCaseInput({ wizard: ONE_STOPPED, priority: 3, priorityReason: 'Spare laptop handed over' }));
    expect(c).toMatchObject({ priority: 3, priorityReason: 'Spare laptop handed over' });
    const detail = await call<CaseDetail>('cases.get', { id: c.id });
    expect(detail.events[0]).toMatchObject({ reason: 'Spare laptop handed over', detail: { overridden: true, wizard: ONE_STOPPED } });
  });

  it('priority 1 asks the agent to page the on-call technician and records that they did', async () => {
    const refused = await dispatch('cases.create', newCaseInput({ wizard: SAFETY }));
    expect(refused).toMatchObject({ ok: false, error: { field: 'onCallNotified' } });
    const c = await call<CaseSummary>('cases.create', newCaseInput({ wizard: SAFETY, onCallNotified: true }));
    expect(c).toMatchObject({ priority: 1, onCallNotifiedAt: new Date(MONDAY_MORNING).toISOString() });
    const detail = await call<CaseDetail>('cases.get', { id: c.id });
    expect(detail.events.map((e) => [e.kind, e.actorName])).toEqual([
      ['created', 'Ann Agent'],
      ['on_call_paged', 'Ann Agent'],
    ]);
  });

  it('counts a call after 4 PM from the next business morning, except priority 1', async () => {
    f.clock.set(MONDAY_MORNING + 7.5 * HOUR); // 4:30 PM
    const preview = await call<DeadlinePreview>('cases.preview', { wizard: ONE_STOPPED });
    expect(preview).toMatchObject({
      priority: 2,
      clockStartAt: '2026-12-01T13:00:00.000Z',
      cutoffNote: 'received after 4 PM: counted as submitted Tuesday 7:00 AM',
      // Boundary rule: two full business days from Tuesday 7:00 AM end at Wednesday's close, not Thursday's opening.
      words: 'response due tomorrow 11:00 AM; resolution due Wednesday 5:00 PM',
    });
    const urgent = await call<DeadlinePreview>('cases.preview', { wizard: SAFETY });
    expect(urgent).toMatchObject({ priority: 1, cutoffNote: null, words: 'response due today 5:30 PM; resolution due today 8:30 PM' });
  });

  it('shows the help desk state for the header', async () => {
    expect(await call<DeskStatus>('desk.status', {})).toMatchObject({ phoneHoursOpen: true, cutoffApplies: false, timeZone: 'America/Chicago' });
    f.clock.set(MONDAY_MORNING + 7.5 * HOUR);
    const late = await call<DeskStatus>('desk.status', {});
    expect(late).toMatchObject({ phoneHoursOpen: true, cutoffApplies: true });
    expect(late.message).toContain('new cases count from tomorrow 7:00 AM');
    f.clock.set(MONDAY_MORNING + 12 * HOUR);
    expect(await call<DeskStatus>('desk.status', {})).toMatchObject({ phoneHoursOpen: false, cutoffApplies: true });
  });

  it('shows related open cases and a possible outage, and links the new case to one', async () => {
    const lists = await call<DirectoryLists>('directory.lists', {});
    const hickman = lists.buildings.find((b) => b.name === 'Hickman High School')?.id;
    const network = lists.categories.find((c) => c.name === 'Network & Wi-Fi')?.id;
    const a = await call<CaseSummary>('cases.create', newCaseInput({ callerName: 'A', buildingId: hickman, categoryId: network, summary: 'No Wi-Fi in 201' }));
    await call('cases.create', newCaseInput({ callerName: 'B', buildingId: hickman, categoryId: network, summary: 'No Wi-Fi in library' }));
    const related = await call<RelatedCases>('cases.related', { callerId: a.callerId, buildingId: hickman, categoryId: network });
    expect(related.callerOpenCases.map((c) => c.id)).toEqual([a.id]);
    expect(related.outageNote).toBe('possible outage: 2 open cases at Hickman High School · Network & Wi-Fi');
    const linked = await call<CaseSummary>('cases.create', newCaseInput({ callerName: 'C', relatedCaseId: a.id }));
    expect(linked.relatedCaseId).toBe(a.id);
    f.clock.advance(25 * HOUR);
    expect((await call<RelatedCases>('cases.related', { buildingId: hickman, categoryId: network })).outageNote).toBeNull();
  });

  it('refuses a missing caller, an unknown building and an unknown related case, writing nothing', async () => {
    expect(await dispatch('cases.create', newCaseInput({ callerName: undefined }))).toMatchObject({ ok: false, error: { field: 'callerId' } });
    expect(await dispatch('cases.create', newCaseInput({ wizard: undefined }))).toMatchObject({ ok: false, error: { field: 'wizard' } });
    expect(await dispatch('cases.create', newCaseInput({ buildingId: 9999 }))).toMatchObject({ ok: false, error: { field: 'buildingId' } });
    expect(await dispatch('cases.create', newCaseInput({ relatedCaseId: 9999 }))).toMatchObject({ ok: false, error: { field: 'relatedCaseId', code: 'not_found' } });
    expect(await call<CaseSummary[]>('cases.list', {})).toEqual([]);
    const callers: { n: string | number }[] = await f.core.dataSource.query('SELECT COUNT(*) AS n FROM caller');
    expect(Number(callers[0]?.n)).toBe(0);
  });

  it('lets only supervisors edit the district lists', async () => {
    const agentTry = await dispatch('directory.saveItem', { list: 'categories', name: 'Robotics' });
    expect(agentTry).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const supervisor = await f.staff('supervisor');
    const saved = await f.core.dispatch('directory.saveItem', { list: 'categories', name: 'Robotics' }, { actorId: supervisor.id });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Robotics', active: true } });
    const dup = await f.core.dispatch('directory.saveItem', { list: 'categories', name: 'Robotics' }, { actorId: supervisor.id });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
  });
});
