/**
 * Staff availability's part of the contract: who is in, out or on call now; absences; the on-call
 * roster and its hand-over notes; working hours, pager addresses and skills; assignment
 * suggestions; and a case's difficulty. Everyone reads; supervisors edit, and a person may record
 * their own absence and write the hand-over note of their own shift (the core checks who).
 */
import { z } from 'zod';
import { ALL_STAFF, channel, id, isoDate, isoInstant, optionalText, SUPERVISORS, text, version } from './contract-kit';
import {
  ABSENCE_KINDS,
  AVAILABILITY_LIMITS as LIMITS,
  DIFFICULTY_LEVELS,
  WORK_WEEKDAYS,
  type AssignmentSuggestions,
  type PresenceBoard,
  type RosterShift,
  type StaffAbsence,
  type StaffAvailabilityProfile,
} from './availability';
import type { QueueCase, StaffRole } from './domain';

const WORKERS: readonly StaffRole[] = ['technician', 'supervisor'];

const difficulty = z.literal(DIFFICULTY_LEVELS, { error: 'Difficulty must be 1 (routine), 2 (involved) or 3 (specialist)' });

const interval = z
  .object({ open: text('Opening time').max(8, { error: 'Opening time must be like 07:00' }), close: text('Closing time').max(8, { error: 'Closing time must be like 17:00' }) })
  .strict();
/** The shape only; the times themselves are checked by the SLA calendar's rules in the core, naming the day. */
const workingHours = z
  .object(Object.fromEntries(WORK_WEEKDAYS.map((d) => [d, z.array(interval, { error: `Hours for ${d} must be a list of {open, close}` }).max(6, { error: `At most 6 intervals on ${d}` })])) as Record<(typeof WORK_WEEKDAYS)[number], z.ZodArray<typeof interval>>, {
    error: 'Working hours must give every weekday (mon … sun) a list of {open, close}',
  })
  .strict();

const pagerAddress = optionalText('Pager address', LIMITS.pagerAddressLength).refine((v) => v == null || /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(v), {
  error: 'Pager address must be an email address like 5735550101@txt.example.net',
});

/** A range of instants to list; the core caps its length. */
const range = {
  from: isoInstant('From').optional(),
  to: isoInstant('To').optional(),
};

const absenceInput = z
  .object({
    id: id('Absence id').optional(),
    staffId: id('Staff member'),
    kind: z.enum(ABSENCE_KINDS, { error: `Kind must be one of: ${ABSENCE_KINDS.join(', ')}` }),
    /** Exact instants… */
    startsAt: isoInstant('Start').optional(),
    endsAt: isoInstant('End').optional(),
    /** …or whole days in the desk's zone, both included. */
    fromDate: isoDate('First day').optional(),
    toDate: isoDate('Last day').optional(),
    note: optionalText('Note', LIMITS.noteLength),
  })
  .strict()
  .refine((v) => (v.startsAt !== undefined && v.endsAt !== undefined) !== (v.fromDate !== undefined && v.toDate !== undefined), {
    error: 'Give either a start and an end, or a first and a last day',
    path: ['startsAt'],
  })
  .refine((v) => (v.startsAt === undefined) === (v.endsAt === undefined) && (v.fromDate === undefined) === (v.toDate === undefined), {
    error: 'Give both ends of the absence',
    path: ['endsAt'],
  });

const skill = z
  .object({
    categoryId: id('Category').nullable().optional(),
    system: optionalText('System', LIMITS.systemLength),
    level: difficulty,
  })
  .strict()
  .refine((v) => (v.categoryId == null) !== (v.system == null), { error: 'A skill names either a category or a system', path: ['categoryId'] });

export const availabilityChannels = {
  /** Every active staff member now: in, out (until…) or off, and whether on call. */
  'availability.now': channel<PresenceBoard>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  /** Absences overlapping a range (default: from now on), oldest first; one person's with `staffId`. */
  'availability.absences': channel<StaffAbsence[]>()({
    input: z.object({ ...range, staffId: id('Staff member').optional() }).strict(),
    access: ALL_STAFF,
    mutates: false,
  }),
  /** A new absence (no id) or a change to one. Anyone for themselves; supervisors for anyone. */
  'availability.saveAbsence': channel<StaffAbsence>()({ input: absenceInput, access: ALL_STAFF, mutates: true }),
  'availability.deleteAbsence': channel<{ id: number }>()({ input: z.object({ id: id('Absence id') }).strict(), access: ALL_STAFF, mutates: true }),
  /** Shifts overlapping a range (default: this week and the next three), with who each hands over to. */
  'availability.roster': channel<RosterShift[]>()({ input: z.object(range).strict(), access: ALL_STAFF, mutates: false }),
  /**
   * A new shift or a change to one. A shift overlapping another person's is refused unless
   * `secondLine` says it is a deliberate second person on call; the same person twice never.
   */
  'availability.saveShift': channel<RosterShift>()({
    input: z
      .object({
        id: id('Shift id').optional(),
        staffId: id('Staff member'),
        startsAt: isoInstant('Start'),
        endsAt: isoInstant('End'),
        secondLine: z.boolean({ error: 'Second line must be true or false' }).optional(),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  'availability.deleteShift': channel<{ id: number }>()({ input: z.object({ id: id('Shift id') }).strict(), access: SUPERVISORS, mutates: true }),
  /** The hand-over note of a shift, for whoever is next: by the person on it, or a supervisor. Blank clears it. */
  'availability.handover': channel<RosterShift>()({
    input: z.object({ shiftId: id('Shift id'), note: optionalText('Hand-over note', LIMITS.noteLength) }).strict(),
    access: ALL_STAFF,
    mutates: true,
  }),
  /** A person's working hours (null: the desk's) and pager address (null: none); audited. */
  'availability.setHours': channel<StaffAvailabilityProfile>()({
    input: z.object({ staffId: id('Staff member'), workingHours: workingHours.nullable(), pagerAddress }).strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** Replaces a person's skills; audited. */
  'availability.setSkills': channel<StaffAvailabilityProfile>()({
    input: z
      .object({ staffId: id('Staff member'), skills: z.array(skill, { error: 'Skills must be a list' }).max(60, { error: 'At most 60 skills' }) })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** Every staff member's hours, pager address and skills. */
  'availability.skills': channel<StaffAvailabilityProfile[]>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  /** Technicians ranked for a case, with the reasons in words. */
  'availability.suggest': channel<AssignmentSuggestions>()({ input: z.object({ caseId: id('Case id') }).strict(), access: WORKERS, mutates: false }),
  /** A case's technical difficulty (null: not judged). */
  'cases.setDifficulty': channel<QueueCase>()({
    input: z.object({ id: id('Case id'), version, difficulty: difficulty.nullable() }).strict(),
    access: WORKERS,
    mutates: true,
  }),
} as const;
