import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_NOTICE_BUSINESS_DAYS, MAX_NOTICE_BUSINESS_DAYS, type AnnouncementSettings } from '../../../shared/announcements';
import type { Clock } from '../clock';
import { ConsoleSettingEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import { checkAddress } from '../mail/mail-message';

/** The console setting (console_setting) holding how many business days ahead planned work is announced. */
export const NOTICE_SETTING_KEY = 'announcements.noticeBusinessDays';
/** The console setting holding the distribution list announcements are emailed to instead of each employee (JSON string, or absent). */
export const DISTRIBUTION_LIST_KEY = 'announcements.distributionList';

/** The distribution list set for announcement emails, or null (each affected employee is emailed). */
export async function readDistributionList(m: EntityManager): Promise<string | null> {
  const row = await m.getRepository(ConsoleSettingEntity).findOneBy({ key: DISTRIBUTION_LIST_KEY });
  const stored = row ? (JSON.parse(row.value) as unknown) : null;
  return typeof stored === 'string' && stored !== '' ? stored : null;
}

/** The desk's announcement settings, kept with the console's other settings (one for the whole desk, on either database). */
export class NoticeSetting {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async read(): Promise<AnnouncementSettings> {
    const row = await this.db.getRepository(ConsoleSettingEntity).findOneBy({ key: NOTICE_SETTING_KEY });
    const stored = row ? (JSON.parse(row.value) as unknown) : null;
    return { noticeBusinessDays: isDays(stored) ? stored : DEFAULT_NOTICE_BUSINESS_DAYS, distributionList: await readDistributionList(this.db.manager) };
  }

  /** Saves what is given; a distribution list left out stays as it was (null removes it). */
  async save(settings: Omit<AnnouncementSettings, 'distributionList'> & { distributionList?: string | null | undefined }): Promise<AnnouncementSettings> {
    if (!isDays(settings.noticeBusinessDays)) {
      throw new DomainError('invalid_input', `Notice must be a whole number of business days from 0 to ${MAX_NOTICE_BUSINESS_DAYS}`, 'noticeBusinessDays');
    }
    const list = settings.distributionList === undefined ? undefined : settings.distributionList === null || settings.distributionList.trim() === '' ? null : checkAddress(settings.distributionList, 'distributionList');
    const now = this.clock.now();
    await writeTransaction(this.db, async (m) => {
      const repo = m.getRepository(ConsoleSettingEntity);
      await repo.upsert({ key: NOTICE_SETTING_KEY, value: JSON.stringify(settings.noticeBusinessDays), updatedAt: now }, ['key']);
      if (list !== undefined) await repo.upsert({ key: DISTRIBUTION_LIST_KEY, value: JSON.stringify(list ?? ''), updatedAt: now }, ['key']);
    });
    return this.read();
  }
}

function isDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_NOTICE_BUSINESS_DAYS;
}
