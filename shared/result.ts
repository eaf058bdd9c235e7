/**
 * The one shape every contract call answers with. A thrown exception never crosses
 * the boundary: the core turns it into `{ ok: false, error }`.
 */

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  /** The database could not be reached or stayed busy, even after retries: nothing was changed; try again. */
  'unavailable',
  'internal',
  /** Too many sign-in attempts: wait before trying again (the message says how long). */
  'rate_limited',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame (the first, when several are). */
  field?: string;
  /** Every field refused at once, when more than one is: a form marks each of them. */
  fields?: FieldError[];
}

/** One refused field: its dotted path and what is wrong with it, in the words of its label. */
export interface FieldError {
  field: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): { ok: false; error: ContractError } {
  return field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };
}
