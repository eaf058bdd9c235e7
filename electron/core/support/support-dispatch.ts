/**
 * The single entry into the core for the Tech Support Center, as `dispatch` is for the console:
 * checks the channel, validates the input against the support contract before any service code
 * runs, and runs the handler as the employee the host's session names (never the input). Nothing
 * thrown escapes: errors become `{ ok: false, error }`.
 */
import { isSupportChannel, supportContract, type SupportChannelName, type SupportParsedInput, type SupportResult } from '../../../shared/contract-support';
import { fail, ok, type ContractError, type Result } from '../../../shared/result';
import { isStorageError, isTransientError } from '../db/transient-errors';
import { inCallScope, withTransientRetry, type CallScope } from '../db/write-transaction';
import { DomainError } from '../errors';
import { validationError } from '../handlers/validation';

/** The signed-in employee, as the host's session knows them. */
export interface EmployeeContext {
  callerId: number;
}

export type SupportHandler<C extends SupportChannelName> = (input: SupportParsedInput<C>, employee: EmployeeContext) => Promise<SupportResult<C>>;
export type SupportHandlerTable = { [C in SupportChannelName]: SupportHandler<C> };

export type SupportDispatch = (channel: unknown, input: unknown, employee: EmployeeContext) => Promise<Result<unknown>>;

export function createSupportDispatch(handlers: SupportHandlerTable, log: (message: string, error: unknown) => void): SupportDispatch {
  return async (channel, input, employee) => {
    if (!isSupportChannel(channel)) return fail('unknown_channel', `Unknown channel "${String(channel)}"`);
    if (!Number.isInteger(employee.callerId) || employee.callerId <= 0) throw new Error('support dispatch ran without a signed-in employee');
    const parsed = supportContract[channel].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) satisfies ContractError };
    const handler = handlers[channel] as (input: unknown, employee: EmployeeContext) => Promise<unknown>;
    // As for the console: tried again on a transient failure only while nothing has committed.
    const scope: CallScope = { committed: false };
    try {
      return ok(await withTransientRetry(() => inCallScope(scope, () => handler(parsed.data, employee)), (error) => !scope.committed && isTransientError(error)));
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.field);
      if (isStorageError(error)) {
        log(`deskwatch: ${channel} could not write to the database`, error);
        return fail('unavailable', 'The Help Desk cannot save your request right now; nothing was changed. Try again in a few minutes, or call the desk.');
      }
      if (isTransientError(error)) {
        log(`deskwatch: ${channel} could not reach the database`, error);
        return scope.committed
          ? fail('unavailable', 'Your change was saved, but the answer could not be read. Reload the page to see it.')
          : fail('unavailable', 'The Help Desk cannot be reached right now; nothing was changed. Try again in a moment.');
      }
      log(`deskwatch: ${channel} failed`, error);
      return fail('internal', `Something went wrong; nothing was changed. If it keeps happening, call the Help Desk.`);
    }
  };
}

export type { SupportChannelName };
