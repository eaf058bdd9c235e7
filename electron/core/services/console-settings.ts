import type { DataSource } from 'typeorm';
import type { LastStaff } from '../../../shared/contract';
import type { Clock } from '../clock';
import { isPostgres } from '../db/dialect';
import { ConsoleSettingEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { StaffService } from './staff-service';

const LAST_STAFF = 'console.lastStaff';

/**
 * Settings of the console as a whole, kept in its database: who sat at it last. The browser mode
 * gets a new origin (and so an empty browser storage) at every start on a new port; the core's
 * memory survives that. Only a standalone console (its own SQLite file) remembers a person: a
 * PostgreSQL database is shared by a team's consoles, where the last person chosen at one console
 * is not the person at another.
 */
export class ConsoleSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly staff: StaffService,
  ) {}

  /** The person remembered, if they are still an active staff member. */
  async lastStaff(): Promise<LastStaff> {
    if (isPostgres(this.db)) return { staffId: null };
    const row = await this.db.getRepository(ConsoleSettingEntity).findOneBy({ key: LAST_STAFF });
    const id = row ? (JSON.parse(row.value) as unknown) : null;
    if (typeof id !== 'number') return { staffId: null };
    const active = (await this.staff.list()).some((member) => member.id === id && member.active);
    return { staffId: active ? id : null };
  }

  /** Remembers who is at the console now (null: nobody, e.g. after "Switch person"). */
  async rememberStaff(staffId: number | null): Promise<LastStaff> {
    if (staffId !== null && !(await this.staff.list()).some((member) => member.id === staffId && member.active)) {
      throw new DomainError('not_found', `No active staff member has id ${staffId}`, 'staffId');
    }
    if (isPostgres(this.db)) return { staffId: null };
    const row = { key: LAST_STAFF, value: JSON.stringify(staffId), updatedAt: this.clock.now() };
    await writeTransaction(this.db, (m) => m.getRepository(ConsoleSettingEntity).upsert(row, ['key']));
    return { staffId };
  }
}
