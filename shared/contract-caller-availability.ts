/**
 * The caller's availability's part of the contract. What the caller said and their windows come
 * with `cases.create` and `cases.update` (shared/caller-availability.ts `availabilityFields`);
 * the planned visit has its own channel, so planning it never races an edit of the other fields.
 */
import { ALL_STAFF, channel } from './contract-kit';
import { scheduleVisitInput } from './caller-availability';
import type { QueueCase } from './domain';

export const callerAvailabilityChannels = {
  /** Plan, move (`visitAt`) or clear (`visitAt: null`) the visit to the caller; audited. Anyone at the desk may agree one with the caller. */
  'cases.scheduleVisit': channel<QueueCase>()({ input: scheduleVisitInput, access: ALL_STAFF, mutates: true }),
};
