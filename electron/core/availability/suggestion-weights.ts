/**
 * How assignment suggestions weigh what the agreement asks TS leaders to consider ("staff
 * availability, level of technical difficulty, number of cases"). One table, so a desk that
 * weighs differently changes numbers here, not code. Only the order of the scores means anything.
 */
import type { Priority } from '../../../shared/domain';

export const SUGGESTION_WEIGHTS = {
  /** At work now: can start at once. */
  presenceIn: 40,
  /** Outside their hours but not away: takes it when they are back (often tomorrow morning). */
  presenceOff: 5,
  /** Away (vacation, sick, training): the case would wait for them, so below anyone who is not. */
  presenceOut: -100,
  /** Per working hour left today, up to `hoursLeftCap`: someone leaving in 20 minutes is a poorer pick. */
  perHourLeftToday: 3,
  hoursLeftCap: 8,
  /** On call: expected to take urgent work at once; counts for priority 1 and 2 cases only. */
  onCallUrgent: 15,
  /** A skill in the case's category, or a system the case names, at or above its difficulty. */
  skillFits: 30,
  /** A system named in the case is more specific than its category: a little more. */
  systemNamed: 10,
  /** A skill in the area below the case's difficulty: they can help but should not own it. */
  skillBelowDifficulty: -25,
  /** Per open case held, by its priority: a priority 1 takes far more attention than a 5. */
  loadByPriority: { 1: -12, 2: -8, 3: -5, 4: -3, 5: -2 } as Readonly<Record<Priority, number>>,
} as const;

/** Priorities on which being on call counts (the agreement: priority 1 calls technicians for immediate response). */
export const URGENT_PRIORITIES: readonly Priority[] = [1, 2];
