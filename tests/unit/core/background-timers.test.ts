import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { processTimers } from '../../../electron/core/timers';

describe('the background loops\' timers', () => {
  it('run their callback outside the context that set them (a call or transaction that woke the loop has ended by then)', async () => {
    const transaction = new AsyncLocalStorage<string>();
    const seen = await new Promise<string | undefined>((resolve) => {
      transaction.run('the call that queued an email', () => {
        processTimers.setTimeout(() => resolve(transaction.getStore()), 0);
      });
    });
    expect(seen).toBeUndefined();
    // A plain timer keeps the context: the difference is the point.
    const plain = await new Promise<string | undefined>((resolve) => transaction.run('a call', () => setTimeout(() => resolve(transaction.getStore()), 0)));
    expect(plain).toBe('a call');
  });
});
