import type { DataSource } from 'typeorm';
import { isPostgres } from '../db/dialect';

/**
 * Whether the open cases may have changed since the queue was last read, so that an unchanged queue
 * is answered without scanning every open case's version (on SQLite that scan blocks the process:
 * better-sqlite3 is synchronous).
 *
 * On SQLite, nothing needs reading when this process heard no change (every case change here
 * publishes an event) and `PRAGMA data_version` has not moved: it moves when another connection,
 * such as another process on the same file, commits. On PostgreSQL the queue is always read: the
 * query does not block, and other servers' changes arrive by a relay that may be away.
 */
export class QueueStaleness {
  private changed = true;
  private seenVersion: number | null = null;

  constructor(private readonly db: DataSource) {}

  /** Something this process heard may have changed the queue (a case, a name, the calendar). */
  markChanged(): void {
    this.changed = true;
  }

  /**
   * Called as a read begins: whether it must look at the database. Changes committed from here on
   * are seen by the next call; a read that fails must `markChanged()`.
   */
  async mustRead(): Promise<boolean> {
    if (isPostgres(this.db)) return true;
    const version = await this.dataVersion();
    const must = this.changed || version === null || version !== this.seenVersion;
    this.changed = false;
    this.seenVersion = version;
    return must;
  }

  private async dataVersion(): Promise<number | null> {
    const rows: { data_version?: number | string }[] = await this.db.query('PRAGMA data_version');
    const value = Number(rows[0]?.data_version);
    return Number.isFinite(value) ? value : null;
  }
}
