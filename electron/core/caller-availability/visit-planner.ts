import type { DataSource } from 'typeorm';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { QueueCase, StaffMember } from '../../../shared/domain';
import type { Clock } from '../clock';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';
import type { EventBus } from '../event-bus';
import type { CaseReader } from '../services/case-reader';
import { deskInstantWords, loadForChange, writeCaseChange } from '../services/case-writer';
import type { SlaFacade } from '../services/sla-facade';

/**
 * Plans, moves or clears the visit to the caller. Planned outside the caller's windows is allowed
 * (the caller may have agreed on the phone): the case detail flags it, the planner does not refuse.
 * One guarded write with its audit event, like every case change.
 */
export class VisitPlanner {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
  ) {}

  async schedule(input: ChannelParsedInput<'cases.scheduleVisit'>, actor: StaffMember): Promise<QueueCase> {
    const now = this.clock.now();
    const when = deskInstantWords(this.sla, now);
    const visitAt = input.visitAt === null ? null : Date.parse(input.visitAt);
    const visitNote = visitAt === null ? null : (input.note ?? null);
    const row = await writeTransaction(this.db, async (m) => {
      const current = await loadForChange(when, m, input.id, input.version);
      if ((current.visitAt ?? null) === visitAt && (current.visitNote ?? null) === visitNote) return current;
      return writeCaseChange(when, m, current, input.version, { visitAt, visitNote }, {
        kind: 'updated',
        actorId: actor.id,
        at: now,
        detail: { fields: ['visitAt', 'visitNote'], visitAt: visitAt === null ? null : new Date(visitAt).toISOString(), visitNote },
      });
    });
    this.events.publish('cases.changed', { caseId: row.id, version: row.version, change: 'updated' });
    return readAfterCommit(() => this.reader.queueCase(row));
  }
}
