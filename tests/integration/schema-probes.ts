/**
 * What the schema has beyond what TypeORM models (triggers, the search indexes), read back from
 * the database itself, for the schema tests.
 */
import type { DataSource } from 'typeorm';
import { isPostgres } from '../../electron/core/db/dialect';

/** Every trigger the migrations create, by dialect. */
export const EXPECTED_TRIGGERS = {
  // Caller, article and resolved-case search's FTS5 indexes kept in step with their rows; the audit logs (cases, staff records, SLA policy reviews) refuse change and deletion.
  sqlite: [
    'caller_fts_delete', 'caller_fts_insert', 'caller_fts_update', 'case_event_no_delete', 'case_event_no_update', 'case_fts_delete', 'case_fts_insert', 'case_fts_update', 'case_search_fts_delete', 'case_search_fts_insert', 'case_search_fts_note', 'case_search_fts_update',
    'kb_article_fts_delete', 'kb_article_fts_insert', 'kb_article_fts_update', 'sla_policy_review_no_delete', 'sla_policy_review_no_update', 'staff_audit_no_delete', 'staff_audit_no_update',
  ],
  postgres: ['case_event_no_change', 'sla_policy_review_no_change', 'staff_audit_no_change'],
};

export function expectedTriggers(db: DataSource): string[] {
  return isPostgres(db) ? EXPECTED_TRIGGERS.postgres : EXPECTED_TRIGGERS.sqlite;
}

export async function triggerNames(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = isPostgres(db)
    ? await db.query(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)
    : await db.query(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
  return rows.map((r) => r.name);
}

/** Whether caller search's own index is there: the FTS5 table on SQLite, the trigram index on PostgreSQL. */
export async function hasCallerSearchIndex(db: DataSource): Promise<boolean> {
  const rows: unknown[] = isPostgres(db)
    ? await db.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'idx_caller_search_trgm' AND indexdef LIKE '%gin_trgm_ops%'`)
    : await db.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'caller_fts'`);
  return rows.length === 1;
}

/** The error of a statement, or null when the database accepted it. */
export async function refusal(db: DataSource, sql: string): Promise<string | null> {
  try {
    await db.query(sql);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
