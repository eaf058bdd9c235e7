import type { Priority } from '../../../shared/domain';

export interface PlannedDeadlines {
  clockStartAt: number;
  responseDueAt: number | null;
  resolutionDueAt: number | null;
  policyVersion: string;
  /** True when the 4 PM cutoff (or a closed day) moved the clock start to a later opening. */
  startDeferred: boolean;
}

export interface DeskHours {
  timeZone: string;
  phoneHoursOpen: boolean;
  cutoffApplies: boolean;
  message: string;
}

/** What the services need from the SLA engine, in the core's words. */
export interface SlaFacade {
  plan(priority: Priority, receivedAt: number): PlannedDeadlines;
  /** A due instant in words relative to `now`: "today 2:15 PM", "Thursday 10:00 AM", "Mon, Dec 14 7:00 AM". */
  describeDue(instant: number, now: number): string;
  /** "received after 4 PM: counted as submitted Wednesday 7:00 AM", or null when the clock started on receipt. */
  cutoffNote(receivedAt: number, plan: PlannedDeadlines): string | null;
  deskHours(now: number): DeskHours;
}
