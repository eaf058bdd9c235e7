/**
 * Announcements' tables (migration 0014): the announcement itself, the buildings it concerns
 * (none: district-wide), its updates, and the cases linked to an outage.
 */
import { EntitySchema } from 'typeorm';
import type { AnnouncementKind, AnnouncementState } from '../../../shared/announcements';
import { idColumn, instantColumn } from './column-types';
import { cascade, flag, references, type Linked } from './entity-kit';

export interface AnnouncementRow {
  id: number;
  kind: AnnouncementKind;
  title: string;
  description: string;
  /** JSON array of strings: read whole with the announcement, never queried apart. */
  affectedServices: string;
  startAt: number;
  expectedMinutes: number;
  state: AnnouncementState;
  outsideWindow: boolean;
  outsideWindowReason: string | null;
  authorId: number | null;
  publishedAt: number | null;
  closedAt: number | null;
  /** When the author was emailed that this draft is past its notice deadline (once); null: not yet. */
  remindedAt: number | null;
  lateNotice: boolean;
  categoryId: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const AnnouncementEntity = new EntitySchema<Linked<AnnouncementRow, 'author' | 'category'>>({
  name: 'Announcement',
  tableName: 'announcement',
  columns: {
    id: idColumn(),
    kind: { type: 'varchar', length: 32 },
    title: { type: 'varchar', length: 200 },
    description: { type: 'text' },
    affectedServices: { name: 'affected_services', type: 'text' },
    startAt: instantColumn('start_at'),
    expectedMinutes: { name: 'expected_minutes', type: 'integer' },
    state: { type: 'varchar', length: 16 },
    outsideWindow: { ...flag(false), name: 'outside_window' },
    outsideWindowReason: { name: 'outside_window_reason', type: 'text', nullable: true },
    authorId: { name: 'author_id', type: 'integer', nullable: true },
    publishedAt: instantColumn('published_at', true),
    closedAt: instantColumn('closed_at', true),
    remindedAt: instantColumn('reminded_at', true),
    lateNotice: { ...flag(false), name: 'late_notice' },
    categoryId: { name: 'category_id', type: 'integer', nullable: true },
    version: { type: 'integer' },
    createdAt: instantColumn('created_at'),
    updatedAt: instantColumn('updated_at'),
  },
  checks: [
    { name: 'announcement_kind_known', expression: `kind IN ('planned_maintenance', 'unplanned_outage', 'upgrade')` },
    { name: 'announcement_state_known', expression: `state IN ('draft', 'published', 'closed')` },
    { name: 'announcement_minutes_positive', expression: 'expected_minutes > 0' },
  ],
  relations: { author: references('StaffMember', 'author_id'), category: references('Category', 'category_id') },
  indices: [
    { name: 'idx_announcement_state', columns: ['state', 'startAt'] },
    { name: 'idx_announcement_author', columns: ['authorId'] },
  ],
});

export interface AnnouncementBuildingRow {
  announcementId: number;
  buildingId: number;
}

export const AnnouncementBuildingEntity = new EntitySchema<Linked<AnnouncementBuildingRow, 'announcement' | 'building'>>({
  name: 'AnnouncementBuilding',
  tableName: 'announcement_building',
  columns: {
    announcementId: { name: 'announcement_id', type: 'integer', primary: true },
    buildingId: { name: 'building_id', type: 'integer', primary: true },
  },
  relations: { announcement: cascade('Announcement', 'announcement_id'), building: references('Building', 'building_id') },
  indices: [{ name: 'idx_announcement_building_building', columns: ['buildingId'] }],
});

export interface AnnouncementUpdateRow {
  id: number;
  announcementId: number;
  at: number;
  authorId: number | null;
  text: string;
}

export const AnnouncementUpdateEntity = new EntitySchema<Linked<AnnouncementUpdateRow, 'announcement' | 'author'>>({
  name: 'AnnouncementUpdate',
  tableName: 'announcement_update',
  columns: {
    id: idColumn(),
    announcementId: { name: 'announcement_id', type: 'integer' },
    at: instantColumn('at'),
    authorId: { name: 'author_id', type: 'integer', nullable: true },
    text: { type: 'text' },
  },
  relations: { announcement: cascade('Announcement', 'announcement_id'), author: references('StaffMember', 'author_id') },
  indices: [{ name: 'idx_announcement_update_announcement', columns: ['announcementId', 'at'] }],
});

export interface AnnouncementCaseRow {
  announcementId: number;
  caseId: number;
  linkedAt: number;
  linkedById: number | null;
}

export const AnnouncementCaseEntity = new EntitySchema<Linked<AnnouncementCaseRow, 'announcement' | 'case' | 'linkedBy'>>({
  name: 'AnnouncementCase',
  tableName: 'announcement_case',
  columns: {
    announcementId: { name: 'announcement_id', type: 'integer', primary: true },
    caseId: { name: 'case_id', type: 'integer', primary: true },
    linkedAt: instantColumn('linked_at'),
    linkedById: { name: 'linked_by_id', type: 'integer', nullable: true },
  },
  relations: {
    announcement: cascade('Announcement', 'announcement_id'),
    case: references('Case', 'case_id'),
    linkedBy: references('StaffMember', 'linked_by_id'),
  },
  indices: [{ name: 'idx_announcement_case_case', columns: ['caseId'] }],
});

export const ANNOUNCEMENT_ENTITIES = [AnnouncementEntity, AnnouncementBuildingEntity, AnnouncementUpdateEntity, AnnouncementCaseEntity];
