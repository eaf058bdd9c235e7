import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isPostgres } from '../dialect';

/** Article fields, each searched apart so a match in the title can weigh more than one in the steps. */
const ARTICLE_FIELDS = ['title', 'problem', 'solution', 'systems'] as const;

/**
 * Full-text search over articles and resolved cases (electron/core/kb/search), with word stems.
 *
 * SQLite: FTS5 tables over the rows themselves (external content, as caller_fts), Porter stems,
 * accents folded, kept in step by triggers that fire only on the columns they index. The case
 * index holds resolved cases only (resolved_at set): a case enters it when resolved and leaves it
 * when reopened (resolved_at cleared) or deleted.
 *
 * PostgreSQL: a text search configuration `kb_english` (the `english` one with accents folded by
 * `unaccent` first, as SQLite's remove_diacritics), and one GIN index per field on
 * `to_tsvector('kb_english', field)`, without a stored
 * vector column (the entities describe every column; expression indexes stay out of TypeORM's
 * schema diff). Per field, so the index alone answers "does this field hold the word" and ranking
 * never recomputes a vector (see postgres-matcher.ts). The case indexes are partial: resolved
 * cases only. The queries must spell each expression exactly as here to use its index.
 */
export class KnowledgeSearch1765238400000 implements MigrationInterface {
  name = 'KnowledgeSearch1765238400000';

  async up(q: QueryRunner): Promise<void> {
    if (isPostgres(q)) {
      // unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it, as pg_trgm.
      await q.query('CREATE EXTENSION IF NOT EXISTS unaccent');
      await q.query('CREATE TEXT SEARCH CONFIGURATION kb_english (COPY = english)');
      await q.query('ALTER TEXT SEARCH CONFIGURATION kb_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem');
      for (const field of ARTICLE_FIELDS) {
        await q.query(`CREATE INDEX idx_kb_article_${field}_fts ON kb_article USING gin (to_tsvector('kb_english', ${field}))`);
      }
      await q.query(`CREATE INDEX idx_case_summary_fts ON help_case USING gin (to_tsvector('kb_english', summary)) WHERE resolved_at IS NOT NULL`);
      await q.query(
        `CREATE INDEX idx_case_resolution_fts ON help_case USING gin (to_tsvector('kb_english', coalesce(resolution_notes, ''))) WHERE resolved_at IS NOT NULL`,
      );
      // Statistics on the new expressions, so the planner knows a common word from a rare one at once.
      await q.query('ANALYZE kb_article');
      await q.query('ANALYZE help_case');
      return;
    }

    const tokenize = `tokenize = 'porter unicode61 remove_diacritics 2'`;
    const columns = ARTICLE_FIELDS.join(', ');
    const values = (row: 'new' | 'old') => ARTICLE_FIELDS.map((f) => `${row}.${f}`).join(', ');
    await q.query(`CREATE VIRTUAL TABLE kb_article_fts USING fts5(${columns}, content='kb_article', content_rowid='id', ${tokenize})`);
    await q.query(`CREATE TRIGGER kb_article_fts_insert AFTER INSERT ON kb_article BEGIN
      INSERT INTO kb_article_fts(rowid, ${columns}) VALUES (new.id, ${values('new')}); END`);
    await q.query(`CREATE TRIGGER kb_article_fts_delete AFTER DELETE ON kb_article BEGIN
      INSERT INTO kb_article_fts(kb_article_fts, rowid, ${columns}) VALUES ('delete', old.id, ${values('old')}); END`);
    await q.query(`CREATE TRIGGER kb_article_fts_update AFTER UPDATE OF ${columns} ON kb_article BEGIN
      INSERT INTO kb_article_fts(kb_article_fts, rowid, ${columns}) VALUES ('delete', old.id, ${values('old')});
      INSERT INTO kb_article_fts(rowid, ${columns}) VALUES (new.id, ${values('new')}); END`);
    await q.query(`INSERT INTO kb_article_fts(kb_article_fts) VALUES ('rebuild')`);

    // Only resolved cases: the delete must pass exactly what was indexed, so every trigger asks the same question (resolved_at set?).
    await q.query(`CREATE VIRTUAL TABLE case_fts USING fts5(summary, resolution_notes, content='help_case', content_rowid='id', ${tokenize})`);
    await q.query(`CREATE TRIGGER case_fts_insert AFTER INSERT ON help_case WHEN new.resolved_at IS NOT NULL BEGIN
      INSERT INTO case_fts(rowid, summary, resolution_notes) VALUES (new.id, new.summary, new.resolution_notes); END`);
    await q.query(`CREATE TRIGGER case_fts_delete AFTER DELETE ON help_case WHEN old.resolved_at IS NOT NULL BEGIN
      INSERT INTO case_fts(case_fts, rowid, summary, resolution_notes) VALUES ('delete', old.id, old.summary, old.resolution_notes); END`);
    await q.query(`CREATE TRIGGER case_fts_update AFTER UPDATE OF summary, resolution_notes, resolved_at ON help_case BEGIN
      INSERT INTO case_fts(case_fts, rowid, summary, resolution_notes)
        SELECT 'delete', old.id, old.summary, old.resolution_notes WHERE old.resolved_at IS NOT NULL;
      INSERT INTO case_fts(rowid, summary, resolution_notes)
        SELECT new.id, new.summary, new.resolution_notes WHERE new.resolved_at IS NOT NULL; END`);
    // An upgraded database already has resolved cases.
    await q.query(`INSERT INTO case_fts(rowid, summary, resolution_notes) SELECT id, summary, resolution_notes FROM help_case WHERE resolved_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (isPostgres(q)) {
      for (const field of ARTICLE_FIELDS) await q.query(`DROP INDEX IF EXISTS idx_kb_article_${field}_fts`);
      await q.query('DROP INDEX IF EXISTS idx_case_summary_fts');
      await q.query('DROP INDEX IF EXISTS idx_case_resolution_fts');
      await q.query('DROP TEXT SEARCH CONFIGURATION IF EXISTS kb_english');
      return;
    }
    for (const t of ['kb_article_fts_insert', 'kb_article_fts_delete', 'kb_article_fts_update', 'case_fts_insert', 'case_fts_delete', 'case_fts_update']) {
      await q.query(`DROP TRIGGER IF EXISTS ${t}`);
    }
    await q.query('DROP TABLE IF EXISTS kb_article_fts');
    await q.query('DROP TABLE IF EXISTS case_fts');
  }
}
