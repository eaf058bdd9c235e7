import type { EntitySchemaColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Instants are stored as UTC epoch milliseconds in a BIGINT: the same meaning and ordering on
 * SQLite and PostgreSQL, no driver time-zone conversions. `pg` returns BIGINT as a string, so
 * read it back as a number (epoch ms stays far below 2^53).
 */
const bigintAsNumber: ValueTransformer = {
  // Whole milliseconds: PostgreSQL's BIGINT refuses fractions that SQLite would store silently.
  to: (value: number | null | undefined) => (typeof value === 'number' ? Math.round(value) : value),
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

export function instantColumn(name: string, nullable = false): EntitySchemaColumnOptions {
  return { name, type: 'bigint', nullable, transformer: bigintAsNumber };
}

export function idColumn(): EntitySchemaColumnOptions {
  return { type: 'integer', primary: true, generated: 'increment' };
}
