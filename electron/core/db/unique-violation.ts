/**
 * Uniqueness is kept by the database (unique indexes, see migrations/0006), not by a read before
 * the write: two consoles may both pass such a read. When the database refuses a write, this
 * module says which unique key it was, so the service can answer `conflict` naming the field
 * instead of `internal`.
 *
 * How each dialect reports it:
 * - SQLite (better-sqlite3): code SQLITE_CONSTRAINT_UNIQUE, and a message naming the columns
 *   ("UNIQUE constraint failed: caller.employee_id") or, for an index on an expression such as
 *   lower(email), the index ("UNIQUE constraint failed: index 'uq_caller_email'").
 * - PostgreSQL: SQLSTATE 23505 with the constraint (index) name in `constraint`.
 */

export interface UniqueKey {
  /** The constraint or unique index name, as the migrations created it. */
  name: string;
  /** `table.column` as SQLite names a plain-column key in its message. */
  columns: string | null;
  /** The input field the desk user has to change. */
  field: string;
  /** What the row is, in the desk's words: "caller". */
  noun: string;
  /** What must be unique, in the desk's words: "email". */
  label: string;
}

/** The unique keys a desk user can run into, and what each means. */
export const UNIQUE_KEYS: readonly UniqueKey[] = [
  { name: 'uq_caller_email', columns: null, field: 'email', noun: 'caller', label: 'email' },
  { name: 'uq_caller_employee_id', columns: 'caller.employee_id', field: 'employeeId', noun: 'caller', label: 'employee id' },
  { name: 'uq_staff_email', columns: null, field: 'email', noun: 'staff member', label: 'email' },
];

interface DriverErrorShape {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  driverError?: DriverErrorShape;
}

/** True when the database refused a write because a unique key (or primary key) already had the value. */
export function isUniqueViolation(error: unknown): boolean {
  const e = driverErrorOf(error);
  return e !== null && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

/** The known unique key a write ran into, or null when the error is something else (or a key not listed). */
export function violatedUniqueKey(error: unknown): UniqueKey | null {
  if (!isUniqueViolation(error)) return null;
  const e = driverErrorOf(error) as DriverErrorShape;
  if (typeof e.constraint === 'string') return UNIQUE_KEYS.find((k) => k.name === e.constraint) ?? null;
  const failed = typeof e.message === 'string' ? /UNIQUE constraint failed: (.*)$/.exec(e.message)?.[1] : undefined;
  if (!failed) return null;
  const index = /^index '(.+)'$/.exec(failed)?.[1];
  return UNIQUE_KEYS.find((k) => (index ? k.name === index : k.columns === failed)) ?? null;
}

/** "A caller with this email already exists: José Álvarez" (the holder's name when it is known). */
export function conflictMessage(key: UniqueKey, holderName: string | null): string {
  return `A ${key.noun} with this ${key.label} already exists${holderName ? `: ${holderName}` : ''}`;
}

/** TypeORM wraps the driver's error in a QueryFailedError that keeps it as `driverError`. */
function driverErrorOf(error: unknown): DriverErrorShape | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as DriverErrorShape;
  return e.driverError && typeof e.driverError === 'object' ? e.driverError : e;
}
