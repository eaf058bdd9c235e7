/**
 * Tables of the core, as TypeORM EntitySchemas over plain interfaces (no decorators: Vite's
 * transforms do not emit decorator metadata). The schema itself is created by migrations.
 */
import { EntitySchema } from 'typeorm';
import type { CaseChannel, CaseEventKind, CaseStatus, Priority, StaffRole } from '../../../shared/domain';
import { idColumn, instantColumn } from './column-types';

export interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
}

export interface CallerRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  building: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CaseRow {
  id: number;
  callerId: number;
  summary: string;
  description: string;
  priority: Priority;
  status: CaseStatus;
  channel: CaseChannel;
  assigneeId: number | null;
  createdById: number | null;
  receivedAt: number;
  responseDueAt: number | null;
  resolutionDueAt: number | null;
  policyVersion: string | null;
  /** Optimistic-lock counter; every update is guarded by it (see case-repository). */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface CaseEventRow {
  id: number;
  caseId: number;
  actorId: number | null;
  kind: CaseEventKind;
  at: number;
  /** JSON text: what changed. */
  detail: string;
  reason: string | null;
}

export const StaffEntity = new EntitySchema<StaffRow>({
  name: 'StaffMember',
  tableName: 'staff_member',
  columns: {
    id: idColumn(),
    name: { type: 'varchar', length: 120 },
    role: { type: 'varchar', length: 20 },
    active: { type: 'boolean', default: true },
    createdAt: instantColumn('created_at'),
  },
});

export const CallerEntity = new EntitySchema<CallerRow>({
  name: 'Caller',
  tableName: 'caller',
  columns: {
    id: idColumn(),
    name: { type: 'varchar', length: 120 },
    email: { type: 'varchar', length: 254, nullable: true },
    phone: { type: 'varchar', length: 40, nullable: true },
    building: { type: 'varchar', length: 120, nullable: true },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
});

export const CaseEntity = new EntitySchema<CaseRow>({
  name: 'Case',
  tableName: 'help_case',
  columns: {
    id: idColumn(),
    callerId: { name: 'caller_id', type: 'integer' },
    summary: { type: 'varchar', length: 200 },
    description: { type: 'text', default: '' },
    priority: { type: 'integer' },
    status: { type: 'varchar', length: 32 },
    channel: { type: 'varchar', length: 16 },
    assigneeId: { name: 'assignee_id', type: 'integer', nullable: true },
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
    receivedAt: instantColumn('received_at'),
    responseDueAt: instantColumn('response_due_at', true),
    resolutionDueAt: instantColumn('resolution_due_at', true),
    policyVersion: { name: 'policy_version', type: 'varchar', length: 32, nullable: true },
    version: { type: 'integer', default: 1 },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
});

export const CaseEventEntity = new EntitySchema<CaseEventRow>({
  name: 'CaseEvent',
  tableName: 'case_event',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    actorId: { name: 'actor_id', type: 'integer', nullable: true },
    kind: { type: 'varchar', length: 32 },
    at: instantColumn('at'),
    detail: { type: 'text' },
    reason: { type: 'text', nullable: true },
  },
});

export const ENTITIES = [StaffEntity, CallerEntity, CaseEntity, CaseEventEntity];
