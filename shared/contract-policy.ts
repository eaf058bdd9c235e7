/**
 * The SLA policy's part of the contract: every signed-in staff member reads the versions (the
 * table in force, drafts, upcoming ones); supervisors draft, publish with an effective instant,
 * and record the annual review. The shape of a body is checked here; whether the SLA engine can
 * compute it is the core's check (electron/core/sla/policy-check.ts), which names the field.
 * A draft's body must give the targets; what it leaves out (cutoff, desk hours, warnings) is
 * taken from the version it is based on (the one in force when none is named).
 */
import { z } from 'zod';
import { ALL_STAFF, channel, isoInstant, optionalText, SUPERVISORS, text } from './contract-kit';
import { PRIORITIES } from './domain';
import { POLICY_TARGET_UNITS, POLICY_WEEKDAYS, type PolicyOverview, type PolicyReview, type PolicyVersionDetail } from './policy';

const NOTE_MAX = 2000;

export const policyVersionName = text('Version')
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, { error: 'Version must be 1 to 32 letters, digits, dots, dashes or underscores, like 2027.1' });

const amount = z.number({ error: 'Amount must be a number' });
const target = z
  .object({ amount, unit: z.enum(POLICY_TARGET_UNITS, { error: `Unit must be one of: ${POLICY_TARGET_UNITS.join(', ')}` }) })
  .strict()
  .nullable();
const priorityTargets = z.object({ response: target, resolution: target }).strict();
const interval = z.object({ open: text('Opening'), close: text('Closing') }).strict();
const day = z.array(interval, { error: 'Each weekday takes a list of open intervals' }).max(8, { error: 'At most 8 intervals a day' });

export const policyBodySchema = z
  .object({
    targets: z.object({ 1: priorityTargets, 2: priorityTargets, 3: priorityTargets, 4: priorityTargets, 5: priorityTargets }).strict(),
    intakeCutoffPriorities: z.array(z.literal(PRIORITIES, { error: 'Priority must be 1, 2, 3, 4 or 5' })).max(5).optional(),
    warnings: z
      .object({
        fractionsUsed: z.array(z.number({ error: 'A warning share must be a number' })).max(5, { error: 'At most 5 warning shares' }),
        minutesBeforeDue: z.array(z.number({ error: 'Warning minutes must be a number' })).max(5, { error: 'At most 5 warnings before due' }),
      })
      .strict()
      .optional(),
    weeklyHours: z.object(Object.fromEntries(POLICY_WEEKDAYS.map((d) => [d, day])) as Record<(typeof POLICY_WEEKDAYS)[number], typeof day>).strict().optional(),
    intakeCutoff: text('Intake cutoff').nullable().optional(),
  })
  .strict();

export const policyChannels = {
  /** Every version (drafts, upcoming, in force, earlier), which is in force now, and the annual review's state. */
  'policy.list': channel<PolicyOverview>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'policy.get': channel<PolicyVersionDetail>()({ input: z.object({ version: policyVersionName }).strict(), access: ALL_STAFF, mutates: false }),
  /** A new draft (no version: the next free name) or a change to a draft; refused when the engine cannot compute it. */
  'policy.saveDraft': channel<PolicyVersionDetail>()({
    input: z
      .object({ version: policyVersionName.optional(), basedOn: policyVersionName.nullable().optional(), body: policyBodySchema, note: optionalText('Note', NOTE_MAX) })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  'policy.deleteDraft': channel<{ version: string }>()({ input: z.object({ version: policyVersionName }).strict(), access: SUPERVISORS, mutates: true }),
  /** Publishes a draft, in force from `effectiveFrom` (not before now); counts as a review. */
  'policy.publish': channel<PolicyVersionDetail>()({
    input: z.object({ version: policyVersionName, effectiveFrom: isoInstant('Effective from'), note: optionalText('Note', NOTE_MAX) }).strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** The annual review found nothing to change. */
  'policy.markReviewed': channel<PolicyReview>()({ input: z.object({ note: optionalText('Note', NOTE_MAX) }).strict(), access: SUPERVISORS, mutates: true }),
};
