import type { DataSource } from 'typeorm';
import { DEFAULT_NOTICE_BUSINESS_DAYS, MAX_NOTICE_BUSINESS_DAYS, type AnnouncementSettings } from '../../../shared/announcements';
import type { Clock } from '../clock';
import { ConsoleSettingEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';

/** The console setting (console_setting) holding how many business days ahead planned work is announced. */
export const NOTICE_SETTING_KEY = 'announcements.noticeBusinessDays';

/** The desk's announcement settings, kept with the console's other settings (one for the whole desk, on either database). */
export class NoticeSetting {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async read(): Promise<AnnouncementSettings> {
    const row = await this.db.getRepository(ConsoleSettingEntity).findOneBy({ key: NOTICE_SETTING_KEY });
    const stored = row ? (JSON.parse(row.value) as unknown) : null;
    return { noticeBusinessDays: isDays(stored) ? stored : DEFAULT_NOTICE_BUSINESS_DAYS };
  }

  async save(settings: AnnouncementSettings): Promise<AnnouncementSettings> {
    if (!isDays(settings.noticeBusinessDays)) {
      throw new DomainError('invalid_input', `Notice must be a whole number of business days from 0 to ${MAX_NOTICE_BUSINESS_DAYS}`, 'noticeBusinessDays');
    }
    const row = { key: NOTICE_SETTING_KEY, value: JSON.stringify(settings.noticeBusinessDays), updatedAt: this.clock.now() };
    await writeTransaction(this.db, (m) => m.getRepository(ConsoleSettingEntity).upsert(row, ['key']));
    return { noticeBusinessDays: settings.noticeBusinessDays };
  }
}

function isDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_NOTICE_BUSINESS_DAYS;
}
