/**
 * `WHERE id IN (…)` over many ids, a chunk at a time: SQLite and PostgreSQL both cap the number of
 * bound parameters in one statement.
 */
export const IN_CHUNK = 900;

export async function loadInChunks<T>(ids: readonly number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) rows.push(...(await load(ids.slice(i, i + IN_CHUNK))));
  return rows;
}
