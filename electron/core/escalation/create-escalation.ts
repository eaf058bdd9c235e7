import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import type { MailService } from '../mail/mail-service';
import type { SlaScheduler } from '../scheduler/sla-scheduler';
import { CasePages } from './case-pages';
import { EscalationService } from './escalation-service';
import { EscalationSetting } from './escalation-setting';
import { Pager } from './pager';

/** Escalation's parts, wired: the scheduler pages through the pager; the contract reads the service. */
export function createEscalation(deps: { db: DataSource; clock: Clock; mail: MailService; scheduler: SlaScheduler; timeZone: string }): EscalationService {
  const pages = new CasePages(deps.db);
  const setting = new EscalationSetting(deps.db, deps.clock);
  const pager = new Pager(deps.mail, pages, setting, deps.timeZone);
  deps.scheduler.usePager(pager);
  return new EscalationService(deps.db, deps.clock, pager, pages, setting, deps.scheduler);
}
