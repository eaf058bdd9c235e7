import { AsyncResource } from 'node:async_hooks';

/** Timers a background loop runs on: the process's own, or a test's that fire only when told. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The context of this module's loading: no contract call, no transaction. A loop woken from inside
 * a call (a case change queues an email and wakes the mail loop) would otherwise run its next
 * round in that call's async context, where writeTransaction finds the call's transaction, long
 * committed and released, and joins it.
 */
const background = new AsyncResource('deskwatch-background-loop');

/** The process's timers, unref'd: a pending alert or email must not keep a CLI or a test process alive. */
export const processTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(() => background.runInAsyncScope(fn), ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
