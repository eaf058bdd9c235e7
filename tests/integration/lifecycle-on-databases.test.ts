import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase, StaffMember, WorkloadRow } from '../../shared/domain';
import { coreFixture, MONDAY_MORNING, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const HOUR = 3600_000;
const ONE_STOPPED = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const iso = (t: number) => new Date(t).toISOString();
/** Chicago is UTC−6 then: hour h (local) of a day in 2026 given as 'MM-DD' (11-30 is a Monday). */
const local = (monthDay: string, hour: number) => Date.parse(`2026-${monthDay}T00:00:00Z`) + (hour + 6) * HOUR;

describe.each(DATABASE_KINDS)('case lifecycle on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let tech: StaffMember;
  let tech2: StaffMember;
  let supervisor: StaffMember;
  const as = (who: StaffMember) => async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), { error: r.error });
    return r.value as T;
  };
  const refusal = async (who: StaffMember, channel: string, input: unknown) => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (r.ok) throw new Error(`${channel} was accepted`);
    return r.error;
  };
  const open = (over: Record<string, unknown> = {}) => as(agent)<QueueCase>('cases.create', newCaseInput({ wizard: ONE_STOPPED, ...over }));
  const act = (who: StaffMember, c: QueueCase, action: string, extra: Record<string, unknown> = {}) =>
    as(who)<QueueCase>('cases.transition', { id: c.id, version: c.version, action, ...extra });

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent', 'Ann Agent');
    tech = await f.staff('technician', 'Tom Tech');
    tech2 = await f.staff('technician', 'Tia Tech');
    supervisor = await f.staff('supervisor', 'Sue Supervisor');
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('meets the response target at the first acknowledgement, and checks who may do what from where', async () => {
    const c = await open(); // Monday 9:00, priority 2
    expect(await refusal(agent, 'cases.transition', { id: c.id, version: 1, action: 'acknowledge' })).toMatchObject({ code: 'forbidden' });
    expect(await refusal(tech, 'cases.transition', { id: c.id, version: 1, action: 'start' })).toMatchObject({
      code: 'invalid_input',
      field: 'action',
      message: '"Start work" is not possible while the case is new',
    });
    f.clock.advance(0.5 * HOUR);
    const acked = await act(tech, c, 'acknowledge');
    expect(acked).toMatchObject({ status: 'acknowledged', version: 2, sla: { response: { state: 'met', metAt: iso(MONDAY_MORNING + 0.5 * HOUR) } } });
    const detail = await as(tech)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.allowedActions).toEqual(['start', 'pend', 'await_parts', 'make_project', 'plan_maintenance', 'resolve']);
    expect(detail.events.at(-1)).toMatchObject({ kind: 'status_changed', actorName: 'Tom Tech', detail: { from: 'new', to: 'acknowledged', version: 2 } });
  });

  it('pending user response pauses the clock, wants a daily contact, and a reply resumes it', async () => {
    let c = await open(); // resolution due Wednesday 9:00 (2 business days)
    expect(c.resolutionDueAt).toBe(iso(local('12-02', 9)));
    c = await act(tech, c, 'acknowledge');
    f.clock.set(local('11-30', 10));
    c = await act(tech, c, 'pend', { note: 'Asked for a screenshot of the error' });
    expect(c.sla).toMatchObject({ paused: true, resolution: { state: 'paused' }, nextContactDueAt: iso(local('12-01', 10)), autoCloseAt: iso(local('12-03', 10)) });
    f.clock.set(local('12-01', 9));
    c = await as(tech)<QueueCase>('cases.logContact', { id: c.id, version: c.version, method: 'phone', outcome: 'left_message', note: 'Voicemail' });
    expect(c.sla.nextContactDueAt).toBe(iso(local('12-02', 9)));
    f.clock.set(local('12-01', 10)); // one business day (10 h) paused
    c = await as(tech)<QueueCase>('cases.logContact', { id: c.id, version: c.version, method: 'email', outcome: 'replied' });
    expect(c).toMatchObject({ status: 'in_progress', sla: { paused: false } });
    // Pushed by the 10 business hours paused: Wednesday 9:00 → Thursday 9:00.
    expect(c.resolutionDueAt).toBe(iso(local('12-03', 9)));
  });

  it('closes a pending case itself after three business days with no reply, and logs why', async () => {
    let c = await open();
    c = await act(tech, c, 'acknowledge');
    f.clock.set(local('11-30', 10));
    c = await act(tech, c, 'pend', { note: 'Waiting to see if it happens again' });
    f.clock.set(local('12-03', 10) - 1000);
    expect(await f.core.services.lifecycle.closeStalePending()).toEqual([]);
    f.clock.set(local('12-03', 10));
    expect(await f.core.services.lifecycle.closeStalePending()).toEqual([c.id]);
    const detail = await as(tech)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.case.status).toBe('closed');
    expect(detail.events.at(-1)).toMatchObject({ actorId: null, detail: { action: 'auto_close', auto: true }, reason: expect.stringContaining('No reply from the user in 3 business days') });
  });

  it('awaiting parts pauses and records what is awaited; on arrival resolution is due at the close of the next business day', async () => {
    let c = await open();
    c = await act(tech, c, 'acknowledge');
    expect(await refusal(tech, 'cases.transition', { id: c.id, version: c.version, action: 'await_parts', vendor: 'Dell', expectedDate: 'Friday' })).toMatchObject({ field: 'expectedDate' });
    c = await act(tech, c, 'await_parts', { vendor: 'Dell', orderNumber: 'PO-7731', expectedDate: '2026-12-03' });
    expect(c.sla.paused).toBe(true);
    f.clock.set(local('12-01', 15));
    c = await act(tech, c, 'parts_arrived');
    expect(c).toMatchObject({ status: 'in_progress', resolutionDueAt: iso(local('12-02', 17)) });
    const detail = await as(tech)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.lifecycle.parts).toEqual({ vendor: 'Dell', orderNumber: 'PO-7731', expectedDate: '2026-12-03', arrivedAt: iso(local('12-01', 15)) });
  });

  it('long-term projects follow their phases; planned maintenance is due by its window', async () => {
    const p3 = await open({ wizard: { ...ONE_STOPPED, affected: 'two_to_five', workEffect: 'slowed' } });
    const phases = [{ title: 'Pull cable', targetDate: '2027-01-15' }, { title: 'Patch panels', targetDate: '2027-02-26' }];
    expect(await refusal(tech, 'cases.transition', { id: p3.id, version: 1, action: 'make_project', phases })).toMatchObject({ code: 'forbidden' });
    const project = await act(supervisor, p3, 'make_project', { phases, reason: 'Building-wide rewire' });
    expect(project).toMatchObject({ status: 'long_term_project', resolutionDueAt: iso(Date.parse('2027-02-26T23:00:00Z')) });
    const detail = await as(tech)<CaseDetail>('cases.get', { id: p3.id });
    const phase = detail.phases[0];
    const done = await as(tech)<QueueCase>('cases.setPhaseDone', { id: p3.id, version: project.version, phaseId: phase?.id, done: true });
    expect((await as(tech)<CaseDetail>('cases.get', { id: done.id })).phases.map((p) => p.done)).toEqual([true, false]);

    const c = await open();
    const planned = await act(tech, c, 'plan_maintenance');
    // Next Saturday 8 a.m. to noon (Dec 5).
    expect(planned).toMatchObject({ status: 'planned_maintenance', resolutionDueAt: iso(local('12-05', 12)) });
  });

  it('resolves with notes, reopens within 14 days with its history, and not after', async () => {
    let c = await open();
    expect(await refusal(agent, 'cases.transition', { id: c.id, version: 1, action: 'resolve', notes: '  ' })).toMatchObject({ field: 'notes' });
    c = await act(agent, c, 'resolve', { notes: 'Walked the caller through re-pairing the projector', kbCandidate: true });
    expect(c).toMatchObject({ status: 'resolved', sla: { response: { state: 'met' }, resolution: { state: 'met' } } });
    f.clock.advance(13 * 24 * HOUR);
    c = await act(agent, c, 'reopen', { reason: 'Projector lost pairing again' });
    expect(c.status).toBe('in_progress');
    c = await act(tech, c, 'resolve', { notes: 'Replaced the dongle' });
    c = await act(tech, c, 'close');
    f.clock.advance(15 * 24 * HOUR);
    expect(await refusal(agent, 'cases.transition', { id: c.id, version: c.version, action: 'reopen', reason: 'Again' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('more than 14 days ago') });
    const detail = await as(tech)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.lifecycle).toMatchObject({ kbCandidate: false, resolutionNotes: 'Replaced the dongle' });
    expect(detail.events.filter((e) => e.kind === 'status_changed').map((e) => e.detail.to)).toEqual(['resolved', 'in_progress', 'resolved', 'closed']);
  });

  it('refuses a stale update with what changed and by whom, and keeps the newer change', async () => {
    f.clock.set(local('11-30', 10));
    const c = await open();
    f.clock.set(local('11-30', 14) + 5 * 60_000);
    await as(tech)<QueueCase>('cases.update', { id: c.id, version: 1, summary: 'Projector dead in 114', callbackNumber: '573-555-0100' });
    const stale = await refusal(tech2, 'cases.transition', { id: c.id, version: 1, action: 'acknowledge' });
    expect(stale).toMatchObject({ code: 'conflict', field: 'version' });
    // When, in words in the desk's zone (named), and what, in the form's words: never a raw UTC instant or a field key.
    expect(stale.message).toContain('changed since you opened it: edited summary, callback number by Tom Tech (today 2:05 PM CST)');
    expect(stale.message).not.toMatch(/\d{4}-\d{2}-\d{2}T|Z\b|callbackNumber/);
    const detail = await as(tech)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.case).toMatchObject({ summary: 'Projector dead in 114', status: 'new', version: 2 });
  });

  it('changes priority with a reason and recomputes deadlines under the case\'s own policy', async () => {
    const c = await open({ wizard: { ...ONE_STOPPED, workEffect: 'slowed' } }); // priority 4
    expect(c.priority).toBe(4);
    expect(await refusal(tech, 'cases.changePriority', { id: c.id, version: 1, priority: 2 })).toMatchObject({ field: 'priorityReason' });
    const changed = await as(tech)<QueueCase>('cases.changePriority', { id: c.id, version: 1, priority: 2, priorityReason: 'Principal cannot present' });
    expect(changed).toMatchObject({ priority: 2, responseDueAt: iso(local('11-30', 13)), resolutionDueAt: iso(local('12-02', 9)), policyVersion: '2026.1' });
  });

  it('lets technicians take unassigned cases and hand back their own; supervisors reassign in bulk, all or nothing', async () => {
    const a = await open();
    const b = await open();
    const taken = await as(tech)<QueueCase[]>('cases.assign', { cases: [{ id: a.id, version: 1 }], assigneeId: tech.id });
    expect(taken[0]).toMatchObject({ assigneeId: tech.id, assigneeName: 'Tom Tech' });
    expect(await refusal(tech2, 'cases.assign', { cases: [{ id: a.id, version: 2 }], assigneeId: tech2.id })).toMatchObject({ code: 'forbidden' });
    expect(await refusal(supervisor, 'cases.assign', { cases: [{ id: a.id, version: 2 }, { id: b.id, version: 1 }], assigneeId: agent.id })).toMatchObject({ field: 'assigneeId' });
    const stale = await refusal(supervisor, 'cases.assign', { cases: [{ id: b.id, version: 1 }, { id: a.id, version: 1 }], assigneeId: tech2.id, reason: 'Tom is out' });
    expect(stale.code).toBe('conflict');
    expect((await as(tech)<CaseDetail>('cases.get', { id: b.id })).case.assigneeId).toBeNull();
    const moved = await as(supervisor)<QueueCase[]>('cases.assign', { cases: [{ id: b.id, version: 1 }, { id: a.id, version: 2 }], assigneeId: tech2.id, reason: 'Tom is out' });
    expect(moved.map((c) => c.assigneeName)).toEqual(['Tia Tech', 'Tia Tech']);
    const events = (await as(tech)<CaseDetail>('cases.get', { id: a.id })).events.filter((e) => e.kind === 'assigned');
    expect(events.at(-1)).toMatchObject({ reason: 'Tom is out', actorName: 'Sue Supervisor', detail: { from: tech.id, to: tech2.id, bulk: true } });
    const handBack = await as(tech2)<QueueCase[]>('cases.assign', { cases: [{ id: a.id, version: 3 }], assigneeId: null });
    expect(handBack[0]?.assigneeId).toBeNull();
  });

  it('sorts the queue by time to the next breach and sums each technician\'s workload', async () => {
    const slow = await open({ wizard: { ...ONE_STOPPED, workEffect: 'minimal' } }); // P4
    const urgent = await open({ wizard: { ...ONE_STOPPED, missionCritical: true }, onCallNotified: true }); // P1
    const normal = await open(); // P2
    await as(supervisor)('cases.assign', { cases: [{ id: normal.id, version: 1 }], assigneeId: tech.id });
    const queue = await as(tech)<QueueCase[]>('queue.list', {});
    expect(queue.map((c) => c.id)).toEqual([urgent.id, normal.id, slow.id]);
    f.clock.advance(3.5 * HOUR); // P2 response (4 business hours) is at risk, P1 response breached
    const later = await as(tech)<QueueCase[]>('queue.list', {});
    expect(later.find((c) => c.id === urgent.id)?.sla.response.state).toBe('breached');
    expect(later.find((c) => c.id === normal.id)?.sla.response.state).toBe('at_risk');
    expect(await refusal(tech, 'queue.workload', {})).toMatchObject({ code: 'forbidden' });
    const board = await as(supervisor)<WorkloadRow[]>('queue.workload', {});
    expect(board.find((r) => r.name === 'Tom Tech')).toMatchObject({ openCases: 1, atRisk: 1, breached: 0 });
    expect(board.find((r) => r.name === 'Unassigned')).toMatchObject({ openCases: 2, breached: 1 });
  });

  it('keeps saved views per person', async () => {
    await as(tech)('views.save', { name: 'My risky', filter: { mine: true, risk: 'at_risk_or_breached' } });
    await as(tech)('views.save', { name: 'My risky', filter: { mine: true, risk: 'breached' } });
    expect(await as(tech)('views.list', {})).toEqual([{ id: expect.any(Number), name: 'My risky', filter: { mine: true, risk: 'breached' } }]);
    expect(await as(tech2)('views.list', {})).toEqual([]);
  });
});
