import { describe, expect, it } from 'vitest';
import { useSessionStore } from '../../../renderer/src/stores/session-store';
import { useViewsStore } from '../../../renderer/src/stores/views-store';
import { atTheWorkConsole } from './support/work-setup';

describe('useViewsStore', () => {
  it('saves the filters without their empty parts, lists them by name, and replaces a view of the same name', async () => {
    const { api } = await atTheWorkConsole();
    const views = useViewsStore();
    await views.ensureLoaded();
    expect(views.views).toEqual([]);

    await views.save('Printing', { priorities: [4, 2], mine: false, text: '  toner ', statuses: [] });
    await views.save('Mine', { mine: true });
    await views.save('Printing', { priorities: [2] });

    expect(api.callsTo('views.save')[0]?.input).toEqual({ name: 'Printing', filter: { priorities: [2, 4], text: 'toner' } });
    expect(views.views.map((v) => [v.name, v.filter])).toEqual([
      ['Mine', { mine: true }],
      ['Printing', { priorities: [2] }],
    ]);
  });

  it('shows the core’s message for a nameless view and deletes a view', async () => {
    await atTheWorkConsole();
    const views = useViewsStore();
    expect(await views.save('   ', { mine: true })).toBeNull();
    expect(views.error?.message).toMatch(/View name is required/);

    const saved = await views.save('Mine', { mine: true });
    expect(await views.remove(saved!.id)).toBe(true);
    expect(views.views).toEqual([]);
    expect(views.error).toBeNull();
  });

  it('loads the views of whoever is at the console', async () => {
    const { api } = await atTheWorkConsole();
    const views = useViewsStore();
    await views.save('Sam’s view', { unassigned: true });
    const other = api.addStaff('Alex Kim', 'technician');
    const session = useSessionStore();
    await session.load();
    session.choose(other.id);

    await views.ensureLoaded();

    expect(views.views).toEqual([]);
  });
});
