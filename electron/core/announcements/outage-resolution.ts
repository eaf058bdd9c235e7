/**
 * Resolving an outage as one incident: the outage is closed, then each linked case that is still
 * open is resolved through the case lifecycle (its own transition, audit event and deadlines),
 * with a resolution note naming the outage. Cases already resolved or closed are left alone.
 */
import { In, type DataSource } from 'typeorm';
import { formatAnnouncementNumber, type OutageResolution } from '../../../shared/announcements';
import { OPEN_CASE_STATUSES, type StaffMember } from '../../../shared/domain';
import type { Clock } from '../clock';
import { AnnouncementCaseEntity, AnnouncementUpdateEntity } from '../db/announcement-entities';
import { CaseEntity } from '../db/entities';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { TransitionCause } from '../services/transition-observers';
import type { AnnouncementService } from './announcement-service';
import { loadRow } from './announcement-store';

/** How often one case is tried again when someone changed it between our read and our resolve. */
const CONFLICT_RETRIES = 2;

export class OutageResolver {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly announcements: AnnouncementService,
    private readonly lifecycle: CaseLifecycleService,
    /** Sends an outage notice apart when a caller's last case could not carry it (case-mailer.ts). */
    private readonly notices: { outageNoticeAfterwards(outage: { id: number; title: string }, caseIds: readonly number[]): Promise<void> } | null = null,
  ) {}

  async resolve(input: { id: number; version: number; note: string }, actor: StaffMember): Promise<OutageResolution> {
    const now = this.clock.now();
    const { row, caseIds } = await writeTransaction(this.db, async (m) => {
      const outage = await loadRow(m, input.id);
      if (outage.kind !== 'unplanned_outage') throw new DomainError('invalid_input', `${formatAnnouncementNumber(input.id)} is not an outage`, 'id');
      await m.getRepository(AnnouncementUpdateEntity).insert({ announcementId: outage.id, at: now, authorId: actor.id, text: `Resolved: ${input.note}` });
      const row = await this.announcements.closeIn(m, input.id, input.version, now);
      const links = await m.getRepository(AnnouncementCaseEntity).find({ where: { announcementId: outage.id }, order: { linkedAt: 'ASC', caseId: 'ASC' } });
      return { row, caseIds: links.map((l) => l.caseId) };
    });
    const announcement = await this.announcements.announce(row, 'closed');
    const notes = `Resolved with outage ${formatAnnouncementNumber(row.id)} "${row.title}": ${input.note}`;
    const outcomes = new Map<number, string>();
    // The outage is closed first, so no case is linked while its cases are being resolved. Each
    // caller hears once: their cases are resolved one after the other, and the last of them
    // carries the one notice naming all that were resolved (queued in its transaction).
    for (const group of await byCaller(this.db, caseIds)) {
      const resolved: number[] = [];
      for (const [i, caseId] of group.entries()) {
        const notify = i === group.length - 1 ? [...resolved, caseId] : null;
        const outcome = await this.resolveCase(caseId, notes, actor, { outage: { id: row.id, title: row.title, notify } });
        outcomes.set(caseId, outcome);
        if (outcome === 'resolved') resolved.push(caseId);
      }
      // The last case was not resolved now (resolved already, or changed meanwhile): the notice goes on its own.
      if (outcomes.get(group[group.length - 1] as number) !== 'resolved') await this.notices?.outageNoticeAfterwards({ id: row.id, title: row.title }, resolved);
    }
    const resolvedCaseIds = caseIds.filter((id) => outcomes.get(id) === 'resolved');
    const skipped = caseIds.filter((id) => outcomes.get(id) !== 'resolved').map((caseId) => ({ caseId, reason: outcomes.get(caseId) as string }));
    return { announcement, resolvedCaseIds, skipped };
  }

  /** 'resolved', or why the case was left as it was. */
  private async resolveCase(caseId: number, notes: string, actor: StaffMember, cause: TransitionCause): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const kase = await this.db.getRepository(CaseEntity).findOne({ where: { id: caseId, status: In([...OPEN_CASE_STATUSES]) } });
      if (!kase) return 'already resolved or closed';
      try {
        await this.lifecycle.transition({ id: caseId, version: kase.version, action: 'resolve', notes }, actor, cause);
        return 'resolved';
      } catch (error) {
        if (error instanceof DomainError && error.code === 'conflict' && attempt < CONFLICT_RETRIES) continue;
        if (error instanceof DomainError) return error.message;
        throw error;
      }
    }
  }
}

/** The linked cases grouped by caller, each group in link order, the groups in the order of their first case. */
async function byCaller(db: DataSource, caseIds: readonly number[]): Promise<number[][]> {
  if (caseIds.length === 0) return [];
  const callers = new Map((await db.getRepository(CaseEntity).findBy({ id: In([...caseIds]) })).map((c) => [c.id, c.callerId] as const));
  const groups = new Map<number | string, number[]>();
  for (const id of caseIds) {
    const key = callers.get(id) ?? `case ${id}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  return [...groups.values()];
}
