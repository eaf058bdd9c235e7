/**
 * SLA policy versions the desk manages (migration 0017): drafts and published versions, each with
 * its body (the priority table, cutoff and desk hours as JSON) and, once published, the instant it
 * takes effect; and the record of the annual review (append-only). The built-in version 2026.1 is
 * not a row: it is in force from the beginning (electron/core/sla/sla-policy.ts).
 */
import { EntitySchema } from 'typeorm';
import type { PolicyState } from '../../../shared/policy';
import { idColumn, instantColumn } from './column-types';
import { references, type Linked } from './entity-kit';

export interface SlaPolicyVersionRow {
  id: number;
  version: string;
  state: PolicyState;
  /** Published only: from when new cases are opened under it. Unique: two versions never take effect at once. */
  effectiveFrom: number | null;
  /** JSON of shared/policy.ts PolicyBody: read whole, never queried apart. */
  body: string;
  basedOn: string | null;
  note: string | null;
  createdById: number | null;
  createdAt: number;
  publishedById: number | null;
  publishedAt: number | null;
  updatedAt: number;
}

export const SlaPolicyVersionEntity = new EntitySchema<Linked<SlaPolicyVersionRow, 'createdBy' | 'publishedBy'>>({
  name: 'SlaPolicyVersion',
  tableName: 'sla_policy_version',
  columns: {
    id: idColumn(),
    version: { type: 'varchar', length: 32 },
    state: { type: 'varchar', length: 16 },
    effectiveFrom: instantColumn('effective_from', true),
    body: { type: 'text' },
    basedOn: { name: 'based_on', type: 'varchar', length: 32, nullable: true },
    note: { type: 'text', nullable: true },
    createdById: { name: 'created_by_id', type: 'integer', nullable: true },
    createdAt: instantColumn('created_at'),
    publishedById: { name: 'published_by_id', type: 'integer', nullable: true },
    publishedAt: instantColumn('published_at', true),
    updatedAt: instantColumn('updated_at'),
  },
  checks: [
    { name: 'sla_policy_version_state_known', expression: `state IN ('draft', 'published')` },
    { name: 'sla_policy_version_published_dated', expression: `(state = 'draft') = (effective_from IS NULL)` },
  ],
  uniques: [
    { name: 'uq_sla_policy_version', columns: ['version'] },
    { name: 'uq_sla_policy_effective_from', columns: ['effectiveFrom'] },
  ],
  relations: { createdBy: references('StaffMember', 'created_by_id'), publishedBy: references('StaffMember', 'published_by_id') },
});

export interface SlaPolicyReviewRow {
  id: number;
  at: number;
  byId: number | null;
  /** The version published, or the one in force when reviewed with no change. */
  version: string;
  kind: 'published' | 'reviewed';
  note: string | null;
}

export const SlaPolicyReviewEntity = new EntitySchema<Linked<SlaPolicyReviewRow, 'by'>>({
  name: 'SlaPolicyReview',
  tableName: 'sla_policy_review',
  columns: {
    id: idColumn(),
    at: instantColumn('at'),
    byId: { name: 'by_id', type: 'integer', nullable: true },
    version: { type: 'varchar', length: 32 },
    kind: { type: 'varchar', length: 16 },
    note: { type: 'text', nullable: true },
  },
  checks: [{ name: 'sla_policy_review_kind_known', expression: `kind IN ('published', 'reviewed')` }],
  relations: { by: references('StaffMember', 'by_id') },
  indices: [{ name: 'idx_sla_policy_review_at', columns: ['at'] }],
});

export const POLICY_ENTITIES = [SlaPolicyVersionEntity, SlaPolicyReviewEntity];
