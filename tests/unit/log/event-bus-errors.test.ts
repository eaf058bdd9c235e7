import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core/event-bus';

describe('the event bus', () => {
  it('reports a failing listener where it is told (the core: its logger), and the others still hear the event', () => {
    const reported: [string, unknown][] = [];
    const bus = new EventBus((message, error) => reported.push([message, error]));
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('window gone');
    });
    bus.subscribe((name) => heard.push(name));
    bus.publish('staff.changed', { staffId: 1 });
    expect(heard).toEqual(['staff.changed']);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.[0]).toBe('deskwatch: event listener failed on staff.changed');
    expect(String(reported[0]?.[1])).toContain('window gone');
  });
});
