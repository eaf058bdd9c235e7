/**
 * Multi-row INSERTs for the demo's bulk history: one statement per few thousand rows, within both
 * databases' limits on bound parameters, with no per-row work of the ORM. Column names and types
 * come from the entity's metadata, so the rows are the entities' own shapes.
 */
import type { EntityManager, EntitySchema } from 'typeorm';
import { isPostgres } from '../db/dialect';

/** Below SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;

interface ColumnPlan {
  key: string;
  column: string;
  bigint: boolean;
}

export class BulkInserter {
  private readonly postgres: boolean;
  private readonly plans = new Map<string, ColumnPlan[]>();

  constructor(private readonly m: EntityManager) {
    this.postgres = isPostgres(m.connection);
  }

  /** Inserts the rows (every row with the same keys as the first) in as few statements as the limits allow. */
  async insert<T extends object>(entity: EntitySchema, rows: readonly T[]): Promise<void> {
    if (!rows.length) return;
    const metadata = this.m.connection.getMetadata(entity);
    const keys = Object.keys(rows[0] as object);
    const planKey = `${metadata.tableName}:${keys.join(',')}`;
    let plan = this.plans.get(planKey);
    if (!plan) {
      plan = keys.map((key) => {
        const column = metadata.columns.find((c) => c.propertyName === key);
        if (!column) throw new Error(`${metadata.tableName} has no column for "${key}"`);
        return { key, column: column.databaseName, bigint: column.type === 'bigint' };
      });
      this.plans.set(planKey, plan);
    }
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / plan.length));
    const head = `INSERT INTO ${this.quote(metadata.tableName)} (${plan.map((p) => this.quote(p.column)).join(', ')}) VALUES `;
    for (let i = 0; i < rows.length; i += perStatement) {
      const slice = rows.slice(i, i + perStatement);
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const row of slice) {
        const marks: string[] = [];
        for (const p of plan) {
          params.push(this.value((row as Record<string, unknown>)[p.key], p.bigint));
          marks.push(this.postgres ? `$${params.length}` : '?');
        }
        tuples.push(`(${marks.join(', ')})`);
      }
      await this.m.query(head + tuples.join(', '), params);
    }
  }

  private value(v: unknown, bigint: boolean): unknown {
    if (v === undefined) return null;
    // better-sqlite3 binds no booleans; BIGINT refuses fractions on PostgreSQL.
    if (typeof v === 'boolean') return this.postgres ? v : v ? 1 : 0;
    if (bigint && typeof v === 'number') return Math.round(v);
    return v;
  }

  private quote(name: string): string {
    return `"${name}"`;
  }
}
