import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from './append-only';

const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const staff = (column: string) => new TableForeignKey({ columnNames: [column], referencedTableName: 'staff_member', referencedColumnNames: ['id'] });

/**
 * SLA policy versions managed in the app (electron/core/policy): drafts and published versions
 * with their effective instants, and the annual review's record ("Technology Services will review
 * the Priority Policy annually"), append-only like the other audit tables. The built-in 2026.1 is
 * not seeded: it is in force from the beginning without a row.
 */
export class SlaPolicyVersions1765800000000 implements MigrationInterface {
  name = 'SlaPolicyVersions1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sla_policy_version',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'version', type: 'varchar', length: '32' },
          { name: 'state', type: 'varchar', length: '16' },
          instant('effective_from', true),
          { name: 'body', type: 'text' },
          { name: 'based_on', type: 'varchar', length: '32', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'created_by_id', type: 'integer', isNullable: true },
          instant('created_at'),
          { name: 'published_by_id', type: 'integer', isNullable: true },
          instant('published_at', true),
          instant('updated_at'),
        ],
        checks: [
          { name: 'sla_policy_version_state_known', expression: `state IN ('draft', 'published')` },
          { name: 'sla_policy_version_published_dated', expression: `(state = 'draft') = (effective_from IS NULL)` },
        ],
        uniques: [
          { name: 'uq_sla_policy_version', columnNames: ['version'] },
          // Two versions never take effect at the same instant: which one a case gets would be a toss-up.
          { name: 'uq_sla_policy_effective_from', columnNames: ['effective_from'] },
        ],
        foreignKeys: [staff('created_by_id'), staff('published_by_id')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sla_policy_review',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          instant('at'),
          { name: 'by_id', type: 'integer', isNullable: true },
          { name: 'version', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'note', type: 'text', isNullable: true },
        ],
        checks: [{ name: 'sla_policy_review_kind_known', expression: `kind IN ('published', 'reviewed')` }],
        foreignKeys: [staff('by_id')],
        indices: [new TableIndex({ name: 'idx_sla_policy_review_at', columnNames: ['at'] })],
      }),
    );
    await makeAppendOnly(q, 'sla_policy_review');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnly(q, 'sla_policy_review');
    await q.dropTable('sla_policy_review');
    await q.dropTable('sla_policy_version');
  }
}
