import type { EntityManager } from 'typeorm';
import { isPostgres } from '../db/dialect';

/** Cases per write transaction: short transactions hold few row locks for a short time. */
export const WRITE_CHUNK = 50;

export interface NextAlert {
  id: number;
  /** The version the scheduler read; a case changed since is left alone (it is looked at again). */
  version: number;
  nextAt: number | null;
}

/**
 * Locks the cases' rows in id order before anything in the transaction writes them. Two consoles'
 * wakes, a calendar change and a person's edit then always take their locks in the same order,
 * so they wait for each other instead of deadlocking. SQLite: one writer at a time already.
 */
export async function lockCasesInOrder(m: EntityManager, ids: readonly number[]): Promise<void> {
  if (ids.length === 0 || !isPostgres(m.connection)) return;
  const sorted = [...ids].sort((a, b) => a - b);
  await m.query(`SELECT id FROM help_case WHERE id IN (${sorted.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY id FOR UPDATE`, sorted);
}

/** Stores each case's next instant in one statement (not one UPDATE per case), guarded by its version. */
export async function storeNextAlerts(m: EntityManager, rows: readonly NextAlert[]): Promise<void> {
  if (rows.length === 0) return;
  const pg = isPostgres(m.connection);
  const mark = (n: number) => (pg ? `$${n}` : '?');
  const params: (number | null)[] = [];
  const values = rows.map((r) => {
    params.push(r.id, r.version, r.nextAt);
    const n = params.length;
    return `(CAST(${mark(n - 2)} AS BIGINT), CAST(${mark(n - 1)} AS BIGINT), CAST(${mark(n)} AS BIGINT))`;
  });
  await m.query(
    `WITH v(id, version, at) AS (VALUES ${values.join(', ')})
     UPDATE help_case SET next_alert_at = v.at FROM v WHERE help_case.id = v.id AND help_case.version = v.version`,
    params,
  );
}

/** Marks open cases to be looked at now, in id order and a chunk per transaction (a calendar change moves every deadline). */
export async function markForLook(m: EntityManager, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await lockCasesInOrder(m, ids);
  const pg = isPostgres(m.connection);
  const marks = ids.map((_, i) => (pg ? `$${i + 2}` : '?'));
  await m.query(`UPDATE help_case SET next_alert_at = ${pg ? '$1' : '?'} WHERE id IN (${marks.join(', ')})`, [now, ...ids]);
}
