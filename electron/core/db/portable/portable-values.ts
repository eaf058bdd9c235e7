/**
 * How one stored value travels in an export file: the same JSON whichever database it came from
 * and whichever it goes to. Instants and ids are numbers (PostgreSQL's driver answers BIGINT as
 * text), flags are booleans (SQLite stores 0/1), text is text. A value that does not fit its
 * column's kind is refused with a message saying what it holds, never carried over altered.
 */

/** A column's kind, by the type its entity declares. */
export type ColumnKind = 'integer' | 'real' | 'boolean' | 'text';

export type PortableValue = string | number | boolean | null;

/** What a column needs for its values to be checked and converted. */
export interface ColumnShape {
  name: string;
  kind: ColumnKind;
  nullable: boolean;
  /** The most characters the column holds (varchar(n)): PostgreSQL refuses more, SQLite would keep them. */
  maxLength: number | null;
}

const KIND_OF_TYPE: ReadonlyMap<string, ColumnKind> = new Map([
  ['integer', 'integer'],
  ['int', 'integer'],
  ['int4', 'integer'],
  ['smallint', 'integer'],
  ['bigint', 'integer'],
  ['int8', 'integer'],
  ['real', 'real'],
  ['float', 'real'],
  ['double', 'real'],
  ['double precision', 'real'],
  ['boolean', 'boolean'],
  ['bool', 'boolean'],
  ['varchar', 'text'],
  ['character varying', 'text'],
  ['char', 'text'],
  ['character', 'text'],
  ['text', 'text'],
]);

/**
 * The kind of an entity column's declared type, or null when an export has no portable form for
 * it (a date, JSON, a blob): the caller refuses to run rather than carry such a value altered.
 */
export function kindOfType(type: unknown): ColumnKind | null {
  if (type === Number) return 'integer';
  if (type === Boolean) return 'boolean';
  if (type === String) return 'text';
  return typeof type === 'string' ? (KIND_OF_TYPE.get(type.toLowerCase()) ?? null) : null;
}

/** A value read from either database, as the file carries it; throws a message naming what it holds. */
export function toPortable(value: unknown, column: ColumnShape): PortableValue {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : typeof value === 'bigint' ? Number(value) : value;
      if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
      throw new Error(`${column.name} holds ${shown(value)}, not a whole number`);
    }
    case 'real': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      throw new Error(`${column.name} holds ${shown(value)}, not a number`);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // SQLite stores a flag as 0 or 1.
      if (value === 0 || value === 1 || value === 0n || value === 1n) return Number(value) === 1;
      throw new Error(`${column.name} holds ${shown(value)}, not a flag (0 or 1)`);
    case 'text':
      if (typeof value === 'string') return value;
      throw new Error(`${column.name} holds ${shown(value)}, not text`);
  }
}

/**
 * What is wrong with a value read from a file for this column, or null when it fits. The file's
 * values are exactly what an export writes: a flag is `true`/`false`, never 0/1.
 */
export function problemWith(value: unknown, column: ColumnShape): string | null {
  if (value === null) return column.nullable ? null : `${column.name} must have a value, and is null`;
  switch (column.kind) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : `${column.name} must be a whole number, and is ${shown(value)}`;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${column.name} must be a number, and is ${shown(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${column.name} must be true or false, and is ${shown(value)}`;
    case 'text': {
      if (typeof value !== 'string') return `${column.name} must be text, and is ${shown(value)}`;
      if (column.maxLength === null || value.length <= column.maxLength) return null;
      // varchar(n) counts characters; a string's length counts UTF-16 units, so count again only when it may be over.
      const characters = [...value].length;
      return characters <= column.maxLength ? null : `${column.name} is ${characters} characters long; it holds at most ${column.maxLength}`;
    }
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : Buffer.isBuffer(value) ? 'binary data' : 'an object';
  return String(value);
}
