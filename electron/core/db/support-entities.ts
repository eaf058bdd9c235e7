/**
 * The Tech Support Center's tables (migration 0015): employees' district identities and sessions,
 * screenshots attached to cases, ratings of resolved requests, and announcement emails an address
 * asked not to receive.
 */
import { EntitySchema } from 'typeorm';
import { idColumn, instantColumn } from './column-types';
import { references, type Linked } from './entity-kit';

/** An employee's district identity (issuer, subject), linked to their caller record at first sign-in. */
export interface EmployeeIdentityRow {
  issuer: string;
  subject: string;
  callerId: number;
  linkedAt: number;
}

export const EmployeeIdentityEntity = new EntitySchema<Linked<EmployeeIdentityRow, 'caller'>>({
  name: 'EmployeeIdentity',
  tableName: 'employee_identity',
  columns: {
    issuer: { type: 'varchar', length: 300, primary: true },
    subject: { type: 'varchar', length: 255, primary: true },
    callerId: { name: 'caller_id', type: 'integer' },
    linkedAt: instantColumn('linked_at'),
  },
  relations: { caller: references('Caller', 'caller_id') },
  indices: [{ name: 'idx_employee_identity_caller', columns: ['callerId'] }],
});

/** A signed-in employee at the Tech Support Center. The id is sha256 of the cookie's token. */
export interface EmployeeSessionRow {
  id: string;
  callerId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export const EmployeeSessionEntity = new EntitySchema<Linked<EmployeeSessionRow, 'caller'>>({
  name: 'EmployeeSession',
  tableName: 'employee_session',
  columns: {
    id: { type: 'varchar', length: 64, primary: true },
    callerId: { name: 'caller_id', type: 'integer' },
    createdAt: instantColumn('created_at'),
    lastSeenAt: instantColumn('last_seen_at'),
    expiresAt: instantColumn('expires_at'),
    revokedAt: instantColumn('revoked_at', true),
  },
  relations: { caller: references('Caller', 'caller_id') },
  indices: [{ name: 'idx_employee_session_caller', columns: ['callerId'] }],
});

/** A file attached to a case (an employee's screenshot). Stored as base64 text, as the knowledge base's images. */
export interface CaseAttachmentRow {
  id: number;
  caseId: number;
  fileName: string;
  contentType: string;
  byteSize: number;
  dataBase64: string;
  uploadedAt: number;
  /** The employee who attached it, or the staff member: one of the two. */
  callerId: number | null;
  staffId: number | null;
}

export const CaseAttachmentEntity = new EntitySchema<Linked<CaseAttachmentRow, 'case' | 'caller' | 'staff'>>({
  name: 'CaseAttachment',
  tableName: 'case_attachment',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    fileName: { name: 'file_name', type: 'varchar', length: 200 },
    contentType: { name: 'content_type', type: 'varchar', length: 64 },
    byteSize: { name: 'byte_size', type: 'integer' },
    dataBase64: { name: 'data_base64', type: 'text' },
    uploadedAt: instantColumn('uploaded_at'),
    callerId: { name: 'caller_id', type: 'integer', nullable: true },
    staffId: { name: 'staff_id', type: 'integer', nullable: true },
  },
  checks: [{ name: 'case_attachment_size_positive', expression: 'byte_size > 0' }],
  relations: { case: references('Case', 'case_id'), caller: references('Caller', 'caller_id'), staff: references('StaffMember', 'staff_id') },
  indices: [{ name: 'idx_case_attachment_case', columns: ['caseId'] }],
});

/** How the employee who asked rated a resolved request (one rating per case; a later one replaces it). */
export interface CaseRatingRow {
  caseId: number;
  callerId: number;
  stars: number;
  comment: string | null;
  ratedAt: number;
}

export const CaseRatingEntity = new EntitySchema<Linked<CaseRatingRow, 'case' | 'caller'>>({
  name: 'CaseRating',
  tableName: 'case_rating',
  columns: {
    caseId: { name: 'case_id', type: 'integer', primary: true },
    callerId: { name: 'caller_id', type: 'integer' },
    stars: { type: 'integer' },
    comment: { type: 'text', nullable: true },
    ratedAt: instantColumn('rated_at'),
  },
  checks: [{ name: 'case_rating_stars_range', expression: 'stars BETWEEN 1 AND 5' }],
  relations: { case: references('Case', 'case_id'), caller: references('Caller', 'caller_id') },
});

/** An address that unsubscribed from a topic of the desk's email (announcements); case emails have no opt-out. */
export interface MailOptOutRow {
  address: string;
  topic: string;
  at: number;
}

export const MailOptOutEntity = new EntitySchema<MailOptOutRow>({
  name: 'MailOptOut',
  tableName: 'mail_opt_out',
  columns: {
    address: { type: 'varchar', length: 254, primary: true },
    topic: { type: 'varchar', length: 32, primary: true },
    at: instantColumn('at'),
  },
});

export const SUPPORT_ENTITIES = [EmployeeIdentityEntity, EmployeeSessionEntity, CaseAttachmentEntity, CaseRatingEntity, MailOptOutEntity];
