/**
 * The Tech Support Center as employees use it, through `core.supportDispatch` on both databases:
 * screenshots checked by their bytes and stored with the case, the submission limit, each
 * employee seeing only their own requests, answering the desk's question (the clock resumes),
 * confirming, reopening within the window, rating, the status page and the public help articles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Announcement } from '../../shared/announcements';
import type { CaseDetail } from '../../shared/contract';
import type { Caller, QueueCase, StaffMember } from '../../shared/domain';
import type { Article } from '../../shared/knowledge';
import type { ContractError } from '../../shared/result';
import { SUBMISSION_LIMITS, type HelpArticle, type HelpArticleHit, type RequestRow, type RequestView, type StatusPage, type SubmittedRequest, type SupportStart } from '../../shared/support';
import { callAs, coreFixture, ONE_PERSON_SLOWED, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The start of a JFIF JPEG (SOI, APP0 "JFIF") and its end marker. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64');

describe.each(DATABASE_KINDS)('the Tech Support Center on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let tech: StaffMember;
  let sup: StaffMember;
  let robin: Caller;
  let casey: Caller;

  const as = <T>(who: StaffMember, channel: string, input: unknown): Promise<T> => callAs<T>(f.core, who, channel, input);
  /** An employee's call, as the support routes make it: the session names the caller. */
  const employee = async <T>(who: Caller, channel: string, input: unknown): Promise<T> => {
    const r = await f.core.supportDispatch(channel, input, { callerId: who.id });
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const refusal = async (who: Caller, channel: string, input: unknown): Promise<ContractError> => {
    const r = await f.core.supportDispatch(channel, input, { callerId: who.id });
    if (r.ok) throw new Error(`${channel} was accepted`);
    return r.error;
  };
  const submit = (who: Caller, over: Record<string, unknown> = {}) =>
    employee<SubmittedRequest>(who, 'support.submit', { problem: 'Projector will not turn on', answers: ONE_PERSON_SLOWED, ...over });
  const view = (who: Caller, caseId: number) => employee<RequestView>(who, 'support.get', { caseId });
  const transition = (who: StaffMember, c: { id: number; version: number }, action: string, extra: Record<string, unknown> = {}) =>
    as<QueueCase>(who, 'cases.transition', { id: c.id, version: c.version, action, ...extra });
  const consoleCase = (caseId: number) => as<CaseDetail>(agent, 'cases.get', { id: caseId });
  const count = async (table: string) => Number((await f.core.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const caseRow = async (caseId: number) => (await consoleCase(caseId)).case;

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent', 'Ann Agent');
    tech = await f.staff('technician', 'Tom Tech');
    sup = await f.staff('supervisor', 'Sue Supervisor');
    robin = await as<Caller>(agent, 'callers.create', { name: 'Robin Teacher', email: 'robin.teacher@district.example' });
    casey = await as<Caller>(agent, 'callers.create', { name: 'Casey Coach', email: 'casey.coach@district.example' });
  }, 60_000);
  afterEach(async () => f?.dispose());

  it('starts the form: the employee, active buildings, the questions in their words, the desk phone and hours', async () => {
    const buildings = ((await f.core.dataSource.query('SELECT id, name FROM building ORDER BY name')) as { id: number | string; name: string }[]).map((b) => ({ id: Number(b.id), name: b.name }));
    const [retired, ...active] = buildings;
    await as(sup, 'directory.saveItem', { list: 'buildings', id: retired?.id, name: retired?.name, active: false });
    const start = await employee<SupportStart>(robin, 'support.start', {});
    expect(start.employee).toMatchObject({ callerId: robin.id, name: 'Robin Teacher', email: 'robin.teacher@district.example' });
    expect(start.buildings).toEqual(active);
    expect(start.questions.map((q) => q.key)).toEqual(['securityOrSafety', 'missionCritical', 'affected', 'workEffect']);
    expect(start.questions[0]?.text).not.toBe('Is there a security or safety concern?');
    expect(start.deskPhone).toBe('extension 25888 or 573-214-3333');
    expect(start.deskHours).toBe('Monday to Friday, 7:00 AM to 5:00 PM');
    expect(start.screenshots.files).toBe(3);
    expect(await employee(casey, 'support.me', {})).toMatchObject({ callerId: casey.id, name: 'Casey Coach' });
  });

  describe('screenshots', () => {
    it('stores a PNG and a JPEG with the request, for the employee and the console, and lets only them read the bytes', async () => {
      const sent = await submit(robin, { screenshots: [{ fileName: 'error.png', dataBase64: b64(PNG) }, { fileName: 'photo.jpg', dataBase64: b64(JPEG) }] });
      const mine = await view(robin, sent.caseId);
      expect(mine.screenshots).toEqual([
        { id: expect.any(Number), fileName: 'error.png', contentType: 'image/png', byteSize: PNG.length },
        { id: expect.any(Number), fileName: 'photo.jpg', contentType: 'image/jpeg', byteSize: JPEG.length },
      ]);
      const detail = await consoleCase(sent.caseId);
      expect(detail.attachments?.map((a) => [a.fileName, a.byteSize])).toEqual([['error.png', PNG.length], ['photo.jpg', JPEG.length]]);

      const first = mine.screenshots[0]?.id as number;
      const center = f.core.services.supportCenter;
      const read = await center.attachment(first, { callerId: robin.id });
      expect(read).toMatchObject({ fileName: 'error.png', contentType: 'image/png' });
      expect(Buffer.compare(read.bytes, PNG)).toBe(0);
      expect(Buffer.compare((await center.attachment(first, { staffId: tech.id })).bytes, PNG)).toBe(0);
      await expect(center.attachment(first, { callerId: casey.id })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('refuses a file that is not an image by its bytes, naming it, whatever its name; nothing is written', async () => {
      const before = await count('help_case');
      const html = await refusal(robin, 'support.submit', {
        problem: 'Printer jam',
        answers: ONE_PERSON_SLOWED,
        screenshots: [{ fileName: 'ok.png', dataBase64: b64(PNG) }, { fileName: 'invoice.png', dataBase64: b64('<html><script>alert(1)</script></html>') }],
      });
      expect(html).toMatchObject({ code: 'invalid_input', field: 'screenshots.1' });
      expect(html.message).toContain('invoice.png');
      const svg = await refusal(robin, 'support.submit', {
        problem: 'Printer jam',
        answers: ONE_PERSON_SLOWED,
        screenshots: [{ fileName: 'chart.svg', dataBase64: b64('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') }],
      });
      expect(svg).toMatchObject({ code: 'invalid_input', field: 'screenshots.0' });
      expect(svg.message).toContain('chart.svg');
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      expect(await refusal(robin, 'support.submit', { problem: 'Printer jam', answers: ONE_PERSON_SLOWED, screenshots: [{ fileName: 'huge.png', dataBase64: b64(big) }] })).toMatchObject({
        field: 'screenshots.0',
        message: expect.stringContaining('at most 5 MB'),
      });
      const four = Array.from({ length: 4 }, (_, i) => ({ fileName: `s${i}.png`, dataBase64: b64(PNG) }));
      expect(await refusal(robin, 'support.submit', { problem: 'Printer jam', answers: ONE_PERSON_SLOWED, screenshots: four })).toMatchObject({ field: 'screenshots' });
      expect(await count('help_case')).toBe(before);
      expect(await count('case_attachment')).toBe(0);
    });
  });

  it('limits submissions per employee per hour and per day, saying when they can send again', async () => {
    const start = f.clock.now();
    for (let i = 0; i < SUBMISSION_LIMITS.perHour; i++) {
      f.clock.set(start + i * 60_000);
      await submit(robin, { problem: `Request ${i}` });
    }
    const refused = await refusal(robin, 'support.submit', { problem: 'One more', answers: ONE_PERSON_SLOWED });
    expect(refused.code).toBe('rate_limited');
    expect(refused.message).toMatch(/You can submit again .*10:00 AM/);
    expect(refused.message).toContain('call the Help Desk');
    await submit(casey, { problem: 'Someone else is not limited by Robin' });
    f.clock.set(start + HOUR + 1);
    await submit(robin, { problem: 'A place freed when the first left the hour' });

    // Spread over the day, the daily limit is what stops them.
    for (let i = SUBMISSION_LIMITS.perHour + 1; i < SUBMISSION_LIMITS.perDay; i++) {
      f.clock.set(start + HOUR + (i - SUBMISSION_LIMITS.perHour) * 20 * 60_000);
      await submit(robin, { problem: `Request ${i}` });
    }
    const daily = await refusal(robin, 'support.submit', { problem: 'One more today', answers: ONE_PERSON_SLOWED });
    expect(daily.code).toBe('rate_limited');
    expect(daily.message).toContain(`at most ${SUBMISSION_LIMITS.perDay} may be sent in a day`);
    f.clock.set(start + DAY + 1);
    await submit(robin, { problem: 'The next day' });
  });

  it('holds the limit when requests arrive at once', async () => {
    const tries = await Promise.all(
      Array.from({ length: SUBMISSION_LIMITS.perHour + 3 }, (_, i) => f.core.supportDispatch('support.submit', { problem: `At once ${i}`, answers: ONE_PERSON_SLOWED }, { callerId: robin.id })),
    );
    expect(tries.filter((r) => r.ok)).toHaveLength(SUBMISSION_LIMITS.perHour);
    expect(tries.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
    expect(await count('help_case')).toBe(SUBMISSION_LIMITS.perHour);
  });

  it('shows each employee only their own requests; another caller’s is answered as one that does not exist', async () => {
    const first = await submit(robin, { problem: 'Projector' });
    f.clock.advance(60_000);
    const second = await submit(robin, { problem: 'Keyboard' });
    const theirs = await submit(casey, { problem: 'Casey’s laptop' });
    const resolved = await transition(tech, await caseRow(first.caseId), 'resolve', { notes: 'Replaced the lamp' });
    expect(resolved.status).toBe('resolved');

    expect((await employee<RequestRow[]>(robin, 'support.mine', {})).map((r) => r.caseId)).toEqual([second.caseId, first.caseId]);
    expect((await employee<RequestRow[]>(robin, 'support.mine', { open: true })).map((r) => r.caseId)).toEqual([second.caseId]);
    expect((await employee<RequestRow[]>(robin, 'support.mine', { open: false })).map((r) => [r.caseId, r.stage])).toEqual([[first.caseId, 'resolved']]);
    expect((await employee<RequestRow[]>(casey, 'support.mine', {})).map((r) => r.caseId)).toEqual([theirs.caseId]);

    const other = await refusal(robin, 'support.get', { caseId: theirs.caseId });
    const nobody = await refusal(robin, 'support.get', { caseId: 999_999 });
    expect(other.code).toBe('not_found');
    expect(nobody.code).toBe('not_found');
    expect(other.message).toBe(`You have no request with id ${theirs.caseId}`);
    // A stale version on another's case says nothing of its version either.
    expect(await refusal(robin, 'support.answer', { caseId: theirs.caseId, version: 99, answer: 'hi' })).toMatchObject({ code: 'not_found' });
    expect(await refusal(robin, 'support.rate', { caseId: theirs.caseId, stars: 1 })).toMatchObject({ code: 'not_found' });
  });

  it('shows the desk’s question and public notes; the answer resumes the clock and is the reply the console reads', async () => {
    const sent = await submit(robin, { problem: 'Cannot print' });
    let c = await transition(tech, await caseRow(sent.caseId), 'acknowledge');
    const resolutionBefore = Date.parse(c.resolutionDueAt as string);
    await as(tech, 'cases.addNote', { id: c.id, note: 'Internal: printer driver v3 is broken on these', public: false });
    await as(tech, 'cases.addNote', { id: c.id, note: 'We are looking at the printer in your room.', public: true });
    f.clock.advance(HOUR);
    c = await transition(tech, await caseRow(c.id), 'pend', { note: 'Which printer do you print to: the one by the door or the office one?' });

    const pending = await view(robin, c.id);
    expect(pending.stage).toBe('needs_you');
    expect(pending.question).toEqual({ askedAt: new Date(f.clock.now()).toISOString(), text: 'Which printer do you print to: the one by the door or the office one?' });
    expect(pending.notes.map((n) => [n.kind, n.by, n.text])).toEqual([
      ['note', 'Tom', 'We are looking at the printer in your room.'],
      ['question', 'Tom', 'Which printer do you print to: the one by the door or the office one?'],
    ]);
    expect(JSON.stringify(pending)).not.toContain('Internal');
    expect(pending.inWords.join(' ')).toContain('waiting for your answer');

    f.clock.advance(2 * HOUR);
    expect(await refusal(robin, 'support.answer', { caseId: c.id, version: pending.version - 1, answer: 'The door one' })).toMatchObject({ code: 'conflict', field: 'version' });
    const answered = await employee<RequestView>(robin, 'support.answer', { caseId: c.id, version: pending.version, answer: 'The one by the door.' });
    expect(answered.stage).toBe('in_progress');
    expect(answered.question).toBeNull();
    expect(answered.notes.at(-1)).toMatchObject({ kind: 'answer', by: 'You', text: 'The one by the door.' });

    const detail = await consoleCase(c.id);
    expect(detail.case.status).toBe('in_progress');
    expect(detail.case.sla.paused).toBe(false);
    // Two business hours waited for the employee: the resolution target moves by exactly that.
    expect(Date.parse(detail.case.resolutionDueAt as string) - resolutionBefore).toBe(2 * HOUR);
    const pauses = (await f.core.dataSource.query(`SELECT ended_at FROM case_pause WHERE case_id = ${c.id}`)) as { ended_at: number | string | null }[];
    expect(pauses.map((p) => Number(p.ended_at))).toEqual([f.clock.now()]);
    const reply = detail.events.find((e) => e.kind === 'note' && e.detail.answer === true);
    expect(reply).toMatchObject({ actorId: null, actorName: 'Robin Teacher (Tech Support Center)', detail: { note: 'The one by the door.', via: 'tech_support_center', by: { callerId: robin.id, name: 'Robin Teacher' } } });
    const resumed = detail.events.at(-1);
    expect(resumed).toMatchObject({ kind: 'status_changed', actorId: null, detail: { action: 'resume', from: 'pending_user_response', to: 'in_progress', via: 'tech_support_center' } });

    expect(await refusal(robin, 'support.answer', { caseId: c.id, version: answered.version, answer: 'Again' })).toMatchObject({ code: 'invalid_input' });
  });

  it('shows the parts order while waiting for parts', async () => {
    const sent = await submit(robin, { problem: 'Laptop screen cracked' });
    const c = await transition(tech, await caseRow(sent.caseId), 'acknowledge');
    await transition(tech, c, 'await_parts', { vendor: 'Dell', expectedDate: '2026-12-04', orderNumber: 'PO-77' });
    const waiting = await view(robin, c.id);
    expect(waiting.stage).toBe('waiting_for_parts');
    expect(waiting.parts).toEqual({ vendor: 'Dell', expectedDate: '2026-12-04' });
    expect(JSON.stringify(waiting)).not.toContain('PO-77');
  });

  it('confirms a resolved request (it closes), reopens within the window with the reason, and not after it', async () => {
    const sent = await submit(robin, { problem: 'Projector' });
    const resolved = await transition(tech, await caseRow(sent.caseId), 'resolve', { notes: 'Swapped the HDMI cable' });
    let v = await view(robin, resolved.id);
    expect(v.canConfirm).toBe(true);
    expect(v.reopenUntil).toBe(new Date(f.clock.now() + 14 * DAY).toISOString());
    expect(JSON.stringify(v)).not.toContain('HDMI');

    v = await employee<RequestView>(robin, 'support.confirm', { caseId: v.caseId, version: v.version });
    expect(v.stage).toBe('closed');
    expect(v.canConfirm).toBe(false);
    const closed = (await consoleCase(v.caseId)).events.at(-1);
    expect(closed).toMatchObject({ kind: 'status_changed', actorId: null, detail: { action: 'close', to: 'closed', by: { callerId: robin.id }, via: 'tech_support_center' } });
    expect(await refusal(robin, 'support.confirm', { caseId: v.caseId, version: v.version })).toMatchObject({ code: 'invalid_input' });

    f.clock.advance(13 * DAY);
    v = await employee<RequestView>(robin, 'support.reopen', { caseId: v.caseId, version: v.version, reason: 'It flickers again' });
    expect(v.stage).toBe('in_progress');
    expect(v.notes.at(-1)).toMatchObject({ kind: 'reopened', by: 'You', text: 'It flickers again' });
    expect((await consoleCase(v.caseId)).events.at(-1)).toMatchObject({ actorId: null, reason: 'It flickers again', detail: { action: 'reopen', via: 'tech_support_center' } });

    const again = await transition(tech, await caseRow(v.caseId), 'resolve', { notes: 'New cable' });
    f.clock.advance(15 * DAY);
    const late = await view(robin, again.id);
    expect(late.reopenUntil).toBeNull();
    const refused = await refusal(robin, 'support.reopen', { caseId: late.caseId, version: late.version, reason: 'Still broken' });
    expect(refused).toMatchObject({ code: 'invalid_input' });
    expect(refused.message).toContain('more than 14 days ago');
    expect(refused.message).toContain('Submit a new request');
  });

  it('rates a resolved request once, a later rating replacing it; not before it is resolved', async () => {
    const sent = await submit(robin, { problem: 'Projector' });
    expect(await refusal(robin, 'support.rate', { caseId: sent.caseId, stars: 5 })).toMatchObject({ code: 'invalid_input' });
    await transition(tech, await caseRow(sent.caseId), 'resolve', { notes: 'Fixed' });
    expect(await refusal(robin, 'support.rate', { caseId: sent.caseId, stars: 6 })).toMatchObject({ code: 'invalid_input', field: 'stars' });
    let v = await employee<RequestView>(robin, 'support.rate', { caseId: sent.caseId, stars: 4, comment: 'Quick, thanks' });
    expect(v.rating).toMatchObject({ stars: 4, comment: 'Quick, thanks' });
    f.clock.advance(HOUR);
    v = await employee<RequestView>(robin, 'support.rate', { caseId: sent.caseId, stars: 2 });
    expect(v.rating).toEqual({ stars: 2, comment: null, ratedAt: new Date(f.clock.now()).toISOString() });
    expect(await count('case_rating')).toBe(1);
  });

  it('shows published announcements, current and closed this week, with their public fields only', async () => {
    const save = (over: Record<string, unknown>) =>
      as<Announcement>(sup, 'announcements.save', { kind: 'unplanned_outage', title: 'Wi-Fi down', description: 'Access points rebooting', affectedServices: ['Wi-Fi'], buildingIds: [], startAt: new Date(f.clock.now()).toISOString(), expectedMinutes: 60, ...over });
    const publish = (a: Announcement) => as<Announcement>(sup, 'announcements.publish', { id: a.id, version: a.version });
    const close = async (a: Announcement) => as<Announcement>(sup, 'announcements.close', { id: a.id, version: (await as<Announcement>(sup, 'announcements.get', { id: a.id })).version });

    await close(await publish(await save({ title: 'Old outage' })));
    f.clock.advance(8 * DAY);
    const now = await publish(await save({ title: 'Email slow' }));
    await as(tech, 'announcements.addUpdate', { id: now.id, text: 'Vendor engaged' });
    await save({ title: 'A draft nobody may see' });
    await close(await publish(await save({ title: 'Printing restored' })));

    const page = await employee<StatusPage>(robin, 'support.status', {});
    expect(page.current.map((a) => a.title)).toEqual(['Email slow']);
    expect(page.recent.map((a) => a.title)).toEqual(['Printing restored']);
    const shown = page.current[0];
    expect(Object.keys(shown ?? {}).sort()).toEqual(['affectedServices', 'buildings', 'closedAt', 'description', 'expectedEndAt', 'id', 'kind', 'number', 'startAt', 'state', 'title', 'updates']);
    expect(shown?.updates.map((u) => Object.keys(u).sort())).toEqual([['at', 'text']]);
    expect(JSON.stringify(page)).not.toContain('Sue Supervisor');
  });

  it('finds and shows only published public help articles, safely rendered', async () => {
    const article = async (over: Record<string, unknown>, publish = true) => {
      const a = await as<Article>(tech, 'kb.create', { title: 'Projector shows no signal', problem: 'The projector says **No signal**.', solution: '1. Press Source.\n2. Reseat HDMI.', audience: 'public', ...over });
      return publish ? as<Article>(sup, 'kb.publish', { id: a.id, version: a.version }) : a;
    };
    const open = await article({ problem: 'The projector says **No signal** <script>alert(1)</script> [click](javascript:alert(1)) ![x](http://evil.example/x.png) [help](https://district.example/help)' });
    const staffOnly = await article({ title: 'Projector firmware recovery', audience: 'staff' });
    const draft = await article({ title: 'Projector lamp replacement' }, false);

    const hits = await employee<HelpArticleHit[]>(robin, 'support.articles', { query: 'projector' });
    expect(hits.map((h) => h.id)).toEqual([open.id]);
    expect(Object.keys(hits[0] ?? {}).sort()).toEqual(['excerpt', 'id', 'title']);
    const none = await employee<HelpArticleHit[]>(robin, 'support.articles', { query: '' });
    expect(none.map((h) => h.id)).toEqual([open.id]);

    const shown = await employee<HelpArticle>(robin, 'support.article', { id: open.id });
    expect(shown.html).toContain('<strong>No signal</strong>');
    expect(shown.html).toContain('<a href="https://district.example/help" target="_blank" rel="noopener noreferrer">help</a>');
    expect(shown.html).not.toMatch(/<script|href="javascript|<img|evil\.example/);
    expect(shown.html).toContain('&lt;script&gt;');
    for (const hidden of [staffOnly.id, draft.id, 999_999]) {
      expect(await refusal(robin, 'support.article', { id: hidden })).toMatchObject({ code: 'not_found', message: `No help article has id ${hidden}` });
    }
  });
});
