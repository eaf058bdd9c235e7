import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumnInPlace } from './add-column';

/**
 * When the caller can be reached or visited (shared/caller-availability.ts): what they said, the
 * windows as JSON (wall-clock times in the desk's zone), and the planned visit. Plain ADD COLUMN:
 * the case table keeps its triggers on SQLite.
 */
export class CallerAvailability1766016000000 implements MigrationInterface {
  name = 'CallerAvailability1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await addColumnInPlace(q, 'help_case', { name: 'caller_availability', type: 'text' });
    await addColumnInPlace(q, 'help_case', { name: 'availability_windows', type: 'text' });
    await addColumnInPlace(q, 'help_case', { name: 'visit_at', type: 'bigint' });
    await addColumnInPlace(q, 'help_case', { name: 'visit_note', type: 'text' });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['visit_note', 'visit_at', 'availability_windows', 'caller_availability']) {
      await q.query(`ALTER TABLE "help_case" DROP COLUMN "${column}"`);
    }
  }
}
