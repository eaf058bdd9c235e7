import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isPostgres } from '../dialect';

interface DuplicateRow {
  id: number | string;
  name: string;
  value: string;
  notes: string | null;
}

interface UniqueKey {
  column: 'email' | 'employee_id';
  /** The words a desk user reads in the caller's notes. */
  label: string;
  /** How two values are compared: emails whatever their case, employee ids exactly. */
  key: string;
}

const KEYS: UniqueKey[] = [
  { column: 'email', label: 'email', key: 'lower(email)' },
  { column: 'employee_id', label: 'employee id', key: 'employee_id' },
];

/**
 * One caller per email (whatever its case) and per employee id, kept by the database itself: two
 * consoles creating the same caller at once both passed the old read-before-insert. Partial unique
 * indexes (`WHERE … IS NOT NULL`), so callers without an email or employee id never collide; the
 * email index is on lower(email). They replace the plain lookup indexes of 0002.
 *
 * Duplicates already in a database being upgraded must not stop the upgrade, and nothing is
 * deleted: the oldest caller (lowest id) keeps the email or employee id; on each later one it is
 * cleared and a line in the caller's notes says what was removed and who keeps it, so the desk sees
 * it on the caller's card and can correct or merge the entries. Their search text is left as it
 * was, so a search by the old value still finds both entries until someone edits them.
 */
export class CallerUniqueKeys1764892800000 implements MigrationInterface {
  name = 'CallerUniqueKeys1764892800000';

  async up(q: QueryRunner): Promise<void> {
    for (const key of KEYS) await this.clearDuplicates(q, key);
    await q.query('DROP INDEX idx_caller_email');
    await q.query('DROP INDEX idx_caller_employee_id');
    await q.query('CREATE UNIQUE INDEX uq_caller_email ON caller (lower(email)) WHERE email IS NOT NULL');
    await q.query('CREATE UNIQUE INDEX uq_caller_employee_id ON caller (employee_id) WHERE employee_id IS NOT NULL');
  }

  private async clearDuplicates(q: QueryRunner, { column, label, key }: UniqueKey): Promise<void> {
    const rows: DuplicateRow[] = await q.query(
      `SELECT id, name, ${column} AS value, notes FROM caller
       WHERE ${column} IS NOT NULL AND ${key} IN (SELECT ${key} FROM caller WHERE ${column} IS NOT NULL GROUP BY ${key} HAVING COUNT(*) > 1)
       ORDER BY id`,
    );
    const keeper = new Map<string, DuplicateRow>();
    const today = new Date().toISOString().slice(0, 10);
    const [p1, p2, p3, p4] = isPostgres(q) ? ['$1', '$2', '$3', '$4'] : ['?', '?', '?', '?'];
    for (const row of rows) {
      const value = column === 'email' ? row.value.toLowerCase() : row.value;
      const kept = keeper.get(value);
      if (!kept) {
        keeper.set(value, row);
        continue;
      }
      const line = `${today}: ${label} ${row.value} removed on upgrade; caller #${kept.id} (${kept.name}) has it.`;
      const notes = row.notes ? `${row.notes}\n${line}` : line;
      await q.query(`UPDATE caller SET ${column} = NULL, notes = ${p1}, updated_at = ${p2} WHERE id = ${p3} AND ${column} = ${p4}`, [notes, Date.now(), Number(row.id), row.value]);
    }
  }

  /** Goes back to the plain lookup indexes; values cleared as duplicates are not restored. */
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX uq_caller_email');
    await q.query('DROP INDEX uq_caller_employee_id');
    await q.query('CREATE INDEX idx_caller_email ON caller (email)');
    await q.query('CREATE INDEX idx_caller_employee_id ON caller (employee_id)');
  }
}
