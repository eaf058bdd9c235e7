import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallerSearchResult, DirectoryLists, ImportReport } from '../../shared/contract';
import type { CallerCard } from '../../shared/domain';
import { startCore } from '../../electron/core/core';
import { coreFixture, newCaseInput, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

describe.each(DATABASE_KINDS)('caller directory on %s', (kind) => {
  let f: CoreFixture;
  let actorId: number;
  let lists: DirectoryLists;
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await f.core.dispatch(channel, input, { actorId });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const buildingId = (name: string) => lists.buildings.find((b) => b.name === name)?.id as number;
  const search = async (query: string) => (await call<CallerSearchResult>('callers.search', { query })).callers.map((h) => h.name);

  beforeEach(async () => {
    f = await coreFixture(kind);
    actorId = (await f.staff('agent')).id;
    lists = await call<DirectoryLists>('directory.lists', {});
    await call('callers.create', { name: 'José Álvarez', email: 'JAlvarez@cpsk12.org', phone: '(573) 214-3333', extension: '25888', buildingId: buildingId('Hickman High School'), room: '114', role: 'teacher' });
    await call('callers.create', { name: 'John Smith', email: 'jsmith@cpsk12.org', extension: '41020', buildingId: buildingId('Battle High School'), department: 'Science' });
    await call('callers.create', { name: 'Jane Smith', email: 'jane.smith@cpsk12.org', extension: '41021', buildingId: buildingId('Lee Elementary'), department: 'Library' });
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('starts with the default buildings and categories', () => {
    expect(lists.buildings.length).toBeGreaterThanOrEqual(20);
    expect(lists.categories.map((c) => c.name)).toContain('Printing');
  });

  it('finds a caller by any word of the name in any order, accents ignored', async () => {
    expect(await search('alvarez jose')).toEqual(['José Álvarez']);
    expect(await search('ÁLV')).toEqual(['José Álvarez']);
    expect((await search('smith')).sort()).toEqual(['Jane Smith', 'John Smith']);
    expect(await search('smith ja')).toEqual(['Jane Smith']);
  });

  it('finds a caller by extension, phone in any format, email or building', async () => {
    expect(await search('25888')).toEqual(['José Álvarez']);
    expect(await search('573.214.3333')).toEqual(['José Álvarez']);
    expect(await search('214-3333')).toEqual(['José Álvarez']);
    expect(await search('jsmith@cpsk12')).toEqual(['John Smith']);
    expect(await search('battle')).toEqual(['John Smith']);
    expect(await search('')).toEqual([]);
  });

  it('shows enough to tell two Smiths apart', async () => {
    const { callers: hits } = await call<CallerSearchResult>('callers.search', { query: 'smith' });
    expect(hits.map((h) => [h.name, h.buildingName, h.department, h.extension]).sort()).toEqual([
      ['Jane Smith', 'Lee Elementary', 'Library', '41021'],
      ['John Smith', 'Battle High School', 'Science', '41020'],
    ]);
  });

  it('keeps search in step with edits and refuses a second caller with the same email', async () => {
    const [john] = (await call<CallerSearchResult>('callers.search', { query: 'john smith' })).callers;
    await call('callers.update', { id: john?.id, name: 'Jonathan Smythe', email: 'jsmith@cpsk12.org' });
    expect(await search('smythe')).toEqual(['Jonathan Smythe']);
    expect(await search('john')).toEqual([]);
    const dup = await f.core.dispatch('callers.create', { name: 'Someone', email: 'JSMITH@cpsk12.org' }, { actorId });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', field: 'email' } });
    const badPhone = await f.core.dispatch('callers.create', { name: 'Someone', phone: 'call me' }, { actorId });
    expect(badPhone).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'phone' } });
  });

  it('keeps one caller per email and per employee id when two consoles save at once: one is saved, the other told who has it', async () => {
    const other = await startCore({ database: f.db.config, clock: f.clock, log: () => undefined });
    try {
      const otherActor = (await other.services.staff.create({ name: 'Second Desk', role: 'agent' })).id;
      const rounds = [
        { field: 'email', inputs: [{ name: 'Dana Reyes', email: 'dreyes@cpsk12.org' }, { name: 'Dana R. Reyes', email: 'DReyes@cpsk12.org' }] },
        { field: 'employeeId', inputs: [{ name: 'Lou Park', employeeId: 'E7001' }, { name: 'Louis Park', employeeId: 'E7001' }] },
      ];
      for (const { field, inputs } of rounds) {
        const results = await Promise.all([
          f.core.dispatch('callers.create', inputs[0], { actorId }),
          other.dispatch('callers.create', inputs[1], { actorId: otherActor }),
        ]);
        const saved = results.filter((r) => r.ok);
        const refused = results.filter((r) => !r.ok);
        expect(saved, JSON.stringify(results)).toHaveLength(1);
        const savedName = (saved[0]?.ok && (saved[0].value as { name: string }).name) || '';
        const label = field === 'email' ? 'email' : 'employee id';
        expect(refused[0]).toMatchObject({ ok: false, error: { code: 'conflict', field, message: `A caller with this ${label} already exists: ${savedName}` } });
      }
      expect((await call<CallerSearchResult>('callers.search', { query: 'dreyes' })).total).toBe(1);
      expect((await call<CallerSearchResult>('callers.search', { query: 'E7001' })).total).toBe(1);

      const [jane] = (await call<CallerSearchResult>('callers.search', { query: 'jane smith' })).callers;
      const stolen = await other.dispatch('callers.update', { id: jane?.id, name: 'Jane Smith', email: 'JAlvarez@cpsk12.org' }, { actorId: otherActor });
      expect(stolen).toMatchObject({ ok: false, error: { code: 'conflict', field: 'email', message: 'A caller with this email already exists: José Álvarez' } });
      await call('callers.update', { id: jane?.id, name: 'Jane Smith', email: 'Jane.Smith@cpsk12.org', employeeId: 'E7003' });
    } finally {
      await other.close();
    }
    // Two SQLite connections in one process: the second one's busy wait blocks the thread until its
    // timeout (5 s) before the first can commit, so each collision here costs about 5 s.
  }, 60_000);

  it('refuses a caller file that would give two callers one employee id, and changes nothing', async () => {
    const header = 'Full Name,E-mail,Employee ID';
    await call<ImportReport>('callers.import', { csv: `${header}
Ann Lee,alee@cpsk12.org,E100
Bo Diaz,bdiaz@cpsk12.org,E200` });
    const result = await f.core.dispatch('callers.import', { csv: `${header}
Ann Lee,alee@cpsk12.org,E200
Cy Fox,cfox@cpsk12.org,` }, { actorId });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', field: 'csv', message: expect.stringContaining('employee id') } });
    expect(await search('cfox')).toEqual([]);
  });

  it('shows open and recent cases on the caller card, and flags repeats', async () => {
    const [jose] = (await call<CallerSearchResult>('callers.search', { query: 'jose' })).callers;
    const printing = lists.categories.find((c) => c.name === 'Printing')?.id;
    for (const summary of ['Printer offline', 'Printer jams', 'Toner streaks']) {
      await call('cases.create', newCaseInput({ callerName: undefined, callerId: jose?.id, categoryId: printing, summary }));
      f.clock.advance(3 * 24 * 3600_000);
    }
    const card = await call<CallerCard>('callers.card', { id: jose?.id });
    expect(card.caller).toMatchObject({ name: 'José Álvarez', buildingName: 'Hickman High School', email: 'jalvarez@cpsk12.org' });
    expect(card.openCases.map((c) => c.summary)).toEqual(['Toner streaks', 'Printer jams', 'Printer offline']);
    expect(card.repeats).toEqual([expect.objectContaining({ count: 3, text: '3rd printing case in 30 days' })]);
    const [hit] = (await call<CallerSearchResult>('callers.search', { query: 'jose' })).callers;
    expect(hit?.openCaseCount).toBe(3);
  });

  describe('CSV import', () => {
    const csv = (rows: string[]) => ['Full Name,E-mail,Phone,Ext,School,Room,Dept,Title,Employee ID', ...rows].join('\n');

    it('imports by header, and updates callers matched by email or employee id instead of duplicating', async () => {
      const first = await call<ImportReport>('callers.import', {
        csv: csv(['Ann Lee,alee@cpsk12.org,573-555-0101,30001,Lee Elementary,12,Office,Secretary,E100', 'Bo Diaz,,,30002,Career Center,,,,E200']),
      });
      expect(first).toMatchObject({ rejected: false, created: 2, updated: 0, skipped: 0 });
      const again = await call<ImportReport>('callers.import', {
        csv: csv(['Ann Lee-Park,ALEE@cpsk12.org,,30001,Lee Elementary,14,Office,Principal,', 'Bo Diaz,bdiaz@cpsk12.org,,30002,Career Center,,,,E200']),
      });
      expect(again).toMatchObject({ rejected: false, created: 0, updated: 2 });
      expect(await search('ann lee park')).toEqual(['Ann Lee-Park']);
      expect(await search('bdiaz')).toEqual(['Bo Diaz']);
    });

    it('imports nothing when any row is bad, naming each line and reason', async () => {
      const report = await call<ImportReport>('callers.import', {
        csv: csv(['Good Person,good@cpsk12.org,,,,,,,', ',nobody@cpsk12.org,,,,,,,', 'Cal Ray,not-an-email,,,,,,,', 'Dee Fox,,,,Atlantis High,,,,']),
      });
      expect(report.rejected).toBe(true);
      expect(report.created).toBe(0);
      expect(report.problems).toEqual([
        { line: 3, reason: 'Name is required' },
        { line: 4, reason: 'Email must look like name@example.org' },
        { line: 5, reason: 'unknown building "Atlantis High"' },
      ]);
      expect(await search('good')).toEqual([]);
    });

    it('with skip-invalid imports the good rows and reports what it skipped', async () => {
      const report = await call<ImportReport>('callers.import', {
        csv: csv(['Good Person,good@cpsk12.org,,,,,,,', 'Cal Ray,not-an-email,,,,,,,']),
        skipInvalid: true,
      });
      expect(report).toMatchObject({ rejected: false, created: 1, skipped: 1, problems: [{ line: 3 }] });
      expect(report.message).toContain('Skipped 1 bad row');
      expect(await search('good person')).toEqual(['Good Person']);
    });

    it('refuses a file without a name column', async () => {
      const report = await call<ImportReport>('callers.import', { csv: 'Email,Phone\na@b.org,1234567' });
      expect(report).toMatchObject({ rejected: true, problems: [{ line: 1, reason: expect.stringContaining('no name column') }] });
    });
  });
});
