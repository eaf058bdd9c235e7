/** How a core error reads next to the fields it names. */
import type { ContractError, FieldError } from '../../../shared/result';

/**
 * The message for one field, without a field path in front ("email: …") should an older core
 * still send one: the form already says it with its label.
 */
function withoutPath(entry: FieldError): string {
  const prefix = `${entry.field}: `;
  return entry.message.startsWith(prefix) ? entry.message.slice(prefix.length) : entry.message;
}

export function messageForField(error: ContractError): string {
  return error.field ? withoutPath({ field: error.field, message: error.message }) : error.message;
}

/** Every field the core refused, each with its own message, first one first (one, for a core error naming one field). */
export function fieldErrorsOf(error: ContractError | null | undefined): FieldError[] {
  if (!error) return [];
  if (error.fields?.length) return error.fields.map((entry) => ({ field: entry.field, message: withoutPath(entry) }));
  return error.field ? [{ field: error.field, message: messageForField(error) }] : [];
}

/** Whether the dotted path `field` is one of `fields` or inside one ("wizard.affected" is in "wizard"). */
export function fieldMatches(field: string, fields: readonly string[]): boolean {
  return fields.some((f) => field === f || field.startsWith(`${f}.`));
}

/** The core's message for these fields, if it refused one of them. */
export function messageFor(error: ContractError | null | undefined, ...fields: string[]): string | null {
  return fieldErrorsOf(error).find((entry) => fieldMatches(entry.field, fields))?.message ?? null;
}

/** The id of the message shown next to the control with this id, which names it as its description. */
export function fieldErrorId(controlId: string): string {
  return `${controlId}-error`;
}
