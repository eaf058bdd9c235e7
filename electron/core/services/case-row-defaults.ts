import type { CaseRow } from '../db/entities';

/** Lifecycle fields of a case that has just been opened: nothing met, paused, awaited or planned yet. */
export const NEW_CASE_LIFECYCLE: Pick<
  CaseRow,
  | 'respondedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'resolutionNotes'
  | 'kbCandidate'
  | 'partsVendor'
  | 'partsOrderNumber'
  | 'partsExpectedDate'
  | 'partsArrivedAt'
  | 'maintenanceStartAt'
  | 'maintenanceEndAt'
  | 'nextAlertAt'
> = {
  respondedAt: null,
  resolvedAt: null,
  closedAt: null,
  resolutionNotes: null,
  kbCandidate: false,
  partsVendor: null,
  partsOrderNumber: null,
  partsExpectedDate: null,
  partsArrivedAt: null,
  maintenanceStartAt: null,
  maintenanceEndAt: null,
  // The scheduler takes every new case at once (priority 1 pages technicians on receipt).
  nextAlertAt: 0,
};
