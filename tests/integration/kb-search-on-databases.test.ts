/**
 * Knowledge search on a real SQLite file and a real PostgreSQL database: what it finds (stems,
 * the word being typed, typos, synonyms, accents), how it orders (title before body, more words
 * before fewer, the call's category first), what it never suggests (drafts, retired articles,
 * cases not resolved), that its indexes follow every change (edits, resolving, reopening, an
 * upgraded database), and that no input makes it throw.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/data-source';
import { isPostgres } from '../../electron/core/db/dialect';
import { ArticleEntity } from '../../electron/core/db/kb-entities';
import { EventBus } from '../../electron/core/event-bus';
import { KnowledgeSearch, type RawSuggestions } from '../../electron/core/kb/search/knowledge-search';
import { vectorSql } from '../../electron/core/kb/search/postgres-matcher';
import { DATABASE_KINDS, freshDatabase } from '../support/databases';
import { kbSearchDesk, type KbSearchDesk } from './kb-search-fixture';

describe.each(DATABASE_KINDS)('knowledge search on %s', (kind) => {
  let desk: KbSearchDesk;
  const suggest = (text: string, context: { categoryId?: number | null; buildingId?: number | null } = {}, limit = 5): Promise<RawSuggestions> =>
    desk.search.suggest(text, context, limit);
  const articleIds = async (text: string, context = {}) => (await suggest(text, context)).articles.map((a) => a.id);
  const caseIds = async (text: string, context = {}) => (await suggest(text, context)).cases.map((c) => c.caseId);

  beforeEach(async () => {
    desk = await kbSearchDesk(kind);
  });
  afterEach(async () => {
    await desk.dispose();
  });

  describe('finding', () => {
    it('matches word stems both ways: "connecting" finds "connections", "flickers" finds "flickering"', async () => {
      const wifi = await desk.article({ title: 'Laptop drops its connections', problem: 'The network connections drop every few minutes.' });
      const screen = await desk.article({ title: 'Screen flickering after docking', problem: 'The external screen keeps flickering.' });
      expect(await articleIds('connecting ')).toEqual([wifi]);
      expect(await articleIds('flickers ')).toEqual([screen]);
    });

    it('keeps Porter stems apart where they differ ("printing" is not "printer"); the print synonyms join them', async () => {
      const printed = await desk.article({ title: 'Booklets printed double-sided', problem: 'Pages come out printed on one side only.' });
      const printer = await desk.article({ title: 'Laser printer offline', problem: 'The laser printer shows offline.' });
      // Both: "printing" stems to print (the first article) and print's synonyms name the printer.
      expect((await articleIds('printing ')).sort()).toEqual([printed, printer].sort());
      // The stem itself ranks above the synonym.
      expect((await articleIds('printing '))[0]).toBe(printed);
    });

    it('treats the last word as the start of a word while it is being typed, and as a whole word after a space', async () => {
      const lamp = await desk.article({ title: 'Projector lamp replacement', problem: 'The projector lamp is dim or dark.' });
      await desk.article({ title: 'Password reset', problem: 'The password expired.' });
      expect(await articleIds('proj')).toEqual([lamp]);
      expect(await articleIds('projector la')).toEqual([lamp]);
      expect(await articleIds('proj ')).toEqual([]);
    });

    it('corrects a misspelt word to the nearest indexed one, and says so', async () => {
      const jam = await desk.article({ title: 'Printer jams on every page', problem: 'Paper jams in the tray.' });
      const found = await suggest('printr jams ');
      expect(found.articles.map((a) => a.id)).toEqual([jam]);
      expect(found.corrected).toBe('printer jams');
      // A swapped pair of letters in a long word, and a word being typed with a letter missing.
      const cam = await desk.article({ title: 'Document camera not detected', problem: 'The laptop does not see the document camera.' });
      expect(await articleIds('documnet ')).toEqual([cam]);
      const typed = await suggest('docum');
      expect(typed.articles.map((a) => a.id)).toEqual([cam]);
      expect(typed.corrected).toBeNull();
      const mistyped = await suggest('documetn camer');
      expect(mistyped.articles.map((a) => a.id)).toEqual([cam]);
      expect(mistyped.corrected).toBe('document camer');
      // Nothing to correct: no correction reported.
      expect((await suggest('printer jams ')).corrected).toBeNull();
    });

    it('does not "correct" a word the indexes hold, even one the vocabulary has not read yet', async () => {
      await desk.article({ title: 'Flux capacitor service', problem: 'The flux capacitor needs service.' });
      await suggest('flux'); // the vocabulary is read now
      const { id } = await desk.resolvedCase('Capacitr bulging on the main board', 'Replaced the capacitr on the board.');
      // Written behind the search's back (no cases.changed): only the index knows "capacitr".
      await desk.f.core.dataSource.query(`UPDATE help_case SET summary = 'Capacitr bulging on the main board' WHERE id = ${id}`);
      const found = await suggest('capacitr ');
      expect(found.corrected).toBeNull();
      expect(found.cases.map((c) => c.caseId)).toEqual([id]);
    });

    it('finds the words the desk uses for the same thing (synonyms) and shorthand', async () => {
      const projector = await desk.article({ title: 'Ceiling projector shows an orange light', problem: 'The projector will not power on.' });
      const password = await desk.article({ title: 'Expired password', problem: 'The password expired over the weekend.' });
      expect(await articleIds('beamer amber light ')).toEqual([projector]);
      expect(await articleIds('pw expired ')).toEqual([password]);
    });

    it('folds case and accents on both sides', async () => {
      const cafe = await desk.article({ title: 'Café register printer', problem: 'The CAFÉ receipt printer is offline.' });
      const resume = await desk.article({ title: 'Resume upload fails', problem: 'Teachers cannot upload a resume.' });
      expect(await articleIds('cafe ')).toEqual([cafe]);
      expect(await articleIds('RÉSUMÉ ')).toEqual([resume]);
    });
  });

  describe('ordering', () => {
    it('puts a title match before a match in the body', async () => {
      const inBody = await desk.article({ title: 'Door access overview', problem: 'Staff use the badge reader at each entrance.', category: 'Security' });
      const inTitle = await desk.article({ title: 'Badge reader offline', problem: 'The reader shows red.', category: 'Security' });
      expect(await articleIds('badge reader ')).toEqual([inTitle, inBody]);
    });

    it('puts a document matching more of the words before one matching fewer', async () => {
      const both = await desk.article({ title: 'Projector lamp dim' });
      const one = await desk.article({ title: 'Projector remote missing' });
      const other = await desk.article({ title: 'Lamp timer reset on the document camera' });
      const ids = await articleIds('projector lamp ');
      expect(ids[0]).toBe(both);
      expect(ids).toContain(one);
      expect(ids).toContain(other);
    });

    it('boosts the call’s category without filtering the others out', async () => {
      const network = await desk.article({ title: 'Wall jack dead', problem: 'No link light on the wall jack.', category: 'Network & Wi-Fi' });
      const phones = await desk.article({ title: 'Wall jack dead', problem: 'No link light on the wall jack.', category: 'Phones' });
      const phoneCategory = desk.categoryId('Phones');
      expect(await articleIds('wall jack ', { categoryId: phoneCategory })).toEqual([phones, network]);
      expect(await articleIds('wall jack ', { categoryId: desk.categoryId('Network & Wi-Fi') })).toEqual([network, phones]);
    });

    it('boosts similar cases from the same building and category', async () => {
      const lee = desk.buildingId('Lee Elementary');
      const grant = desk.buildingId('Grant Elementary');
      const atLee = await desk.resolvedCase('Smartboard pen offset', 'Recalibrated the board.', { buildingId: lee });
      const atGrant = await desk.resolvedCase('Smartboard pen offset', 'Replaced the pen tray sensor.', { buildingId: grant });
      expect(await caseIds('smartboard pen ', { buildingId: lee })).toEqual([atLee.id, atGrant.id]);
      expect(await caseIds('smartboard pen ', { buildingId: grant })).toEqual([atGrant.id, atLee.id]);
    });

    it('shows each fix once: a case solved the way a better-ranked one was makes room for another fix', async () => {
      const first = await desk.resolvedCase('Document camera image upside down', 'Flipped the image in the camera menu.');
      const same = await desk.resolvedCase('Document camera image upside down', 'flipped the image in the camera menu');
      const other = await desk.resolvedCase('Document camera image upside down', 'Reinstalled the camera driver.');
      const found = await caseIds('document camera upside ');
      expect(found).toHaveLength(2);
      expect(found).toContain(other.id);
      expect(found.filter((id) => id === first.id || id === same.id)).toHaveLength(1);
    });
  });

  describe('what intake is shown', () => {
    it('never suggests drafts or retired articles; the KB screen finds them when asked', async () => {
      const published = await desk.article({ title: 'Toner streaks on prints' });
      const draft = await desk.article({ title: 'Toner streaks on prints (draft)', state: 'draft' });
      const retired = await desk.article({ title: 'Toner streaks on old copier', state: 'retired' });
      expect(await articleIds('toner streaks ')).toEqual([published]);
      const all = await desk.search.searchArticles('toner streaks', { states: ['draft', 'published', 'retired'] }, 10, 0);
      expect(all.hits.map((h) => h.id).sort()).toEqual([published, draft, retired].sort());
      expect(all.total).toBe(3);
      const page = await desk.search.searchArticles('toner streaks', { states: ['draft', 'published', 'retired'] }, 2, 2);
      expect(page.hits).toHaveLength(1);
      expect(page.total).toBe(3);
      expect((await desk.search.searchArticles('toner', { states: ['published'], audience: 'public' }, 10, 0)).total).toBe(0);
    });

    it('suggests a case only while it is resolved, and follows edits of its summary and notes', async () => {
      const open = await desk.openCase('Gradebook weights reset');
      expect(await caseIds('gradebook weights ')).toEqual([]);
      const resolved = await desk.call<{ id: number; version: number }>('cases.transition', {
        id: open.id,
        version: open.version,
        action: 'resolve',
        notes: 'Restored the category weights from the term setup.',
      });
      expect(await caseIds('gradebook weights ')).toEqual([open.id]);
      expect(await caseIds('term setup ')).toEqual([open.id]);

      const reopened = await desk.call<{ id: number; version: number }>('cases.transition', { id: open.id, version: resolved.version, action: 'reopen', reason: 'Weights reset again' });
      expect(await caseIds('gradebook weights ')).toEqual([]);

      await desk.call('cases.transition', { id: open.id, version: reopened.version, action: 'resolve', notes: 'Locked the weights until June.' });
      expect(await caseIds('locked the weights ')).toEqual([open.id]);
      expect(await caseIds('term setup ')).toEqual([]);

      // Edited by hand (as a fix-up would): the index follows the row, the vocabulary the event.
      await desk.f.core.dataSource.query(`UPDATE help_case SET summary = 'Report card totals wrong' WHERE id = ${open.id}`);
      desk.f.core.events.publish('cases.changed', { caseId: open.id, version: 99, change: 'updated' });
      expect(await caseIds('gradebook ')).toEqual([]);
      expect(await caseIds('report card totals ')).toEqual([open.id]);
    });

    it('fills each similar case: number, how it was solved, where, and the articles it cited', async () => {
      const article = await desk.article({ title: 'Voicemail PIN reset', category: 'Phones' });
      const opened = await desk.openCase('Forgot my voicemail PIN', { categoryId: desk.categoryId('Phones'), buildingId: desk.buildingId('Lee Elementary') });
      await desk.call('cases.transition', { id: opened.id, version: opened.version, action: 'resolve', notes: 'Reset the PIN.', articleId: article });
      const [found] = (await suggest('voicemail pin ')).cases;
      expect(found).toEqual({
        caseId: opened.id,
        caseNumber: `DW-${String(opened.id).padStart(6, '0')}`,
        summary: 'Forgot my voicemail PIN',
        resolutionNotes: 'Reset the PIN.',
        resolvedAt: new Date(desk.f.clock.now()).toISOString(),
        categoryName: 'Phones',
        buildingName: 'Lee Elementary',
        articleIds: [article],
      });
    });

    it('shows a plain-text excerpt around what matched, without the body’s Markdown', async () => {
      const id = await desk.article({
        title: 'Outlook messages stay in the Outbox',
        problem: '# Symptoms\n\nMessages **stay** in the _Outbox_. See [the guide](https://example.org/guide) and `outlook.exe /safe`.\n\n<b>Raw tag</b>',
        solution: `1. Close Outlook.\n2. ${'Check the add-ins list carefully. '.repeat(12)}\n3. Rebuild the **mail profile** from the Control Panel.\n\n\`\`\`\ncontrol mlcfg32.cpl\n\`\`\``,
      });
      const [hit] = (await suggest('mail profile ')).articles;
      expect(hit?.id).toBe(id);
      expect(hit?.excerpt).toContain('Rebuild the mail profile from the Control Panel');
      expect(hit?.excerpt.length).toBeLessThanOrEqual(202);
      const [top] = (await suggest('outbox ')).articles;
      // The sentence that matched, from its start: the heading before it is left out.
      expect(top?.excerpt).toMatch(/^…Messages stay in the Outbox\. See the guide and outlook\.exe \/safe\. Raw tag Close Outlook\./);
      for (const excerpt of [hit?.excerpt, top?.excerpt]) expect(excerpt).not.toMatch(/[#*_`<>[\]]|\]\(|https?:/);
    });

    it('suggests nothing for blank text, even with a category and building', async () => {
      await desk.article({ title: 'Printer offline' });
      expect(await suggest('   ', { categoryId: desk.categoryId('Printing'), buildingId: desk.buildingId('Lee Elementary') })).toEqual({ articles: [], cases: [], corrected: null });
    });

    it('finds an article written without an event (another process on the same database), at the next search', async () => {
      const first = await desk.article({ title: 'Laminator jams' });
      expect(await articleIds('laminator ')).toEqual([first]);
      const repo = desk.f.core.dataSource.getRepository(ArticleEntity);
      const row = await repo.findOneByOrFail({ id: first });
      const { id: _id, ...fields } = row;
      const second = (await repo.save({ ...fields, title: 'Laminator film wraps the rollers', createdAt: row.createdAt + 1, updatedAt: row.updatedAt + 1 })).id;
      expect((await articleIds('laminator ')).sort()).toEqual([first, second].sort());
      expect(await articleIds('lamina')).toHaveLength(2);
    });

    it('reads everything again when the connection to the other consoles’ events comes back (what they changed meanwhile was not heard)', async () => {
      await desk.article({ title: 'Stapler jams' });
      const { id } = await desk.openCase('Stapler jammed in the office');
      expect(await caseIds('stapler ')).toEqual([]);
      // Resolved by another console while this one's event connection was down: no event arrives.
      await desk.f.core.dataSource.query(`UPDATE help_case SET status = 'resolved', resolved_at = 5, resolution_notes = 'Cleared it.' WHERE id = ${id}`);
      expect(await caseIds('stapler ')).toEqual([]);
      desk.f.core.events.publish('live.status', { state: 'live' });
      expect(await caseIds('stapler ')).toEqual([id]);
    });

    it('follows article edits: the old words no longer find it, the new ones do', async () => {
      const id = await desk.article({ title: 'Chromebook cart not charging', problem: 'Devices dead after the night.' });
      expect(await articleIds('cart ')).toEqual([id]);
      await desk.editArticle(id, { title: 'Charging cabinet power strip', problem: 'The strip tripped overnight.' });
      expect(await articleIds('overnight ')).toEqual([id]);
      expect(await articleIds('night ')).toEqual([]);
      await desk.editArticle(id, { state: 'retired' });
      expect(await articleIds('overnight ')).toEqual([]);
    });
  });

  it('never throws on odd input, and finds nothing in only stop words', async () => {
    await desk.article({ title: 'Printer offline', problem: 'The printer shows offline: check the cable (USB) & power!' });
    await desk.resolvedCase('Printer offline in the library', 'Reconnected the USB cable.');
    const odd = [
      '"',
      '"printer',
      'printer*',
      '*',
      'printer:offline',
      'title:printer',
      '{title}: printer',
      'printer & offline',
      '!printer',
      '(printer) OR (offline',
      'NEAR(printer offline)',
      'printer AND OR NOT',
      "'; DROP TABLE kb_article; --",
      'printer\\ offline -cable +power ^x ~y',
      '🖨️ printer 😡',
      '打印机 無法列印',
      'x'.repeat(10_000),
      `printer ${'offline '.repeat(1_250)}`,
      'the my is not it in on room please help issue problem',
      '\u0000\u0007 printer',
    ];
    for (const text of odd) {
      const found = await suggest(text);
      expect(Array.isArray(found.articles) && Array.isArray(found.cases), text.slice(0, 40)).toBe(true);
      const page = await desk.search.searchArticles(text, { states: ['published'] }, 10, 0);
      expect(page.total, text.slice(0, 40)).toBeGreaterThanOrEqual(page.hits.length);
    }
    expect(await suggest('the my is not it in on room please help issue problem')).toEqual({ articles: [], cases: [], corrected: null });
    expect((await suggest('(printer) OR (offline')).articles).toHaveLength(1);
    expect((await suggest("'; DROP TABLE kb_article; --")).articles).toEqual([]);
    expect(await desk.f.core.dataSource.query('SELECT count(*) AS n FROM kb_article')).toEqual([{ n: isPostgres(desk.f.core.dataSource) ? '1' : 1 }]);
  });
});

describe.each(DATABASE_KINDS)('knowledge search indexes on %s', (kind) => {
  it('index what an upgraded database already holds (migration 0010 fills them)', async () => {
    const db = await freshDatabase(kind);
    const ds = await openDatabase(db.config);
    try {
      await ds.undoLastMigration();
      await ds.query(`INSERT INTO caller (name, created_at, updated_at, search_text) VALUES ('Rosa Diaz', 0, 0, ' rosa diaz ')`);
      await ds.query(`INSERT INTO help_case (caller_id, summary, priority, status, channel, received_at, created_at, updated_at, resolved_at, resolution_notes)
                      VALUES (1, 'Laminator jammed in the workroom', 3, 'closed', 'phone', 0, 0, 0, 10, 'Cleared the rollers.'),
                             (1, 'Laminator jammed again', 3, 'new', 'phone', 0, 0, 0, NULL, NULL)`);
      await ds.query(`INSERT INTO kb_article (title, problem, solution, systems, audience, state, version, created_at, updated_at)
                      VALUES ('Laminator jams', 'Film wraps the rollers.', 'Cool it down first.', '[]', 'staff', 'published', 1, 0, 0)`);
      await ds.runMigrations();
      const search = new KnowledgeSearch(ds, new EventBus(), { warmUpAfterMs: null });
      try {
        const found = await search.suggest('laminating rollers ', {}, 5);
        expect(found.articles.map((a) => a.id)).toEqual([1]);
        expect(found.cases.map((c) => c.caseId)).toEqual([1]);
      } finally {
        search.close();
      }
    } finally {
      await ds.destroy();
      await db.dispose();
    }
  });

  it.runIf(kind === 'postgres')('are what the queries ask for: each field’s expression uses its GIN index', async () => {
    const db = await freshDatabase(kind);
    const ds = await openDatabase(db.config);
    try {
      const plan = async (table: string, field: Parameters<typeof vectorSql>[0], where = '') => {
        const runner = ds.createQueryRunner();
        try {
          await runner.query('BEGIN; SET LOCAL enable_seqscan = off');
          const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN SELECT id FROM ${table} WHERE ${where}${vectorSql(field)} @@ to_tsquery('kb_english', 'printer')`);
          await runner.query('ROLLBACK');
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await runner.release();
        }
      };
      for (const field of ['title', 'problem', 'systems', 'solution'] as const) expect(await plan('kb_article', field)).toContain(`idx_kb_article_${field}_fts`);
      expect(await plan('help_case', 'summary', 'resolved_at IS NOT NULL AND ')).toContain('idx_case_summary_fts');
      expect(await plan('help_case', 'resolution_notes', 'resolved_at IS NOT NULL AND ')).toContain('idx_case_resolution_fts');
    } finally {
      await ds.destroy();
      await db.dispose();
    }
  });
});
