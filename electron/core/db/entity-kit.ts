import type { EntitySchemaColumnOptions, EntitySchemaRelationOptions } from 'typeorm';

/**
 * A boolean with the default the migrations wrote (`DEFAULT true`). A plain `default: true` is
 * rendered `1` by TypeORM's SQLite driver, which differs from the stored `true` and would make
 * the diff rebuild every table with a flag.
 */
export const flag = (value: boolean): EntitySchemaColumnOptions => ({ type: 'boolean', default: () => String(value) });

/** A foreign key, as a many-to-one relation that is never loaded: rows keep their plain id column. */
export const references = (target: string, column: string): EntitySchemaRelationOptions => ({
  type: 'many-to-one',
  target,
  joinColumn: { name: column, referencedColumnName: 'id' },
});

/** A foreign key whose rows go with the row they belong to. */
export const cascade = (target: string, column: string): EntitySchemaRelationOptions => ({ ...references(target, column), onDelete: 'CASCADE' });

/** A row type plus the relation names its foreign keys are declared under (never set or read). */
export type Linked<T, K extends string> = T & { [P in K]?: never };
