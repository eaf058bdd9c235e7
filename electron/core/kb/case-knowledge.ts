import { In, IsNull, type EntityManager } from 'typeorm';
import { formatCaseNumber, type StaffMember } from '../../../shared/domain';
import { formatArticleNumber, type CitationKind } from '../../../shared/knowledge';
import { BuildingEntity, CategoryEntity, type CaseRow } from '../db/entities';
import { ArticleEntity, CitationEntity, type ArticleRow } from '../db/kb-entities';
import { DomainError } from '../errors';
import { appendEvent } from '../services/case-writer';
import { insertArticle } from './article-writer';

/** What a case did to the knowledge base inside its transaction: the articles to announce after commit. */
export type TouchedArticles = Pick<ArticleRow, 'id' | 'version'>[];

/**
 * The links between cases and articles, written inside the case's own transaction: a citation
 * (with its line in the case's timeline), a draft made from a resolved case, and the mark a
 * reopened case leaves on the articles it cited.
 */
export const caseKnowledge = {
  /** The case cites a published article; citing it again changes nothing. */
  async cite(m: EntityManager, caseId: number, articleId: number, kind: CitationKind, actor: StaffMember | null, now: number): Promise<ArticleRow> {
    const article = await m.getRepository(ArticleEntity).findOneBy({ id: articleId });
    if (!article) throw new DomainError('not_found', `No article has id ${articleId}`, 'articleId');
    if (article.state !== 'published') {
      throw new DomainError('invalid_input', `${formatArticleNumber(articleId)} is ${article.state}; only a published article can be cited`, 'articleId');
    }
    const citations = m.getRepository(CitationEntity);
    if (await citations.existsBy({ caseId, articleId })) return article;
    await citations.insert({ articleId, caseId, kind, at: now, actorId: actor?.id ?? null, reopenedAt: null });
    await appendEvent(m, {
      caseId,
      kind: 'kb_cited',
      actorId: actor?.id ?? null,
      at: now,
      detail: { articleId, articleNumber: formatArticleNumber(articleId), title: article.title, kind },
    });
    return article;
  },

  /** A draft article prefilled from a resolved case and linked to it. */
  async draftFrom(m: EntityManager, row: CaseRow, actor: StaffMember | null, now: number): Promise<ArticleRow> {
    const [building, category] = await Promise.all([
      row.buildingId === null ? null : m.getRepository(BuildingEntity).findOneBy({ id: row.buildingId }),
      row.categoryId === null ? null : m.getRepository(CategoryEntity).findOneBy({ id: row.categoryId }),
    ]);
    const where = [building?.name, category?.name].filter(Boolean).join(', ');
    const problem = [row.description.trim() || row.summary, `_From case ${formatCaseNumber(row.id)}${where ? ` (${where})` : ''}._`].join('\n\n');
    const article = await insertArticle(
      m,
      {
        title: row.summary,
        problem,
        solution: row.resolutionNotes ?? '',
        categoryId: row.categoryId,
        buildingIds: row.buildingId === null ? [] : [row.buildingId],
        systems: [],
        audience: 'staff',
        ownerId: actor && actor.role !== 'agent' ? actor.id : null,
        reviewDue: null,
      },
      { state: 'draft', sourceCaseId: row.id, publishedAt: null },
      { change: 'created', actorId: actor?.id ?? null, at: now, note: `Drafted from case ${formatCaseNumber(row.id)}` },
    );
    await appendEvent(m, {
      caseId: row.id,
      kind: 'kb_drafted',
      actorId: actor?.id ?? null,
      at: now,
      detail: { articleId: article.id, articleNumber: formatArticleNumber(article.id), title: article.title },
    });
    return article;
  },

  /** A reopened case marks the citations it had made: the articles' quality signal. */
  async markReopened(m: EntityManager, caseId: number, now: number): Promise<TouchedArticles> {
    const repo = m.getRepository(CitationEntity);
    const open = await repo.find({ select: { id: true, articleId: true }, where: { caseId, reopenedAt: IsNull() } });
    if (!open.length) return [];
    await repo.update({ caseId, reopenedAt: IsNull() }, { reopenedAt: now });
    return m.getRepository(ArticleEntity).find({ select: { id: true, version: true }, where: { id: In([...new Set(open.map((c) => c.articleId))]) } });
  },
};
