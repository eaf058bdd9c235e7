import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { latestSearch } from '../../../renderer/src/stores/latest-search';

type Answer = Result<{ names: string[]; count: number }>;

/** A search whose answers the test hands out by hand, in any order. */
function controlled() {
  const pending = new Map<string, (answer: Answer) => void>();
  const search = latestSearch(
    (words: string) => new Promise<Answer>((resolve) => pending.set(words, resolve)),
    (value) => ({ hits: value.names, total: value.count }),
    '',
  );
  const answer = (words: string, result: Answer) => {
    const resolve = pending.get(words);
    if (!resolve) throw new Error(`no search for “${words}” is waiting`);
    resolve(result);
  };
  return { search, answer };
}

describe('latestSearch', () => {
  it('shows the latest request’s answer only: an older one arriving late is dropped', async () => {
    const { search, answer } = controlled();
    const older = search.search('sm');
    const latest = search.search('smi');
    answer('smi', { ok: true, value: { names: ['Smith'], count: 3 } });
    await latest;
    answer('sm', { ok: true, value: { names: ['Small', 'Smith'], count: 9 } });
    await older;
    expect(search.hits.value).toEqual(['Smith']);
    expect(search.total.value).toBe(3);
    expect(search.answered.value).toBe('smi');
    expect(search.searching.value).toBe(false);
  });

  it('keeps the last good answer beside the error of a failed search, and clears the error on the next success', async () => {
    const { search, answer } = controlled();
    const first = search.search('lee');
    answer('lee', { ok: true, value: { names: ['Lee'], count: 1 } });
    await first;
    const failed = search.search('leo');
    answer('leo', { ok: false, error: { code: 'unavailable', message: 'The directory is not answering.' } });
    await failed;
    expect(search.error.value?.message).toBe('The directory is not answering.');
    expect(search.hits.value).toEqual(['Lee']);
    expect(search.answered.value).toBe('lee');
    const again = search.search('leon');
    answer('leon', { ok: true, value: { names: [], count: 0 } });
    await again;
    expect(search.error.value).toBeNull();
    expect(search.answered.value).toBe('leon');
  });

  it('clear goes back to nothing asked and drops an answer still on its way', async () => {
    const { search, answer } = controlled();
    const late = search.search('pat');
    search.clear();
    answer('pat', { ok: true, value: { names: ['Patel'], count: 1 } });
    await late;
    expect(search.hits.value).toEqual([]);
    expect(search.total.value).toBe(0);
    expect(search.answered.value).toBe('');
    expect(search.searching.value).toBe(false);
  });
});
