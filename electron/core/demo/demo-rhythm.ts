/**
 * A school district's year at the help desk, as weights per day: busiest when school starts (late
 * August and September), quiet in summer (June and July) and over the winter break, Mondays the
 * busiest weekday, weekends and holidays only the odd web form or email.
 */
import { DateTime } from 'luxon';
import type { SlaFacade } from '../services/sla-facade';

export interface DemoDay {
  /** Local midnight in the desk's zone. */
  start: DateTime;
  /** The desk is open this day (not a weekend or a holiday). */
  open: boolean;
  weight: number;
  /** How busy the day's week is against an ordinary week (1): late targets follow the load. */
  load: number;
}

/** The season by month and day: the start of the school year is twice an ordinary day. */
export function seasonWeight(month: number, day: number): number {
  if (month === 8) return day < 10 ? 0.7 : day < 20 ? 1.6 : 2.1;
  if (month === 9) return day <= 15 ? 1.9 : 1.5;
  if (month === 10 || month === 11) return 1.1;
  if (month === 12) return day < 20 ? 1 : 0.2;
  if (month === 1) return day <= 4 ? 0.2 : day <= 10 ? 1.3 : 1;
  if (month === 5) return day <= 22 ? 1 : 0.7;
  if (month === 6) return day <= 7 ? 0.5 : 0.3;
  if (month === 7) return day <= 25 ? 0.3 : 0.5;
  return 1;
}

/** By ISO weekday: Monday brings the weekend's problems. */
const WEEKDAY_WEIGHTS = [0, 1.35, 1.1, 1, 0.95, 0.8, 0.07, 0.05];
/** A holiday on a weekday: the desk is closed; a few web forms still come in. */
const HOLIDAY_WEIGHT = 0.08;

/** The days from `first` (local midnight) for `count` days, with their weights and weekly load. */
export function schoolYearDays(first: DateTime, count: number, sla: SlaFacade): DemoDay[] {
  const days: DemoDay[] = [];
  for (let i = 0; i < count; i++) {
    const start = first.plus({ days: i });
    const weekday = start.weekday;
    const open = weekday <= 5 && sla.isWithinBusinessHours(start.set({ hour: 12 }).toMillis());
    const base = weekday <= 5 && !open ? HOLIDAY_WEIGHT : (WEEKDAY_WEIGHTS[weekday] as number);
    days.push({ start, open, weight: base * seasonWeight(start.month, start.day), load: 1 });
  }
  // A week's load: its weight against the mean of the weeks the desk was open.
  const weekOf = (d: DemoDay) => `${d.start.weekYear}-${d.start.weekNumber}`;
  const weeks = new Map<string, number>();
  for (const d of days) weeks.set(weekOf(d), (weeks.get(weekOf(d)) ?? 0) + d.weight);
  const open = [...weeks.values()].filter((w) => w > 1);
  const mean = open.reduce((a, b) => a + b, 0) / Math.max(1, open.length);
  for (const d of days) d.load = (weeks.get(weekOf(d)) ?? mean) / mean;
  return days;
}

/**
 * Whole numbers per day that follow the weights and add up to exactly `total` (a running total,
 * rounded), so the demo's size is what was asked.
 */
export function spreadOver(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  let running = 0;
  let placed = 0;
  return weights.map((w) => {
    running += (w / sum) * total;
    const upTo = Math.round(running);
    const n = upTo - placed;
    placed = upTo;
    return n;
  });
}
