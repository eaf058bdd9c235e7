import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const nullableInt = (name: string) => ({ name, type: 'integer', isNullable: true });

/**
 * One row per case with what the reports count (electron/core/reports/case-report-facts.ts): its
 * dimensions, where each SLA target ended (met, breached, open, none), the unpaused time to
 * reach it in the target's measure, and the time spent in the side states. Derived from the
 * case, its pauses and its events by the core, and kept in step by the reports' fact keeper; a
 * row whose `case_version` differs from the case's is recomputed. Rows of an upgraded database
 * are written by the keeper at first use, not here (the SLA engine is not SQL).
 */
export class CaseReportFacts1765324800000 implements MigrationInterface {
  name = 'CaseReportFacts1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'case_report_fact',
        columns: [
          { name: 'case_id', type: 'integer', isPrimary: true },
          { name: 'case_version', type: 'integer' },
          instant('received_at'),
          // The received instant in the desk's zone: date, minute of the day, ISO weekday; and whether after the cutoff or on a closed day.
          { name: 'received_date', type: 'varchar', length: '10' },
          { name: 'received_minute', type: 'integer' },
          { name: 'received_weekday', type: 'integer' },
          { name: 'after_cutoff', type: 'boolean' },
          { name: 'priority', type: 'integer' },
          { name: 'policy_version', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'channel', type: 'varchar', length: '16' },
          nullableInt('building_id'),
          nullableInt('category_id'),
          nullableInt('assignee_id'),
          { name: 'caller_id', type: 'integer' },
          instant('clock_start_at'),
          { name: 'business_day_ms', type: 'integer' },
          { name: 'response_unit', type: 'varchar', length: '16' },
          { name: 'response_has_target', type: 'boolean' },
          instant('response_due_at', true),
          instant('responded_at', true),
          instant('response_elapsed_ms', true),
          { name: 'response_outcome', type: 'varchar', length: '8' },
          { name: 'resolution_unit', type: 'varchar', length: '16' },
          { name: 'resolution_has_target', type: 'boolean' },
          instant('resolution_due_at', true),
          instant('resolved_at', true),
          instant('resolution_elapsed_ms', true),
          { name: 'resolution_outcome', type: 'varchar', length: '8' },
          { name: 'resolved_date', type: 'varchar', length: '10', isNullable: true },
          // Clock time in the side states over the pauses that ended; a pause still running is counted at report time.
          instant('pending_ms'),
          instant('parts_ms'),
          { name: 'ever_pending', type: 'boolean' },
          { name: 'ever_parts', type: 'boolean' },
          { name: 'open_pause_status', type: 'varchar', length: '32', isNullable: true },
          instant('open_pause_since', true),
          { name: 'first_contact', type: 'boolean' },
          { name: 'reopened', type: 'integer' },
          instant('closed_at', true),
          { name: 'closed_date', type: 'varchar', length: '10', isNullable: true },
        ],
        checks: [
          { name: 'case_report_fact_response_outcome', expression: `response_outcome IN ('met', 'breached', 'open', 'none')` },
          { name: 'case_report_fact_resolution_outcome', expression: `resolution_outcome IN ('met', 'breached', 'open', 'none')` },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'help_case', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ name: 'idx_case_report_fact_received', columnNames: ['received_date'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_report_fact');
  }
}
