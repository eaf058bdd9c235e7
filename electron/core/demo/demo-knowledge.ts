/**
 * The demo district's knowledge base, seeded with its cases: the articles of kb-articles.ts,
 * published a little over a year ago by the desk's technicians and supervisors (most reviewed
 * since, a few past their review date), each with the versions the desk would have written; a
 * few drafts written from resolved cases (not yet merged into the article that covers them); and the resolved cases that cited an article, some
 * reopened afterwards, enough of one article's that it is flagged for review (REOPEN_FLAG).
 * The same seed and "now" give the same data.
 */
import { base, Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import { In, type EntityManager } from 'typeorm';
import { formatCaseNumber } from '../../../shared/domain';
import { formatArticleNumber, REOPEN_FLAG, type ArticleFields, type CitationKind } from '../../../shared/knowledge';
import { CaseEntity, CaseEventEntity, CategoryEntity, StaffEntity, type CaseEventRow, type CaseRow } from '../db/entities';
import { ArticleBuildingEntity, ArticleEntity, ArticleVersionEntity, CitationEntity, type ArticleRow, type ArticleVersionRow, type CitationRow } from '../db/kb-entities';
import { DEMO_ARTICLES, type DemoArticle } from './kb-articles';

export interface DemoKnowledgeOptions {
  seed: number;
  /** The desk's time zone: review dates are its calendar's. */
  timeZone: string;
}

export interface DemoKnowledgeResult {
  published: number;
  drafts: number;
  citations: number;
  reopenedCitations: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 400;
/** Drafts written from resolved cases and not yet published. */
const DRAFTS = 3;
/** Published articles past their review date. */
const PAST_DUE = 4;
/** Of the resolved cases an article solves, the share whose technician cited it. */
const CITED_SHARE = 0.45;
/** Of those, the share the agent solved with it at first contact. */
const SOLVED_WITH_SHARE = 0.3;
/** Citing cases of other articles reopened now and then: not enough to flag them. */
const STRAY_REOPENED = 5;

type ResolvedCase = Pick<CaseRow, 'id' | 'summary' | 'description' | 'resolutionNotes' | 'categoryId' | 'buildingId' | 'status' | 'receivedAt' | 'resolvedAt' | 'assigneeId' | 'createdById' | 'version'>;
type NewEvent = Omit<CaseEventRow, 'id'>;

/**
 * Seeds the knowledge base into a database that holds the demo's staff and cases (within the
 * demo's transaction `m`).
 */
export async function seedDemoKnowledge(m: EntityManager, now: number, options: DemoKnowledgeOptions): Promise<DemoKnowledgeResult> {
  // Its own generator: the articles never shift what the cases' generator drew.
  const faker = new Faker({ locale: [base], seed: options.seed + 11 });
  const categories = new Map((await m.getRepository(CategoryEntity).find()).map((c) => [c.name, c.id]));
  const staff = await m.getRepository(StaffEntity).find({ order: { id: 'ASC' } });
  const owners = staff.filter((s) => s.role === 'technician' || s.role === 'supervisor').map((s) => s.id);
  const supervisors = staff.filter((s) => s.role === 'supervisor').map((s) => s.id);
  if (!owners.length || !supervisors.length) return { published: 0, drafts: 0, citations: 0, reopenedCitations: 0 };
  const resolved: ResolvedCase[] = await m.getRepository(CaseEntity).find({
    select: { id: true, summary: true, description: true, resolutionNotes: true, categoryId: true, buildingId: true, status: true, receivedAt: true, resolvedAt: true, assigneeId: true, createdById: true, version: true },
    where: { status: In(['resolved', 'closed']) },
    order: { id: 'ASC' },
  });
  const bySummary = new Map<string, ResolvedCase[]>();
  for (const c of resolved) if (c.resolvedAt !== null) bySummary.set(c.summary, [...(bySummary.get(c.summary) ?? []), c]);

  const drafts = chooseDrafts(faker, bySummary);
  const pastDue = new Set(faker.helpers.arrayElements([...DEMO_ARTICLES], PAST_DUE).map((a) => a.key));
  const yearAfter = (at: number) => DateTime.fromMillis(at, { zone: options.timeZone }).plus({ months: 12 });
  /** A time in the desk's working day (8 AM to 5 PM, its zone), `days` before `from`. */
  const workHour = (from: number, days: number) =>
    DateTime.fromMillis(from, { zone: options.timeZone }).minus({ days }).set({ hour: faker.number.int({ min: 8, max: 16 }), minute: faker.number.int({ min: 0, max: 59 }) }).toMillis();

  const articleRows: Omit<ArticleRow, 'id'>[] = [];
  const histories: Omit<ArticleVersionRow, 'id' | 'articleId'>[][] = [];
  for (const article of DEMO_ARTICLES) {
    const ownerId = faker.helpers.arrayElement(owners);
    const fields: ArticleFields = {
      title: article.title,
      problem: article.problem,
      solution: article.solution,
      categoryId: categories.get(article.category) ?? null,
      buildingIds: [],
      systems: article.systems,
      audience: article.audience,
      ownerId,
      reviewDue: null,
    };
    // Published before the year of cases began, so every citation comes after it.
    const publishedAt = workHour(now, faker.number.int({ min: 385, max: 420 }));
    const createdAt = workHour(publishedAt, faker.number.int({ min: 1, max: 10 }));
    const firstDue = yearAfter(publishedAt);
    const history = [version(1, createdAt, ownerId, 'created', 'draft', fields), version(2, publishedAt, faker.helpers.arrayElement(supervisors), 'published', 'published', { ...fields, reviewDue: firstDue.toISODate() as string })];
    let reviewDue = firstDue.toISODate() as string;
    let lastReviewedAt: number | null = null;
    if (!pastDue.has(article.key)) {
      // Reviewed in the past year (a year before its next review date), which set that date.
      const nextDue = DateTime.fromMillis(now, { zone: options.timeZone }).plus({ days: faker.number.int({ min: 10, max: 350 }) });
      lastReviewedAt = Math.max(publishedAt + DAY, nextDue.minus({ months: 12 }).set({ hour: faker.number.int({ min: 8, max: 16 }) }).toMillis());
      reviewDue = nextDue.toISODate() as string;
      history.push({ ...version(3, lastReviewedAt, ownerId, 'reviewed', 'published', { ...fields, reviewDue }), note: 'Checked the steps against the current setup.' });
    }
    const updatedAt = lastReviewedAt ?? publishedAt;
    articleRows.push(row(article, { ...fields, reviewDue }, { state: 'published', version: history.length, createdAt, updatedAt, publishedAt, lastReviewedAt, sourceCaseId: null, createdById: ownerId }));
    histories.push(history);
  }
  // The drafts: written from a resolved case the day it was resolved (as resolving with the
  // knowledge-base box does), by its technician, waiting for a supervisor to publish or merge them.
  const draftSources = [...drafts.values()];
  for (const source of draftSources) {
    const createdAt = Math.min(now - HOUR, (source.resolvedAt as number) + faker.number.int({ min: 1, max: 6 }) * HOUR);
    const author = source.assigneeId ?? faker.helpers.arrayElement(owners);
    const fields: ArticleFields = {
      title: source.summary,
      problem: `${source.description.trim() || source.summary}\n\n_From case ${formatCaseNumber(source.id)}._`,
      solution: source.resolutionNotes ?? '',
      categoryId: source.categoryId,
      buildingIds: source.buildingId === null ? [] : [source.buildingId],
      systems: [],
      audience: 'staff',
      ownerId: author,
      reviewDue: null,
    };
    articleRows.push({ title: fields.title, problem: fields.problem, solution: fields.solution, categoryId: fields.categoryId, systems: '[]', audience: 'staff', ownerId: author, reviewDue: null, state: 'draft', version: 1, createdAt, updatedAt: createdAt, publishedAt: null, lastReviewedAt: null, sourceCaseId: source.id, createdById: author });
    histories.push([version(1, createdAt, author, 'created', 'draft', fields)]);
  }
  const articleIds = (await m.getRepository(ArticleEntity).insert(articleRows)).identifiers.map((i) => Number(i.id));
  const draftIds = articleIds.slice(DEMO_ARTICLES.length);
  const draftBuildings = draftSources.flatMap((c, i) => (c.buildingId === null ? [] : [{ articleId: draftIds[i] as number, buildingId: c.buildingId }]));
  if (draftBuildings.length) await m.getRepository(ArticleBuildingEntity).insert(draftBuildings);
  const versions = histories.flatMap((history, i) => history.map((v) => ({ ...v, articleId: articleIds[i] as number })));
  for (let i = 0; i < versions.length; i += CHUNK) await m.getRepository(ArticleVersionEntity).insert(versions.slice(i, i + CHUNK));

  const events: NewEvent[] = [];
  draftSources.forEach((source, i) => {
    const articleId = draftIds[i] as number;
    const at = articleRows[DEMO_ARTICLES.length + i]?.createdAt as number;
    events.push({ caseId: source.id, actorId: source.assigneeId, kind: 'kb_drafted', at, detail: JSON.stringify({ articleId, articleNumber: formatArticleNumber(articleId), title: source.summary }), reason: null });
  });
  if (drafts.size) await m.getRepository(CaseEntity).update({ id: In([...drafts.values()].map((c) => c.id)) }, { kbCandidate: true });

  // Citations: a share of the resolved cases each published article solves.
  const citations: Omit<CitationRow, 'id'>[] = [];
  const citing = new Map<number, ResolvedCase[]>();
  DEMO_ARTICLES.forEach((article, i) => {
    const articleId = articleIds[i] as number;
    for (const c of article.solves.flatMap((summary) => bySummary.get(summary) ?? [])) {
      if (!faker.datatype.boolean(CITED_SHARE)) continue;
      const kind: CitationKind = faker.datatype.boolean(SOLVED_WITH_SHARE) ? 'solved_with' : 'cited';
      const actorId = kind === 'solved_with' ? c.createdById : (c.assigneeId ?? c.createdById);
      const at = c.resolvedAt as number;
      citations.push({ articleId, caseId: c.id, kind, at, actorId, reopenedAt: null });
      citing.set(articleId, [...(citing.get(articleId) ?? []), c]);
      events.push({ caseId: c.id, actorId, kind: 'kb_cited', at, detail: JSON.stringify({ articleId, articleNumber: formatArticleNumber(articleId), title: article.title, kind }), reason: null });
    }
  });

  const reopened = chooseReopened(faker, citing);
  for (const c of reopened) {
    const citation = citations.find((x) => x.caseId === c.id) as Omit<CitationRow, 'id'>;
    const reopenedAt = (c.resolvedAt as number) + faker.number.int({ min: 20, max: 70 }) * HOUR;
    const resolvedAgain = Math.min(now - HOUR, reopenedAt + faker.number.int({ min: 2, max: 30 }) * HOUR);
    citation.reopenedAt = reopenedAt;
    events.push(
      { caseId: c.id, actorId: c.createdById, kind: 'status_changed', at: reopenedAt, detail: JSON.stringify({ action: 'reopen', from: 'resolved', to: 'in_progress' }), reason: 'The caller called back: the problem came back.' },
      { caseId: c.id, actorId: c.assigneeId, kind: 'status_changed', at: resolvedAgain, detail: JSON.stringify({ action: 'resolve', from: 'in_progress', to: 'resolved', kbCandidate: false }), reason: 'Fixed on a second visit; the article\'s steps did not hold.' },
    );
    await m.getRepository(CaseEntity).update(
      { id: c.id },
      { resolvedAt: resolvedAgain, closedAt: c.status === 'closed' ? resolvedAgain : null, updatedAt: resolvedAgain, version: c.version + 2 },
    );
  }
  for (let i = 0; i < citations.length; i += CHUNK) await m.getRepository(CitationEntity).insert(citations.slice(i, i + CHUNK));
  events.sort((a, b) => a.at - b.at || a.caseId - b.caseId);
  for (let i = 0; i < events.length; i += CHUNK) await m.getRepository(CaseEventEntity).insert(events.slice(i, i + CHUNK));
  return { published: DEMO_ARTICLES.length, drafts: drafts.size, citations: citations.length, reopenedCitations: reopened.length };

  function row(article: DemoArticle, f: ArticleFields, rest: Pick<ArticleRow, 'state' | 'version' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'lastReviewedAt' | 'sourceCaseId' | 'createdById'>): Omit<ArticleRow, 'id'> {
    return { title: article.title, problem: f.problem, solution: f.solution, categoryId: f.categoryId, systems: JSON.stringify(f.systems), audience: f.audience, ownerId: f.ownerId, reviewDue: f.reviewDue, ...rest };
  }
  function version(number: number, at: number, actorId: number, change: ArticleVersionRow['change'], state: ArticleVersionRow['state'], f: ArticleFields): Omit<ArticleVersionRow, 'id' | 'articleId'> {
    return { number, at, actorId, change, state, note: null, fields: JSON.stringify(f) };
  }
}

/**
 * The resolved cases drafts were written from (keyed by the article that already covers their
 * problem): the latest case of a few articles, each of another category.
 */
function chooseDrafts(faker: Faker, bySummary: ReadonlyMap<string, ResolvedCase[]>): Map<string, ResolvedCase> {
  const perCategory = new Map<string, number>();
  for (const a of DEMO_ARTICLES) perCategory.set(a.category, (perCategory.get(a.category) ?? 0) + 1);
  const candidates = DEMO_ARTICLES.filter((a) => (perCategory.get(a.category) ?? 0) >= 3 && a.solves.some((s) => bySummary.has(s)));
  const chosen = new Map<string, ResolvedCase>();
  const categories = new Set<string>();
  for (const article of faker.helpers.shuffle([...candidates])) {
    if (chosen.size === DRAFTS) break;
    if (categories.has(article.category)) continue;
    const cases = article.solves.flatMap((s) => bySummary.get(s) ?? []);
    const latest = cases.reduce((a, b) => ((b.resolvedAt as number) > (a.resolvedAt as number) ? b : a));
    chosen.set(article.key, latest);
    categories.add(article.category);
  }
  return chosen;
}

/**
 * The citing cases that were reopened: enough of one article's to flag it for review, a handful
 * (the least cited article with citations enough for a share, else the most cited one), and a
 * few strays elsewhere, too few to flag their articles.
 */
function chooseReopened(faker: Faker, citing: ReadonlyMap<number, ResolvedCase[]>): ResolvedCase[] {
  const enough = Math.ceil(REOPEN_FLAG.minReopened / REOPEN_FLAG.minShare);
  const ranked = [...citing].sort((a, b) => a[1].length - b[1].length || a[0] - b[0]);
  const flagged = ranked.find(([, cases]) => cases.length >= enough) ?? ranked.at(-1);
  if (!flagged || flagged[1].length < REOPEN_FLAG.minReopened) return [];
  const wanted = Math.min(flagged[1].length, Math.max(REOPEN_FLAG.minReopened, Math.ceil(flagged[1].length * REOPEN_FLAG.minShare) + 1));
  const others = ranked.filter(([id, cases]) => id !== flagged[0] && cases.length >= 2 * REOPEN_FLAG.minReopened);
  const strays = faker.helpers.arrayElements(others, STRAY_REOPENED).map(([, cases]) => faker.helpers.arrayElement(cases));
  return [...faker.helpers.arrayElements(flagged[1], wanted), ...strays];
}
