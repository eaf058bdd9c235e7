/**
 * Deadlines explained in words a caller or a supervisor can check by hand: which rule set the
 * clock start, which hours counted, which were closed (no hours, holiday, closure) or paused.
 */
import { DateTime } from 'luxon';
import type { BusinessCalendar, DaySchedule } from './business-calendar';
import type { CaseDeadlines, SlaCase, TargetDeadline } from './case-deadlines';
import type { ClockStart } from './clock-start';
import { normalizePauses, type Pause } from './paused-time';
import type { SlaTarget } from './sla-policy';
import { clockWords, dayWords, whenWords } from './zone-words';

/** Day lines listed per target before the rest is summarized. */
const MAX_DAY_LINES = 31;

export function formatWhen(t: number, zone: string): string {
  return whenWords(t, zone);
}

function formatClock(t: number, zone: string): string {
  return clockWords(t, zone);
}

function formatDay(day: number, calendar: BusinessCalendar): string {
  return dayWords(calendar.startOfDay(day), calendar.zone);
}

export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor(totalSeconds / 60) % 60;
  const s = totalSeconds % 60;
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', s > 0 ? `${s} s` : ''].filter(Boolean);
  return (ms < 0 ? '-' : '') + (parts.length > 0 ? parts.join(' ') : '0 min');
}

function cutoffText(calendar: BusinessCalendar): string {
  const seconds = calendar.cutoffSeconds;
  if (seconds === null) return 'intake cutoff';
  const h = Math.floor(seconds / 3600);
  const label = DateTime.fromObject({ hour: h % 24, minute: Math.floor(seconds / 60) % 60 }).setLocale('en-US').toFormat('h:mm a');
  return `${label} intake cutoff`;
}

function closedReason(schedule: DaySchedule): string {
  if (schedule.status === 'holiday') return `holiday: ${schedule.closureName ?? 'holiday'}`;
  if (schedule.status === 'closure') return `closure: ${schedule.closureName ?? 'closure'}`;
  return 'no business hours';
}

/** One sentence on how receipt became the clock start, e.g. after the 4 PM cutoff. */
export function describeClockStart(start: ClockStart, calendar: BusinessCalendar): string {
  const zone = calendar.zone;
  const received = `Received ${formatWhen(start.receivedAt, zone)}`;
  const counted = `counted as submitted ${formatWhen(start.at, zone)}`;
  switch (start.rule) {
    case 'immediate':
      return `${received}: this priority starts the clock at once, day or night.`;
    case 'within-hours':
      return `${received}, during business hours and by the ${cutoffText(calendar)}: the clock starts then.`;
    case 'before-opening':
      return `${received}, before opening: ${counted}.`;
    case 'between-intervals':
      return `${received}, while the desk was closed between its open hours: ${counted}, the next opening.`;
    case 'after-closing':
      return `${received}, after closing: ${counted}, the next business day's opening.`;
    case 'after-cutoff':
      return `${received}, after the ${cutoffText(calendar)}: ${counted}, the next business day's opening.`;
    case 'recorded':
      return `${received}: the clock start recorded when the case was opened, ${formatWhen(start.at, zone)}, stands.`;
    case 'closed-day':
      return `${received}, on a closed day (${closedReason(calendar.daySchedule(start.receivedDay))}): ${counted}, the next business day's opening.`;
  }
}

function describeTarget(target: SlaTarget, calendar: BusinessCalendar): string {
  const plural = target.amount === 1 ? '' : 's';
  if (target.unit === 'clock-hours') return `${target.amount} clock hour${plural}`;
  if (target.unit === 'business-hours') return `${target.amount} business hour${plural}`;
  const hours = (target.amount * calendar.standardDayMs) / 3_600_000;
  return `${target.amount} business day${plural} (${hours} business hours; a business day is ${formatDuration(calendar.standardDayMs)})`;
}

function title(deadline: TargetDeadline): string {
  return deadline.kind === 'response' ? 'Response target' : 'Resolution target';
}

/** Lines explaining the clock start and each target of computed deadlines. */
export function explainDeadlines(deadlines: CaseDeadlines, calendar: BusinessCalendar, kase?: Pick<SlaCase, 'pauses'>): string[] {
  const zone = calendar.zone;
  const lines = [
    `Policy ${deadlines.policyVersion}, priority ${deadlines.priority}; business calendar in ${zone}.`,
    describeClockStart(deadlines.clockStart, calendar),
  ];
  for (const deadline of [deadlines.response, deadlines.resolution]) {
    lines.push(...explainTarget(deadline, calendar, kase?.pauses));
  }
  return lines;
}

function explainTarget(deadline: TargetDeadline, calendar: BusinessCalendar, rawPauses: readonly Pause[] | undefined): string[] {
  const zone = calendar.zone;
  if (deadline.rule === 'no-target' || deadline.countsFrom === null || deadline.amountMs === null) {
    return [`${title(deadline)}: none for this priority (set per project).`];
  }
  const from = deadline.countsFrom;
  const due = deadline.dueAt === null ? null : `due ${formatWhen(deadline.dueAt, zone)}`;
  const lines: string[] = [];
  if (deadline.rule === 'parts-arrived') {
    lines.push(
      `${title(deadline)}: the part or fix arrived ${formatWhen(from, zone)}; the target becomes the close of the next business day after it (${formatDuration(deadline.amountMs)} of business time)${due === null ? '' : `: ${due}`}.`,
    );
  } else if (deadline.target !== null) {
    const what = describeTarget(deadline.target, calendar);
    const how = deadline.measure === 'clock' ? 'elapsed time; nights, weekends and holidays count' : 'open hours only';
    lines.push(`${title(deadline)} ${what}, ${how}, from ${formatWhen(from, zone)}${due === null ? '' : `: ${due}`}.`);
  }
  const pauses = normalizePauses(rawPauses, from);
  const until = deadline.dueAt ?? pauses.find((p) => p.end === null)?.start ?? from;
  for (const pause of pauses) {
    if (pause.start >= until && deadline.dueAt !== null) break;
    if (pause.end === null) {
      lines.push(`  Paused since ${formatWhen(pause.start, zone)}: the clock is held until the case resumes, so nothing is due yet.`);
    } else {
      lines.push(`  Paused ${formatWhen(pause.start, zone)} – ${formatWhen(pause.end, zone)}: not counted.`);
    }
  }
  if (deadline.measure === 'business') lines.push(...dayLines(calendar, from, until, pauses));
  return lines;
}

/** Day by day from `from` to `until`: counted hours, paused hours, closed days (grouped). */
function dayLines(calendar: BusinessCalendar, from: number, until: number, pauses: readonly Pause[]): string[] {
  const zone = calendar.zone;
  const lines: string[] = [];
  const firstDay = calendar.localDayOf(from);
  const lastDay = calendar.localDayOf(until);
  let closedRun: { first: number; last: number; reason: string } | null = null;
  const flushClosed = (): void => {
    if (closedRun === null) return;
    const span = closedRun.first === closedRun.last ? formatDay(closedRun.first, calendar) : `${formatDay(closedRun.first, calendar)} – ${formatDay(closedRun.last, calendar)}`;
    lines.push(`  ${span}: closed (${closedRun.reason}).`);
    closedRun = null;
  };
  for (let day = firstDay; day <= lastDay; day++) {
    if (lines.length >= MAX_DAY_LINES) {
      flushClosed();
      lines.push(`  … and ${lastDay - day + 1} more days through ${formatDay(lastDay, calendar)}.`);
      return lines;
    }
    const schedule = calendar.daySchedule(day);
    if (schedule.status !== 'open') {
      const reason = closedReason(schedule);
      if (closedRun !== null && closedRun.reason === reason && closedRun.last === day - 1) closedRun.last = day;
      else {
        flushClosed();
        closedRun = { first: day, last: day, reason };
      }
      continue;
    }
    flushClosed();
    const parts: string[] = [];
    for (const [open, close] of schedule.intervals) {
      const start = Math.max(open, from);
      const end = Math.min(close, until);
      if (end <= start) continue;
      let cursor = start;
      for (const pause of pauses) {
        const pauseEnd = pause.end ?? Infinity;
        if (pauseEnd <= cursor || pause.start >= end) continue;
        if (pause.start > cursor) parts.push(`${formatClock(cursor, zone)}–${formatClock(pause.start, zone)} counted (${formatDuration(pause.start - cursor)})`);
        const pausedEnd = Math.min(pauseEnd, end);
        parts.push(`${formatClock(Math.max(cursor, pause.start), zone)}–${formatClock(pausedEnd, zone)} paused`);
        cursor = pausedEnd;
      }
      if (cursor < end) parts.push(`${formatClock(cursor, zone)}–${formatClock(end, zone)} counted (${formatDuration(end - cursor)})`);
    }
    if (parts.length === 0) {
      const hours = schedule.intervals.map(([o, c]) => `${formatClock(o, zone)}–${formatClock(c, zone)}`).join(', ');
      lines.push(`  ${formatDay(day, calendar)}: open ${hours}, none of it counted (outside the target's span).`);
    } else {
      lines.push(`  ${formatDay(day, calendar)}: ${parts.join('; ')}.`);
    }
  }
  flushClosed();
  return lines;
}
