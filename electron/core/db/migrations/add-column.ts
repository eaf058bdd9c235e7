import type { QueryRunner } from 'typeorm';

/** A column both dialects spell the same way. */
export interface PlainColumn {
  name: string;
  type: 'integer' | 'bigint' | 'text' | 'boolean' | `varchar(${number})`;
  /** Default true: a new column has no value on the rows already there. */
  nullable?: boolean;
  /** An SQL literal (`0`, `true`, `''`); needed for a NOT NULL column, which the existing rows take. */
  default?: string;
}

/**
 * Adds a column in place, with the same plain `ALTER TABLE … ADD COLUMN` on SQLite and PostgreSQL.
 *
 * Migrations must not use TypeORM's `addColumn`, `addColumns`, `changeColumn` or `dropColumn`
 * (nor create foreign keys, uniques or checks on an existing table) on SQLite: there they rebuild
 * the table (create a copy, move the rows, drop the original, rename). The rebuild silently
 * loses the table's triggers (the caller search index's, the audit log's append-only guard), and
 * on `caller` it fails outright: it cannot recreate an index on an expression (uq_caller_email,
 * on lower(email)). tests/integration/schema-triggers.test.ts checks the triggers are all there.
 */
export async function addColumnInPlace(q: QueryRunner, table: string, column: PlainColumn): Promise<void> {
  const nullable = column.nullable ?? true;
  if (!nullable && column.default === undefined) {
    throw new Error(`Column ${table}.${column.name} is NOT NULL: give it a default for the rows already there`);
  }
  const parts = [`ALTER TABLE "${table}" ADD COLUMN "${column.name}" ${column.type}`];
  if (!nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  await q.query(parts.join(' '));
}
