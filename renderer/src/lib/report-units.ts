/**
 * Report figures in words. A time figure is in its priority's own units (the agreement gives the
 * urgent targets in clock hours, the others in business hours or days), so a number never shows
 * without the unit it counts in.
 */
import type { TimeUnit } from '../../../shared/reports';

const UNIT_WORDS: Record<TimeUnit, { one: string; many: string }> = {
  'clock-hours': { one: 'clock hour', many: 'clock hours' },
  'business-hours': { one: 'business hour', many: 'business hours' },
  'business-days': { one: 'business day', many: 'business days' },
};

/** A figure with at most one decimal, and none when it is whole: 2.5, 18, 0.3. */
export function figure(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The unit's name: "business hours". */
export function unitWords(unit: TimeUnit): string {
  return UNIT_WORDS[unit].many;
}

/** "2.5 business hours", "1 business day", "18 clock hours"; a dash when there is no figure. */
export function timeWords(value: number | null, unit: TimeUnit | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const shown = figure(value);
  if (unit === null) return shown;
  return `${shown} ${shown === '1' ? UNIT_WORDS[unit].one : UNIT_WORDS[unit].many}`;
}

/** "92.5%"; a dash when nothing was judged. */
export function percentWords(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : `${figure(value)}%`;
}

/** "1 case", "3 cases". */
export function caseCount(n: number): string {
  return n === 1 ? '1 case' : `${n} cases`;
}

/** Hours in a side state: clock hours, said as days once they run past two days ("3.5 days"). */
export function sideStateHours(hours: number): string {
  if (hours >= 48) return `${figure(hours / 24)} days`;
  return timeWords(hours, 'clock-hours');
}

/** "3.4×": how many times its usual rate. */
export function ratioWords(ratio: number): string {
  return `${figure(ratio)}×`;
}
