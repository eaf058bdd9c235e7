import { describeWindows, parseStoredWindows, type AvailabilityWindow, type CaseAvailability } from '../../../shared/caller-availability';
import type { CaseRow } from '../db/entities';
import { checkVisit } from './visit-check';

/** The windows as the case row keeps them: JSON text, or null for none (an empty list clears them). */
export function windowsColumn(windows: readonly AvailabilityWindow[] | undefined): string | null | undefined {
  if (windows === undefined) return undefined;
  return windows.length === 0 ? null : JSON.stringify(windows);
}

/** What the case detail shows of the caller's availability and the planned visit, checked in the desk's zone. */
export function caseAvailability(row: Pick<CaseRow, 'callerAvailability' | 'availabilityWindows' | 'visitAt' | 'visitNote'>, zone: string): CaseAvailability {
  const windows = parseStoredWindows(row.availabilityWindows ?? null);
  const visitAt = row.visitAt ?? null;
  const check = visitAt === null ? { outside: false, warning: null } : checkVisit(visitAt, windows, zone);
  return {
    text: row.callerAvailability ?? null,
    windows,
    visit: visitAt === null ? null : { at: new Date(visitAt).toISOString(), note: row.visitNote ?? null },
    visitOutsideAvailability: check.outside,
    visitWarning: check.warning,
    windowsText: describeWindows(windows),
  };
}
