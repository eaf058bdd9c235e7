import type { z } from 'zod';
import type { ContractError, FieldError } from '../../../shared/result';

/**
 * Turns zod's issues into the contract's error. Every field the contract refused is listed in
 * `fields` (one message per field, in the order of the input), so a form can mark each at once;
 * `field` and `message` are the first of them. Messages speak in the field's label ("Summary is
 * required"), never its key: the contract's schemas word each refusal for a desk user.
 */
export function validationError(error: z.ZodError, prefix = ''): ContractError {
  const fields: FieldError[] = [];
  for (const issue of error.issues) {
    const refusal = fieldErrorOf(issue, prefix);
    if (!fields.some((f) => f.field === refusal.field)) fields.push(refusal);
  }
  const first = fields[0];
  if (!first) return { code: 'invalid_input', message: 'The request could not be read', field: prefix || 'input' };
  return fields.length > 1 ? { code: 'invalid_input', message: first.message, field: first.field, fields } : { code: 'invalid_input', message: first.message, field: first.field };
}

function fieldErrorOf(issue: z.core.$ZodIssue, prefix: string): FieldError {
  const segments = [prefix, ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    segments.push(issue.keys[0]);
    const field = segments.filter(Boolean).join('.');
    return { field, message: `${labelOf(field)} is not something this form takes` };
  }
  const field = segments.filter(Boolean).join('.') || 'input';
  return { field, message: speaksForItself(issue.message) ? issue.message : `${labelOf(field)}: ${lowerFirst(issue.message)}` };
}

/**
 * The contract words its refusals with the field's label. Messages of zod's own (a schema without
 * a worded error, "Invalid input: expected string…") do not say which field: the label is put in front.
 */
function speaksForItself(message: string): boolean {
  return !/^(Invalid|Too (big|small)|Unrecognized|Expected)\b/.test(message);
}

/** "callbackNumber" → "Callback number", "cases.0.id" → "Cases 1 id": a key in words, for the rare message the contract did not word. */
export function labelOf(field: string): string {
  const words = field
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
