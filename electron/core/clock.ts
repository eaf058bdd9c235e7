/**
 * The core's only source of "now". Injected everywhere so tests, the CLI's `--now` and the
 * scheduler can run on a time other than the wall clock.
 */
export interface Clock {
  /** Current instant, epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that starts at `start` and then runs forward in real time. */
export function offsetClock(start: number, wall: Clock = systemClock): Clock {
  const offset = start - wall.now();
  return { now: () => wall.now() + offset };
}

/** A clock that moves only when told to: for deterministic tests. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(instant: number): void {
    this.current = instant;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
