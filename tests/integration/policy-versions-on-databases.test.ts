/**
 * SLA policy versions managed at the desk, on a real SQLite file and a real PostgreSQL database:
 * a version published with an effective instant is what cases received from then on are opened
 * under (its targets, desk hours and cutoff), cases received before keep 2026.1, drafts the engine
 * cannot compute are refused naming the field, the annual review falls due a year after the last,
 * and the SLA report puts the versions side by side.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueCase, StaffMember } from '../../shared/domain';
import type { PolicyBody, PolicyOverview, PolicyReview, PolicyVersionDetail } from '../../shared/policy';
import type { ComplianceReport } from '../../shared/reports';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { SlaDesk } from '../../electron/core/sla-desk';
import { callAs, coreFixture, MONDAY_MORNING, newCaseInput, refusalOf, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';

/** Priority 2: one person, stopped, no workaround. */
const P2 = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'stopped' } as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 2026-12-01 06:00 in Chicago: "tomorrow" for the fixture's Monday morning. */
const TUESDAY_6AM = '2026-12-01T12:00:00.000Z';

const hours = (open: string, close: string) => [{ open, close }];

/** 2027.1: priority 2 acknowledged within 2 working hours; the desk open 8–4, cutoff 3 PM. */
function nextYearBody(base: PolicyBody): PolicyBody {
  const day = hours('08:00', '16:00');
  return {
    ...base,
    targets: { ...base.targets, 2: { ...base.targets[2], response: { amount: 2, unit: 'business-hours' } } },
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    intakeCutoff: '15:00',
  };
}

describe.each(DATABASE_KINDS)('SLA policy versions on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let supervisor: StaffMember;
  let builtIn: PolicyBody;

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent');
    supervisor = await f.staff('supervisor');
    builtIn = (await callAs<PolicyVersionDetail>(f.core, agent, 'policy.get', { version: '2026.1' })).body;
  });
  afterEach(async () => {
    await f.dispose();
  });

  const publishNextYear = async () => {
    const draft = await callAs<PolicyVersionDetail>(f.core, supervisor, 'policy.saveDraft', { basedOn: '2026.1', body: nextYearBody(builtIn), note: 'Annual review 2026' });
    expect(draft).toMatchObject({ version: '2026.2', state: 'draft', basedOn: '2026.1', inForce: false });
    return callAs<PolicyVersionDetail>(f.core, supervisor, 'policy.publish', { version: draft.version, effectiveFrom: TUESDAY_6AM });
  };

  it('a version effective tomorrow: a case received before gets 2026.1, one received after gets the new targets, hours and cutoff', async () => {
    expect(builtIn.weeklyHours.mon).toEqual([{ open: '07:00', close: '17:00' }]);
    expect(builtIn.intakeCutoff).toBe('16:00');
    const published = await publishNextYear();
    expect(published).toMatchObject({ state: 'published', effectiveFrom: TUESDAY_6AM, inForce: false, upcoming: true, publishedBy: { id: supervisor.id } });

    // Monday 9:00: still 2026.1, 4 working hours → 1 PM.
    const before = await callAs<QueueCase>(f.core, agent, 'cases.create', newCaseInput({ wizard: P2 }));
    expect(before).toMatchObject({ policyVersion: '2026.1', responseDueAt: '2026-11-30T19:00:00.000Z' });

    // Tuesday 9:00: 2027's version, 2 working hours → 11 AM.
    f.clock.set(Date.parse('2026-12-01T15:00:00Z'));
    const after = await callAs<QueueCase>(f.core, agent, 'cases.create', newCaseInput({ wizard: P2, summary: 'Laptop dead' }));
    expect(after).toMatchObject({ policyVersion: '2026.2', responseDueAt: '2026-12-01T17:00:00.000Z' });

    // Tuesday 3:30 PM is after the version's 3 PM cutoff (2026.1's is 4 PM): counted from Wednesday 8:00, due 10:00.
    f.clock.set(Date.parse('2026-12-01T21:30:00Z'));
    const late = await callAs<QueueCase>(f.core, agent, 'cases.create', newCaseInput({ wizard: P2, summary: 'Projector dead' }));
    expect(late).toMatchObject({ policyVersion: '2026.2', clockStartAt: '2026-12-02T14:00:00.000Z', responseDueAt: '2026-12-02T16:00:00.000Z' });

    // The open case of Monday keeps its version and its deadlines, also after a restart.
    await f.restart();
    const listed = await callAs<QueueCase[]>(f.core, agent, 'queue.list', {});
    expect(listed.find((c) => c.id === before.id)).toMatchObject({ policyVersion: '2026.1', responseDueAt: '2026-11-30T19:00:00.000Z' });
    expect(listed.find((c) => c.id === late.id)).toMatchObject({ policyVersion: '2026.2', responseDueAt: '2026-12-02T16:00:00.000Z' });
    const overview = await callAs<PolicyOverview>(f.core, agent, 'policy.list', {});
    expect(overview.inForce).toBe('2026.2');
    expect(overview.versions.map((v) => [v.version, v.inForce])).toEqual([
      ['2026.2', true],
      ['2026.1', false],
    ]);
  });

  it('refuses publishing in the past, at the instant of another version, twice, or by someone not a supervisor', async () => {
    await publishNextYear();
    const draft = await callAs<PolicyVersionDetail>(f.core, supervisor, 'policy.saveDraft', { version: '2027.1', body: builtIn });
    const past = await refusalOf(f.core, supervisor, 'policy.publish', { version: '2027.1', effectiveFrom: new Date(f.clock.now() - HOUR).toISOString() });
    expect(past).toMatchObject({ code: 'invalid_input', field: 'effectiveFrom' });
    expect(past.message).toMatch(/past/);
    const same = await refusalOf(f.core, supervisor, 'policy.publish', { version: draft.version, effectiveFrom: TUESDAY_6AM });
    expect(same).toMatchObject({ code: 'invalid_input', field: 'effectiveFrom' });
    expect(same.message).toMatch(/2026\.2 already takes effect/);
    expect(await refusalOf(f.core, agent, 'policy.publish', { version: draft.version, effectiveFrom: '2027-01-04T13:00:00Z' })).toMatchObject({ code: 'forbidden' });
    expect(await refusalOf(f.core, supervisor, 'policy.publish', { version: '2026.2', effectiveFrom: '2027-01-04T13:00:00Z' })).toMatchObject({ code: 'conflict', field: 'version' });
    expect(await refusalOf(f.core, supervisor, 'policy.saveDraft', { version: '2026.2', body: builtIn })).toMatchObject({ code: 'conflict', field: 'version' });
    expect(await refusalOf(f.core, supervisor, 'policy.saveDraft', { version: '2026.1', body: builtIn })).toMatchObject({ code: 'conflict', field: 'version' });
    expect(await refusalOf(f.core, supervisor, 'policy.deleteDraft', { version: '2026.2' })).toMatchObject({ code: 'conflict' });
    // A draft can be deleted; then it is gone.
    await callAs(f.core, supervisor, 'policy.deleteDraft', { version: '2027.1' });
    expect(await refusalOf(f.core, agent, 'policy.get', { version: '2027.1' })).toMatchObject({ code: 'not_found' });
  });

  it('refuses a draft the SLA engine cannot compute, naming the field', async () => {
    const empty = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const cases: [string, PolicyBody | Record<string, unknown>, string][] = [
      ['no time to resolve', { ...builtIn, targets: { ...builtIn.targets, 2: { ...builtIn.targets[2], resolution: { amount: 0, unit: 'business-days' } } } }, 'body.targets.2.resolution.amount'],
      ['a negative response', { ...builtIn, targets: { ...builtIn.targets, 3: { ...builtIn.targets[3], response: { amount: -1, unit: 'clock-hours' } } } }, 'body.targets.3.response.amount'],
      ['a target of a century', { ...builtIn, targets: { ...builtIn.targets, 1: { ...builtIn.targets[1], resolution: { amount: 876_000, unit: 'clock-hours' } } } }, 'body.targets.1.resolution.amount'],
      ['an unknown unit', { ...builtIn, targets: { ...builtIn.targets, 1: { ...builtIn.targets[1], response: { amount: 1, unit: 'weeks' } } } }, 'body.targets.1.response.unit'],
      ['no response target', { ...builtIn, targets: { ...builtIn.targets, 4: { ...builtIn.targets[4], response: null } } }, 'body.targets.4.response'],
      ['a response due after the resolution', { ...builtIn, targets: { ...builtIn.targets, 4: { response: { amount: 6, unit: 'business-days' }, resolution: { amount: 5, unit: 'business-days' } } } }, 'body.targets.4.response.amount'],
      ['a desk never open', { ...builtIn, weeklyHours: empty }, 'body.weeklyHours'],
      ['closing before opening', { ...builtIn, weeklyHours: { ...builtIn.weeklyHours, mon: hours('17:00', '07:00') } }, 'body.weeklyHours.mon.0.close'],
      ['a time that is not one', { ...builtIn, weeklyHours: { ...builtIn.weeklyHours, wed: hours('7am', '17:00') } }, 'body.weeklyHours.wed.0.open'],
      ['overlapping intervals', { ...builtIn, weeklyHours: { ...builtIn.weeklyHours, tue: [{ open: '07:00', close: '12:00' }, { open: '11:00', close: '17:00' }] } }, 'body.weeklyHours.tue.1.open'],
      ['a cutoff after closing', { ...builtIn, intakeCutoff: '19:00' }, 'body.intakeCutoff'],
      ['a warning past the target', { ...builtIn, warnings: { fractionsUsed: [1.5], minutesBeforeDue: [30] } }, 'body.warnings.fractionsUsed.0'],
      ['a negative warning', { ...builtIn, warnings: { fractionsUsed: [0.75], minutesBeforeDue: [-5] } }, 'body.warnings.minutesBeforeDue.0'],
    ];
    for (const [what, body, field] of cases) {
      const refused = await refusalOf(f.core, supervisor, 'policy.saveDraft', { version: '2027.1', body });
      expect(refused, what).toMatchObject({ code: 'invalid_input', field });
      expect(refused.message.length, what).toBeGreaterThan(10);
    }
    // Nothing was saved; an agent may read but not draft.
    expect((await callAs<PolicyOverview>(f.core, agent, 'policy.list', {})).versions.map((v) => v.version)).toEqual(['2026.1']);
    expect(await refusalOf(f.core, agent, 'policy.saveDraft', { body: builtIn })).toMatchObject({ code: 'forbidden' });
    // A sound one with a lunch break is accepted.
    const lunch = [{ open: '07:00', close: '11:30' }, { open: '12:30', close: '17:00' }];
    const ok = await callAs<PolicyVersionDetail>(f.core, supervisor, 'policy.saveDraft', { body: { ...builtIn, weeklyHours: { ...builtIn.weeklyHours, mon: lunch } } });
    expect(ok.body.weeklyHours.mon).toEqual(lunch);
    // A body giving only the targets takes the rest from the version it is based on.
    const targetsOnly = await callAs<PolicyVersionDetail>(f.core, supervisor, 'policy.saveDraft', { basedOn: ok.version, body: { targets: builtIn.targets } });
    expect(targetsOnly.body).toEqual({ ...builtIn, weeklyHours: { ...builtIn.weeklyHours, mon: lunch } });
    expect(await refusalOf(f.core, supervisor, 'policy.saveDraft', { body: { targets: { ...builtIn.targets, 2: { response: { amount: 0, unit: 'business-hours' }, resolution: null } } } })).toMatchObject({
      field: 'body.targets.2.response.amount',
    });
  });

  it('the annual review: due a year after the last review (publishing counts), overdue after', async () => {
    const first = await callAs<PolicyOverview>(f.core, agent, 'policy.list', {});
    expect(first).toMatchObject({ lastReview: null, reviewOverdue: false, reviewDueAt: '2027-01-01T06:00:00.000Z' });
    expect(await refusalOf(f.core, agent, 'policy.markReviewed', {})).toMatchObject({ code: 'forbidden' });
    const review = await callAs<PolicyReview>(f.core, supervisor, 'policy.markReviewed', { note: 'Targets still fit' });
    expect(review).toMatchObject({ version: '2026.1', kind: 'reviewed', by: { id: supervisor.id }, note: 'Targets still fit' });
    let overview = await callAs<PolicyOverview>(f.core, agent, 'policy.list', {});
    expect(overview).toMatchObject({ reviewDueAt: '2027-11-30T15:00:00.000Z', reviewOverdue: false, lastReview: { kind: 'reviewed' } });
    f.clock.advance(365 * DAY - HOUR);
    expect((await callAs<PolicyOverview>(f.core, agent, 'policy.list', {})).reviewOverdue).toBe(false);
    f.clock.advance(HOUR);
    expect((await callAs<PolicyOverview>(f.core, agent, 'policy.list', {})).reviewOverdue).toBe(true);
    // Publishing a version is a review too.
    const draft = await callAs<PolicyVersionDetail>(f.core, supervisor, 'policy.saveDraft', { body: builtIn });
    await callAs(f.core, supervisor, 'policy.publish', { version: draft.version, effectiveFrom: new Date(f.clock.now() + DAY).toISOString(), note: 'Same table' });
    overview = await callAs<PolicyOverview>(f.core, agent, 'policy.list', {});
    expect(overview).toMatchObject({ reviewOverdue: false, lastReview: { kind: 'published', version: draft.version, note: 'Same table' } });
    expect(overview.reviews).toHaveLength(2);
  });

  it('the SLA report compares the periods under each version', async () => {
    await publishNextYear();
    await callAs(f.core, agent, 'cases.create', newCaseInput({ wizard: P2 }));
    f.clock.set(Date.parse('2026-12-01T15:00:00Z'));
    await callAs(f.core, agent, 'cases.create', newCaseInput({ wizard: P2, summary: 'Laptop dead' }));
    await callAs(f.core, agent, 'cases.create', newCaseInput({ summary: 'Monitor blurry' }));
    const report = await callAs<ComplianceReport>(f.core, supervisor, 'reports.sla', { filter: { from: '2026-11-30', to: '2026-12-01' } });
    expect(report.policyVersions).toEqual(['2026.1', '2026.2']);
    expect(report.groups.policyVersion.map((r) => [r.key, r.label, r.cases])).toEqual([
      ['2026.1', 'Policy 2026.1', 1],
      ['2026.2', 'Policy 2026.2', 2],
    ]);
  });
});

describe('SLA policy versions on two consoles sharing PostgreSQL', () => {
  let db: FreshDatabase;
  let clock: ManualClock;
  let a: Core;
  let b: Core;
  /** Console b's SLA engine, to ask which version it would open a case under without reading the database. */
  let deskB: SlaDesk;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
    clock = new ManualClock(MONDAY_MORNING);
    deskB = new SlaDesk();
    a = await startCore({ database: db.config, clock, log: () => undefined });
    b = await startCore({ database: db.config, clock, log: () => undefined, sla: deskB });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await db.dispose();
  });

  it('a version one console publishes is what the other opens cases under once it takes effect', async () => {
    const supervisor = await a.services.staff.create({ name: 'Sue Supervisor', role: 'supervisor' });
    const agent = await a.services.staff.create({ name: 'Ann Agent', role: 'agent' });
    const builtIn = (await callAs<PolicyVersionDetail>(a, supervisor, 'policy.get', { version: '2026.1' })).body;
    const draft = await callAs<PolicyVersionDetail>(a, supervisor, 'policy.saveDraft', { body: nextYearBody(builtIn) });
    // The other console hears of the publication through the relay (no read of its own first).
    const heard = new Promise<void>((resolve) => b.events.subscribe((name, payload) => name === 'policy.changed' && (payload as { policyChange: string }).policyChange === 'published' && resolve()));
    await callAs(a, supervisor, 'policy.publish', { version: draft.version, effectiveFrom: TUESDAY_6AM });
    await heard;
    // Hearing it, b reads the published versions again; its engine has the new one once that read lands.
    await expect.poll(() => deskB.policyInForce(Date.parse('2026-12-01T15:00:00Z')).version).toBe(draft.version);
    expect(deskB.policyInForce(MONDAY_MORNING).version).toBe('2026.1');
    clock.set(Date.parse('2026-12-01T15:00:00Z'));
    const c = await callAs<QueueCase>(b, agent, 'cases.create', newCaseInput({ wizard: P2 }));
    expect(c).toMatchObject({ policyVersion: draft.version, responseDueAt: '2026-12-01T17:00:00.000Z' });
    const overview = await callAs<PolicyOverview>(b, agent, 'policy.list', {});
    expect(overview.inForce).toBe(draft.version);
  });
});

