import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import type { Timers } from '../../electron/core/scheduler/sla-scheduler';
import type { StaffMember, StaffRole } from '../../shared/domain';
import type { ContractError } from '../../shared/result';
import { freshDatabase, type DatabaseKind, type FreshDatabase } from './databases';

/** Monday 2026-11-30 09:00 in Chicago: a business morning, so deadlines are easy to read. */
export const MONDAY_MORNING = Date.parse('2026-11-30T15:00:00Z');

export interface CoreFixture {
  core: Core;
  clock: ManualClock;
  db: FreshDatabase;
  /** Stops the core and starts a new one on the same database (an app restart). */
  restart(): Promise<Core>;
  staff(role: StaffRole, name?: string): Promise<StaffMember>;
  dispose(): Promise<void>;
}

export async function coreFixture(kind: DatabaseKind, options: { timers?: Timers } = {}): Promise<CoreFixture> {
  const db = await freshDatabase(kind);
  const clock = new ManualClock(MONDAY_MORNING);
  const quiet = () => undefined;
  const start = () => startCore({ database: db.config, clock, log: quiet, ...(options.timers ? { timers: options.timers } : {}) });
  let core = await start();
  const fixture: CoreFixture = {
    get core() {
      return core;
    },
    clock,
    db,
    restart: async () => {
      await core.close();
      core = await start();
      return core;
    },
    staff: (role, name = `${role} ${Math.random().toString(36).slice(2, 6)}`) => core.services.staff.create({ name, role }),
    dispose: async () => {
      await core.close();
      await db.dispose();
    },
  };
  return fixture;
}

/** A staff member's call through the contract: its value, or an error that names the channel and carries the contract's error. */
export async function callAs<T>(core: Core, who: { id: number }, channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input, { actorId: who.id });
  if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}${r.error.field ? ` (${r.error.field})` : ''}`), { error: r.error });
  return r.value as T;
}

/** A call the contract must refuse: its error (a call it accepted fails the test). */
export async function refusalOf(core: Core, who: { id: number }, channel: string, input: unknown): Promise<ContractError> {
  const r = await core.dispatch(channel, input, { actorId: who.id });
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error;
}

/** Wizard answers that decide priority 4 (one person, slowed): a typical, unhurried case. */
export const ONE_PERSON_SLOWED = { securityOrSafety: false, missionCritical: false, affected: 'one', workEffect: 'slowed' } as const;

/** A valid `cases.create` input; override what the test is about. */
export function newCaseInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { callerName: 'Pat Teacher', summary: 'Printer offline in room 101', wizard: ONE_PERSON_SLOWED, ...over };
}

/** Timers that never fire on their own: a test wakes the scheduler itself and reads what it armed. */
export class RecordingTimers implements Timers {
  readonly armed: number[] = [];
  setTimeout(_fn: () => void, ms: number): unknown {
    this.armed.push(ms);
    return this.armed.length;
  }
  clearTimeout(): void {}
}
