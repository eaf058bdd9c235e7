/**
 * Reading and writing announcement rows. Every change to an announcement goes through the guarded
 * write (`UPDATE … WHERE id = ? AND version = ?`, the affected-row count checked): a stale version
 * is a conflict the person sees, never a silent overwrite.
 */
import { In, type EntityManager } from 'typeorm';
import { formatAnnouncementNumber } from '../../../shared/announcements';
import {
  AnnouncementBuildingEntity,
  AnnouncementCaseEntity,
  AnnouncementEntity,
  AnnouncementUpdateEntity,
  type AnnouncementCaseRow,
  type AnnouncementRow,
  type AnnouncementUpdateRow,
} from '../db/announcement-entities';
import { BuildingEntity, CategoryEntity } from '../db/entities';
import { DomainError } from '../errors';

export interface AnnouncementParts {
  row: AnnouncementRow;
  buildingIds: number[];
  updates: AnnouncementUpdateRow[];
  links: AnnouncementCaseRow[];
}

export async function loadRow(m: EntityManager, id: number): Promise<AnnouncementRow> {
  const row = await m.getRepository(AnnouncementEntity).findOneBy({ id });
  if (!row) throw new DomainError('not_found', `No announcement ${formatAnnouncementNumber(id)}`, 'id');
  return row;
}

/** Loads an announcement for a change, refusing early when the person was looking at an older version. */
export async function loadForChange(m: EntityManager, id: number, version: number): Promise<AnnouncementRow> {
  const row = await loadRow(m, id);
  if (row.version !== version) throw staleError(row);
  return row;
}

export async function guardedUpdate(m: EntityManager, current: AnnouncementRow, expectedVersion: number, changes: Partial<AnnouncementRow>): Promise<AnnouncementRow> {
  const set = { ...changes, version: expectedVersion + 1 };
  const result = await m.createQueryBuilder().update(AnnouncementEntity).set(set).where('id = :id AND version = :version', { id: current.id, version: expectedVersion }).execute();
  if (result.affected !== 1) throw staleError(await loadRow(m, current.id));
  return { ...current, ...set };
}

function staleError(row: AnnouncementRow): DomainError {
  return new DomainError(
    'conflict',
    `Announcement ${formatAnnouncementNumber(row.id)} changed since you opened it (it is now at version ${row.version}, ${row.state}). Review it and try again.`,
    'version',
  );
}

export async function replaceBuildings(m: EntityManager, announcementId: number, buildingIds: readonly number[]): Promise<void> {
  await m.getRepository(AnnouncementBuildingEntity).delete({ announcementId });
  if (buildingIds.length) await m.getRepository(AnnouncementBuildingEntity).insert(buildingIds.map((buildingId) => ({ announcementId, buildingId })));
}

/** Refuses a building or category id the directory does not have, naming the field. */
export async function checkReferences(m: EntityManager, buildingIds: readonly number[], categoryId: number | null): Promise<void> {
  const unique = [...new Set(buildingIds)];
  if (unique.length) {
    const found = new Set((await m.getRepository(BuildingEntity).findBy({ id: In(unique) })).map((b) => b.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) throw new DomainError('invalid_input', `No building has id ${missing.join(', ')}`, 'buildingIds');
  }
  if (categoryId !== null && !(await m.getRepository(CategoryEntity).findOneBy({ id: categoryId }))) {
    throw new DomainError('invalid_input', `No category has id ${categoryId}`, 'categoryId');
  }
}

/** The announcements with their buildings, updates and linked cases, in the order of `rows`. */
export async function withParts(m: EntityManager, rows: readonly AnnouncementRow[]): Promise<AnnouncementParts[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // One after the other: a transaction's queries share one connection.
  const buildings = await m.getRepository(AnnouncementBuildingEntity).find({ where: { announcementId: In(ids) }, order: { buildingId: 'ASC' } });
  const updates = await m.getRepository(AnnouncementUpdateEntity).find({ where: { announcementId: In(ids) }, order: { at: 'ASC', id: 'ASC' } });
  const links = await m.getRepository(AnnouncementCaseEntity).find({ where: { announcementId: In(ids) }, order: { linkedAt: 'ASC', caseId: 'ASC' } });
  return rows.map((row) => ({
    row,
    buildingIds: buildings.filter((b) => b.announcementId === row.id).map((b) => b.buildingId),
    updates: updates.filter((u) => u.announcementId === row.id),
    links: links.filter((l) => l.announcementId === row.id),
  }));
}
