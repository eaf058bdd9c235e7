/**
 * The breach forecast as the board sees it: for the rest of today and the next business day,
 * which open cases are likely to breach a target and when, and each technician's working time
 * against their committed work. Instants are ISO 8601 UTC strings. See docs/forecast.md.
 */

/** `likely`: the expected schedule meets the target late; `at_risk`: only the pessimistic one does; `breached`: already past due. */
export const FORECAST_VERDICTS = ['likely', 'at_risk', 'on_track', 'breached'] as const;
export type ForecastVerdictName = (typeof FORECAST_VERDICTS)[number];

export const FORECAST_VERDICT_LABELS: Readonly<Record<ForecastVerdictName, string>> = {
  likely: 'Likely to breach',
  at_risk: 'At risk',
  on_track: 'On track',
  breached: 'Already breached',
};

/** At most this many trial moves at once (and committed at once). */
export const MAX_TRIAL_MOVES = 200;

/** A case moved to another technician (or back to Unassigned) on trial, not saved. */
export interface TrialMove {
  caseId: number;
  assigneeId: number | null;
}

export interface CaseForecast {
  caseId: number;
  number: string;
  summary: string;
  priority: number;
  /** The assignee the forecast assumed (after trial moves). */
  assigneeId: number | null;
  target: 'response' | 'resolution' | null;
  /** The due instant of the target judged: a breach happens just after it. */
  dueAt: string | null;
  /** When its technician is expected to reach it; null: not within the horizon. */
  reachAt: string | null;
  expectedFinishAt: string | null;
  pessimisticFinishAt: string | null;
  verdict: ForecastVerdictName;
  /** Whether the breach falls today or on the next business day (null when none is forecast). */
  day: 'today' | 'next_business_day' | null;
  reason: string;
  /** Moved by a trial move of this answer. */
  moved: boolean;
}

export interface TechnicianForecast {
  staffId: number;
  name: string;
  /** Working time left in the horizon: their hours, less absences. */
  remainingMs: number;
  /** Typical handling time of their cases due within the horizon. */
  committedMs: number;
  overloadMs: number;
  overload: boolean;
  openCases: number;
}

export interface BoardForecast {
  /** When the forecast was made, and the end of today and of the next business day (the horizon). */
  at: string;
  endOfToday: string;
  horizonEnd: string;
  /** Cases likely to breach or at risk, soonest first, then any other case a trial move moved. */
  cases: CaseForecast[];
  counts: { likely: number; atRisk: number; onTrack: number; notForecast: number };
  technicians: TechnicianForecast[];
  moves: TrialMove[];
  /** Where the typical handling times come from. */
  handling: { resolvedCases: number; learnedAt: string; since: string };
}
