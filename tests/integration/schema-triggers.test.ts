import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../electron/core/db/data-source';
import { isPostgres } from '../../electron/core/db/dialect';
import { addColumnInPlace } from '../../electron/core/db/migrations/add-column';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';
import { expectedTriggers, hasCallerSearchIndex, refusal, triggerNames } from './schema-probes';

/**
 * Triggers are part of the schema TypeORM does not see: a table rebuild (TypeORM's SQLite
 * `addColumn`) drops them without a word. These tests keep them in sight.
 */
describe.each(DATABASE_KINDS)('triggers on %s', (kind) => {
  let db: FreshDatabase;
  let ds: DataSource;

  beforeEach(async () => {
    db = await freshDatabase(kind);
    ds = await openDatabase(db.config);
    await ds.query(`INSERT INTO staff_member (name, role, active, created_at) VALUES ('Pat Agent', 'agent', true, 0)`);
    await ds.query(`INSERT INTO caller (name, created_at, updated_at, search_text) VALUES ('Rosa Diaz', 0, 0, ' rosa diaz ')`);
    await ds.query(`INSERT INTO help_case (caller_id, summary, priority, status, channel, received_at, created_at, updated_at) VALUES (1, 'Projector dead', 3, 'new', 'phone', 0, 0, 0)`);
    await ds.query(`INSERT INTO case_event (case_id, actor_id, kind, at, detail) VALUES (1, 1, 'created', 0, '{}')`);
  });
  afterEach(async () => {
    await ds.destroy();
    await db.dispose();
  });

  /** Caller ids the SQLite search index finds for a word (PostgreSQL searches the table itself). */
  const ftsHits = async (word: string) => ((await ds.query(`SELECT rowid AS id FROM caller_fts WHERE caller_fts MATCH ?`, [`"${word}"*`])) as { id: number }[]).map((r) => r.id);

  const expectSchemaExtrasIntact = async () => {
    expect(await triggerNames(ds)).toEqual(expectedTriggers(ds));
    expect(await hasCallerSearchIndex(ds)).toBe(true);
    expect(await refusal(ds, `UPDATE case_event SET reason = 'tampered'`)).toMatch(/append-only/);
    expect(await refusal(ds, `DELETE FROM case_event`)).toMatch(/append-only/);
    expect(await ds.query(`SELECT COUNT(*) AS n FROM case_event`)).toEqual([{ n: isPostgres(ds) ? '1' : 1 }]);
    if (!isPostgres(ds)) {
      await ds.query(`UPDATE caller SET search_text = ' rosa diaz-ortiz ortiz ' WHERE id = 1`);
      expect(await ftsHits('ortiz')).toEqual([1]);
      await ds.query(`INSERT INTO caller (name, created_at, updated_at, search_text) VALUES ('Omar Ortiz', 0, 0, ' omar ortiz ')`);
      expect(await ftsHits('ortiz')).toEqual([1, 2]);
    }
  };

  it('after every migration: the search index triggers and the audit log guard are there, and the log refuses change and deletion', async () => {
    await expectSchemaExtrasIntact();
  });

  it('a column added the way migrations must add one keeps every trigger and index', async () => {
    const q = ds.createQueryRunner();
    try {
      await addColumnInPlace(q, 'caller', { name: 'pronouns', type: 'varchar(40)' });
      await addColumnInPlace(q, 'case_event', { name: 'source', type: 'varchar(16)', nullable: false, default: `'desk'` });
      await addColumnInPlace(q, 'help_case', { name: 'escalated', type: 'boolean', nullable: false, default: 'false' });
    } finally {
      await q.release();
    }
    expect(await ds.query(`SELECT source FROM case_event`)).toEqual([{ source: 'desk' }]);
    await expectSchemaExtrasIntact();
    await expect(addColumnInPlace(ds.createQueryRunner(), 'caller', { name: 'badge', type: 'text', nullable: false })).rejects.toThrow(/give it a default/);
  });
});
