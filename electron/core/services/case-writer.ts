import { DateTime } from 'luxon';
import { In, type EntityManager } from 'typeorm';
import { formatCaseNumber, type CaseEventKind } from '../../../shared/domain';
import { CaseEntity, CaseEventEntity, StaffEntity, type CaseRow } from '../db/entities';
import { DomainError } from '../errors';
import type { SlaFacade } from './sla-facade';

/** How a conflict puts an instant into words: in the desk's time zone, named, relative to now. */
export type InstantWords = (t: number) => string;

/** "today 9:02 AM CST", "yesterday 4:10 PM CST", "Mon, Nov 30 9:00 AM CST": the desk's zone, said. */
export function deskInstantWords(sla: Pick<SlaFacade, 'describeDue' | 'timeZone'>, now: number): InstantWords {
  return (t) => `${sla.describeDue(t, now)} ${DateTime.fromMillis(t, { zone: sla.timeZone }).setLocale('en-US').toFormat('ZZZZ')}`;
}

/**
 * The guarded write every case change goes through: `UPDATE … WHERE id = ? AND version = ?`
 * (TypeORM's version column does not guard update()), the affected-row count checked, and the
 * audit event written in the same transaction. A stale version is a conflict that says what
 * changed since and by whom, never a silent overwrite.
 */
export async function writeCaseChange(
  when: InstantWords,
  m: EntityManager,
  row: CaseRow,
  expectedVersion: number,
  changes: Partial<CaseRow>,
  event: { kind: CaseEventKind; actorId: number | null; at: number; detail: Record<string, unknown>; reason?: string | null },
): Promise<CaseRow> {
  const nextVersion = expectedVersion + 1;
  const result = await m
    .createQueryBuilder()
    .update(CaseEntity)
    .set({ ...changes, version: nextVersion, updatedAt: event.at })
    .where('id = :id AND version = :version', { id: row.id, version: expectedVersion })
    .execute();
  if (result.affected !== 1) throw await staleVersionError(when, m, row.id, expectedVersion);
  await appendEvent(m, { caseId: row.id, ...event, detail: { ...event.detail, version: nextVersion } });
  return { ...row, ...changes, version: nextVersion, updatedAt: event.at };
}

export async function appendEvent(
  m: EntityManager,
  event: { caseId: number; kind: CaseEventKind; actorId: number | null; at: number; detail: Record<string, unknown>; reason?: string | null },
): Promise<void> {
  await m.getRepository(CaseEventEntity).insert({ ...event, reason: event.reason ?? null, detail: JSON.stringify(event.detail) });
}

/** Loads a case for a change, refusing early when the person was looking at an older version. */
export async function loadForChange(when: InstantWords, m: EntityManager, id: number, expectedVersion: number): Promise<CaseRow> {
  const row = await m.getRepository(CaseEntity).findOneBy({ id });
  if (!row) throw new DomainError('not_found', `No case has id ${id}`, 'id');
  if (row.version !== expectedVersion) throw await staleVersionError(when, m, id, expectedVersion);
  return row;
}

async function staleVersionError(when: InstantWords, m: EntityManager, id: number, expectedVersion: number): Promise<DomainError> {
  const events = await m.getRepository(CaseEventEntity).find({ where: { caseId: id }, order: { id: 'ASC' } });
  const later = events.filter((e) => {
    const v = (JSON.parse(e.detail) as { version?: number }).version;
    return typeof v === 'number' && v > expectedVersion;
  });
  const actorIds = [...new Set(later.map((e) => e.actorId).filter((a): a is number => a !== null))];
  const actors = actorIds.length ? await m.getRepository(StaffEntity).findBy({ id: In(actorIds) }) : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const what = later.map((e) => `${describeKind(e.kind, e.detail)} by ${e.actorId === null ? 'Deskwatch' : (names.get(e.actorId) ?? 'someone')} (${when(e.at)})`);
  const since = what.length ? `: ${what.join('; ')}` : '';
  return new DomainError('conflict', `Case ${formatCaseNumber(id)} changed since you opened it${since}. Review the case and try again.`, 'version');
}

/** The case's fields as the edit form labels them (the audit event keeps their keys). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  callbackNumber: 'callback number',
  buildingId: 'building',
  categoryId: 'category',
  assetTag: 'asset tag',
  callerAvailability: 'caller availability',
  availabilityWindows: 'availability windows',
  visitAt: 'planned visit',
  visitNote: 'visit note',
};

function describeKind(kind: string, detail: string): string {
  const d = JSON.parse(detail) as { to?: string; fields?: string[] };
  if (kind === 'status_changed' && d.to) return `moved to ${d.to.replace(/_/g, ' ')}`;
  if (kind === 'updated' && d.fields) return `edited ${d.fields.map((f) => FIELD_WORDS[f] ?? f).join(', ')}`;
  return kind.replace(/_/g, ' ');
}
