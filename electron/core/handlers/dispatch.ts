import { z } from 'zod';
import { isOpenChannel, mayCall, offeredIn, rolesFor } from '../../../shared/access';
import { isChannelName, type ChannelName } from '../../../shared/channel-names';
import { contract, MAX_ID, type ChannelSpec } from '../../../shared/contract';
import type { StaffMember } from '../../../shared/domain';
import type { ConsoleMode } from '../../../shared/session';
import { fail, ok, type ContractError, type Result } from '../../../shared/result';
import { isStorageError, isTransientError } from '../db/transient-errors';
import { inCallScope, withTransientRetry, type CallScope } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { StaffService } from '../services/staff-service';
import type { HandlerContext, HandlerTable } from './handler-table';
import { validationError } from './validation';

/**
 * Who makes a call, as the host that received it knows from its session: the person chosen at a
 * standalone console, the staff member signed in on the server. It never comes from a request's
 * body: a transport that let the page name its actor would let anyone act as a supervisor.
 */
export interface CallerContext {
  actorId?: number | null;
  /**
   * The staff member behind `actorId` as the host read them for this very request (the server's
   * session check reads the person with the session, active and with their current role): not
   * read a second time. Ignored unless it is the same id.
   */
  actor?: StaffMember;
}

const callerSchema = z
  .object({
    actorId: z
      .number({ error: 'must be a staff id' })
      .int({ error: 'must be a staff id' })
      .positive({ error: 'must be a staff id' })
      .max(MAX_ID, { error: 'must be a staff id' })
      .nullable()
      .optional(),
  })
  .strict();

export type Dispatch = (channel: unknown, input: unknown, caller?: CallerContext) => Promise<Result<unknown>>;

/**
 * The single entry into the core from any transport: checks the channel, validates the input
 * against the contract before any service code runs, resolves the caller the host names and
 * checks their role by the contract's access rule (shared/access.ts, which the renderer reads
 * too), then runs the handler. Nothing thrown escapes: errors become `{ ok: false, error }`.
 */
export function createDispatch(
  handlers: HandlerTable,
  staff: StaffService,
  log: (message: string, error: unknown) => void,
  mode: ConsoleMode = 'standalone',
): Dispatch {
  return async (channel, input, caller) => {
    if (!isChannelName(channel)) return fail('unknown_channel', `Unknown channel "${String(channel)}"`);
    const parsedCaller = callerSchema.safeParse(caller?.actorId === undefined ? {} : { actorId: caller.actorId });
    if (!parsedCaller.success) return { ok: false, error: validationError(parsedCaller.error, 'caller') };
    const spec: ChannelSpec = contract[channel];
    // Everything the call does is tried again on a transient database failure (a deadlock, a
    // restart), as long as none of its transactions has committed: then nothing can happen twice.
    const scope: CallScope = { committed: false };
    try {
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const attempt = () =>
        inCallScope(scope, async () => {
          // Who first, then what: someone who may not call a channel learns nothing of its input rules.
          const actorId = parsedCaller.data.actorId ?? undefined;
          const known = caller?.actor !== undefined && caller.actor.id === actorId && caller.actor.active ? caller.actor : null;
          const actor = await resolveActor(channel, actorId, known, staff, mode);
          const parsed = spec.input.safeParse(input ?? {});
          if (!parsed.success) throw new InvalidInput(validationError(parsed.error));
          return handler(parsed.data, { actor });
        });
      return ok(await withTransientRetry(attempt, (error) => !scope.committed && isTransientError(error)));
    } catch (error) {
      if (error instanceof InvalidInput) return { ok: false, error: error.detail };
      if (error instanceof DomainError) return fail(error.code, error.message, error.field);
      if (isStorageError(error)) {
        log(`deskwatch: ${channel} could not write to the database`, error);
        return fail('unavailable', 'The Deskwatch database cannot save changes right now (it is read-only, the disk is full or the file is damaged); nothing was changed. Details are in the log.');
      }
      if (isTransientError(error)) {
        log(`deskwatch: ${channel} could not reach the database`, error);
        return scope.committed
          ? fail('unavailable', 'Your change was saved, but the Deskwatch database went away before the answer could be read. Reload to see it.')
          : fail('unavailable', 'The Deskwatch database cannot be reached right now; nothing was changed. Try again in a moment.');
      }
      log(`deskwatch: ${channel} failed`, error);
      return fail('internal', `Something went wrong while handling ${channel as ChannelName}; nothing was changed. Details are in the log.`);
    }
  };
}

/** The input did not match the channel's schema: answered as the contract error, never retried. */
class InvalidInput extends Error {
  constructor(readonly detail: ContractError) {
    super(detail.message);
  }
}

async function resolveActor(
  channel: ChannelName,
  actorId: number | undefined,
  known: StaffMember | null,
  staff: StaffService,
  mode: ConsoleMode,
): Promise<StaffMember | null> {
  if (!offeredIn(channel, mode)) throw new DomainError('forbidden', `${channel} belongs to a standalone console; a district server signs people in instead`);
  if (isOpenChannel(channel, mode) && actorId === undefined) return null;
  const actor = known ?? (await staff.requireActive(actorId));
  if (isOpenChannel(channel, mode)) return actor;
  if (!mayCall(channel, actor.role, mode)) {
    const roles = rolesFor(channel);
    throw new DomainError('forbidden', `A ${actor.role} may not do this; it needs: ${roles === 'public' ? 'anyone' : roles.join(' or ')}`);
  }
  return actor;
}
