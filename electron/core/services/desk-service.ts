import type { DeadlinePreview, DeskStatus } from '../../../shared/contract';
import type { Priority } from '../../../shared/domain';
import { decidePriority, type WizardAnswers } from '../../../shared/priority-wizard';
import type { Clock } from '../clock';
import { toIso as iso } from '../instants';
import type { SlaFacade } from './sla-facade';


/** The desk's hours right now, and what a case filed now would be due: the header and the wizard's live preview. */
export class DeskService {
  constructor(
    private readonly clock: Clock,
    private readonly sla: SlaFacade,
  ) {}

  status(): DeskStatus {
    const now = this.clock.now();
    return { now: iso(now), ...this.sla.deskHours(now) };
  }

  preview(input: { wizard?: WizardAnswers; priority?: Priority }): DeadlinePreview {
    const now = this.clock.now();
    const decision = input.wizard ? decidePriority(input.wizard) : null;
    const priority = input.priority ?? decision?.priority ?? 3;
    const plan = this.sla.plan(priority, now);
    const parts = [
      plan.responseDueAt === null ? 'no response target' : `response due ${this.sla.describeDue(plan.responseDueAt, now)}`,
      plan.resolutionDueAt === null ? 'resolution date set per project' : `resolution due ${this.sla.describeDue(plan.resolutionDueAt, now)}`,
    ];
    return {
      priority,
      decision,
      receivedAt: iso(now),
      clockStartAt: iso(plan.clockStartAt),
      responseDueAt: plan.responseDueAt === null ? null : iso(plan.responseDueAt),
      resolutionDueAt: plan.resolutionDueAt === null ? null : iso(plan.resolutionDueAt),
      words: parts.join('; '),
      cutoffNote: this.sla.cutoffNote(now, plan),
      policyVersion: plan.policyVersion,
    };
  }
}
