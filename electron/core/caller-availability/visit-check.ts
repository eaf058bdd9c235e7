import { DateTime } from 'luxon';
import { describeWindows, minutesOf, type AvailabilityWindow } from '../../../shared/caller-availability';

export interface VisitCheck {
  outside: boolean;
  /** Why the visit is outside, in words; null when it is not. */
  warning: string | null;
}

/**
 * Whether a planned visit starts within one of the caller's windows. The windows are wall-clock
 * times in the desk's zone, so the visit is read in that zone (across a DST change "8:00" stays
 * 8:00 local, whatever the UTC offset). A window holds its start and not its end. No windows: the
 * caller gave none to check against, so nothing is flagged.
 */
export function checkVisit(visitAt: number, windows: readonly AvailabilityWindow[], zone: string): VisitCheck {
  if (windows.length === 0) return { outside: false, warning: null };
  const local = DateTime.fromMillis(visitAt, { zone }).setLocale('en-US');
  const day = local.toISODate();
  const minute = local.hour * 60 + local.minute;
  const inside = windows.some((w) => ('weekday' in w ? w.weekday === local.weekday : w.date === day) && minute >= minutesOf(w.start) && minute < minutesOf(w.end));
  if (inside) return { outside: false, warning: null };
  return {
    outside: true,
    warning: `Visit ${local.toFormat('ccc, LLL d h:mm a')} is outside the caller's windows: ${describeWindows(windows) ?? ''}`,
  };
}
