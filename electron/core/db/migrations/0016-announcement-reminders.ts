import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumnInPlace } from './add-column';

/**
 * When the author of a planned maintenance still in draft past its notice deadline was emailed a
 * reminder (electron/core/announcements/draft-reminders.ts): once per announcement, whichever
 * server process finds it first.
 */
export class AnnouncementReminders1765756800000 implements MigrationInterface {
  name = 'AnnouncementReminders1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await addColumnInPlace(q, 'announcement', { name: 'reminded_at', type: 'bigint' });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "announcement" DROP COLUMN "reminded_at"');
  }
}
