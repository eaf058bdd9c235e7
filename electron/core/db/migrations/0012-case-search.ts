import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isPostgres } from '../dialect';

/** A case's work notes, oldest first, as one text (SQLite). */
const NOTES_OF = (caseId: string) =>
  `coalesce((SELECT group_concat(json_extract(e.detail, '$.note'), ' ') FROM (SELECT detail FROM case_event WHERE case_id = ${caseId} AND kind = 'note' ORDER BY id) e), '')`;

/**
 * The case search (electron/core/reports/case-search.ts) over every case, open or closed: its
 * words, and the plain indexes its sorts and filters need at a million cases.
 *
 * Words live in two places: the case's own text (summary, description, resolution notes) and its
 * work notes (case_event rows of kind 'note', the note in their detail JSON). A case matches
 * when every word is somewhere in it, in either place.
 *
 * SQLite: one FTS5 document per case holding both, `case_search_fts` (contentless, rows deleted by
 * rowid = the case id), so a search is one MATCH whose AND FTS5 answers from its own doclists.
 * Triggers rebuild a case's document when its text changes or a note is added (a case has a
 * handful of notes: cheap). Migration 0010's case_fts (resolved cases, for the knowledge base)
 * stays as it is.
 *
 * PostgreSQL: GIN indexes on `to_tsvector('kb_english', …)` of the same text (the configuration
 * of migration 0010): one over the case's text joined, one partial index over the notes (an
 * expression index cannot reach into another table); a word is looked up in both. The
 * queries must spell each expression exactly as here to use its index (see CASE_TEXT_VECTOR and
 * NOTE_VECTOR in case-search-sql.ts).
 *
 * Plain indexes (declared in the entity too). A lookup of a case's row costs more than a
 * thousand index entries read (its text makes rows wide), so the two that serve the search carry
 * every field it filters on and are read alone:
 * - idx_case_received: the default order (received, ties by id), walked newest first while the
 *   fields (and a word match, by id) are checked in the index;
 * - idx_case_filters: the fields, fewest values first, then received: counts by any mix of fields
 *   (SQLite skips over the leading columns not asked for) and small matches sorted by received.
 * No index on resolved_at alone: PostgreSQL's planner would take it for the knowledge search's
 * `resolved_at IS NOT NULL` instead of the text indexes (the resolved sort reads the matches).
 */
const RECEIVED_INDEX = ['received_at', 'id', 'priority', 'channel', 'status', 'building_id', 'category_id', 'assignee_id'];
const FILTERS_INDEX = ['priority', 'channel', 'status', 'building_id', 'category_id', 'assignee_id', 'received_at'];

export class CaseSearch1765411200000 implements MigrationInterface {
  name = 'CaseSearch1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_case_received ON help_case (${RECEIVED_INDEX.join(', ')})`);
    await q.query(`CREATE INDEX idx_case_filters ON help_case (${FILTERS_INDEX.join(', ')})`);
    if (isPostgres(q)) {
      await q.query(
        `CREATE INDEX idx_case_text_fts ON help_case USING gin (to_tsvector('kb_english', summary || ' ' || description || ' ' || coalesce(resolution_notes, '')))`,
      );
      await q.query(`CREATE INDEX idx_case_note_fts ON case_event USING gin (to_tsvector('kb_english', coalesce(detail::jsonb ->> 'note', ''))) WHERE kind = 'note'`);
      await q.query('ANALYZE help_case');
      await q.query('ANALYZE case_event');
      return;
    }

    // Contentless (the words only, no second copy of the text) with deletes by rowid: a row is replaced whole whenever its case's text or notes change.
    await q.query(`CREATE VIRTUAL TABLE case_search_fts USING fts5(summary, description, resolution_notes, notes,
      content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2')`);
    const reindex = (caseId: string) => `DELETE FROM case_search_fts WHERE rowid = ${caseId};
      INSERT INTO case_search_fts(rowid, summary, description, resolution_notes, notes)
        SELECT c.id, c.summary, c.description, c.resolution_notes, ${NOTES_OF('c.id')} FROM help_case c WHERE c.id = ${caseId};`;
    await q.query(`CREATE TRIGGER case_search_fts_insert AFTER INSERT ON help_case BEGIN
      INSERT INTO case_search_fts(rowid, summary, description, resolution_notes, notes) VALUES (new.id, new.summary, new.description, new.resolution_notes, ''); END`);
    await q.query(`CREATE TRIGGER case_search_fts_update AFTER UPDATE OF summary, description, resolution_notes ON help_case BEGIN ${reindex('new.id')} END`);
    await q.query(`CREATE TRIGGER case_search_fts_delete AFTER DELETE ON help_case BEGIN DELETE FROM case_search_fts WHERE rowid = old.id; END`);
    await q.query(`CREATE TRIGGER case_search_fts_note AFTER INSERT ON case_event WHEN new.kind = 'note' BEGIN ${reindex('new.case_id')} END`);
    // An upgraded database already has cases and notes.
    await q.query(`INSERT INTO case_search_fts(rowid, summary, description, resolution_notes, notes)
      SELECT c.id, c.summary, c.description, c.resolution_notes, ${NOTES_OF('c.id')} FROM help_case c`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS idx_case_received');
    await q.query('DROP INDEX IF EXISTS idx_case_filters');
    if (isPostgres(q)) {
      await q.query('DROP INDEX IF EXISTS idx_case_text_fts');
      await q.query('DROP INDEX IF EXISTS idx_case_note_fts');
      return;
    }
    for (const t of ['case_search_fts_insert', 'case_search_fts_update', 'case_search_fts_delete', 'case_search_fts_note']) await q.query(`DROP TRIGGER IF EXISTS ${t}`);
    await q.query('DROP TABLE IF EXISTS case_search_fts');
  }
}
