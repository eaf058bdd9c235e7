/**
 * The caller's availability windows as a form holds them: each row a weekday ("1"…"7") or "date"
 * with its date, and two times from `<input type="time">` (HH:MM). What is valid is the core's
 * call; the form only turns rows into the contract's shape.
 */
import { WEEKDAYS, type AvailabilityWindow, type Weekday } from '../../../shared/caller-availability';

export interface WindowDraft {
  on: string;
  date: string;
  start: string;
  end: string;
}

export const emptyWindowDraft = (): WindowDraft => ({ on: '1', date: '', start: '08:00', end: '10:00' });

export function toWindows(drafts: readonly WindowDraft[]): AvailabilityWindow[] {
  return drafts.map((d) => (d.on === 'date' ? { date: d.date, start: d.start, end: d.end } : { weekday: Number(d.on) as Weekday, start: d.start, end: d.end }));
}

export function fromWindows(windows: readonly AvailabilityWindow[]): WindowDraft[] {
  return windows.map((w) => ('weekday' in w ? { on: String(w.weekday), date: '', start: w.start, end: w.end } : { on: 'date', date: w.date, start: w.start, end: w.end }));
}

/** A stored row, with anything unreadable dropped rather than trusted (a draft kept in local storage). */
export function asWindowDrafts(value: unknown): WindowDraft[] {
  if (!Array.isArray(value)) return [];
  const days = new Set([...WEEKDAYS.map(String), 'date']);
  return value
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    .map((v) => ({ on: typeof v.on === 'string' && days.has(v.on) ? v.on : '1', date: typeof v.date === 'string' ? v.date : '', start: typeof v.start === 'string' ? v.start : '', end: typeof v.end === 'string' ? v.end : '' }));
}
