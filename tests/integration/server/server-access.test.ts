import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAuditEntry } from '../../../shared/contract';
import type { CaseSummary, StaffMember } from '../../../shared/domain';
import { newCaseInput } from '../../support/core-fixture';
import { startTestServer, valueOf, type ConsoleBrowser, type TestServer } from './server-fixture';

/** Who a call is made as comes from the session, and the core's access rule decides what they may do. */
describe('district server: identity from the session only', () => {
  let t: TestServer;
  let supervisor: StaffMember;
  let agent: StaffMember;
  let boss: ConsoleBrowser;
  let agentBrowser: ConsoleBrowser;

  beforeAll(async () => {
    t = await startTestServer();
    const s = await t.staff('supervisor');
    const a = await t.staff('agent');
    supervisor = s;
    agent = a;
    boss = await t.browser().signedIn(s.email);
    agentBrowser = await t.browser().signedIn(a.email);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a body naming an actor: identity comes from the session', async () => {
    for (const body of [
      { input: { date: '2026-12-24', name: 'Break' }, meta: { actorId: supervisor.id } },
      { input: { date: '2026-12-24', name: 'Break' }, actorId: supervisor.id },
      { input: {}, meta: {} },
    ]) {
      const answer = await agentBrowser.invoke('calendar.addClosure', null, {}, JSON.stringify(body));
      expect(answer.status).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'invalid_input', field: 'meta', message: expect.stringMatching(/from your session/) });
    }
    expect(valueOf<{ closures: unknown[] }>(await boss.invoke('calendar.closures', {})).closures).toEqual([]);
  });

  it('answers forbidden to an agent calling supervisor channels, and saves nothing', async () => {
    const staffBefore = valueOf<StaffMember[]>(await boss.invoke('staff.list', {}));
    const created = valueOf<CaseSummary>(await agentBrowser.invoke('cases.create', newCaseInput()));
    const attempts: [string, unknown][] = [
      ['calendar.addClosure', { date: '2026-12-24', name: 'Break' }],
      ['staff.create', { name: 'Mallory', role: 'supervisor', email: 'mallory@district.example' }],
      ['staff.update', { id: agent.id, role: 'supervisor' }],
      ['staff.setPassword', { id: supervisor.id, password: 'a brand new password' }],
      ['cases.assign', { cases: [{ id: created.id, version: created.version }], assigneeId: agent.id }],
      ['staff.audit', {}],
    ];
    for (const [channel, input] of attempts) {
      const answer = await agentBrowser.invoke(channel, input);
      expect(answer.status, channel).toBe(200);
      expect(answer.json(), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(valueOf<{ closures: unknown[] }>(await boss.invoke('calendar.closures', {})).closures).toEqual([]);
    expect(valueOf<StaffMember[]>(await boss.invoke('staff.list', {}))).toEqual(staffBefore);
    const again = valueOf<{ case: { assigneeId: number | null; version: number } }>(await agentBrowser.invoke('cases.get', { id: created.id }));
    expect(again.case).toMatchObject({ assigneeId: null, version: created.version });
    // The supervisor's password is still the one they signed in with.
    expect((await t.browser().signIn(supervisor.email ?? '', 'a brand new password')).status).toBe(401);
  });

  it('audits staff changes a supervisor makes: who, before and after', async () => {
    const created = valueOf<StaffMember>(await boss.invoke('staff.create', { name: 'Terry Tech', role: 'agent', email: 'terry@district.example' }));
    valueOf(await boss.invoke('staff.update', { id: created.id, role: 'technician' }));
    const audit = valueOf<StaffAuditEntry[]>(await boss.invoke('staff.audit', { staffId: created.id }));
    expect(audit.map((entry) => entry.change)).toEqual(['updated', 'created']);
    expect(audit[0]).toMatchObject({ actorId: supervisor.id, actorName: supervisor.name, staffId: created.id, before: { role: 'agent' }, after: { role: 'technician' } });
    expect(audit[1]).toMatchObject({ actorId: supervisor.id, before: null, after: { name: 'Terry Tech', role: 'agent', email: 'terry@district.example' } });
  });

  it('applies a role change to the open session at once', async () => {
    const member = await t.staff('technician');
    const tech = await t.browser().signedIn(member.email);
    valueOf(await tech.invoke('queue.list', {}));
    valueOf(await boss.invoke('staff.update', { id: member.id, role: 'agent' }));
    expect((await tech.session()).json().value).toMatchObject({ staff: { role: 'agent' } });
    expect((await tech.invoke('queue.workload', {})).json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
