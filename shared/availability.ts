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

/** Weekly hours as data in the desk's zone, the shape of the SLA calendar's (electron/core/sla/weekly-hours.ts). */
export const WORK_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WorkWeekday = (typeof WORK_WEEKDAYS)[number];
export type WorkingHours = Record<WorkWeekday, { open: string; close: string }[]>;

/** Why the assignee cannot work a case now: the absence covering now and when the person is back. */
export interface AwayMark {
  kind: AbsenceKind;
  /** The end of the absence (and of absences that follow it without a gap). */
  until: string;
}

export interface StaffAbsence {
  id: number;
  staffId: number;
  staffName: string;
  kind: AbsenceKind;
  startsAt: string;
  endsAt: string;
  note: string | null;
  createdByName: string | null;
}

/** One active staff member right now. */
export interface PresenceRow {
  staffId: number;
  name: string;
  role: 'agent' | 'technician' | 'supervisor';
  state: PresenceState;
  /** When `out`: the absence's kind and its end. */
  away: AwayMark | null;
  /** When `off`: the next start of their working hours (absences not counted). */
  backAt: string | null;
  onCall: boolean;
  onCallUntil: string | null;
}

export interface PresenceBoard {
  at: string;
  people: PresenceRow[];
}

export interface RosterShift {
  id: number;
  staffId: number;
  staffName: string;
  startsAt: string;
  endsAt: string;
  handoverNote: string | null;
  /** The next shift starting when this one ends (or within its last hour): who this person hands over to. */
  handsOverTo: { staffId: number; staffName: string; at: string } | null;
  /** The person on this shift has an absence overlapping it. */
  personAway: boolean;
}

export interface StaffSkill {
  /** A case category, or else a named system; exactly one of the two. */
  categoryId: number | null;
  categoryName: string | null;
  system: string | null;
  level: Difficulty;
}

/** A staff member's availability settings: hours, pager and skills. */
export interface StaffAvailabilityProfile {
  staffId: number;
  name: string;
  role: 'agent' | 'technician' | 'supervisor';
  active: boolean;
  /** null: the desk's hours. */
  workingHours: WorkingHours | null;
  pagerAddress: string | null;
  skills: StaffSkill[];
}

export interface AssignmentSuggestion {
  staffId: number;
  name: string;
  /** Higher is better; only the order means anything. */
  score: number;
  presence: PresenceState;
  /** The reasons in words, the strongest first. */
  reasons: string[];
}

export interface AssignmentSuggestions {
  caseId: number;
  difficulty: Difficulty | null;
  suggestions: AssignmentSuggestion[];
}

export type AvailabilityChange = 'absence' | 'shift' | 'handover' | 'hours' | 'skills';
