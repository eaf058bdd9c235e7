import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallerSearchResult, DirectoryLists } from '../../shared/contract';
import { CallerEntity } from '../../electron/core/db/entities';
import { coreFixture, type CoreFixture } from '../support/core-fixture';
import { DATABASE_KINDS } from '../support/databases';

describe.each(DATABASE_KINDS)('caller search at a real desk on %s', (kind) => {
  let f: CoreFixture;
  let actorId: number;
  let lists: DirectoryLists;
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await f.core.dispatch(channel, input, { actorId });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const search = (query: string, limit?: number) => call<CallerSearchResult>('callers.search', { query, ...(limit ? { limit } : {}) });
  const names = async (query: string) => (await search(query)).callers.map((c) => c.name).sort();

  beforeEach(async () => {
    f = await coreFixture(kind);
    actorId = (await f.staff('agent')).id;
    lists = await call<DirectoryLists>('directory.lists', {});
    await call('callers.create', { name: 'Dana Local', phone: '573-552-0444' });
    await call('callers.create', { name: 'Eli Intl', phone: '+1 (573) 214-7788' });
    await call('callers.create', { name: 'Fay Trunk', phone: '1-573-886-1200' });
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('finds a caller stored as 573-552-0444 by the E.164 form a phone system sends, and by any other US form', async () => {
    for (const query of ['+15735520444', '+1 (573) 552-0444', '1-573-552-0444', '15735520444', '(573) 552-0444', '5735520444', '552-0444', '+1 573']) {
      expect({ query, names: await names(query) }).toEqual({ query, names: query === '+1 573' ? ['Dana Local', 'Eli Intl', 'Fay Trunk'] : ['Dana Local'] });
    }
  });

  it('finds callers stored with a country code by the number without it, and with it', async () => {
    expect(await names('573-214-7788')).toEqual(['Eli Intl']);
    expect(await names('+15732147788')).toEqual(['Eli Intl']);
    expect(await names('573.886.1200')).toEqual(['Fay Trunk']);
    expect(await names('+1 573 886 1200')).toEqual(['Fay Trunk']);
  });

  it('still finds a caller saved before numbers were stored without their country code', async () => {
    // Search text as an earlier version wrote it: the raw digits, country code included.
    const repo = f.core.dataSource.getRepository(CallerEntity);
    const eli = await repo.findOneByOrFail({ name: 'Eli Intl' });
    await repo.update({ id: eli.id }, { searchText: ' eli intl 15732147788 2147788' });
    expect(await names('573-214-7788')).toEqual(['Eli Intl']);
    expect(await names('+15732147788')).toEqual(['Eli Intl']);
  });

  it('counts every match, not only the page it returns', async () => {
    const cedar = lists.buildings.find((b) => b.name === 'Cedar Ridge Elementary')?.id;
    for (let i = 0; i < 30; i += 1) await call('callers.create', { name: `Teacher ${String(i).padStart(2, '0')}`, buildingId: cedar });
    const page = await search('cedar ridge', 8);
    expect(page.callers).toHaveLength(8);
    expect(page.total).toBe(30);
    expect((await search('5735520444', 8)).total).toBe(1);
    expect(await search('nobody here')).toEqual({ callers: [], total: 0 });
  });
});
