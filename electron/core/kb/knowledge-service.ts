import { In, LessThan, type DataSource, type EntityManager } from 'typeorm';
import type { ChannelParsedInput } from '../../../shared/contract';
import { formatCaseNumber, type StaffMember } from '../../../shared/domain';
import {
  ATTACHMENTS_PER_ARTICLE,
  formatArticleNumber,
  REOPEN_FLAG,
  type Article,
  type ArticleAudience,
  type ArticleCitation,
  type ArticleFields,
  type ArticleHit,
  type ArticleSearchResult,
  type ArticleState,
  type ArticleSummary,
  type ArticleVersion,
  type ArticleVersionDetail,
  type AttachmentData,
  type AttachmentInfo,
  type AttachmentType,
  type IntakeSuggestions,
  type KnowledgeWorklists,
  type SimilarCase,
} from '../../../shared/knowledge';
import type { Clock } from '../clock';
import { CaseEntity } from '../db/entities';
import { ArticleEntity, ArticleVersionEntity, AttachmentEntity, CitationEntity, type ArticleRow } from '../db/kb-entities';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { toIso } from '../instants';
import { deskInstantWords } from '../services/case-writer';
import type { SlaFacade } from '../services/sla-facade';
import { checkFieldReferences, defaultReviewDue, deskToday, fieldsOf } from './article-fields';
import { ArticleReader, staffNames } from './article-reader';
import { insertArticle, loadArticleForChange, writeArticleChange, type InstantWords } from './article-writer';
import { checkImage } from './attachment-check';
import { caseKnowledge } from './case-knowledge';

/** What the knowledge base needs of its search engine (electron/core/kb/search). */
export interface KnowledgeSearchEngine {
  searchArticles(
    query: string,
    filter: { states: readonly ArticleState[]; categoryId?: number; audience?: ArticleAudience },
    limit: number,
    offset: number,
  ): Promise<{ hits: { id: number; excerpt: string }[]; total: number }>;
  suggest(
    text: string,
    context: { categoryId?: number | null; buildingId?: number | null },
    limit: number,
  ): Promise<{ articles: { id: number; excerpt: string }[]; cases: SimilarCase[]; corrected: string | null }>;
  close(): void;
}

/** An import's article: the fields, the state it should have, and the article it replaces (if any). */
export interface ImportedArticle {
  id: number | null;
  fields: ArticleFields;
  state: ArticleState;
}

const ALL_STATES: readonly ArticleState[] = ['draft', 'published', 'retired'];
const DEFAULT_PAGE = 25;
const DEFAULT_SUGGESTIONS = 5;
const WORKLIST_LIMIT = 200;

/**
 * The knowledge base: articles with every version kept, their images, citations by cases, work
 * lists, search and intake suggestions. Agents read published articles; technicians draft, edit,
 * review, attach and restore; supervisors publish, retire and delete drafts (the contract's access
 * rule decides who calls what; the state rules are here).
 */
export class KnowledgeBaseService {
  readonly reader: ArticleReader;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly search: KnowledgeSearchEngine,
  ) {
    this.reader = new ArticleReader(db);
  }

  private get when(): InstantWords {
    return deskInstantWords(this.sla, this.clock.now());
  }

  async find(input: ChannelParsedInput<'kb.search'>, actor: StaffMember | null): Promise<ArticleSearchResult> {
    const states = readableStates(actor, input.states);
    const limit = input.limit ?? DEFAULT_PAGE;
    const offset = input.offset ?? 0;
    const query = input.query?.trim() ?? '';
    if (query !== '') {
      const { hits, total } = await this.search.searchArticles(query, { states, categoryId: input.categoryId, audience: input.audience }, limit, offset);
      return { articles: await this.hits(hits), total };
    }
    const where = { state: In([...states]), ...(input.categoryId ? { categoryId: input.categoryId } : {}), ...(input.audience ? { audience: input.audience } : {}) };
    const [rows, total] = await this.db.getRepository(ArticleEntity).findAndCount({ where, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit, skip: offset });
    const summaries = await this.reader.summaries(rows);
    return { articles: summaries.map((s, i) => ({ ...s, excerpt: excerptOf((rows[i] as ArticleRow).problem) })), total };
  }

  async suggest(input: ChannelParsedInput<'kb.suggest'>): Promise<IntakeSuggestions> {
    const found = await this.search.suggest(input.text, { categoryId: input.categoryId, buildingId: input.buildingId }, input.limit ?? DEFAULT_SUGGESTIONS);
    return { articles: await this.hits(found.articles), cases: found.cases, corrected: found.corrected };
  }

  async get(id: number, actor: StaffMember | null): Promise<Article> {
    return this.reader.article(await this.readable(id, actor));
  }

  async worklists(actor: StaffMember | null): Promise<KnowledgeWorklists> {
    const repo = this.db.getRepository(ArticleEntity);
    const today = deskToday(this.clock.now(), this.sla.timeZone);
    const drafts = actor?.role === 'agent' ? [] : await repo.find({ where: { state: 'draft' }, order: { updatedAt: 'DESC' }, take: WORKLIST_LIMIT });
    // Drafts from resolved cases first: they are the knowledge waiting to be written up.
    drafts.sort((a, b) => Number(a.sourceCaseId === null) - Number(b.sourceCaseId === null));
    const reviewDue = await repo.find({ where: { state: 'published', reviewDue: LessThan(today) }, order: { reviewDue: 'ASC' }, take: WORKLIST_LIMIT });
    return {
      drafts: await this.reader.summaries(drafts),
      reviewDue: await this.reader.summaries(reviewDue),
      flagged: await this.flagged(),
    };
  }

  async create(input: ChannelParsedInput<'kb.create'>, actor: StaffMember): Promise<Article> {
    const now = this.clock.now();
    const fields: ArticleFields = {
      title: input.title,
      problem: input.problem ?? '',
      solution: input.solution ?? '',
      categoryId: input.categoryId ?? null,
      buildingIds: input.buildingIds ?? [],
      systems: input.systems ?? [],
      audience: input.audience ?? 'staff',
      ownerId: input.ownerId === undefined ? actor.id : input.ownerId,
      reviewDue: input.reviewDue ?? null,
    };
    const row = await writeTransaction(this.db, async (m) => {
      await checkFieldReferences(m, fields);
      if (input.sourceCaseId !== undefined && !(await m.getRepository(CaseEntity).existsBy({ id: input.sourceCaseId }))) {
        throw new DomainError('invalid_input', `No case has id ${input.sourceCaseId}`, 'sourceCaseId');
      }
      return insertArticle(m, fields, { state: 'draft', sourceCaseId: input.sourceCaseId ?? null, publishedAt: null }, { change: 'created', actorId: actor.id, at: now });
    });
    return this.announced(row, 'created');
  }

  async update(input: ChannelParsedInput<'kb.update'>, actor: StaffMember): Promise<Article> {
    const { id, version, ...changes } = input;
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadArticleForChange(this.when, m, id, version);
      await checkFieldReferences(m, changes);
      if (current.state === 'published') this.checkPublishable({ ...(await fieldsOf(m, current)), ...changes });
      return writeArticleChange(this.when, m, current, version, changes, { change: 'edited', actorId: actor.id, at: now });
    });
    return this.announced(row, 'updated');
  }

  async publish(input: ChannelParsedInput<'kb.publish'>, actor: StaffMember): Promise<Article> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadArticleForChange(this.when, m, input.id, input.version);
      if (current.state === 'published') throw new DomainError('invalid_input', `${formatArticleNumber(current.id)} is already published`, 'id');
      this.checkPublishable(await fieldsOf(m, current));
      const reviewDue = current.reviewDue ?? defaultReviewDue(now, this.sla.timeZone);
      return writeArticleChange(this.when, m, current, input.version, { state: 'published', publishedAt: now, reviewDue }, { change: 'published', actorId: actor.id, at: now });
    });
    return this.announced(row, 'updated');
  }

  async retire(input: ChannelParsedInput<'kb.retire'>, actor: StaffMember): Promise<Article> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadArticleForChange(this.when, m, input.id, input.version);
      if (current.state !== 'published') {
        throw new DomainError('invalid_input', `${formatArticleNumber(current.id)} is ${current.state}; only a published article is retired${current.state === 'draft' ? ' (a draft is deleted instead)' : ''}`, 'id');
      }
      return writeArticleChange(this.when, m, current, input.version, { state: 'retired' }, { change: 'retired', actorId: actor.id, at: now, note: input.reason ?? null });
    });
    return this.announced(row, 'updated');
  }

  async review(input: ChannelParsedInput<'kb.review'>, actor: StaffMember): Promise<Article> {
    const now = this.clock.now();
    const today = deskToday(now, this.sla.timeZone);
    if (input.nextReviewDue !== undefined && input.nextReviewDue <= today) {
      throw new DomainError('invalid_input', `The next review date must be after today (${today})`, 'nextReviewDue');
    }
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadArticleForChange(this.when, m, input.id, input.version);
      if (current.state !== 'published') throw new DomainError('invalid_input', `${formatArticleNumber(current.id)} is ${current.state}; only a published article is reviewed`, 'id');
      const reviewDue = input.nextReviewDue ?? defaultReviewDue(now, this.sla.timeZone);
      return writeArticleChange(this.when, m, current, input.version, { lastReviewedAt: now, reviewDue }, { change: 'reviewed', actorId: actor.id, at: now, note: input.note ?? null });
    });
    return this.announced(row, 'updated');
  }

  async deleteDraft(input: ChannelParsedInput<'kb.deleteDraft'>): Promise<{ id: number }> {
    await writeTransaction(this.db, async (m) => {
      const current = await loadArticleForChange(this.when, m, input.id, input.version);
      if (current.state !== 'draft') {
        throw new DomainError('invalid_input', `${formatArticleNumber(current.id)} is ${current.state}; only a draft can be deleted (retire a published article)`, 'id');
      }
      // Children first: the foreign keys cascade on PostgreSQL, and this leaves nothing to chance on SQLite.
      await m.getRepository(AttachmentEntity).delete({ articleId: current.id });
      await m.getRepository(ArticleVersionEntity).delete({ articleId: current.id });
      await m.getRepository('ArticleBuilding').delete({ articleId: current.id });
      await m.getRepository(ArticleEntity).delete({ id: current.id });
    });
    this.events.publish('kb.changed', { articleId: input.id, version: input.version, change: 'deleted' });
    return { id: input.id };
  }

  async versions(id: number, actor: StaffMember | null): Promise<ArticleVersion[]> {
    await this.readable(id, actor);
    const rows = await this.db.getRepository(ArticleVersionEntity).find({ where: { articleId: id }, order: { number: 'DESC' } });
    const names = await staffNames(this.db.manager, rows.map((r) => r.actorId));
    return rows.map((r) => ({
      version: r.number,
      at: toIso(r.at),
      actorId: r.actorId,
      actorName: r.actorId === null ? null : (names.get(r.actorId) ?? null),
      change: r.change,
      state: r.state,
      title: (JSON.parse(r.fields) as ArticleFields).title,
      note: r.note,
    }));
  }

  async version(id: number, number: number, actor: StaffMember | null): Promise<ArticleVersionDetail> {
    await this.readable(id, actor);
    const row = await this.db.getRepository(ArticleVersionEntity).findOneBy({ articleId: id, number });
    if (!row) throw new DomainError('not_found', `${formatArticleNumber(id)} has no version ${number}`, 'number');
    const names = await staffNames(this.db.manager, [row.actorId]);
    const fields = JSON.parse(row.fields) as ArticleFields;
    return {
      version: row.number,
      at: toIso(row.at),
      actorId: row.actorId,
      actorName: row.actorId === null ? null : (names.get(row.actorId) ?? null),
      change: row.change,
      state: row.state,
      title: fields.title,
      note: row.note,
      fields,
    };
  }

  async restore(input: ChannelParsedInput<'kb.restore'>, actor: StaffMember): Promise<Article> {
    const now = this.clock.now();
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadArticleForChange(this.when, m, input.id, input.version);
      const old = await m.getRepository(ArticleVersionEntity).findOneBy({ articleId: current.id, number: input.fromVersion });
      if (!old) throw new DomainError('not_found', `${formatArticleNumber(current.id)} has no version ${input.fromVersion}`, 'fromVersion');
      const fields = JSON.parse(old.fields) as ArticleFields;
      // A building, category or owner removed since then is left out rather than refused: the rest comes back.
      const restorable = await withoutVanishedReferences(m, fields);
      if (current.state === 'published') this.checkPublishable(restorable);
      return writeArticleChange(this.when, m, current, input.version, restorable, {
        change: 'restored',
        actorId: actor.id,
        at: now,
        note: input.note ?? `Restored version ${input.fromVersion}`,
      });
    });
    return this.announced(row, 'updated');
  }

  /** `actor` null: the command line (`kb import`), recorded as Deskwatch. */
  async attach(input: ChannelParsedInput<'kb.attach'>, actor: StaffMember | null): Promise<AttachmentInfo> {
    const image = checkImage(input.fileName, input.mediaType, input.dataBase64);
    const now = this.clock.now();
    const saved = await writeTransaction(this.db, async (m) => {
      const article = await m.getRepository(ArticleEntity).findOneBy({ id: input.articleId });
      if (!article) throw new DomainError('not_found', `No article has id ${input.articleId}`, 'articleId');
      const repo = m.getRepository(AttachmentEntity);
      if ((await repo.countBy({ articleId: article.id })) >= ATTACHMENTS_PER_ARTICLE) {
        throw new DomainError('invalid_input', `${formatArticleNumber(article.id)} has ${ATTACHMENTS_PER_ARTICLE} images already, the most an article may have; remove one first`, 'articleId');
      }
      const row = await repo.save(
        repo.create({ articleId: article.id, fileName: input.fileName, mediaType: input.mediaType, bytes: image.bytes, sha256: image.sha256, dataBase64: image.base64, createdAt: now, createdById: actor?.id ?? null }),
      );
      return { row, article };
    });
    this.events.publish('kb.changed', { articleId: saved.article.id, version: saved.article.version, change: 'updated' });
    const { row } = saved;
    return { id: row.id, articleId: row.articleId, fileName: row.fileName, mediaType: row.mediaType as AttachmentType, bytes: row.bytes };
  }

  async attachment(id: number, actor: StaffMember | null): Promise<AttachmentData> {
    const row = await this.db.getRepository(AttachmentEntity).findOne({ where: { id }, select: { id: true, articleId: true, fileName: true, mediaType: true, bytes: true, dataBase64: true } });
    if (!row) throw new DomainError('not_found', `No image has id ${id}`, 'id');
    await this.readable(row.articleId, actor);
    return { id: row.id, articleId: row.articleId, fileName: row.fileName, mediaType: row.mediaType as AttachmentType, bytes: row.bytes, dataBase64: row.dataBase64 ?? '' };
  }

  async detach(id: number): Promise<{ id: number }> {
    const row = await this.db.getRepository(AttachmentEntity).findOneBy({ id });
    if (!row) throw new DomainError('not_found', `No image has id ${id}`, 'id');
    await writeTransaction(this.db, (m) => m.getRepository(AttachmentEntity).delete({ id }));
    const article = await this.db.getRepository(ArticleEntity).findOneBy({ id: row.articleId });
    if (article) this.events.publish('kb.changed', { articleId: article.id, version: article.version, change: 'updated' });
    return { id };
  }

  /** A case cites an existing published article (any staff member, any state of the case). */
  async cite(caseId: number, articleId: number, actor: StaffMember): Promise<ArticleCitation> {
    const now = this.clock.now();
    const { article, caseRow } = await writeTransaction(this.db, async (m) => {
      const caseRow = await m.getRepository(CaseEntity).findOneBy({ id: caseId });
      if (!caseRow) throw new DomainError('not_found', `No case has id ${caseId}`, 'id');
      return { article: await caseKnowledge.cite(m, caseId, articleId, 'cited', actor, now), caseRow };
    });
    // A citation is a line in the case's timeline, like a note: the case's version stays.
    this.events.publish('cases.changed', { caseId, version: caseRow.version, change: 'note' });
    this.events.publish('kb.changed', { articleId, version: article.version, change: 'updated' });
    const citation = await readAfterCommit(() => this.db.getRepository(CitationEntity).findOneByOrFail({ caseId, articleId }));
    const names = await staffNames(this.db.manager, [citation.actorId]);
    return {
      caseId,
      caseNumber: formatCaseNumber(caseId),
      summary: caseRow.summary,
      kind: citation.kind,
      at: toIso(citation.at),
      actorName: citation.actorId === null ? null : (names.get(citation.actorId) ?? null),
      reopened: citation.reopenedAt !== null,
    };
  }

  /** Whether an article can be the one a case is solved with (before the case is filed). */
  async requirePublished(articleId: number): Promise<ArticleRow> {
    const row = await this.db.getRepository(ArticleEntity).findOneBy({ id: articleId });
    if (!row) throw new DomainError('not_found', `No article has id ${articleId}`, 'solvedWithArticleId');
    if (row.state !== 'published') throw new DomainError('invalid_input', `${formatArticleNumber(articleId)} is ${row.state}; solve a call only with a published article`, 'solvedWithArticleId');
    return row;
  }

  /** `kb import`: creates an article, or updates `id` (or the one with the same title) as a new version. */
  async saveImported(input: ImportedArticle, actorId: number | null): Promise<Article> {
    const now = this.clock.now();
    const { row, created } = await writeTransaction(this.db, async (m) => {
      await checkFieldReferences(m, input.fields);
      if (input.state === 'published') this.checkPublishable(input.fields);
      const repo = m.getRepository(ArticleEntity);
      const existing =
        input.id !== null
          ? await repo.findOneBy({ id: input.id })
          : await repo.createQueryBuilder('a').where('lower(a.title) = lower(:title)', { title: input.fields.title }).orderBy('a.id', 'ASC').getOne();
      if (input.id !== null && !existing) throw new DomainError('not_found', `No article has id ${input.id}`, 'id');
      const publishedAt = input.state === 'published' ? now : null;
      const reviewDue = input.fields.reviewDue ?? (input.state === 'published' ? defaultReviewDue(now, this.sla.timeZone) : null);
      if (!existing) {
        return { row: await insertArticle(m, { ...input.fields, reviewDue }, { state: input.state, sourceCaseId: null, publishedAt }, { change: 'imported', actorId, at: now }), created: true };
      }
      const changes = { ...input.fields, reviewDue, state: input.state, ...(input.state === 'published' && existing.state !== 'published' ? { publishedAt: now } : {}) };
      return { row: await writeArticleChange(this.when, m, existing, existing.version, changes, { change: 'imported', actorId, at: now }), created: false };
    });
    return this.announced(row, created ? 'created' : 'updated');
  }

  async allArticleIds(): Promise<number[]> {
    const rows = await this.db.getRepository(ArticleEntity).find({ select: { id: true }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  close(): void {
    this.search.close();
  }

  private async hits(ranked: readonly { id: number; excerpt: string }[]): Promise<ArticleHit[]> {
    if (!ranked.length) return [];
    const rows = await this.db.getRepository(ArticleEntity).findBy({ id: In(ranked.map((r) => r.id)) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ranked.map((r) => byId.get(r.id)).filter((r): r is ArticleRow => r !== undefined);
    const summaries = await this.reader.summaries(ordered);
    const excerpts = new Map(ranked.map((r) => [r.id, r.excerpt]));
    return summaries.map((s) => ({ ...s, excerpt: excerpts.get(s.id) ?? '' }));
  }

  private async flagged(): Promise<ArticleSummary[]> {
    const rows: { articleId: number | string }[] = await this.db
      .getRepository(CitationEntity)
      .createQueryBuilder('c')
      .innerJoin('Article', 'a', 'a.id = c.articleId')
      .select('c.articleId', 'articleId')
      .where(`a.state = 'published'`)
      .groupBy('c.articleId')
      .having('COUNT(c.reopenedAt) >= :min AND 100 * COUNT(c.reopenedAt) >= :percent * COUNT(*)', { min: REOPEN_FLAG.minReopened, percent: Math.round(REOPEN_FLAG.minShare * 100) })
      .orderBy('COUNT(c.reopenedAt)', 'DESC')
      .limit(WORKLIST_LIMIT)
      .getRawMany();
    const ids = rows.map((r) => Number(r.articleId));
    const articles = ids.length ? await this.db.getRepository(ArticleEntity).findBy({ id: In(ids) }) : [];
    const byId = new Map(articles.map((a) => [a.id, a]));
    return this.reader.summaries(ids.map((id) => byId.get(id)).filter((a): a is ArticleRow => a !== undefined));
  }

  /** An article the person may read: agents read published articles only. */
  private async readable(id: number, actor: StaffMember | null): Promise<ArticleRow> {
    const row = await this.db.getRepository(ArticleEntity).findOneBy({ id });
    if (!row || (actor?.role === 'agent' && row.state !== 'published')) throw new DomainError('not_found', `No article has id ${id}`, 'id');
    return row;
  }

  /** A published article must tell the reader something: its problem and its solution. */
  private checkPublishable(fields: Pick<ArticleFields, 'problem' | 'solution'>): void {
    if (fields.problem.trim() === '') throw new DomainError('invalid_input', 'A published article needs its problem and symptoms', 'problem');
    if (fields.solution.trim() === '') throw new DomainError('invalid_input', 'A published article needs its solution steps', 'solution');
  }

  private async announced(row: ArticleRow, change: 'created' | 'updated'): Promise<Article> {
    this.events.publish('kb.changed', { articleId: row.id, version: row.version, change });
    return readAfterCommit(async () => this.reader.article((await this.db.getRepository(ArticleEntity).findOneByOrFail({ id: row.id })) as ArticleRow));
  }
}

/** The states a person may list: agents published only, whatever they asked for. */
function readableStates(actor: StaffMember | null, asked: readonly ArticleState[] | undefined): readonly ArticleState[] {
  if (actor?.role === 'agent') return ['published'];
  return asked?.length ? asked : ALL_STATES;
}

/** The first words of a Markdown body, without its markup, for a list. */
export function excerptOf(markdown: string, max = 200): string {
  const plain = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|]+/g, ' ')
    .replace(/^\s*\d+\.\s+/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= max ? plain : `${plain.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** An old version's fields without the category, buildings or owner that no longer exist. */
async function withoutVanishedReferences(m: EntityManager, fields: ArticleFields): Promise<ArticleFields> {
  try {
    await checkFieldReferences(m, fields);
    return fields;
  } catch {
    const kept = { ...fields };
    for (const key of ['categoryId', 'ownerId'] as const) {
      try {
        await checkFieldReferences(m, { [key]: fields[key] });
      } catch {
        kept[key] = null;
      }
    }
    const buildings = [];
    for (const b of fields.buildingIds) {
      try {
        await checkFieldReferences(m, { buildingIds: [b] });
        buildings.push(b);
      } catch {
        // gone since: left out
      }
    }
    return { ...kept, buildingIds: buildings };
  }
}
