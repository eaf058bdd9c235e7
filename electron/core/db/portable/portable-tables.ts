/**
 * Which tables an export carries, in which order, and what their columns are: read from the
 * entities' TypeORM metadata, not listed by hand, so a table a migration adds (with its entity)
 * moves with the rest without a change here.
 */
import type { DataSource, EntityMetadata } from 'typeorm';
import { kindOfType, type ColumnShape } from './portable-values';

/**
 * Tables that are not moved, and why: sign-in state belongs to the server people sign in to and to
 * the moment, not to the desk's records. Everything else the entities describe is moved (staff and
 * their audit trail included).
 */
export const NOT_MOVED: ReadonlyMap<string, string> = new Map([
  // Signed-in sessions: tokens held by this database's browsers and apps; on the server people sign in again.
  ['staff_session', 'signed-in sessions'],
  // The sign-in throttle's recent attempts, by account and network address: pruned after a day anyway.
  ['sign_in_attempt', 'sign-in attempts'],
  // Sign-ins in progress (single sign-on state, one-time codes): minutes long and bound to the server that began them.
  ['auth_flow', 'sign-ins in progress'],
  // Employees' signed-in sessions at the Tech Support Center, for the same reason.
  ['employee_session', 'employees\' signed-in sessions'],
]);

export interface PortableTable {
  name: string;
  /** Every column, in the entity's order: the order of an exported row's keys. */
  columns: ColumnShape[];
  /** The primary key's columns: tables are read in pages in this order, and rows are written in it. */
  key: string[];
  /** The column a sequence fills (the id), whose counter must move past the imported ids; null when none. */
  generated: string | null;
  /**
   * Columns that refer to a row of the same table (a case's related case). Such a reference may
   * point at a row further on, which an import writes afterwards.
   */
  selfReferences: string[];
}

/** Every table an export carries, each after the tables it refers to (so an import meets no missing row). */
export function portableTables(db: DataSource): PortableTable[] {
  const moved = db.entityMetadatas.filter((m) => m.tableType !== 'view' && !NOT_MOVED.has(m.tableName));
  const names = new Set(moved.map((m) => m.tableName));
  for (const m of moved) {
    for (const fk of m.foreignKeys) {
      const target = fk.referencedEntityMetadata.tableName;
      if (!names.has(target)) {
        // A moved row would point at a row left behind: the import would be refused, so refuse now and say why.
        throw new Error(`Table ${m.tableName} refers to ${target}, which is not moved (${NOT_MOVED.get(target) ?? 'not a table of the export'}): export cannot leave it behind`);
      }
    }
  }
  return inReferenceOrder(moved).map(describe);
}

function describe(m: EntityMetadata): PortableTable {
  const columns: ColumnShape[] = [];
  const seen = new Set<string>();
  for (const c of m.columns) {
    // A relation's join column and the plain column that holds the same id are one database column.
    if (seen.has(c.databaseName)) continue;
    seen.add(c.databaseName);
    const kind = kindOfType(c.type);
    if (kind === null) {
      throw new Error(`Column ${m.tableName}.${c.databaseName} has type ${String(c.type)}, which db export cannot carry unchanged yet (see portable-values.ts)`);
    }
    const length = Number.parseInt(c.length, 10);
    columns.push({ name: c.databaseName, kind, nullable: c.isNullable, maxLength: kind === 'text' && Number.isFinite(length) ? length : null });
  }
  const key = m.primaryColumns.map((c) => c.databaseName);
  const generated = m.primaryColumns.find((c) => c.isGenerated && c.generationStrategy === 'increment')?.databaseName ?? null;
  const selfReferences = m.foreignKeys.filter((fk) => fk.referencedEntityMetadata === m).flatMap((fk) => fk.columnNames);
  if (selfReferences.length > 0 && key.length !== 1) {
    throw new Error(`Table ${m.tableName} refers to itself but has a primary key of ${key.length} columns: db import writes such references after the rows, by a one-column key`);
  }
  return { name: m.tableName, columns, key, generated, selfReferences };
}

/** Tables ordered so that each comes after every other table it refers to; the entities' order breaks ties. */
function inReferenceOrder(tables: EntityMetadata[]): EntityMetadata[] {
  const ordered: EntityMetadata[] = [];
  const placed = new Set<EntityMetadata>();
  const needs = (m: EntityMetadata) => m.foreignKeys.map((fk) => fk.referencedEntityMetadata).filter((t) => t !== m);
  while (ordered.length < tables.length) {
    const next = tables.find((m) => !placed.has(m) && needs(m).every((t) => placed.has(t)));
    if (!next) {
      const left = tables.filter((m) => !placed.has(m)).map((m) => m.tableName);
      throw new Error(`Tables ${left.join(', ')} refer to each other in a cycle: db export has no order to write them in`);
    }
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}
