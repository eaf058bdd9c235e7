/**
 * The desk's phone number is the district server's setting (DESKWATCH_DESK_PHONE): a priority 1
 * request sent at the Tech Support Center tells the employee to call that number, in the answer
 * and in the confirmation email; without the setting, the agreement's numbers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESK_PHONE } from '../../../electron/core/support/support-requests';
import type { SupportSessionState } from '../../../shared/support';
import { request, startTestServer, type TestServer } from './server-fixture';

const EVERYONE_STOPPED = { securityOrSafety: false, missionCritical: false, affected: 'more_than_five', workEffect: 'stopped' } as const;

describe("the district server and the desk's phone number", () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  /** A priority 1 request from an employee with an email address: what they are told, and what is queued to them. */
  const urgentRequest = async (s: TestServer) => {
    const { services } = s.server.core;
    const employee = await services.callers.create({ name: 'Robin Teacher', email: 'robin.teacher@district.example' });
    const sent = await services.support.submit(employee.id, { problem: 'Whole building offline', answers: EVERYONE_STOPPED });
    const mail: { text_body: string }[] = await s.server.core.dataSource.query('SELECT text_body FROM mail_outbox WHERE case_id = $1', [sent.caseId]);
    return { sent, mail };
  };

  it('tells employees to call the number DESKWATCH_DESK_PHONE gives', async () => {
    server = await startTestServer({ env: { DESKWATCH_DESK_PHONE: 'extension 4100 or 555-201-4100' } });
    const { sent, mail } = await urgentRequest(server);
    expect(sent.priority).toBe(1);
    expect(sent.callDeskNow).toContain('Call the Help Desk now at extension 4100 or 555-201-4100:');
    expect(sent.callDeskNow).not.toContain(DEFAULT_DESK_PHONE);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text_body).toContain('Call the Help Desk now at extension 4100 or 555-201-4100:');

    // The same number on the Tech Support Center before anyone signs in, and on its request form.
    const session = await request(`${server.server.origin}/api/support/session`);
    expect(session.json<{ value: SupportSessionState }>().value.desk).toEqual({ phone: 'extension 4100 or 555-201-4100', hours: 'Monday to Friday, 7:00 AM to 5:00 PM' });
    const employee = await server.server.core.services.callers.create({ name: 'Kim Form', email: 'kim.form@district.example' });
    const start = await server.server.core.supportDispatch('support.start', {}, { callerId: employee.id });
    expect(start).toMatchObject({ ok: true, value: { deskPhone: 'extension 4100 or 555-201-4100' } });
  });

  it("tells them the agreement's numbers when the setting is absent", async () => {
    server = await startTestServer();
    const { sent } = await urgentRequest(server);
    expect(sent.callDeskNow).toContain(`Call the Help Desk now at ${DEFAULT_DESK_PHONE}:`);
  });
});
