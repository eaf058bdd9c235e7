/**
 * One error type for bad calendar, policy or case input, so callers (the CLI, the handlers)
 * can name the offending field and value instead of showing a stack.
 */
export class SlaInputError extends Error {
  readonly field: string;
  readonly value: unknown;

  constructor(field: string, value: unknown, message: string) {
    super(`${field}: ${message} (got ${describeValue(value)})`);
    this.name = 'SlaInputError';
    this.field = field;
    this.value = value;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
