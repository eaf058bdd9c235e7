import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOAST_VISIBLE_MS, toastTimers } from '../../../renderer/src/components/alerts/toast-timers';

describe('in-app notifications fold away on their own', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after a few seconds each, counted from when each appeared', () => {
    const gone: string[] = [];
    const timers = toastTimers((key) => gone.push(key));
    timers.follow(['a']);
    vi.advanceTimersByTime(2_000);
    timers.follow(['b', 'a']);
    vi.advanceTimersByTime(TOAST_VISIBLE_MS - 2_000);
    expect(gone).toEqual(['a']);
    vi.advanceTimersByTime(2_000);
    expect(gone).toEqual(['a', 'b']);
  });

  it('not while someone reads them: a hold pauses every countdown, a release resumes it with the time left', () => {
    const gone: string[] = [];
    const timers = toastTimers((key) => gone.push(key), 6_000, () => Date.now());
    timers.follow(['a']);
    vi.advanceTimersByTime(5_000);
    timers.hold('pointer');
    timers.hold('focus');
    vi.advanceTimersByTime(60_000);
    expect(gone).toEqual([]);
    timers.release('pointer');
    vi.advanceTimersByTime(60_000);
    expect(gone).toEqual([]);
    timers.release('focus');
    vi.advanceTimersByTime(999);
    expect(gone).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(gone).toEqual(['a']);
  });

  it('forgets a notification closed by hand, and stops with the screen', () => {
    const gone: string[] = [];
    const timers = toastTimers((key) => gone.push(key));
    timers.follow(['a', 'b']);
    timers.follow(['b']);
    timers.stop();
    vi.advanceTimersByTime(60_000);
    expect(gone).toEqual([]);
  });
});
