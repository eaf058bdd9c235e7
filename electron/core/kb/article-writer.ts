import { In, MoreThan, type EntityManager } from 'typeorm';
import { formatArticleNumber, type ArticleChange, type ArticleFields, type ArticleState } from '../../../shared/knowledge';
import { StaffEntity } from '../db/entities';
import { ArticleEntity, ArticleVersionEntity, type ArticleRow } from '../db/kb-entities';
import { DomainError } from '../errors';
import { fieldsOf, normalizeSystems, saveBuildings } from './article-fields';

export interface VersionNote {
  change: ArticleChange;
  actorId: number | null;
  at: number;
  note?: string | null;
}

/** How a conflict message says when something happened (the desk's words, as for cases). */
export type InstantWords = (t: number) => string;

/** A new article and its first version, in one transaction. */
export async function insertArticle(
  m: EntityManager,
  fields: ArticleFields,
  extra: { state: ArticleState; sourceCaseId: number | null; publishedAt: number | null; lastReviewedAt?: number | null },
  version: VersionNote,
): Promise<ArticleRow> {
  const repo = m.getRepository(ArticleEntity);
  const row = await repo.save(
    repo.create({
      title: fields.title,
      problem: fields.problem,
      solution: fields.solution,
      categoryId: fields.categoryId,
      systems: JSON.stringify(normalizeSystems(fields.systems)),
      audience: fields.audience,
      state: extra.state,
      ownerId: fields.ownerId,
      reviewDue: fields.reviewDue,
      lastReviewedAt: extra.lastReviewedAt ?? null,
      sourceCaseId: extra.sourceCaseId,
      version: 1,
      createdAt: version.at,
      updatedAt: version.at,
      publishedAt: extra.publishedAt,
      createdById: version.actorId,
    }),
  );
  await saveBuildings(m, row.id, fields.buildingIds);
  await appendVersion(m, row, version);
  return row;
}

/**
 * The guarded write every article change goes through: `UPDATE … WHERE id = ? AND version = ?`,
 * the affected-row count checked, and the new version (a full copy of the fields) kept in the
 * same transaction. A stale version is a conflict that says what changed since and by whom.
 */
export async function writeArticleChange(
  when: InstantWords,
  m: EntityManager,
  row: ArticleRow,
  expectedVersion: number,
  changes: Partial<ArticleFields> & Partial<Pick<ArticleRow, 'state' | 'publishedAt' | 'lastReviewedAt'>>,
  version: VersionNote,
): Promise<ArticleRow> {
  const { buildingIds, systems, ...columns } = changes;
  const next = expectedVersion + 1;
  const set: Partial<ArticleRow> = { ...columns, ...(systems ? { systems: JSON.stringify(normalizeSystems(systems)) } : {}), version: next, updatedAt: version.at };
  const result = await m.createQueryBuilder().update(ArticleEntity).set(set).where('id = :id AND version = :version', { id: row.id, version: expectedVersion }).execute();
  if (result.affected !== 1) throw await staleArticleError(when, m, row.id, expectedVersion);
  if (buildingIds) await saveBuildings(m, row.id, buildingIds);
  const written = { ...row, ...set } as ArticleRow;
  await appendVersion(m, written, version);
  return written;
}

/** Loads an article for a change, refusing early when the person was looking at an older version. */
export async function loadArticleForChange(when: InstantWords, m: EntityManager, id: number, expectedVersion: number): Promise<ArticleRow> {
  const row = await m.getRepository(ArticleEntity).findOneBy({ id });
  if (!row) throw new DomainError('not_found', `No article has id ${id}`, 'id');
  if (row.version !== expectedVersion) throw await staleArticleError(when, m, id, expectedVersion);
  return row;
}

async function appendVersion(m: EntityManager, row: ArticleRow, version: VersionNote): Promise<void> {
  await m.getRepository(ArticleVersionEntity).insert({
    articleId: row.id,
    number: row.version,
    at: version.at,
    actorId: version.actorId,
    change: version.change,
    state: row.state,
    note: version.note ?? null,
    fields: JSON.stringify(await fieldsOf(m, row)),
  });
}

async function staleArticleError(when: InstantWords, m: EntityManager, id: number, expectedVersion: number): Promise<DomainError> {
  const later = await m.getRepository(ArticleVersionEntity).find({ where: { articleId: id, number: MoreThan(expectedVersion) }, order: { number: 'ASC' } });
  const actorIds = [...new Set(later.map((v) => v.actorId).filter((a): a is number => a !== null))];
  const actors = actorIds.length ? await m.getRepository(StaffEntity).findBy({ id: In(actorIds) }) : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const what = later.map((v) => `${v.change} by ${v.actorId === null ? 'Deskwatch' : (names.get(v.actorId) ?? 'someone')} (${when(v.at)})`);
  return new DomainError('conflict', `Article ${formatArticleNumber(id)} changed since you opened it${what.length ? `: ${what.join('; ')}` : ''}. Review it and try again.`, 'version');
}
