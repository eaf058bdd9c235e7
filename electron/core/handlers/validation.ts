import type { z } from 'zod';
import type { ContractError } from '../../../shared/result';

/** Turns the first zod issue into the contract's error: the message names the field and the problem. */
export function validationError(error: z.ZodError, prefix?: string): ContractError {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid_input', message: 'Invalid input' };
  const pathText = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (!pathText) return { code: 'invalid_input', message: issue.message };
  return { code: 'invalid_input', message: `${pathText}: ${issue.message}`, field: pathText };
}
