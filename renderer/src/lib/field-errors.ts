/** How a core error reads next to the one field it names. */
import type { ContractError } from '../../../shared/result';

/**
 * The core's validation messages start with the field's path ("email: Email must look like…"),
 * which a form already says with its label; the message is shown without it.
 */
export function messageForField(error: ContractError): string {
  const prefix = error.field ? `${error.field}: ` : '';
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The id of the message shown next to the control with this id, which names it as its description. */
export function fieldErrorId(controlId: string): string {
  return `${controlId}-error`;
}
