/**
 * Who is available to work the queue: absences, working hours, the on-call roster, skills and
 * case difficulty (the agreement: work is handled "by considering staff availability, level of
 * technical difficulty, number of cases, and customer availability").
 */

export const ABSENCE_KINDS = ['vacation', 'sick', 'training', 'other'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const ABSENCE_KIND_LABELS: Readonly<Record<AbsenceKind, string>> = {
  vacation: 'Vacation',
  sick: 'Sick',
  training: 'Training',
  other: 'Away',
};

/** A case's technical difficulty; a skill's level is the hardest difficulty its holder takes on. */
export const DIFFICULTY_LEVELS = [1, 2, 3] as const;
export type Difficulty = (typeof DIFFICULTY_LEVELS)[number];

export const DIFFICULTY_LABELS: Readonly<Record<Difficulty, string>> = {
  1: 'Routine',
  2: 'Involved',
  3: 'Specialist',
};

/** Where someone is right now: at work, away (an absence), or outside their working hours. */
export const PRESENCE_STATES = ['in', 'out', 'off'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Limits the editors and the contract share. */
export const AVAILABILITY_LIMITS = {
  noteLength: 2000,
  systemLength: 120,
  pagerAddressLength: 254,
  /** An absence or shift longer than this is almost certainly a typo in a date. */
  maxSpanDays: 120,
} as const;
