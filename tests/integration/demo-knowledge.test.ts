import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { seedDemoDistrict } from '../../electron/core/demo/demo-district';
import { DEMO_ARTICLES } from '../../electron/core/demo/kb-articles';
import { DEFAULT_CATEGORIES } from '../../electron/core/directory/default-lists';
import { SlaDesk } from '../../electron/core/sla-desk';
import { REOPEN_FLAG } from '../../shared/knowledge';
import { coreFixture, MONDAY_MORNING, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

/** Enough resolved cases that the most cited article has a few citations. */
const SIZE = { callers: 200, openCases: 40, closedCases: 1_200 };
const TODAY = DateTime.fromMillis(MONDAY_MORNING, { zone: 'America/Chicago' }).toISODate() as string;

type Row = Record<string, string | number | null>;

describe.each(DATABASE_KINDS)('the demo knowledge base on %s', (kind) => {
  const fixtures: CoreFixture[] = [];
  const seeded = async () => {
    const f = await coreFixture(kind);
    fixtures.push(f);
    await seedDemoDistrict(f.core.dataSource, new SlaDesk(), MONDAY_MORNING, SIZE);
    return f;
  };
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.dispose();
  });
  const query = (f: CoreFixture, sql: string) => f.core.dataSource.query(sql) as Promise<Row[]>;

  it('publishes the articles on every category, each with its versions, owners who may edit them and review dates over the coming year', async () => {
    const f = await seeded();
    const articles = await query(f, `SELECT a.id, a.title, a.state, a.version, a.review_due, a.owner_id, a.published_at, a.last_reviewed_at, c.name AS category, s.role AS owner_role
      FROM kb_article a LEFT JOIN category c ON c.id = a.category_id JOIN staff_member s ON s.id = a.owner_id ORDER BY a.id`);
    const published = articles.filter((a) => a.state === 'published');
    // Every demo article is published; the drafts come besides them, from resolved cases.
    expect(published.map((a) => a.title)).toEqual(DEMO_ARTICLES.map((a) => a.title));
    expect(new Set(published.map((a) => a.category))).toEqual(new Set(DEFAULT_CATEGORIES));
    for (const a of articles) expect(['technician', 'supervisor'], String(a.title)).toContain(a.owner_role);

    const versions = await query(f, `SELECT article_id, number, change, state, fields FROM kb_article_version ORDER BY article_id, number`);
    for (const a of articles) {
      const own = versions.filter((v) => Number(v.article_id) === Number(a.id));
      expect(own.map((v) => Number(v.number)), String(a.title)).toEqual(own.map((_, i) => i + 1));
      expect(Number(a.version)).toBe(own.length);
      expect(own[0]).toMatchObject({ change: 'created', state: 'draft' });
      if (a.state === 'published') expect(own[1]).toMatchObject({ change: 'published', state: 'published' });
      // The last version holds the fields as they stand.
      const last = JSON.parse(String(own.at(-1)?.fields)) as { title: string; reviewDue: string | null; ownerId: number };
      expect(last).toMatchObject({ title: a.title, reviewDue: a.review_due, ownerId: Number(a.owner_id) });
    }

    const pastDue = published.filter((a) => String(a.review_due) < TODAY);
    expect(pastDue.length).toBeGreaterThanOrEqual(3);
    expect(pastDue.length).toBeLessThanOrEqual(4);
    const yearOn = DateTime.fromISO(TODAY).plus({ years: 1 }).toISODate() as string;
    for (const a of published) expect(String(a.review_due) <= yearOn, String(a.title)).toBe(true);
    for (const a of published.filter((x) => String(x.review_due) >= TODAY)) expect(Number(a.last_reviewed_at)).toBeGreaterThan(Number(a.published_at));
  });

  it('has resolved cases cite the articles that solve their problem, with an event on each case, and flags the article whose cases came back', async () => {
    const f = await seeded();
    const solves = new Map(DEMO_ARTICLES.map((a) => [a.title, a.solves]));
    const citations = await query(f, `SELECT k.article_id, k.case_id, k.kind, k.at, k.reopened_at, a.title, a.state, a.published_at, c.summary, c.status, c.resolved_at
      FROM kb_citation k JOIN kb_article a ON a.id = k.article_id JOIN help_case c ON c.id = k.case_id ORDER BY k.id`);
    expect(citations.length).toBeGreaterThan(50);
    for (const c of citations) {
      expect(solves.get(String(c.title)), `${c.summary} cites ${c.title}`).toContain(c.summary);
      expect(c.state).toBe('published');
      expect(['resolved', 'closed']).toContain(c.status);
      expect(Number(c.at)).toBeGreaterThan(Number(c.published_at));
      expect(Number(c.at)).toBeLessThanOrEqual(Number(c.resolved_at));
    }
    const kinds = new Set(citations.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['cited', 'solved_with']));

    const events = await query(f, `SELECT case_id, at, detail FROM case_event WHERE kind = 'kb_cited' ORDER BY id`);
    expect(events).toHaveLength(citations.length);
    const byCase = new Map(events.map((e) => [Number(e.case_id), e]));
    for (const c of citations) {
      const event = byCase.get(Number(c.case_id));
      expect(Number(event?.at)).toBe(Number(c.at));
      expect(JSON.parse(String(event?.detail))).toEqual({ articleId: Number(c.article_id), articleNumber: `KB-${c.article_id}`, title: c.title, kind: c.kind });
    }

    // Reopened citing cases: reopened after the citation, resolved again later, with both changes in their history.
    const reopened = citations.filter((c) => c.reopened_at !== null);
    expect(reopened.length).toBeGreaterThanOrEqual(REOPEN_FLAG.minReopened);
    const history = await query(f, `SELECT case_id, at, detail FROM case_event WHERE kind = 'status_changed' ORDER BY id`);
    for (const c of reopened) {
      expect(Number(c.reopened_at)).toBeGreaterThan(Number(c.at));
      expect(Number(c.resolved_at)).toBeGreaterThan(Number(c.reopened_at));
      const actions = history.filter((e) => Number(e.case_id) === Number(c.case_id)).map((e) => (JSON.parse(String(e.detail)) as { action: string }).action);
      // After the case's own history (from intake to its resolution), the reopening and the second resolution.
      expect(actions.slice(-2)).toEqual(['reopen', 'resolve']);
    }
    const perArticle = new Map<number, { citations: number; reopened: number }>();
    for (const c of citations) {
      const counts = perArticle.get(Number(c.article_id)) ?? { citations: 0, reopened: 0 };
      perArticle.set(Number(c.article_id), { citations: counts.citations + 1, reopened: counts.reopened + (c.reopened_at === null ? 0 : 1) });
    }
    const flagged = [...perArticle].filter(([, n]) => n.reopened >= REOPEN_FLAG.minReopened && n.reopened / n.citations >= REOPEN_FLAG.minShare);
    expect(flagged).toHaveLength(1);
    // The console's work lists agree: that article flagged, the past-due ones due for review.
    const lists = await f.core.services.kb.worklists(null);
    expect(lists.flagged.map((a) => a.id)).toEqual([flagged[0]?.[0]]);
    expect(lists.reviewDue.length).toBeGreaterThanOrEqual(3);
    expect(lists.drafts.every((d) => d.sourceCaseId !== null)).toBe(true);
  });

  it('leaves a few drafts written from resolved cases, each case marked and its history saying so', async () => {
    const f = await seeded();
    const drafts = await query(f, `SELECT a.id, a.title, a.version, a.source_case_id, a.created_at, c.summary, c.status, c.kb_candidate, c.resolved_at
      FROM kb_article a JOIN help_case c ON c.id = a.source_case_id WHERE a.state = 'draft' ORDER BY a.id`);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(drafts.length).toBeLessThanOrEqual(3);
    expect(await query(f, `SELECT id FROM kb_article WHERE state = 'draft' AND source_case_id IS NULL`)).toEqual([]);
    const events = await query(f, `SELECT case_id, at, detail FROM case_event WHERE kind = 'kb_drafted' ORDER BY id`);
    expect(events).toHaveLength(drafts.length);
    for (const d of drafts) {
      // Written from the case: its summary is the draft's title.
      expect(d.title).toBe(d.summary);
      expect(DEMO_ARTICLES.some((a) => a.solves.includes(String(d.summary)))).toBe(true);
      expect(['resolved', 'closed']).toContain(d.status);
      expect(Boolean(d.kb_candidate)).toBe(true);
      expect(Number(d.version)).toBe(1);
      expect(Number(d.created_at)).toBeGreaterThan(Number(d.resolved_at));
      const event = events.find((e) => Number(e.case_id) === Number(d.source_case_id));
      expect(JSON.parse(String(event?.detail))).toEqual({ articleId: Number(d.id), articleNumber: `KB-${d.id}`, title: d.title });
    }
    // Nobody cites a draft.
    expect(await query(f, `SELECT k.id FROM kb_citation k JOIN kb_article a ON a.id = k.article_id WHERE a.state <> 'published'`)).toEqual([]);
  });

  it('is deterministic', async () => {
    const a = await seeded();
    const b = await seeded();
    const dump = async (f: CoreFixture) => [
      await query(f, `SELECT id, title, state, owner_id, review_due, created_at, published_at, last_reviewed_at, source_case_id, version FROM kb_article ORDER BY id`),
      await query(f, `SELECT article_id, case_id, kind, at, reopened_at FROM kb_citation ORDER BY id`),
      await query(f, `SELECT article_id, number, at, actor_id, change FROM kb_article_version ORDER BY id`),
    ];
    expect(await dump(a)).toEqual(await dump(b));
  });
});
