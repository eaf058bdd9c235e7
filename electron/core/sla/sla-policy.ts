/**
 * The agreement's targets as versioned data: per priority a response and a resolution target,
 * which priorities the 4 PM intake cutoff applies to, and when to warn. A case keeps the version
 * it was opened under, so a policy is never edited in place: a change is a new version.
 */
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../../../shared/domain';
import { deepFreeze, weeklyHoursSchema } from './calendar-spec';
import type { WeeklyHours } from './weekly-hours';

export const TARGET_UNITS = ['clock-hours', 'business-hours', 'business-days'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

export interface SlaTarget {
  amount: number;
  /** clock-hours: elapsed time; business-hours: open hours only; business-days: standard business days of business time. */
  unit: TargetUnit;
}

export interface PriorityTargets {
  response: SlaTarget | null;
  resolution: SlaTarget | null;
}

export interface WarningThresholds {
  /** Warn when this fraction of a target is used, e.g. 0.75. */
  fractionsUsed: readonly number[];
  /** Warn when this many minutes of the target (in its own unit) remain, e.g. 30. */
  minutesBeforeDue: readonly number[];
}

/**
 * The agreement's "Hours of Operation" and its intake cutoff, when a version states its own. A
 * version without them (2026.1, the built-in one) is computed on the desk's calendar as it is.
 */
export interface PolicyDeskHours {
  weeklyHours: WeeklyHours;
  /** Local time "HH:MM" after which a request counts as submitted the next business day; null: none. */
  intakeCutoff: string | null;
}

export interface SlaPolicy {
  version: string;
  targets: Readonly<Record<Priority, PriorityTargets>>;
  /** "All requests entered after 4 PM will be considered as submitted the following business day." */
  intakeCutoffPriorities: readonly Priority[];
  warnings: WarningThresholds;
  /** Absent: the desk's own calendar (the agreement's M–F 7–5, 4 PM cutoff). */
  deskHours?: PolicyDeskHours;
}

const targetSchema = z.object({ amount: z.number().nonnegative().finite(), unit: z.enum(TARGET_UNITS) }).strict().nullable();
const priorityTargetsSchema = z.object({ response: targetSchema, resolution: targetSchema }).strict();
const prioritySchema = z.union(PRIORITIES.map((p) => z.literal(p)) as unknown as [z.ZodLiteral<Priority>, z.ZodLiteral<Priority>]);

export const slaPolicySchema = z
  .object({
    version: z.string().min(1),
    targets: z.object(Object.fromEntries(PRIORITIES.map((p) => [String(p), priorityTargetsSchema])) as Record<string, typeof priorityTargetsSchema>).strict(),
    intakeCutoffPriorities: z.array(prioritySchema),
    warnings: z
      .object({
        fractionsUsed: z.array(z.number().gt(0).lt(1)),
        minutesBeforeDue: z.array(z.number().positive().finite()),
      })
      .strict(),
    deskHours: z.object({ weeklyHours: weeklyHoursSchema, intakeCutoff: z.string().nullable() }).strict().optional(),
  })
  .strict();

const hours = (amount: number, unit: TargetUnit): SlaTarget => ({ amount, unit });

/** The agreement's priority table, version 2026.1. */
export const DEFAULT_POLICY: SlaPolicy = deepFreeze({
  version: '2026.1',
  targets: {
    // "Problem acknowledged within 1 hour … resolve issues within 4 hours", day or night.
    1: { response: hours(1, 'clock-hours'), resolution: hours(4, 'clock-hours') },
    // "Initial response within 4 working hours … Within 2 working days."
    2: { response: hours(4, 'business-hours'), resolution: hours(2, 'business-days') },
    // "Initial response within 24 hours" (not working hours) "… Within 3 working days."
    3: { response: hours(24, 'clock-hours'), resolution: hours(3, 'business-days') },
    4: { response: hours(1, 'business-days'), resolution: hours(5, 'business-days') },
    // "To be Determined based on scale and scope of project": set per project.
    5: { response: hours(2, 'business-days'), resolution: null },
  },
  // Priority 1 "should be called immediately if an issue arises after 4 PM": no cutoff for it.
  intakeCutoffPriorities: [2, 3, 4, 5],
  warnings: { fractionsUsed: [0.75], minutesBeforeDue: [30] },
});

/** Checks a policy arriving as data; throws a zod error naming the field. */
export function parseSlaPolicy(input: unknown): SlaPolicy {
  return deepFreeze(slaPolicySchema.parse(input) as unknown as SlaPolicy);
}
