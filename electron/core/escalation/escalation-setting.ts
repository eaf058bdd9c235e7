import type { DataSource } from 'typeorm';
import { DEFAULT_ESCALATE_AFTER_MINUTES, MAX_ESCALATE_AFTER_MINUTES, MIN_ESCALATE_AFTER_MINUTES } from '../../../shared/escalation';
import type { Clock } from '../clock';
import { ConsoleSettingEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';

/** The console setting (console_setting) holding after how many minutes an unacknowledged priority 1 is escalated. */
export const ESCALATION_SETTING_KEY = 'escalation.escalateAfterMinutes';

/** The desk's escalation time: one for the whole desk, kept with the console's other settings (on either database). */
export class EscalationSetting {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async minutes(): Promise<number> {
    const row = await this.db.getRepository(ConsoleSettingEntity).findOneBy({ key: ESCALATION_SETTING_KEY });
    const stored = row ? (JSON.parse(row.value) as unknown) : null;
    return isMinutes(stored) ? stored : DEFAULT_ESCALATE_AFTER_MINUTES;
  }

  async save(minutes: number): Promise<number> {
    if (!isMinutes(minutes)) {
      throw new DomainError('invalid_input', `Escalation time must be whole minutes from ${MIN_ESCALATE_AFTER_MINUTES} to ${MAX_ESCALATE_AFTER_MINUTES}`, 'escalateAfterMinutes');
    }
    const row = { key: ESCALATION_SETTING_KEY, value: JSON.stringify(minutes), updatedAt: this.clock.now() };
    await writeTransaction(this.db, (m) => m.getRepository(ConsoleSettingEntity).upsert(row, ['key']));
    return this.minutes();
  }
}

function isMinutes(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_ESCALATE_AFTER_MINUTES && value <= MAX_ESCALATE_AFTER_MINUTES;
}
