import { z } from 'zod';
import { isChannelName, type ChannelName } from '../../../shared/channel-names';
import { contract, MAX_ID, type ChannelSpec } from '../../../shared/contract';
import type { StaffMember } from '../../../shared/domain';
import { fail, ok, type Result } from '../../../shared/result';
import { isStorageError, isTransientError } from '../db/transient-errors';
import { inCallScope, withTransientRetry, type CallScope } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { StaffService } from '../services/staff-service';
import type { HandlerContext, HandlerTable } from './handler-table';
import { validationError } from './validation';

const metaSchema = z
  .object({
    actorId: z
      .number({ error: 'must be a staff id' })
      .int({ error: 'must be a staff id' })
      .positive({ error: 'must be a staff id' })
      .max(MAX_ID, { error: 'must be a staff id' })
      .optional(),
  })
  .strict();

export type Dispatch = (channel: unknown, input: unknown, meta?: unknown) => Promise<Result<unknown>>;

/**
 * The single entry into the core from any transport: checks the channel, validates the input
 * against the contract before any service code runs, resolves and checks the caller's role,
 * then runs the handler. Nothing thrown escapes: errors become `{ ok: false, error }`.
 */
export function createDispatch(handlers: HandlerTable, staff: StaffService, log: (message: string, error: unknown) => void): Dispatch {
  return async (channel, input, meta) => {
    if (!isChannelName(channel)) return fail('unknown_channel', `Unknown channel "${String(channel)}"`);
    const spec: ChannelSpec = contract[channel];
    const parsedMeta = metaSchema.safeParse(meta ?? {});
    if (!parsedMeta.success) return { ok: false, error: validationError(parsedMeta.error, 'meta') };
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    // Everything the call does is tried again on a transient database failure (a deadlock, a
    // restart), as long as none of its transactions has committed: then nothing can happen twice.
    const scope: CallScope = { committed: false };
    try {
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const attempt = () =>
        inCallScope(scope, async () => {
          const actor = await resolveActor(spec, parsedMeta.data.actorId, staff);
          return handler(parsed.data, { actor });
        });
      return ok(await withTransientRetry(attempt, (error) => !scope.committed && isTransientError(error)));
    } catch (error) {
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

async function resolveActor(spec: ChannelSpec, actorId: number | undefined, staff: StaffService): Promise<StaffMember | null> {
  if (spec.access === 'public') return actorId === undefined ? null : staff.requireActive(actorId);
  const actor = await staff.requireActive(actorId);
  if (!spec.access.includes(actor.role)) {
    throw new DomainError('forbidden', `A ${actor.role} may not do this; it needs: ${spec.access.join(' or ')}`);
  }
  return actor;
}
