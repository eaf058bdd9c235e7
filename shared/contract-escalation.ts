/**
 * Escalation's part of the contract: the desk's escalation time (everyone reads it, supervisors
 * change it) and the pages sent for a case.
 */
import { z } from 'zod';
import { ALL_STAFF, channel, id, SUPERVISORS } from './contract-kit';
import { MAX_ESCALATE_AFTER_MINUTES, MIN_ESCALATE_AFTER_MINUTES, type CasePage, type EscalationSettings } from './escalation';

export const escalationChannels = {
  'escalation.settings': channel<EscalationSettings>()({ input: z.object({}).strict(), access: ALL_STAFF, mutates: false }),
  'escalation.saveSettings': channel<EscalationSettings>()({
    input: z
      .object({
        escalateAfterMinutes: z
          .number({ error: 'Escalation time must be a number of minutes' })
          .int({ error: 'Escalation time must be whole minutes' })
          .min(MIN_ESCALATE_AFTER_MINUTES, { error: `Escalation time must be at least ${MIN_ESCALATE_AFTER_MINUTES} minute` })
          .max(MAX_ESCALATE_AFTER_MINUTES, { error: `Escalation time must be at most ${MAX_ESCALATE_AFTER_MINUTES} minutes (priority 1 is to be acknowledged within 1 hour)` }),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
  /** Pages sent for one case, oldest first: who, how, when. */
  'escalation.pages': channel<CasePage[]>()({ input: z.object({ caseId: id('Case id') }).strict(), access: ALL_STAFF, mutates: false }),
} as const;
