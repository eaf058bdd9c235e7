import { In, type DataSource, type EntityManager } from 'typeorm';
import { formatCaseNumber } from '../../../shared/domain';
import { formatArticleNumber, REOPEN_FLAG, type Article, type ArticleCitation, type ArticleQuality, type ArticleSummary, type AttachmentType } from '../../../shared/knowledge';
import { BuildingEntity, CaseEntity, CategoryEntity, StaffEntity } from '../db/entities';
import { AttachmentEntity, CitationEntity, type ArticleRow } from '../db/kb-entities';
import { toIso, toIsoOrNull } from '../instants';
import { fieldsOf } from './article-fields';

/** How many citing cases an article shows (the count covers them all). */
const CITED_BY_SHOWN = 50;

interface CitationCounts {
  citations: number;
  reopened: number;
}

/** Whether an article's reopened citations call for a review (REOPEN_FLAG). */
export function isFlagged(counts: CitationCounts): boolean {
  return counts.reopened >= REOPEN_FLAG.minReopened && counts.reopened / Math.max(1, counts.citations) >= REOPEN_FLAG.minShare;
}

/** Turns article rows into what the contract answers: names joined, citations counted. */
export class ArticleReader {
  constructor(private readonly db: DataSource) {}

  async summaries(rows: readonly ArticleRow[], m: EntityManager = this.db.manager): Promise<ArticleSummary[]> {
    if (!rows.length) return [];
    const [categories, owners, counts] = await Promise.all([
      namesOf(m, CategoryEntity, rows.map((r) => r.categoryId)),
      namesOf(m, StaffEntity, rows.map((r) => r.ownerId)),
      citationCounts(m, rows.map((r) => r.id)),
    ]);
    return rows.map((r) => {
      const c = counts.get(r.id) ?? { citations: 0, reopened: 0 };
      const quality: ArticleQuality = { citations: c.citations, reopenedCitations: c.reopened, flagged: isFlagged(c), lastReviewedAt: toIsoOrNull(r.lastReviewedAt) };
      return {
        id: r.id,
        number: formatArticleNumber(r.id),
        title: r.title,
        state: r.state,
        audience: r.audience,
        categoryId: r.categoryId,
        categoryName: r.categoryId === null ? null : (categories.get(r.categoryId) ?? null),
        ownerId: r.ownerId,
        ownerName: r.ownerId === null ? null : (owners.get(r.ownerId) ?? null),
        reviewDue: r.reviewDue,
        sourceCaseId: r.sourceCaseId,
        version: r.version,
        updatedAt: toIso(r.updatedAt),
        ...quality,
      };
    });
  }

  async article(row: ArticleRow, m: EntityManager = this.db.manager): Promise<Article> {
    const [[summary], fields, attachments, citedBy] = await Promise.all([
      this.summaries([row], m),
      fieldsOf(m, row),
      m.getRepository(AttachmentEntity).find({ where: { articleId: row.id }, order: { id: 'ASC' } }),
      citationsOf(m, row.id),
    ]);
    const buildings = await namesOf(m, BuildingEntity, fields.buildingIds);
    return {
      ...(summary as ArticleSummary),
      problem: fields.problem,
      solution: fields.solution,
      buildingIds: fields.buildingIds,
      buildingNames: fields.buildingIds.map((id) => buildings.get(id) ?? `Building ${id}`),
      systems: fields.systems,
      attachments: attachments.map((a) => ({ id: a.id, articleId: a.articleId, fileName: a.fileName, mediaType: a.mediaType as AttachmentType, bytes: a.bytes })),
      citedBy,
      createdAt: toIso(row.createdAt),
      publishedAt: toIsoOrNull(row.publishedAt),
    };
  }
}

async function namesOf(m: EntityManager, entity: typeof CategoryEntity | typeof StaffEntity | typeof BuildingEntity, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const rows = (await m.getRepository(entity).find({ select: { id: true, name: true }, where: { id: In(wanted) } })) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff names by id (actors, owners). */
export function staffNames(m: EntityManager, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  return namesOf(m, StaffEntity, ids);
}

async function citationCounts(m: EntityManager, articleIds: readonly number[]): Promise<Map<number, CitationCounts>> {
  const rows: { articleId: number | string; citations: number | string; reopened: number | string }[] = await m
    .getRepository(CitationEntity)
    .createQueryBuilder('c')
    .select('c.articleId', 'articleId')
    .addSelect('COUNT(*)', 'citations')
    .addSelect('COUNT(c.reopenedAt)', 'reopened')
    .where({ articleId: In([...articleIds]) })
    .groupBy('c.articleId')
    .getRawMany();
  return new Map(rows.map((r) => [Number(r.articleId), { citations: Number(r.citations), reopened: Number(r.reopened) }]));
}

async function citationsOf(m: EntityManager, articleId: number): Promise<ArticleCitation[]> {
  const citations = await m.getRepository(CitationEntity).find({ where: { articleId }, order: { at: 'DESC', id: 'DESC' }, take: CITED_BY_SHOWN });
  if (!citations.length) return [];
  const [cases, actors] = await Promise.all([
    m.getRepository(CaseEntity).find({ select: { id: true, summary: true }, where: { id: In(citations.map((c) => c.caseId)) } }),
    namesOf(m, StaffEntity, citations.map((c) => c.actorId)),
  ]);
  const summaries = new Map(cases.map((c) => [c.id, c.summary]));
  return citations.map((c) => ({
    caseId: c.caseId,
    caseNumber: formatCaseNumber(c.caseId),
    summary: summaries.get(c.caseId) ?? '',
    kind: c.kind,
    at: toIso(c.at),
    actorName: c.actorId === null ? null : (actors.get(c.actorId) ?? null),
    reopened: c.reopenedAt !== null,
  }));
}
