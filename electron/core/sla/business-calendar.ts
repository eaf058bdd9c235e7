/**
 * A business calendar compiled into sorted epoch intervals with prefix sums of business time, so
 * every question ("how much business time between a and b", "when is t plus 100 business hours",
 * "is t open") is a binary search, never a walk through minutes or days. Compiled lazily over a
 * range of years and extended on demand, so a target 10,000 business hours out still works.
 *
 * Intervals are half-open [open, close): 07:00 is open, 17:00 is closed. Adding business time
 * that lands exactly on a close returns that close (convention 4), never the next opening.
 */
import { MAX_YEAR, MIN_YEAR, yearMonthDayOf, type CivilDay } from './civil-date';
import { normalizeCalendarSpec, type CalendarSpec, type NormalizedCalendarSpec } from './calendar-spec';
import { publicHolidays } from './holiday-closures';
import { yearLayout, type YearLayout } from './year-layout';

export type DayStatus = 'open' | 'no-hours' | 'holiday' | 'closure';

export interface DaySchedule {
  day: CivilDay;
  status: DayStatus;
  /** Holiday or closure name when status is 'holiday' or 'closure'. */
  closureName: string | null;
  /** Open intervals as [start, end) instants; empty unless status is 'open'. */
  intervals: readonly (readonly [number, number])[];
}

const STATUS_OPEN = 0;
const STATUS_NO_HOURS = 1;
const STATUS_HOLIDAY = 2;
const STATUS_CLOSURE = 3;
const STATUS_NAMES: readonly DayStatus[] = ['open', 'no-hours', 'holiday', 'closure'];
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

export class BusinessCalendar {
  readonly zone: string;
  readonly key: string;
  /** One business day of business time (convention 3), e.g. 36,000,000 ms for 10 hours. */
  readonly standardDayMs: number;
  readonly cutoffSeconds: number | null;
  readonly spec: NormalizedCalendarSpec;
  private readonly weekKey: string;

  private fromYear = 0;
  private toYear = -1;
  private firstDay = 0;
  private dayCount = 0;
  /** Instants covered: [lo, hi). */
  private lo = Infinity;
  private hi = -Infinity;
  private dayStart = EMPTY_F64;
  private cutoffAt = EMPTY_F64;
  private dayFirst = EMPTY_I32;
  private dayStatus = new Uint8Array(0);
  private closureNames = new Map<CivilDay, string>();
  private n = 0;
  private ivStart = EMPTY_F64;
  private ivEnd = EMPTY_F64;
  private ivDay = EMPTY_I32;
  /** cum[i] = business ms in intervals before i; cum[n] = total. */
  private cum = EMPTY_F64;

  constructor(spec: CalendarSpec | NormalizedCalendarSpec) {
    const normalized = 'key' in spec ? spec : normalizeCalendarSpec(spec);
    this.spec = normalized;
    this.zone = normalized.zone;
    this.key = normalized.key;
    this.standardDayMs = normalized.standardDayMs;
    this.cutoffSeconds = normalized.cutoffSeconds;
    this.weekKey = JSON.stringify(normalized.week);
  }

  /** Years compiled so far (for tests and diagnostics). */
  get compiledYears(): readonly [number, number] {
    return [this.fromYear, this.toYear];
  }

  isOpen(t: number): boolean {
    if (!(t >= this.lo && t < this.hi)) this.coverInstant(t);
    const i = lastAtOrBefore(this.ivStart, this.n, t);
    return i >= 0 && t < (this.ivEnd[i] as number);
  }

  /** Business ms in [a, b); negative when b < a. */
  businessMsBetween(a: number, b: number): number {
    if (b < a) return -this.businessMsBetween(b, a);
    if (!(a >= this.lo && a < this.hi)) this.coverInstant(a);
    if (!(b >= this.lo && b < this.hi)) this.coverInstant(b);
    return this.businessBefore(b) - this.businessBefore(a);
  }

  /**
   * The earliest instant at which `ms` of business time has elapsed since t. Landing exactly on a
   * close returns the close. Zero returns t itself.
   */
  addBusinessMs(t: number, ms: number): number {
    if (!(ms > 0)) {
      if (ms === 0) return t;
      throw new RangeError(`business time to add must be ≥ 0 (got ${ms})`);
    }
    for (;;) {
      if (!(t >= this.lo && t < this.hi)) this.coverInstant(t);
      const target = this.businessBefore(t) + ms;
      const n = this.n;
      const cum = this.cum;
      if (target <= (cum[n] as number)) {
        // First interval j whose end reaches the target: cum[j + 1] >= target.
        let lo = 1;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((cum[mid] as number) < target) lo = mid + 1;
          else hi = mid;
        }
        const j = lo - 1;
        return (this.ivStart[j] as number) + (target - (cum[j] as number));
      }
      this.extendForward();
    }
  }

  /** t when open, else the next opening after t. */
  nextOpenAt(t: number): number {
    for (;;) {
      if (!(t >= this.lo && t < this.hi)) this.coverInstant(t);
      const i = lastAtOrBefore(this.ivStart, this.n, t);
      if (i >= 0 && t < (this.ivEnd[i] as number)) return t;
      if (i + 1 < this.n) return this.ivStart[i + 1] as number;
      this.extendForward();
    }
  }

  /** The local date (in the calendar's zone) of instant t. */
  localDayOf(t: number): CivilDay {
    if (!(t >= this.lo && t < this.hi)) this.coverInstant(t);
    return this.firstDay + lastAtOrBefore(this.dayStart, this.dayCount + 1, t);
  }

  /** Local midnight starting the day (convention 5 when midnight does not exist). */
  startOfDay(day: CivilDay): number {
    return this.dayStart[this.dayIndex(day)] as number;
  }

  cutoffOn(day: CivilDay): number | null {
    const at = this.cutoffAt[this.dayIndex(day)] as number;
    return Number.isNaN(at) ? null : at;
  }

  isBusinessDay(day: CivilDay): boolean {
    const k = this.dayIndex(day);
    return (this.dayFirst[k] as number) < (this.dayFirst[k + 1] as number);
  }

  /** First opening of the day, or null when the desk is closed all day. */
  openingOn(day: CivilDay): number | null {
    const k = this.dayIndex(day);
    const first = this.dayFirst[k] as number;
    return first < (this.dayFirst[k + 1] as number) ? (this.ivStart[first] as number) : null;
  }

  /** Last close of the day, or null when the desk is closed all day. */
  closingOn(day: CivilDay): number | null {
    const k = this.dayIndex(day);
    const next = this.dayFirst[k + 1] as number;
    return (this.dayFirst[k] as number) < next ? (this.ivEnd[next - 1] as number) : null;
  }

  /** The first business day strictly after `day`. */
  nextBusinessDayAfter(day: CivilDay): CivilDay {
    for (;;) {
      const k = this.dayIndex(day);
      const i = this.dayFirst[k + 1] as number;
      if (i < this.n) return this.firstDay + (this.ivDay[i] as number);
      this.extendForward();
    }
  }

  daySchedule(day: CivilDay): DaySchedule {
    const k = this.dayIndex(day);
    const intervals: [number, number][] = [];
    for (let i = this.dayFirst[k] as number; i < (this.dayFirst[k + 1] as number); i++) {
      intervals.push([this.ivStart[i] as number, this.ivEnd[i] as number]);
    }
    const status = STATUS_NAMES[this.dayStatus[k] as number] ?? 'no-hours';
    return { day, status, closureName: this.closureNames.get(day) ?? null, intervals };
  }

  private businessBefore(t: number): number {
    const i = lastAtOrBefore(this.ivStart, this.n, t);
    if (i < 0) return 0;
    const end = this.ivEnd[i] as number;
    return (this.cum[i] as number) + (t < end ? t : end) - (this.ivStart[i] as number);
  }

  private dayIndex(day: CivilDay): number {
    let k = day - this.firstDay;
    if (!(k >= 0 && k < this.dayCount)) {
      this.coverYear(yearMonthDayOf(day).year);
      k = day - this.firstDay;
    }
    return k;
  }

  private coverInstant(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`instant must be a finite number of epoch ms (got ${t})`);
    const year = new Date(t).getUTCFullYear();
    this.coverYear(year);
    // The local date can fall in the neighbouring year near New Year.
    if (t < this.lo) this.coverYear(year - 1);
    if (t >= this.hi) this.coverYear(year + 1);
  }

  private coverYear(year: number): void {
    if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
    if (this.toYear < this.fromYear) this.compile(Math.max(MIN_YEAR, year - 1), Math.min(MAX_YEAR, year + 1));
    else if (year < this.fromYear) this.compile(Math.max(MIN_YEAR, year - 1), this.toYear);
    else if (year > this.toYear) this.compile(this.fromYear, Math.min(MAX_YEAR, Math.max(year + 1, this.toYear + 2)));
  }

  /** Roughly doubles the compiled range forward, for targets far in the future. */
  private extendForward(): void {
    if (this.toYear >= MAX_YEAR) throw new RangeError(`business time runs past year ${MAX_YEAR}`);
    const span = this.toYear - this.fromYear + 1;
    this.compile(this.fromYear, Math.min(MAX_YEAR, this.toYear + Math.max(2, span)));
  }

  private compile(fromYear: number, toYear: number): void {
    const { zone, week, cutoffSeconds, holidays, closures } = this.spec;
    const layouts: YearLayout[] = [];
    let dayCount = 0;
    let maxIntervals = 0;
    const holidayNames = new Map<CivilDay, string>();
    for (let year = fromYear; year <= toYear; year++) {
      const layout = yearLayout(zone, week, cutoffSeconds, this.weekKey, year);
      layouts.push(layout);
      dayCount += layout.dayCount;
      maxIntervals += layout.ivStart.length;
      if (holidays !== null) {
        for (const h of publicHolidays(holidays, year)) {
          const existing = holidayNames.get(h.day);
          holidayNames.set(h.day, existing === undefined ? h.name : `${existing}; ${h.name}`);
        }
      }
    }
    const dayStart = new Float64Array(dayCount + 1);
    const cutoffAt = new Float64Array(dayCount);
    const dayFirst = new Int32Array(dayCount + 1);
    const dayStatus = new Uint8Array(dayCount);
    const ivStart = new Float64Array(maxIntervals);
    const ivEnd = new Float64Array(maxIntervals);
    const ivDay = new Int32Array(maxIntervals);
    const closureNames = new Map<CivilDay, string>();
    let n = 0;
    let k = 0;
    let previousEnd = -Infinity;
    for (const layout of layouts) {
      for (let d = 0; d < layout.dayCount; d++, k++) {
        const civilDay = layout.firstDay + d;
        dayStart[k] = layout.dayStart[d] as number;
        cutoffAt[k] = layout.cutoffAt[d] as number;
        dayFirst[k] = n;
        const closureName = closures.get(civilDay);
        const holidayName = holidayNames.get(civilDay);
        if (closureName !== undefined) {
          dayStatus[k] = STATUS_CLOSURE;
          closureNames.set(civilDay, holidayName === undefined ? closureName : `${closureName}; ${holidayName}`);
          continue;
        }
        if (holidayName !== undefined) {
          dayStatus[k] = STATUS_HOLIDAY;
          closureNames.set(civilDay, holidayName);
          continue;
        }
        for (let i = layout.dayFirst[d] as number; i < (layout.dayFirst[d + 1] as number); i++) {
          const start = Math.max(layout.ivStart[i] as number, previousEnd);
          const end = layout.ivEnd[i] as number;
          if (end <= start) continue;
          ivStart[n] = start;
          ivEnd[n] = end;
          ivDay[n] = k;
          n++;
          previousEnd = end;
        }
        dayStatus[k] = n > (dayFirst[k] as number) ? STATUS_OPEN : STATUS_NO_HOURS;
      }
    }
    const last = layouts[layouts.length - 1];
    dayStart[dayCount] = last === undefined ? 0 : (last.dayStart[last.dayCount] as number);
    dayFirst[dayCount] = n;
    const cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) cum[i + 1] = (cum[i] as number) + (ivEnd[i] as number) - (ivStart[i] as number);

    this.fromYear = fromYear;
    this.toYear = toYear;
    this.firstDay = layouts[0]?.firstDay ?? 0;
    this.dayCount = dayCount;
    this.lo = dayStart[0] as number;
    this.hi = dayStart[dayCount] as number;
    this.dayStart = dayStart;
    this.cutoffAt = cutoffAt;
    this.dayFirst = dayFirst;
    this.dayStatus = dayStatus;
    this.closureNames = closureNames;
    this.n = n;
    this.ivStart = ivStart.subarray(0, n);
    this.ivEnd = ivEnd.subarray(0, n);
    this.ivDay = ivDay.subarray(0, n);
    this.cum = cum;
  }
}

/** Index of the last element ≤ x among the first `length` of a sorted array, or -1. */
function lastAtOrBefore(sorted: Float64Array, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
