import { DateTime } from 'luxon';
import { MAINTENANCE_WINDOW, type MaintenanceWindow } from '../../../shared/announcements';

const MINUTE = 60_000;

/**
 * Whether planned work from `startAt` for `expectedMinutes` lies wholly inside one maintenance
 * period ("Saturdays 8 a.m. to Noon"), read in the desk's zone: the period's bounds are local
 * times, so their UTC instants move with daylight saving time.
 */
export function fitsMaintenanceWindow(startAt: number, expectedMinutes: number, zone: string, window: MaintenanceWindow = MAINTENANCE_WINDOW): boolean {
  const local = DateTime.fromMillis(startAt, { zone });
  if (local.weekday !== window.weekday) return false;
  const day = local.startOf('day');
  const opens = day.set({ hour: Math.floor(window.startMinute / 60), minute: window.startMinute % 60 }).toMillis();
  const closes = day.set({ hour: Math.floor(window.endMinute / 60), minute: window.endMinute % 60 }).toMillis();
  return startAt >= opens && startAt + expectedMinutes * MINUTE <= closes;
}
