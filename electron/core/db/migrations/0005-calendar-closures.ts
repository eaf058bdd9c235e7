import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The district's own closure dates (snow days, breaks), added to the holidays the calendar already knows. */
export class CalendarClosures1764806400000 implements MigrationInterface {
  name = 'CalendarClosures1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_closure',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'added_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_closure');
  }
}
