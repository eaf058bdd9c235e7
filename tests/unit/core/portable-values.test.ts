import { describe, expect, it } from 'vitest';
import { readHeader } from '../../../electron/core/db/portable/export-format';
import { kindOfType, problemWith, toPortable, type ColumnShape } from '../../../electron/core/db/portable/portable-values';
import { schemaMismatch } from '../../../electron/core/db/portable/schema-version';

const column = (kind: ColumnShape['kind'], over: Partial<ColumnShape> = {}): ColumnShape => ({ name: 'c', kind, nullable: true, maxLength: null, ...over });

describe('values in an export file', () => {
  it('reads what either database answers into one form: numbers for ids and instants, booleans for flags', () => {
    // PostgreSQL's driver answers BIGINT as text; SQLite stores flags as 0/1.
    expect(toPortable('1796050800000', column('integer'))).toBe(1796050800000);
    expect(toPortable(42, column('integer'))).toBe(42);
    expect(toPortable(1, column('boolean'))).toBe(true);
    expect(toPortable(0, column('boolean'))).toBe(false);
    expect(toPortable(true, column('boolean'))).toBe(true);
    expect(toPortable('Zoë', column('text'))).toBe('Zoë');
    expect(toPortable(null, column('text'))).toBeNull();
  });

  it('refuses a stored value that does not fit its column, saying what it holds', () => {
    expect(() => toPortable(2, column('boolean', { name: 'missed' }))).toThrow('missed holds 2, not a flag (0 or 1)');
    expect(() => toPortable(1.5, column('integer', { name: 'at' }))).toThrow('at holds 1.5, not a whole number');
    expect(() => toPortable('9007199254740993', column('integer', { name: 'at' }))).toThrow('not a whole number');
    expect(() => toPortable(Buffer.from('x'), column('text', { name: 'note' }))).toThrow('note holds binary data, not text');
  });

  it('checks a file value against its column: kind, emptiness, length in characters', () => {
    expect(problemWith(null, column('text', { name: 'summary', nullable: false }))).toBe('summary must have a value, and is null');
    expect(problemWith(1, column('boolean', { name: 'active' }))).toBe('active must be true or false, and is 1');
    expect(problemWith('3', column('integer', { name: 'priority' }))).toBe('priority must be a whole number, and is "3"');
    // Five characters, ten UTF-16 units: varchar(5) holds it.
    expect(problemWith('😀😀😀😀😀', column('text', { maxLength: 5 }))).toBeNull();
    expect(problemWith('abcdef', column('text', { name: 'room', maxLength: 5 }))).toBe('room is 6 characters long; it holds at most 5');
  });

  it('knows the column types the entities use, and no others', () => {
    expect(['integer', 'bigint', 'boolean', 'varchar', 'text'].map(kindOfType)).toEqual(['integer', 'integer', 'boolean', 'text', 'text']);
    expect(kindOfType('simple-json')).toBeNull();
    expect(kindOfType('timestamp')).toBeNull();
  });
});

describe('an export file header and its schema', () => {
  const header = { format: 'deskwatch-export', version: 1, schema: 'B2', exportedAt: '2026-11-30T15:00:00.000Z', source: 'sqlite' };

  it('takes a header of this format and says what is wrong with any other', () => {
    expect(readHeader(header)).toEqual(header);
    expect(readHeader({ ...header, version: 2 })).toMatch(/export format version 2, and this Deskwatch reads version 1: import it with the Deskwatch version that wrote it/);
    expect(readHeader({ name: 'x' })).toMatch(/does not start with a Deskwatch export header/);
    expect(readHeader({ ...header, source: 'mysql' })).toMatch(/which kind of database/);
  });

  it('says which side to bring up to date when the schemas differ', () => {
    const known = ['A1', 'B2', 'C3'];
    expect(schemaMismatch('B2', 'B2', known)).toBeNull();
    expect(schemaMismatch('A1', 'C3', known)).toMatch(/the file is older: export the desk's database again with this version/);
    expect(schemaMismatch('C3', 'B2', known)).toMatch(/the database is older: run `deskwatch db migrate` on it/);
    expect(schemaMismatch('D4', 'C3', known)).toMatch(/newer than this Deskwatch knows \(it knows up to C3\): upgrade Deskwatch/);
    expect(schemaMismatch('C3', 'D4', known)).toMatch(/newer than this Deskwatch knows: import with the Deskwatch version/);
  });
});
