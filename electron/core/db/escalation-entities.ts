/** The pages the desk sent for a case (migration 0020; electron/core/escalation). */
import { EntitySchema } from 'typeorm';
import type { PageChannel, PageKind } from '../../../shared/escalation';
import { idColumn, instantColumn } from './column-types';
import { cascade, references, type Linked } from './entity-kit';

export interface CasePageRow {
  id: number;
  caseId: number;
  kind: PageKind;
  /** '' (p1_page, p1_escalation), the target (breach_mail), the vendor's expected date (parts_overdue). */
  subjectKey: string;
  staffId: number;
  channel: PageChannel;
  address: string | null;
  at: number;
  detail: string;
  outboxId: number | null;
}

export const CasePageEntity = new EntitySchema<Linked<CasePageRow, 'case' | 'staff' | 'outbox'>>({
  name: 'CasePage',
  tableName: 'case_page',
  columns: {
    id: idColumn(),
    caseId: { name: 'case_id', type: 'integer' },
    kind: { type: 'varchar', length: 20 },
    subjectKey: { name: 'subject_key', type: 'varchar', length: 20, default: '' },
    staffId: { name: 'staff_id', type: 'integer' },
    channel: { type: 'varchar', length: 8 },
    address: { type: 'varchar', length: 254, nullable: true },
    at: instantColumn('at'),
    detail: { type: 'text', default: '' },
    outboxId: { name: 'outbox_id', type: 'integer', nullable: true },
  },
  checks: [
    { name: 'case_page_kind_known', expression: `kind IN ('p1_page', 'p1_escalation', 'breach_mail', 'parts_overdue')` },
    { name: 'case_page_channel_known', expression: `channel IN ('email', 'sms', 'console')` },
  ],
  relations: { case: cascade('Case', 'case_id'), staff: cascade('StaffMember', 'staff_id'), outbox: references('MailOutbox', 'outbox_id') },
  // Once: the same page to the same person by the same channel is refused by the database.
  uniques: [{ name: 'uq_case_page_once', columns: ['caseId', 'kind', 'subjectKey', 'staffId', 'channel'] }],
  indices: [{ name: 'idx_case_page_staff', columns: ['staffId', 'at'] }],
});

export const ESCALATION_ENTITIES = [CasePageEntity];
