import type { SlaFacade } from '../services/sla-facade';

type BusinessDays = Pick<SlaFacade, 'openingBusinessDaysBefore'>;

/**
 * The instant planned work must be published by: the opening of the business day `days` business
 * days before the day it starts (the agreement: "advance notice before the planned occurrence"),
 * on the desk's calendar with its closures.
 */
export function noticeDeadline(startAt: number, days: number, calendar: BusinessDays): number {
  return calendar.openingBusinessDaysBefore(startAt, days);
}

/** Published after its deadline: the announcement is flagged as late notice. */
export function isLateNotice(publishedAt: number, deadline: number): boolean {
  return publishedAt > deadline;
}

/** A draft of planned work whose deadline has passed and which has not started: its author is reminded. */
export function reminderDue(now: number, startAt: number, deadline: number): boolean {
  return deadline <= now && now < startAt;
}
