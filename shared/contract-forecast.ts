/**
 * The breach forecast's part of the contract. Supervisors and technicians read it (with trial
 * moves, nothing saved); agents do not: it is about who works what. Only supervisors commit
 * trial moves, as one reassignment that fails whole if any case changed meanwhile.
 */
import { z } from 'zod';
import { channel, id, requiredText, SUPERVISORS, version } from './contract-kit';
import type { QueueCase, StaffRole } from './domain';
import { MAX_TRIAL_MOVES, type BoardForecast } from './forecast';

const READERS: readonly StaffRole[] = ['technician', 'supervisor'];

const moves = <T extends z.ZodRawShape>(shape: T) =>
  z
    .array(z.object(shape).strict(), { error: 'Moves must be a list' })
    .max(MAX_TRIAL_MOVES, { error: `At most ${MAX_TRIAL_MOVES} moves at once` })
    .refine((list) => new Set(list.map((m) => (m as { caseId: number }).caseId)).size === list.length, { error: 'Each case may be moved once' });

const target = { caseId: id('Case id'), assigneeId: id('Assignee').nullable() };

export const forecastChannels = {
  /** The forecast for the rest of today and the next business day, with trial moves applied (not saved). */
  'forecast.board': channel<BoardForecast>()({
    input: z
      .object({
        moves: moves(target).optional(),
        /** Learn the typical handling times again now rather than within a few minutes. */
        refresh: z.boolean({ error: 'Refresh must be true or false' }).optional(),
      })
      .strict(),
    access: READERS,
    mutates: false,
  }),
  /** Saves trial moves: every case to its assignee in one go, refused whole if a case changed since its version. */
  'forecast.commit': channel<QueueCase[]>()({
    input: z
      .object({
        moves: moves({ ...target, version }).refine((list) => list.length > 0, { error: 'Try at least one move before committing' }),
        reason: requiredText('Reason', 500),
      })
      .strict(),
    access: SUPERVISORS,
    mutates: true,
  }),
};
