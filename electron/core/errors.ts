import type { ErrorCode } from '../../shared/result';

/**
 * An error a service raises on purpose: it carries the contract's error code and, when one
 * input field is to blame, its name. Anything else that is thrown is reported as `internal`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
