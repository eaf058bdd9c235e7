import type { Priority } from '../../../shared/domain';

export interface PlannedDeadlines {
  responseDueAt: number | null;
  resolutionDueAt: number | null;
  policyVersion: string | null;
}

/** What the case service needs from the SLA engine when a case is opened. */
export interface DeadlinePlanner {
  plan(priority: Priority, receivedAt: number): PlannedDeadlines;
}
