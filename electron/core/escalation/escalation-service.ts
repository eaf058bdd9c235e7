import { In, IsNull, type DataSource } from 'typeorm';
import { OPEN_CASE_STATUSES, formatCaseNumber } from '../../../shared/domain';
import type { CasePage, EscalationSettings } from '../../../shared/escalation';
import type { Clock } from '../clock';
import { CaseEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import { markForLook } from '../scheduler/next-alert-store';
import type { SlaScheduler } from '../scheduler/sla-scheduler';
import type { CasePages } from './case-pages';
import type { EscalationSetting } from './escalation-setting';
import type { Pager } from './pager';

/** Cases marked per transaction (well under either database's bound-parameter limit). */
const LOOK_CHUNK = 500;

/** What the contract offers of escalation: the desk's escalation time and the pages sent for a case. */
export class EscalationService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    readonly pager: Pager,
    private readonly pages: CasePages,
    private readonly setting: EscalationSetting,
    private readonly scheduler: SlaScheduler,
  ) {}

  async settings(): Promise<EscalationSettings> {
    return { escalateAfterMinutes: await this.setting.minutes(), mailPages: this.pager.sendsMail };
  }

  /**
   * Saves the escalation time; open priority 1 cases not yet acknowledged are looked at again at
   * once (on every process sharing the database: their stored next instant becomes now), so a
   * shorter time escalates them on time.
   */
  async saveSettings(input: { escalateAfterMinutes: number }): Promise<EscalationSettings> {
    await this.setting.save(input.escalateAfterMinutes);
    const waiting = await this.db.getRepository(CaseEntity).find({
      where: { priority: 1, respondedAt: IsNull(), status: In([...OPEN_CASE_STATUSES]) },
      select: { id: true },
      order: { id: 'ASC' },
    });
    const ids = waiting.map((r) => r.id);
    for (let i = 0; i < ids.length; i += LOOK_CHUNK) {
      const chunk = ids.slice(i, i + LOOK_CHUNK);
      await writeTransaction(this.db, (m) => markForLook(m, chunk, this.clock.now()));
    }
    if (ids.length) this.scheduler.lookAt(ids);
    return this.settings();
  }

  async pagesOf(caseId: number): Promise<CasePage[]> {
    const exists = await this.db.getRepository(CaseEntity).exists({ where: { id: caseId } });
    if (!exists) throw new DomainError('not_found', `No case ${formatCaseNumber(caseId)} (id ${caseId})`, 'caseId');
    return this.pages.ofCase(caseId);
  }
}
