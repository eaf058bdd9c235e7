/**
 * Staff availability's tables (migration 0018): absences, the on-call roster and skills. The
 * columns it adds to staff_member and help_case are declared with those tables in entities.ts.
 */
import { EntitySchema } from 'typeorm';
import type { AbsenceKind } from '../../../shared/availability';
import { idColumn, instantColumn } from './column-types';
import { cascade, references, type Linked } from './entity-kit';

export interface StaffAbsenceRow {
  id: number;
  staffId: number;
  kind: AbsenceKind;
  startsAt: number;
  endsAt: number;
  note: string | null;
  createdById: number | null;
  createdAt: number;
}

export const StaffAbsenceEntity = new EntitySchema<Linked<StaffAbsenceRow, 'staff' | 'createdBy'>>({
  name: 'StaffAbsence',
  tableName: 'staff_absence',
  columns: {
    id: idColumn(),
    staffId: { name: 'staff_id', type: 'integer' },
    kind: { type: 'varchar', length: 16 },
    startsAt: instantColumn('starts_at'),
    endsAt: instantColumn('ends_at'),
    note: { type: 'text', nullable: true },
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
    createdAt: instantColumn('created_at'),
  },
  checks: [
    { name: 'staff_absence_kind_known', expression: `kind IN ('vacation', 'sick', 'training', 'other')` },
    { name: 'staff_absence_ordered', expression: 'ends_at > starts_at' },
  ],
  relations: { staff: cascade('StaffMember', 'staff_id'), createdBy: references('StaffMember', 'created_by_id') },
  indices: [
    { name: 'idx_staff_absence_staff', columns: ['staffId', 'endsAt'] },
    { name: 'idx_staff_absence_ends', columns: ['endsAt'] },
  ],
});

export interface OnCallShiftRow {
  id: number;
  staffId: number;
  startsAt: number;
  endsAt: number;
  /** What the person on call hands to the next one. */
  handoverNote: string | null;
  createdById: number | null;
  createdAt: number;
  updatedAt: number;
}

export const OnCallShiftEntity = new EntitySchema<Linked<OnCallShiftRow, 'staff' | 'createdBy'>>({
  name: 'OnCallShift',
  tableName: 'on_call_shift',
  columns: {
    id: idColumn(),
    staffId: { name: 'staff_id', type: 'integer' },
    startsAt: instantColumn('starts_at'),
    endsAt: instantColumn('ends_at'),
    handoverNote: { name: 'handover_note', type: 'text', nullable: true },
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
  checks: [{ name: 'on_call_shift_ordered', expression: 'ends_at > starts_at' }],
  relations: { staff: cascade('StaffMember', 'staff_id'), createdBy: references('StaffMember', 'created_by_id') },
  indices: [{ name: 'idx_on_call_shift_ends', columns: ['endsAt', 'startsAt'] }],
});

export interface StaffSkillRow {
  id: number;
  staffId: number;
  /** A case category, or else a named system; exactly one of the two. */
  categoryId: number | null;
  system: string | null;
  /** The hardest case difficulty (1–3) this person takes on in it. */
  level: number;
}

export const StaffSkillEntity = new EntitySchema<Linked<StaffSkillRow, 'staff' | 'category'>>({
  name: 'StaffSkill',
  tableName: 'staff_skill',
  columns: {
    id: idColumn(),
    staffId: { name: 'staff_id', type: 'integer' },
    categoryId: { name: 'category_id', type: 'integer', nullable: true },
    system: { type: 'varchar', length: 120, nullable: true },
    level: { type: 'integer' },
  },
  checks: [
    { name: 'staff_skill_one_subject', expression: '(category_id IS NULL) <> (system IS NULL)' },
    { name: 'staff_skill_level_range', expression: 'level BETWEEN 1 AND 3' },
  ],
  relations: { staff: cascade('StaffMember', 'staff_id'), category: references('Category', 'category_id') },
  indices: [
    { name: 'uq_staff_skill_category', columns: ['staffId', 'categoryId'], unique: true, where: 'category_id IS NOT NULL' },
    { name: 'uq_staff_skill_system', columns: ['staffId', 'system'], unique: true, where: 'system IS NOT NULL' },
  ],
});

export const AVAILABILITY_ENTITIES = [StaffAbsenceEntity, OnCallShiftEntity, StaffSkillEntity];
