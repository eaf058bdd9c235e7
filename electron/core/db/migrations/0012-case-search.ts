import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isPostgres } from '../dialect';

/**
 * The case search (electron/core/reports/case-search.ts) over every case, open or closed: its
 * words, and the plain indexes its sorts and filters need at a million cases.
 *
 * Words live in two places: the case's own text (summary, description, resolution notes) and its
 * work notes (case_event rows of kind 'note', the note in their detail JSON). Each gets its own
 * index and the search asks both per word, so a case matches when every word is somewhere in it.
 * One combined document per case would have to be rebuilt from all its notes at every note.
 *
 * SQLite: `case_search_fts`, an FTS5 table over help_case (external content, as case_fts of
 * migration 0010, which holds resolved cases only and stays as it is), kept in step by triggers
 * that fire only on the columns it indexes; `case_note_fts`, an FTS5 table holding each note's
 * text and its case id (case_event has no column holding the note alone, so it cannot be the
 * external content), written by a trigger on insert (case_event is append-only).
 *
 * PostgreSQL: GIN indexes on `to_tsvector('kb_english', …)` of the same text (the configuration
 * of migration 0010): one over the case's text joined, one partial index over the notes. The
 * queries must spell each expression exactly as here to use its index (see CASE_TEXT_VECTOR and
 * NOTE_VECTOR in case-search-sql.ts).
 *
 * Plain indexes (declared in the entity too): received_at with id for the default order and its
 * tie-break, resolved_at for that sort.
 */
export class CaseSearch1765411200000 implements MigrationInterface {
  name = 'CaseSearch1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_case_received ON help_case (received_at, id)');
    await q.query('CREATE INDEX idx_case_resolved ON help_case (resolved_at)');
    if (isPostgres(q)) {
      await q.query(
        `CREATE INDEX idx_case_text_fts ON help_case USING gin (to_tsvector('kb_english', summary || ' ' || description || ' ' || coalesce(resolution_notes, '')))`,
      );
      await q.query(`CREATE INDEX idx_case_note_fts ON case_event USING gin (to_tsvector('kb_english', coalesce(detail::jsonb ->> 'note', ''))) WHERE kind = 'note'`);
      await q.query('ANALYZE help_case');
      await q.query('ANALYZE case_event');
      return;
    }

    const tokenize = `tokenize = 'porter unicode61 remove_diacritics 2'`;
    const columns = 'summary, description, resolution_notes';
    const values = (row: 'new' | 'old') => `${row}.summary, ${row}.description, ${row}.resolution_notes`;
    await q.query(`CREATE VIRTUAL TABLE case_search_fts USING fts5(${columns}, content='help_case', content_rowid='id', ${tokenize})`);
    await q.query(`CREATE TRIGGER case_search_fts_insert AFTER INSERT ON help_case BEGIN
      INSERT INTO case_search_fts(rowid, ${columns}) VALUES (new.id, ${values('new')}); END`);
    await q.query(`CREATE TRIGGER case_search_fts_delete AFTER DELETE ON help_case BEGIN
      INSERT INTO case_search_fts(case_search_fts, rowid, ${columns}) VALUES ('delete', old.id, ${values('old')}); END`);
    await q.query(`CREATE TRIGGER case_search_fts_update AFTER UPDATE OF ${columns} ON help_case BEGIN
      INSERT INTO case_search_fts(case_search_fts, rowid, ${columns}) VALUES ('delete', old.id, ${values('old')});
      INSERT INTO case_search_fts(rowid, ${columns}) VALUES (new.id, ${values('new')}); END`);
    await q.query(`INSERT INTO case_search_fts(case_search_fts) VALUES ('rebuild')`);

    // rowid = the event's id; the case id rides along unindexed so a match names its case without a join.
    await q.query(`CREATE VIRTUAL TABLE case_note_fts USING fts5(note, case_id UNINDEXED, ${tokenize})`);
    await q.query(`CREATE TRIGGER case_note_fts_insert AFTER INSERT ON case_event WHEN new.kind = 'note' BEGIN
      INSERT INTO case_note_fts(rowid, note, case_id) VALUES (new.id, coalesce(json_extract(new.detail, '$.note'), ''), new.case_id); END`);
    // case_event refuses deletes today; should a case's events ever go (a case deleted), its notes leave the index with them.
    await q.query(`CREATE TRIGGER case_note_fts_delete AFTER DELETE ON case_event WHEN old.kind = 'note' BEGIN
      DELETE FROM case_note_fts WHERE rowid = old.id; END`);
    // An upgraded database already has notes.
    await q.query(
      `INSERT INTO case_note_fts(rowid, note, case_id) SELECT id, coalesce(json_extract(detail, '$.note'), ''), case_id FROM case_event WHERE kind = 'note'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS idx_case_received');
    await q.query('DROP INDEX IF EXISTS idx_case_resolved');
    if (isPostgres(q)) {
      await q.query('DROP INDEX IF EXISTS idx_case_text_fts');
      await q.query('DROP INDEX IF EXISTS idx_case_note_fts');
      return;
    }
    for (const t of ['case_search_fts_insert', 'case_search_fts_delete', 'case_search_fts_update', 'case_note_fts_insert', 'case_note_fts_delete']) {
      await q.query(`DROP TRIGGER IF EXISTS ${t}`);
    }
    await q.query('DROP TABLE IF EXISTS case_search_fts');
    await q.query('DROP TABLE IF EXISTS case_note_fts');
  }
}
