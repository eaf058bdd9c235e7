import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foundText, SEARCH_DEBOUNCE_MS, useCallerStore } from '../../../renderer/src/stores/caller-store';
import { atTheIntakeConsole, settle } from './support/intake-setup';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function withCallers() {
  const world = await atTheIntakeConsole();
  world.api.addCaller({ name: 'Jo Smith', buildingId: 1, extension: '4412', email: 'jsmith@cps.example' });
  world.api.addCaller({ name: 'Jo Smith', buildingId: 2, extension: '5520' });
  world.api.addCaller({ name: 'Lee Chan', buildingId: 1 });
  return { ...world, callers: useCallerStore() };
}

describe('useCallerStore', () => {
  it('searches once the agent pauses typing, as the person at the console', async () => {
    const { api, me, callers } = await withCallers();
    callers.setQuery('s');
    callers.setQuery('sm');
    callers.setQuery('smi');
    expect(callers.searching).toBe(true);

    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(api.callsTo('callers.search')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await settle();

    expect(api.callsTo('callers.search')).toEqual([{ channel: 'callers.search', input: { query: 'smi', limit: 8 }, actorId: me.id }]);
    expect(callers.hits.map((hit) => hit.buildingName)).toEqual(['Hickman High School', 'Battle High School']);
    expect(callers.answeredQuery).toBe('smi');
    expect(callers.searching).toBe(false);
  });

  it('ignores an answer that arrives after the answer to a later query', async () => {
    const { api, callers } = await withCallers();
    api.hold('callers.search');
    callers.setQuery('jo');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    callers.setQuery('lee');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(api.callsTo('callers.search').map((call) => (call.input as { query: string }).query)).toEqual(['jo', 'lee']);

    api.release('callers.search', 1);
    await settle();
    expect(callers.hits.map((hit) => hit.name)).toEqual(['Lee Chan']);
    api.release('callers.search', 0);
    await settle();
    expect(callers.hits.map((hit) => hit.name)).toEqual(['Lee Chan']);
    expect(callers.answeredQuery).toBe('lee');
  });

  it('clears the results when the box is emptied, and drops a search on its way', async () => {
    const { api, callers } = await withCallers();
    callers.setQuery('jo');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(callers.hits).toHaveLength(2);

    api.hold('callers.search');
    callers.setQuery('jo s');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    callers.setQuery('');
    api.release('callers.search', 0);
    await settle();

    expect(callers.hits).toEqual([]);
    expect(callers.searching).toBe(false);
  });

  it('creates a caller, or shows the core’s refusal with the field it names', async () => {
    const { api, callers } = await withCallers();

    expect(await callers.create({ name: 'Dana Whitfield', email: 'dana' })).toBeNull();
    expect(callers.createError).toMatchObject({ field: 'email', message: 'Email must look like name@example.org' });

    expect(await callers.create({ name: 'Dana Whitfield', email: 'jsmith@cps.example' })).toBeNull();
    expect(callers.createError).toMatchObject({ code: 'conflict', field: 'email' });

    const dana = await callers.create({ name: 'Dana Whitfield', email: 'dana@cps.example', extension: '4471', buildingId: 2 });
    expect(dana).toMatchObject({ name: 'Dana Whitfield', buildingName: 'Battle High School' });
    expect(callers.createError).toBeNull();
    expect(api.callers).toHaveLength(4);
  });

  it('shows a caller’s card and keeps it current when their cases change', async () => {
    const { api, callers } = await withCallers();
    const stop = callers.follow();
    await callers.showCard(1);
    expect(callers.card?.caller.name).toBe('Jo Smith');
    expect(callers.card?.openCases).toEqual([]);

    await api.invoke('cases.create', { callerId: 1, summary: 'Printer jams', categoryId: 1, priority: 4, priorityReason: 'test' });
    await api.invoke('cases.create', { callerId: 1, summary: 'Printer again', categoryId: 1, priority: 4, priorityReason: 'test' });
    await settle();

    expect(callers.card?.openCases.map((c) => c.summary)).toEqual(['Printer jams', 'Printer again']);
    expect(callers.card?.repeats.map((r) => r.text)).toEqual(['2nd printing case in 30 days']);
    stop();
  });

  it('keeps only the card of the caller shown last', async () => {
    const { api, callers } = await withCallers();
    api.hold('callers.card');
    const first = callers.showCard(1);
    const second = callers.showCard(3);
    await settle();
    api.release('callers.card', 1);
    api.release('callers.card', 0);
    await Promise.all([first, second]);
    expect(callers.card?.caller.name).toBe('Lee Chan');

    await callers.showCard(null);
    expect(callers.card).toBeNull();
  });
});

describe('how many callers a search found', () => {
  it('keeps the true number of matches beside the page of hits', async () => {
    const { callers, api } = await withCallers();
    for (let i = 0; i < 12; i += 1) api.addCaller({ name: `Jo Park ${i}`, buildingId: 1 });
    callers.setQuery('jo');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(callers.hits).toHaveLength(8);
    expect(callers.total).toBe(14);
    expect(foundText(callers.hits.length, callers.total)).toBe('14 callers found, the first 8 shown; type more to narrow the search.');
    callers.clearSearch();
    expect(callers.total).toBe(0);
  });

  it('says the count plainly when every match is shown', () => {
    expect(foundText(1, 1)).toBe('1 caller found.');
    expect(foundText(2, 2)).toBe('2 callers found.');
  });
});

describe('correcting a caller’s directory entry', () => {
  it('keeps every field the core refused at once, then shows the corrected entry on the card', async () => {
    const { callers } = await withCallers();
    await callers.showCard(1);

    expect(await callers.update(1, { name: 'Jo Smith', email: 'jo', extension: 'x1', phone: 'call me' })).toBeNull();
    expect(callers.updateError?.fields?.map((f) => [f.field, f.message])).toEqual([
      ['email', 'Email must look like name@example.org'],
      ['phone', 'Phone must be a phone number such as 573-214-3333 or x25888'],
      ['extension', 'Extension must be 2 to 8 digits'],
    ]);

    const saved = await callers.update(1, { name: 'Joanna Smith', email: 'joanna@cps.example', extension: '4412', buildingId: 2 });
    expect(saved).toMatchObject({ id: 1, name: 'Joanna Smith', buildingName: 'Battle High School' });
    expect(callers.updateError).toBeNull();
    expect(callers.card?.caller).toMatchObject({ name: 'Joanna Smith', email: 'joanna@cps.example' });
    callers.clearUpdateError();
  });
});
