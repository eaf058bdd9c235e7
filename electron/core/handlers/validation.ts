import type { z } from 'zod';
import type { ContractError } from '../../../shared/result';

/**
 * Turns the first zod issue into the contract's error: the message names the field and the
 * problem, and `field` is its dotted path ("input" when the payload as a whole is wrong).
 */
export function validationError(error: z.ZodError, prefix = ''): ContractError {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid_input', message: 'Invalid input', field: prefix || 'input' };
  const segments = [prefix, ...issue.path.map(String)];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    segments.push(issue.keys[0]);
    message = `unknown field; the contract does not accept it`;
  }
  const field = segments.filter(Boolean).join('.') || 'input';
  return { code: 'invalid_input', message: `${field}: ${message}`, field };
}
