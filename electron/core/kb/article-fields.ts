import { DateTime } from 'luxon';
import { In, type EntityManager } from 'typeorm';
import { DEFAULT_REVIEW_MONTHS, type ArticleFields } from '../../../shared/knowledge';
import { BuildingEntity, CategoryEntity, StaffEntity } from '../db/entities';
import { ArticleBuildingEntity, type ArticleRow } from '../db/kb-entities';
import { DomainError } from '../errors';

/** The systems column holds a JSON array of strings; anything else reads as none. */
export function parseSystems(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** Systems as stored: trimmed, each once (whatever its case), in the order given. */
export function normalizeSystems(systems: readonly string[]): string[] {
  const seen = new Set<string>();
  return systems.map((s) => s.trim()).filter((s) => s !== '' && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** The editable fields of an article as they stand: what a version keeps. */
export async function fieldsOf(m: EntityManager, row: ArticleRow): Promise<ArticleFields> {
  const buildings = await m.getRepository(ArticleBuildingEntity).find({ where: { articleId: row.id }, order: { buildingId: 'ASC' } });
  return {
    title: row.title,
    problem: row.problem,
    solution: row.solution,
    categoryId: row.categoryId,
    buildingIds: buildings.map((b) => b.buildingId),
    systems: parseSystems(row.systems),
    audience: row.audience,
    ownerId: row.ownerId,
    reviewDue: row.reviewDue,
  };
}

/** Refuses fields that name a category, building or owner that does not exist, naming the field. */
export async function checkFieldReferences(m: EntityManager, fields: Partial<ArticleFields>): Promise<void> {
  if (fields.categoryId != null && !(await m.getRepository(CategoryEntity).existsBy({ id: fields.categoryId }))) {
    throw new DomainError('invalid_input', `No category has id ${fields.categoryId}`, 'categoryId');
  }
  const buildingIds = [...new Set(fields.buildingIds ?? [])];
  if (buildingIds.length) {
    const found = await m.getRepository(BuildingEntity).findBy({ id: In(buildingIds) });
    const missing = buildingIds.filter((id) => !found.some((b) => b.id === id));
    if (missing.length) throw new DomainError('invalid_input', `No building has id ${missing.join(', ')}`, 'buildingIds');
  }
  if (fields.ownerId != null) {
    const owner = await m.getRepository(StaffEntity).findOneBy({ id: fields.ownerId });
    if (!owner) throw new DomainError('invalid_input', `No staff member has id ${fields.ownerId}`, 'ownerId');
    if (owner.role === 'agent') throw new DomainError('invalid_input', `${owner.name} is an agent; an article's owner is a technician or a supervisor, who may edit it`, 'ownerId');
  }
}

/** Replaces the buildings an article applies to. */
export async function saveBuildings(m: EntityManager, articleId: number, buildingIds: readonly number[]): Promise<void> {
  const repo = m.getRepository(ArticleBuildingEntity);
  await repo.delete({ articleId });
  const unique = [...new Set(buildingIds)];
  if (unique.length) await repo.insert(unique.map((buildingId) => ({ articleId, buildingId })));
}

/** A review date a year (DEFAULT_REVIEW_MONTHS) from `now`, as the desk's calendar reads it. */
export function defaultReviewDue(now: number, timeZone: string): string {
  return DateTime.fromMillis(now, { zone: timeZone }).plus({ months: DEFAULT_REVIEW_MONTHS }).toISODate() as string;
}

/** Today's date in the desk's calendar. */
export function deskToday(now: number, timeZone: string): string {
  return DateTime.fromMillis(now, { zone: timeZone }).toISODate() as string;
}
