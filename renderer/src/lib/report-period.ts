/**
 * The periods a report covers, as local dates of the desk's zone ("2026-03-01"). The quick choices
 * end today at the latest: a report of days still to come would only show an empty tail.
 */
export const QUICK_PERIODS = ['this-month', 'last-month', 'school-year', 'last-12-months'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

export const QUICK_PERIOD_LABELS: Record<QuickPeriod, string> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'school-year': 'This school year',
  'last-12-months': 'Last 12 months',
};

export interface DateSpan {
  from: string;
  to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** A calendar date from year, month (1–12, may run over) and day (0 = the previous month's last). */
function dateOf(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Today's date in `zone` (the desk's), whatever zone this console runs in. */
export function todayIn(zone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The span of a quick choice, seen from `today`. The school year runs July 1 to June 30. */
export function quickPeriod(which: QuickPeriod, today: string): DateSpan {
  const [year, month, day] = parts(today);
  switch (which) {
    case 'this-month':
      return { from: dateOf(year, month, 1), to: today };
    case 'last-month':
      return { from: dateOf(year, month - 1, 1), to: dateOf(year, month, 0) };
    case 'school-year':
      return { from: dateOf(month >= 7 ? year : year - 1, 7, 1), to: today };
    case 'last-12-months': {
      // The day after the same date a year ago; 29 February a year back is 28 February.
      const yearAgo = Math.min(day, Number(dateOf(year - 1, month + 1, 0).slice(8)));
      return { from: dateOf(year - 1, month, yearAgo + 1), to: today };
    }
  }
}

/** Which quick choice a span is, if any (so the picker shows it as chosen). */
export function quickPeriodOf(span: DateSpan, today: string): QuickPeriod | null {
  return QUICK_PERIODS.find((which) => {
    const quick = quickPeriod(which, today);
    return quick.from === span.from && quick.to === span.to;
  }) ?? null;
}

/**
 * The dates a compliance report's period key covers: a month ("2026-03") or an ISO week
 * ("2026-W10", Monday to Sunday), clipped to the report's own span. Null for a key of neither shape.
 */
export function periodSpan(key: string, within: DateSpan): DateSpan | null {
  let span: DateSpan | null = null;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    span = { from: dateOf(y, m, 1), to: dateOf(y, m + 1, 0) };
  } else if (week) {
    const [y, w] = [Number(week[1]), Number(week[2])];
    // ISO week 1 is the week with January 4th in it.
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const mondayOfWeek1 = 4 - ((jan4.getUTCDay() + 6) % 7);
    const monday = mondayOfWeek1 + (w - 1) * 7;
    span = { from: dateOf(y, 1, monday), to: dateOf(y, 1, monday + 6) };
  }
  if (!span) return null;
  return { from: span.from < within.from ? within.from : span.from, to: span.to > within.to ? within.to : span.to };
}
