/**
 * The mute choices of the alert settings: an hour from now, until 7:00 AM tomorrow, or off.
 * Times count from the core's clock (the core decides whether an alert is muted), and "tomorrow"
 * is the next calendar day where the console is.
 */
export type MutePreset = 'keep' | 'off' | 'hour' | 'morning';

export const HOUR_MS = 60 * 60 * 1000;
const MORNING_HOUR = 7;

/** The `muteUntil` to save for a preset; 'keep' leaves the current one. */
export function muteUntilFor(preset: MutePreset, now: number, current: string | null, timeZone?: string): string | null {
  switch (preset) {
    case 'keep':
      return current;
    case 'off':
      return null;
    case 'hour':
      return new Date(now + HOUR_MS).toISOString();
    case 'morning':
      return new Date(tomorrowMorning(now, timeZone)).toISOString();
  }
}

/** 7:00 AM on the calendar day after `now`'s, in `timeZone` (the browser's own when not given). */
export function tomorrowMorning(now: number, timeZone?: string): number {
  const today = wallClock(now, timeZone);
  // Date.UTC rolls day 32 into the next month, and December into January.
  const wanted = Date.UTC(today.year, today.month - 1, today.day + 1, MORNING_HOUR);
  let instant = wanted - offsetAt(wanted, timeZone);
  // Once more with the offset at the answer, in case a clock change lies between the two.
  instant = wanted - offsetAt(instant, timeZone);
  return instant;
}

/** Whether `muteUntil` is still ahead of `now`. */
export function isMuted(muteUntil: string | null, now: number): boolean {
  if (!muteUntil) return false;
  const until = Date.parse(muteUntil);
  return Number.isFinite(until) && until > now;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone?: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone?: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}
