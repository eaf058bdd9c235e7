/**
 * A form's errors: the ones this page finds before sending, and the ones the server answers with
 * a field path (`error.field`, `error.fields`), each shown at its field.
 */
import type { ContractError } from '../../../../shared/result';
import { fieldErrorsOf, fieldMatches } from '../../lib/field-errors';

export type ClientErrors = Record<string, string>;

/** The message for the control showing `field`: this page's own first, then the server's for it or anything inside it. */
export function errorAt(field: string, client: ClientErrors, server: ContractError | null): string | null {
  return client[field] ?? fieldErrorsOf(server).find((entry) => fieldMatches(entry.field, [field]))?.message ?? null;
}

/** The server's message when no field of this form shows it (a limit, the session, the network). */
export function unplacedError(server: ContractError | null, shownFields: readonly string[]): string | null {
  if (!server) return null;
  const placed = fieldErrorsOf(server).some((entry) => fieldMatches(entry.field, shownFields));
  return placed ? null : server.message;
}

/** The ids a control names as its description: its hint, then its error when it has one. */
export function describedBy(controlId: string, { hint = false, error = false }: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [hint ? `${controlId}-hint` : null, error ? `${controlId}-error` : null].filter((id): id is string => id !== null);
  return ids.length ? ids.join(' ') : undefined;
}
