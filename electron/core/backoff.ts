/**
 * Waits that double after each failure, up to a cap, and start again from the first after a
 * success: how the background loops (scheduler wakes, the event relay) retry without hammering
 * a database that is down.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly firstMs: number,
    private readonly maxMs: number,
  ) {}

  /** The wait before the next attempt; each call counts one more failure. */
  next(): number {
    const wait = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return wait;
  }

  reset(): void {
    this.failures = 0;
  }

  get failing(): boolean {
    return this.failures > 0;
  }
}
