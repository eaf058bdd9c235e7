/**
 * Deadlines in words, in the desk's time zone, the way the core's preview says them
 * ("today 2:15 PM", "tomorrow 9:00 AM", "Thursday 10:00 AM", "Mon, Dec 7 8:00 AM"), for cases
 * the console shows after the fact (the case just created, a caller's open cases).
 */
interface LocalParts {
  day: number;
  weekday: string;
  short: string;
  time: string;
}

const formatters = new Map<string, { date: Intl.DateTimeFormat; weekday: Intl.DateTimeFormat; short: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    found = {
      date: new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      weekday: new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }),
      short: new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
      time: new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

function localParts(instant: number, timeZone: string): LocalParts {
  const f = formattersFor(timeZone);
  const parts = Object.fromEntries(f.date.formatToParts(instant).map((p) => [p.type, p.value]));
  // Days since the epoch of the local calendar date: differences between two of them count calendar days.
  const day = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
  return { day, weekday: f.weekday.format(instant), short: f.short.format(instant), time: f.time.format(instant) };
}

/** Asks for the zone's short name after the time ("today 1:00 PM CST"): for a console in another zone than the desk. */
export interface DueWordsOptions {
  nameZone?: boolean;
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();
/** " CST", " CDT": the zone's short name at that instant. */
function zoneName(instant: number, timeZone: string): string {
  let format = zoneNames.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    zoneNames.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
  return name ? ` ${name}` : '';
}

/** When something is due, relative to `now`, in the desk's zone (named, when asked). */
export function describeDue(dueIso: string, nowIso: string, timeZone: string, options: DueWordsOptions = {}): string {
  const words = dueWordsIn(dueIso, nowIso, timeZone);
  if (!options.nameZone || words === '—') return words;
  try {
    return words + zoneName(Date.parse(dueIso), timeZone);
  } catch {
    return words;
  }
}

function dueWordsIn(dueIso: string, nowIso: string, timeZone: string): string {
  const due = Date.parse(dueIso);
  const now = Date.parse(nowIso);
  if (Number.isNaN(due) || Number.isNaN(now)) return '—';
  let zone = timeZone;
  try {
    formattersFor(zone);
  } catch {
    zone = 'UTC';
  }
  const d = localParts(due, zone);
  const days = d.day - localParts(now, zone).day;
  if (days === 0) return `today ${d.time}`;
  if (days === 1) return `tomorrow ${d.time}`;
  if (days === -1) return `yesterday ${d.time}`;
  if (days > 1 && days < 7) return `${d.weekday} ${d.time}`;
  return `${d.short} ${d.time}`;
}

/** "response due today 2:15 PM; resolution due Thursday 10:00 AM" for a case's two targets. */
export function describeDeadlines(
  due: { responseDueAt: string | null; resolutionDueAt: string | null },
  nowIso: string,
  timeZone: string,
  options: DueWordsOptions = {},
): string {
  return [
    due.responseDueAt === null ? 'no response target' : `response due ${describeDue(due.responseDueAt, nowIso, timeZone, options)}`,
    due.resolutionDueAt === null ? 'resolution date set per project' : `resolution due ${describeDue(due.resolutionDueAt, nowIso, timeZone, options)}`,
  ].join('; ');
}

/** "Tuesday 7:00 AM": when a case counts as submitted, after the cutoff. */
export function describeWeekdayTime(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '—';
  let f;
  try {
    f = formattersFor(timeZone);
  } catch {
    f = formattersFor('UTC');
  }
  return `${f.weekday.format(instant)} ${f.time.format(instant)}`;
}
