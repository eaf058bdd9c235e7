/**
 * The forecast's reasons in words, in the desk's time zone: "Alex Kim reaches it at 2:10 PM
 * after 5 earlier cases; typical handling 1 h 20 min (median of 34 resolved cases like it);
 * expected done 3:30 PM; resolution due 3:00 PM."
 */
import type { CaseStatus } from '../../../shared/domain';
import type { BusinessCalendar } from '../sla';
import type { HandlingBasis, HandlingEstimate } from './handling-times';
import type { ForecastTarget, ForecastVerdict } from './forecast-types';

const HELD_WORDS: Partial<Record<CaseStatus, string>> = {
  pending_user_response: 'Pending user response: the clock is stopped, so it is not forecast to breach unless it resumes.',
  awaiting_parts: 'Awaiting parts: the clock is stopped, so it is not forecast to breach unless the parts arrive and it resumes.',
  long_term_project: 'Long-term project: its resolution date comes from its phases, so it is not forecast.',
  planned_maintenance: 'Planned maintenance: its resolution date is the maintenance window, so it is not forecast.',
};

const BASIS_WORDS: Record<HandlingBasis, string> = {
  'category-priority': 'resolved cases of its category and priority',
  category: 'resolved cases of its category',
  priority: 'resolved cases of its priority',
  all: 'all resolved cases',
  default: '',
};

export interface JudgedWords {
  verdict: ForecastVerdict;
  target: ForecastTarget | null;
  dueAt: number | null;
  times: { reach50: number | null; ack?: number | null; finish50: number | null; finish80: number | null; earlier: number };
  techName: string | null;
  pooled: boolean;
  handling: HandlingEstimate;
  horizonEnd: number;
}

export class ForecastWords {
  private readonly time: Intl.DateTimeFormat;
  private readonly day: Intl.DateTimeFormat;
  private readonly today: number;
  /** Per local day of the horizon: its label and midnight, and whether it is 24 hours long (no DST change). */
  private readonly days = new Map<number, { label: string; start: number; plain: boolean }>();

  constructor(
    private readonly calendar: BusinessCalendar,
    now: number,
  ) {
    this.time = new Intl.DateTimeFormat('en-US', { timeZone: calendar.zone, hour: 'numeric', minute: '2-digit' });
    this.day = new Intl.DateTimeFormat('en-US', { timeZone: calendar.zone, weekday: 'short', month: 'short', day: 'numeric' });
    this.today = calendar.localDayOf(now);
  }

  held(status: CaseStatus): string {
    return HELD_WORDS[status] ?? 'Not forecast.';
  }

  /** "3:30 PM" today, "Tue, Dec 8 3:30 PM" another day. */
  when(t: number): string {
    const dayNumber = this.calendar.localDayOf(t);
    let day = this.days.get(dayNumber);
    if (!day) {
      const start = this.calendar.startOfDay(dayNumber);
      day = { label: this.day.format(t), start, plain: this.calendar.startOfDay(dayNumber + 1) - start === 86_400_000 };
      this.days.set(dayNumber, day);
    }
    // Thousands of cases are worded at each forecast: the time of day is worked out from the day's
    // midnight, which Intl would take microseconds a call to do, except on a day the clocks change.
    const time = day.plain ? clockTime(t - day.start) : this.time.format(t);
    return dayNumber === this.today ? time : `${day.label} ${time}`;
  }

  judged(w: JudgedWords): string {
    const due = w.dueAt === null ? null : `${w.target} due ${this.when(w.dueAt)}`;
    if (w.verdict === 'breached') return `Already past due (${due}).`;
    if (w.verdict === 'on_track') {
      if (w.dueAt === null) return 'No target is due.';
      return w.dueAt > w.horizonEnd ? 'Due after the next business day.' : 'Expected in time.';
    }
    if (w.pooled && w.target === 'response') {
      const ack = w.times.ack ?? null;
      return ack === null
        ? `Unassigned, and no technician has working time to acknowledge it before the horizon ends; response due ${this.when(w.dueAt as number)}.`
        : `Unassigned: acknowledged at ${this.when(ack)} at the earliest, fitting ${duration(15 * 60_000)} between technicians' own cases in order of response due; response due ${this.when(w.dueAt as number)}.`;
    }
    const who = w.pooled
      ? w.techName === null
        ? 'Unassigned, and no technician is free before it is due'
        : `Unassigned: the first technician free (${w.techName}) reaches it`
      : w.techName === null
        ? 'No technician'
        : w.times.reach50 === null
          ? `${w.techName} has no working time left for it before the horizon ends`
          : `${w.techName} reaches it`;
    const parts: string[] = [];
    if (w.times.reach50 !== null) {
      const after = w.times.earlier === 0 ? '' : ` after ${w.times.earlier} earlier case${w.times.earlier === 1 ? '' : 's'}`;
      parts.push(`${who} at ${this.when(w.times.reach50)}${after}`);
    } else {
      parts.push(who);
    }
    if (w.target === 'resolution') {
      parts.push(`typical handling ${duration(w.handling.p50)}${w.handling.samples ? ` (median of ${w.handling.samples} ${BASIS_WORDS[w.handling.basis]})` : ' (no history yet: a default)'}`);
      const finish = w.verdict === 'likely' ? w.times.finish50 : w.times.finish80;
      const label = w.verdict === 'likely' ? 'expected done' : 'if it runs long, done';
      parts.push(finish === null ? `${label} after the next business day` : `${label} ${this.when(finish)}`);
    }
    parts.push(due as string);
    return `${parts.join('; ')}.`;
  }
}

/** "3:05 PM" from ms since local midnight. */
function clockTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h % 12 || 12}:${m < 10 ? '0' : ''}${m} ${h < 12 ? 'AM' : 'PM'}`;
}

/** "1 h 20 min", "45 min". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
