import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract';
import type { QueueCase, StaffMember } from '../../shared/domain';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_ARTICLE, type Article, type ArticleVersion, type ArticleVersionDetail, type AttachmentData, type AttachmentInfo, type KnowledgeWorklists } from '../../shared/knowledge';
import type { ContractError } from '../../shared/result';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

const DAY = 24 * 3600_000;
/** The smallest PNG: a 1×1 transparent pixel. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe.each(DATABASE_KINDS)('knowledge base on %s', (kind) => {
  let f: CoreFixture;
  let agent: StaffMember;
  let tech: StaffMember;
  let tech2: StaffMember;
  let sup: StaffMember;
  const as = (who: StaffMember) => async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), { error: r.error });
    return r.value as T;
  };
  const refusal = async (who: StaffMember, channel: string, input: unknown): Promise<ContractError> => {
    const r = await f.core.dispatch(channel, input, { actorId: who.id });
    if (r.ok) throw new Error(`${channel} was accepted`);
    return r.error;
  };
  const draft = (over: Record<string, unknown> = {}) =>
    as(tech)<Article>('kb.create', { title: 'Projector shows no signal', problem: 'The projector says **No signal**.', solution: '1. Press Source.\n2. Reseat HDMI.', ...over });
  const published = async (over: Record<string, unknown> = {}) => {
    const a = await draft(over);
    return as(sup)<Article>('kb.publish', { id: a.id, version: a.version });
  };
  const openCase = (over: Record<string, unknown> = {}) => as(agent)<QueueCase>('cases.create', newCaseInput(over));
  const resolve = (who: StaffMember, c: QueueCase, extra: Record<string, unknown> = {}) =>
    as(who)<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'resolve', notes: 'Reseated the HDMI cable at the wall plate.', ...extra });

  beforeEach(async () => {
    f = await coreFixture(kind);
    agent = await f.staff('agent', 'Ann Agent');
    tech = await f.staff('technician', 'Tom Tech');
    tech2 = await f.staff('technician', 'Tia Tech');
    sup = await f.staff('supervisor', 'Sue Supervisor');
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('a technician drafts, a supervisor publishes, an agent then reads it (and never a draft)', async () => {
    const a = await draft({ systems: ['Epson ceiling projector', ' epson CEILING projector ', 'HDMI wall plate'] });
    expect(a).toMatchObject({ state: 'draft', number: `KB-${a.id}`, ownerId: tech.id, ownerName: 'Tom Tech', version: 1, citations: 0, flagged: false });
    expect(a.systems).toEqual(['Epson ceiling projector', 'HDMI wall plate']);
    expect((await refusal(agent, 'kb.get', { id: a.id })).code).toBe('not_found');
    expect((await refusal(agent, 'kb.create', { title: 'x' })).code).toBe('forbidden');
    expect((await refusal(tech, 'kb.publish', { id: a.id, version: 1 })).code).toBe('forbidden');
    const p = await as(sup)<Article>('kb.publish', { id: a.id, version: 1 });
    expect(p).toMatchObject({ state: 'published', version: 2 });
    expect(p.publishedAt).not.toBeNull();
    // The first review falls a year after publishing unless someone set a date.
    expect(p.reviewDue).toBe('2027-11-30');
    expect((await as(agent)<Article>('kb.get', { id: a.id })).title).toBe('Projector shows no signal');
    const listed = await as(agent)<{ articles: Article[]; total: number }>('kb.search', { states: ['draft', 'published'] });
    expect(listed.articles.map((x) => x.state)).toEqual(['published']);
  });

  it('publishing needs a problem and a solution, naming the field', async () => {
    const a = await draft({ solution: '   ' });
    const e = await refusal(sup, 'kb.publish', { id: a.id, version: a.version });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'solution' });
    const p = await published();
    expect(await refusal(tech, 'kb.update', { id: p.id, version: p.version, problem: '' })).toMatchObject({ code: 'invalid_input', field: 'problem' });
  });

  it('refuses references that do not exist and an agent as owner, naming the field', async () => {
    expect(await refusal(tech, 'kb.create', { title: 'A', categoryId: 999 })).toMatchObject({ code: 'invalid_input', field: 'categoryId' });
    expect(await refusal(tech, 'kb.create', { title: 'A', buildingIds: [1, 9999] })).toMatchObject({ code: 'invalid_input', field: 'buildingIds' });
    expect(await refusal(tech, 'kb.create', { title: 'A', ownerId: agent.id })).toMatchObject({ code: 'invalid_input', field: 'ownerId' });
    expect(await refusal(tech, 'kb.create', { title: ' ' })).toMatchObject({ code: 'invalid_input', field: 'title' });
    expect(await refusal(tech, 'kb.create', { title: 'A', audience: 'everyone' })).toMatchObject({ code: 'invalid_input', field: 'audience' });
  });

  it('every change is a version: viewed, listed, restored; a stale edit is a conflict naming who changed it', async () => {
    const a = await published();
    const edited = await as(tech2)<Article>('kb.update', { id: a.id, version: a.version, title: 'Projector: no signal on HDMI', buildingIds: [1, 2] });
    expect(edited).toMatchObject({ version: 3, state: 'published', buildingIds: [1, 2] });
    const stale = await refusal(tech, 'kb.update', { id: a.id, version: a.version, title: 'Mine' });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain('edited by Tia Tech');
    const versions = await as(agent)<ArticleVersion[]>('kb.versions', { id: a.id });
    expect(versions.map((v) => [v.version, v.change, v.actorName])).toEqual([
      [3, 'edited', 'Tia Tech'],
      [2, 'published', 'Sue Supervisor'],
      [1, 'created', 'Tom Tech'],
    ]);
    const first = await as(agent)<ArticleVersionDetail>('kb.version', { id: a.id, number: 1 });
    expect(first.fields).toMatchObject({ title: 'Projector shows no signal', buildingIds: [] });
    const restored = await as(tech)<Article>('kb.restore', { id: a.id, version: 3, fromVersion: 1 });
    expect(restored).toMatchObject({ title: 'Projector shows no signal', buildingIds: [], state: 'published', version: 4 });
    expect((await as(tech)<ArticleVersion[]>('kb.versions', { id: a.id }))[0]).toMatchObject({ change: 'restored', note: 'Restored version 1' });
    expect(await refusal(tech, 'kb.version', { id: a.id, number: 99 })).toMatchObject({ code: 'not_found' });
  });

  it('retiring hides an article from agents; only drafts are deleted, by supervisors', async () => {
    const a = await published();
    expect(await refusal(sup, 'kb.deleteDraft', { id: a.id, version: a.version })).toMatchObject({ code: 'invalid_input' });
    const r = await as(sup)<Article>('kb.retire', { id: a.id, version: a.version, reason: 'Projectors replaced by panels' });
    expect(r.state).toBe('retired');
    expect((await refusal(agent, 'kb.get', { id: a.id })).code).toBe('not_found');
    const d = await draft({ title: 'Scratch' });
    expect((await refusal(tech, 'kb.deleteDraft', { id: d.id, version: d.version })).code).toBe('forbidden');
    await as(sup)('kb.deleteDraft', { id: d.id, version: d.version });
    expect((await refusal(sup, 'kb.get', { id: d.id })).code).toBe('not_found');
  });

  it('resolving with the knowledge-base box makes a draft from the case, linked to it and first in the drafts list', async () => {
    await draft({ title: 'Unrelated draft' });
    const c = await openCase({ summary: 'Document camera not detected', description: 'It lights up but the laptop does not see it.', buildingId: 3, categoryId: 2 });
    const done = await resolve(tech, c, { kbCandidate: true, notes: 'Reinstalled the document camera driver.' });
    expect(done.status).toBe('resolved');
    const lists = await as(tech)<KnowledgeWorklists>('kb.worklists', {});
    const fromCase = lists.drafts[0];
    expect(fromCase).toMatchObject({ title: 'Document camera not detected', sourceCaseId: c.id, state: 'draft', categoryId: 2 });
    const article = await as(tech)<Article>('kb.get', { id: fromCase?.id });
    expect(article.problem).toContain('It lights up but the laptop does not see it.');
    expect(article.solution).toBe('Reinstalled the document camera driver.');
    expect(article.buildingIds).toEqual([3]);
    const detail = await as(tech)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.events.find((e) => e.kind === 'kb_drafted')?.detail).toMatchObject({ articleId: article.id, articleNumber: `KB-${article.id}` });
    // Agents have no drafts to work.
    expect((await as(agent)<KnowledgeWorklists>('kb.worklists', {})).drafts).toEqual([]);
  });

  it('a case cites an article when resolved, or at any time; the article shows the case and counts it once', async () => {
    const a = await published();
    const c = await openCase();
    const ack = await as(tech)<QueueCase>('cases.transition', { id: c.id, version: c.version, action: 'acknowledge' });
    await resolve(tech, ack, { articleId: a.id });
    const c2 = await openCase({ summary: 'Beamer dark in room 12' });
    await as(agent)('cases.cite', { id: c2.id, articleId: a.id });
    await as(agent)('cases.cite', { id: c2.id, articleId: a.id });
    const read = await as(agent)<Article>('kb.get', { id: a.id });
    expect(read.citations).toBe(2);
    expect(read.citedBy.map((x) => [x.caseId, x.kind])).toEqual(
      expect.arrayContaining([
        [c.id, 'cited'],
        [c2.id, 'cited'],
      ]),
    );
    const timeline = await as(agent)<CaseDetail>('cases.get', { id: c2.id });
    expect(timeline.events.filter((e) => e.kind === 'kb_cited')).toHaveLength(1);
    const d = await draft({ title: 'Not yet' });
    expect(await refusal(agent, 'cases.cite', { id: c2.id, articleId: d.id })).toMatchObject({ code: 'invalid_input', field: 'articleId' });
    expect(await refusal(agent, 'cases.cite', { id: 999_999, articleId: a.id })).toMatchObject({ code: 'not_found' });
  });

  it('"solved with this article" files the call resolved at first contact, citing it; an unpublished article files nothing', async () => {
    const a = await published();
    const c = await as(agent)<QueueCase>('cases.create', newCaseInput({ summary: 'Projector no signal', solvedWithArticleId: a.id }));
    expect(c.status).toBe('resolved');
    const detail = await as(agent)<CaseDetail>('cases.get', { id: c.id });
    expect(detail.lifecycle.resolutionNotes).toBe(`Solved at first contact with KB-${a.id}: Projector shows no signal`);
    expect(detail.lifecycle.respondedAt).not.toBeNull();
    expect(detail.events.find((e) => e.kind === 'kb_cited')?.detail).toMatchObject({ kind: 'solved_with', articleId: a.id });
    expect((await as(agent)<Article>('kb.get', { id: a.id })).citedBy[0]).toMatchObject({ caseId: c.id, kind: 'solved_with' });

    const before = (await as(agent)<{ id: number }[]>('cases.list', { statuses: ['new', 'resolved'] })).length;
    const d = await draft({ title: 'Draft only' });
    expect(await refusal(agent, 'cases.create', newCaseInput({ solvedWithArticleId: d.id }))).toMatchObject({ code: 'invalid_input', field: 'solvedWithArticleId' });
    expect(await refusal(agent, 'cases.create', newCaseInput({ solvedWithArticleId: 424242 }))).toMatchObject({ code: 'not_found', field: 'solvedWithArticleId' });
    expect((await as(agent)<{ id: number }[]>('cases.list', { statuses: ['new', 'resolved'] })).length).toBe(before);
  });

  it('reopened citing cases count against the article, and enough of them flag it', async () => {
    const a = await published();
    for (let i = 0; i < 4; i++) {
      const c = await as(agent)<QueueCase>('cases.create', newCaseInput({ summary: `Projector again ${i}`, solvedWithArticleId: a.id }));
      if (i < 3) await as(agent)('cases.transition', { id: c.id, version: c.version, action: 'reopen', reason: 'Still no picture' });
    }
    const read = await as(agent)<Article>('kb.get', { id: a.id });
    expect(read).toMatchObject({ citations: 4, reopenedCitations: 3, flagged: true });
    expect(read.citedBy.filter((c) => c.reopened)).toHaveLength(3);
    expect((await as(agent)<KnowledgeWorklists>('kb.worklists', {})).flagged.map((x) => x.id)).toEqual([a.id]);
  });

  it('review moves the next review date on; past-due articles are listed until reviewed', async () => {
    const a = await published({ reviewDue: '2026-12-15' });
    expect((await as(agent)<KnowledgeWorklists>('kb.worklists', {})).reviewDue).toEqual([]);
    f.clock.set(f.clock.now() + 30 * DAY);
    expect((await as(agent)<KnowledgeWorklists>('kb.worklists', {})).reviewDue.map((x) => x.id)).toEqual([a.id]);
    expect(await refusal(tech, 'kb.review', { id: a.id, version: a.version, nextReviewDue: '2026-12-01' })).toMatchObject({ code: 'invalid_input', field: 'nextReviewDue' });
    const r = await as(tech)<Article>('kb.review', { id: a.id, version: a.version, note: 'Steps still hold' });
    expect(r.lastReviewedAt).not.toBeNull();
    expect(r.reviewDue).toBe('2027-12-30');
    expect((await as(agent)<KnowledgeWorklists>('kb.worklists', {})).reviewDue).toEqual([]);
  });

  it('images: stored with the article, checked by content, size and count; read back whole', async () => {
    const a = await draft();
    const info = await as(tech)<AttachmentInfo>('kb.attach', { articleId: a.id, fileName: 'pixel.png', mediaType: 'image/png', dataBase64: PNG_1PX });
    expect(info).toMatchObject({ articleId: a.id, mediaType: 'image/png', bytes: 68 });
    const data = await as(tech)<AttachmentData>('kb.attachment', { id: info.id });
    expect(data.dataBase64).toBe(PNG_1PX);
    // An agent cannot reach a draft's images either.
    expect((await refusal(agent, 'kb.attachment', { id: info.id })).code).toBe('not_found');
    const html = Buffer.from('<svg onload="alert(1)"></svg>').toString('base64');
    expect(await refusal(tech, 'kb.attach', { articleId: a.id, fileName: 'x.png', mediaType: 'image/png', dataBase64: html })).toMatchObject({ code: 'invalid_input', field: 'dataBase64' });
    expect(await refusal(tech, 'kb.attach', { articleId: a.id, fileName: 'x.svg', mediaType: 'image/svg+xml', dataBase64: html })).toMatchObject({ code: 'invalid_input', field: 'mediaType' });
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    Buffer.from(PNG_1PX, 'base64').copy(big);
    expect(await refusal(tech, 'kb.attach', { articleId: a.id, fileName: 'big.png', mediaType: 'image/png', dataBase64: big.toString('base64') })).toMatchObject({ code: 'invalid_input', field: 'dataBase64' });
    for (let i = 1; i < ATTACHMENTS_PER_ARTICLE; i++) await as(tech)('kb.attach', { articleId: a.id, fileName: `p${i}.png`, mediaType: 'image/png', dataBase64: PNG_1PX });
    expect(await refusal(tech, 'kb.attach', { articleId: a.id, fileName: 'one-too-many.png', mediaType: 'image/png', dataBase64: PNG_1PX })).toMatchObject({ code: 'invalid_input', field: 'articleId' });
    expect((await as(tech)<Article>('kb.get', { id: a.id })).attachments).toHaveLength(ATTACHMENTS_PER_ARTICLE);
    await as(tech)('kb.detach', { id: info.id });
    expect((await refusal(tech, 'kb.attachment', { id: info.id })).code).toBe('not_found');
  });

  it('a deleted draft leaves nothing behind (versions, buildings, images)', async () => {
    const d = await draft({ buildingIds: [1] });
    await as(tech)('kb.attach', { articleId: d.id, fileName: 'pixel.png', mediaType: 'image/png', dataBase64: PNG_1PX });
    await as(sup)('kb.deleteDraft', { id: d.id, version: d.version });
    const q = (sql: string) => f.core.dataSource.query(sql) as Promise<{ n: number | string }[]>;
    for (const table of ['kb_article_version', 'kb_article_building', 'kb_attachment']) {
      expect(Number((await q(`SELECT count(*) AS n FROM ${table}`))[0]?.n)).toBe(0);
    }
  });
});
