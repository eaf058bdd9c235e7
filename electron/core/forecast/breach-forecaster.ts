/**
 * The breach forecast. Each technician works their open cases earliest deadline first, one at a
 * time, in their working spans of the horizon; a case's handling takes its category's typical
 * working time. Two schedules run side by side: one at the median handling time (expected) and one
 * at the 80th percentile (pessimistic). A target is "likely" to breach when the expected schedule
 * meets it after its due instant, "at risk" when only the pessimistic one does. The response target
 * is met when the technician reaches the case (acknowledging takes minutes); the resolution target
 * when its handling is done.
 *
 * Unassigned cases wait for the pool: after their own cases, whoever is free first takes the next
 * unassigned case (earliest deadline first). Paused cases (pending user response, awaiting parts)
 * and cases with their own resolution date (long-term project, planned maintenance) do not consume
 * the clock and are not forecast to breach: they take nobody's time unless they resume.
 *
 * Schedules are kept per technician, so a trial move works out only the two technicians it
 * touches (and the pool of unassigned cases, which depends on when each technician is free).
 */
import { DomainError } from '../errors';
import { totalMs, spend, startCursor, workingSpans, type SpanCursor } from './working-spans';
import { forecastHorizon, type ForecastHorizon } from './forecast-horizon';
import type { Span } from '../availability/working-time';
import type { HandlingEstimate } from './handling-times';
import type { CaseOutlook, Forecast, ForecastInput, ForecastTarget, ForecastVerdict, OpenCaseInput, TechnicianOutlook, TrialMove } from './forecast-types';
import { ForecastWords, type JudgedWords } from './forecast-words';

/** States whose clock is stopped (paused-time.ts) or whose resolution date the case sets itself (case-facts.ts). */
const HELD: ReadonlySet<string> = new Set(['pending_user_response', 'awaiting_parts', 'long_term_project', 'planned_maintenance']);

/** Working time to acknowledge an unassigned case (take it, call the caller back): done between one's own cases. */
export const ACKNOWLEDGE_MS = 15 * 60_000;

interface Work {
  kase: OpenCaseInput;
  /** Earliest unmet due instant (past ones included: overdue work comes first); +∞ when none. */
  key: number;
  handling: HandlingEstimate;
}

interface Times {
  reach50: number | null;
  reach80: number | null;
  /** When an unassigned case is acknowledged (meets its response target); undefined: when it is reached. */
  ack?: number | null;
  finish50: number | null;
  finish80: number | null;
  /** Who reaches it (the pool names the technician who would take it). */
  by: number | null;
  earlier: number;
}

interface TechSchedule {
  times: Map<number, Times>;
  end50: SpanCursor;
  end80: SpanCursor;
  committedMs: number;
  openCases: number;
}

interface TechState {
  id: number;
  name: string;
  spans: Span[];
  remainingMs: number;
}

export class BreachForecaster {
  readonly horizon: ForecastHorizon;
  private readonly techs = new Map<number, TechState>();
  private readonly work = new Map<number, Work>();
  /** Case order of the input, for the answer. */
  private readonly order: OpenCaseInput[];
  private readonly baseAssignee = new Map<number, number | null>();
  private readonly baseSchedules = new Map<number, TechSchedule>();
  private readonly words: ForecastWords;
  /** Each schedule's outlooks as first worked out: an untouched technician's cases are not judged (or worded) again. */
  private readonly judged = new WeakMap<TechSchedule, Map<number, CaseOutlook>>();
  /** The pool's outlooks by case, kept while the case's times in the pool stay the same. */
  private readonly pooled = new Map<number, { times: Times; outlook: CaseOutlook }>();
  private readonly heldOutlooks = new Map<number, CaseOutlook>();

  constructor(private readonly input: ForecastInput) {
    this.horizon = forecastHorizon(input.desk, input.now);
    this.words = new ForecastWords(input.desk, input.now);
    for (const t of input.technicians) {
      if (this.techs.has(t.id)) throw new DomainError('invalid_input', `Technician ${t.id} is listed twice`, 'technicians');
      const spans = workingSpans(t.calendar, t.absences, input.now, this.horizon.end);
      this.techs.set(t.id, { id: t.id, name: t.name, spans, remainingMs: totalMs(spans) });
    }
    this.order = [...input.cases];
    for (const c of this.order) {
      if (this.work.has(c.id)) throw new DomainError('invalid_input', `Case ${c.id} is listed twice`, 'cases');
      // A case whose assignee is not on the board (inactive, an agent) waits in the pool like an unassigned one.
      const assignee = c.assigneeId !== null && this.techs.has(c.assigneeId) ? c.assigneeId : null;
      this.baseAssignee.set(c.id, assignee);
      if (HELD.has(c.status)) continue;
      this.work.set(c.id, { kase: c, key: keyOf(c), handling: input.handling.estimate(c.categoryId, c.priority) });
    }
    const lists = this.listsFor(this.baseAssignee);
    for (const [id, list] of lists) if (id !== null) this.baseSchedules.set(id, this.schedule(id, list));
  }

  /** The forecast as things stand. */
  full(): Forecast {
    return this.answer(this.baseAssignee, this.baseSchedules, [...this.techs.keys()]);
  }

  /**
   * The forecast with trial moves applied (not saved). Only the technicians a move takes a case
   * from or gives one to are worked out again; the others' schedules are reused.
   */
  withMoves(moves: readonly TrialMove[]): Forecast {
    const assignee = new Map(this.baseAssignee);
    const touched = new Set<number>();
    moves.forEach((move, i) => {
      if (!assignee.has(move.caseId)) throw new DomainError('invalid_input', `Case ${move.caseId} is not an open case on the board`, `moves.${i}.caseId`);
      if (move.assigneeId !== null && !this.techs.has(move.assigneeId)) {
        throw new DomainError('invalid_input', `Staff member ${move.assigneeId} is not a technician on the board`, `moves.${i}.assigneeId`);
      }
      const from = assignee.get(move.caseId) ?? null;
      if (from !== null) touched.add(from);
      if (move.assigneeId !== null) touched.add(move.assigneeId);
      assignee.set(move.caseId, move.assigneeId);
    });
    if (touched.size === 0) return this.answer(assignee, this.baseSchedules, []);
    const lists = this.listsFor(assignee, touched);
    const schedules = new Map(this.baseSchedules);
    for (const id of touched) schedules.set(id, this.schedule(id, lists.get(id) ?? []));
    return this.answer(assignee, schedules, [...touched]);
  }

  /** Work per technician (null: the pool), earliest deadline first; only `only` when given (and the pool). */
  private listsFor(assignee: ReadonlyMap<number, number | null>, only?: ReadonlySet<number>): Map<number | null, Work[]> {
    const lists = new Map<number | null, Work[]>();
    if (!only) for (const id of this.techs.keys()) lists.set(id, []);
    for (const w of this.work.values()) {
      const who = assignee.get(w.kase.id) ?? null;
      if (only && who !== null && !only.has(who)) continue;
      const list = lists.get(who);
      if (list) list.push(w);
      else lists.set(who, [w]);
    }
    for (const list of lists.values()) list.sort(byDeadline);
    return lists;
  }

  private schedule(techId: number, list: readonly Work[]): TechSchedule {
    const spans = (this.techs.get(techId) as TechState).spans;
    let c50 = startCursor(spans);
    let c80 = c50;
    const times = new Map<number, Times>();
    let committedMs = 0;
    list.forEach((w, earlier) => {
      const reach50 = c50.at;
      const reach80 = c80.at;
      c50 = spend(spans, c50, w.handling.p50);
      c80 = spend(spans, c80, w.handling.p80);
      if (w.key <= this.horizon.end) committedMs += w.handling.p50;
      times.set(w.kase.id, { reach50, reach80, finish50: c50.at, finish80: c80.at, by: techId, earlier });
    });
    return { times, end50: c50, end80: c80, committedMs, openCases: list.length };
  }

  /**
   * The pool. Acknowledging an unassigned case takes a few minutes, which technicians fit between
   * their own cases: in order of response due, each goes to whoever has acknowledged least so far
   * (from the start of their working time). Its work waits until a technician has finished their
   * own cases: earliest deadline first, each goes to whoever is free first.
   */
  private pool(list: readonly Work[], schedules: ReadonlyMap<number, TechSchedule>): Map<number, Times> {
    const times = new Map<number, Times>();
    if (list.length === 0) return times;
    const acks = new Map<number, number | null>();
    const ackers = new MinHeap(
      [...this.techs.values()].map((t) => ({ id: t.id, c: startCursor(t.spans) })).filter((a) => a.c.at !== null),
      (a, b) => (a.c.at as number) - (b.c.at as number) || a.id - b.id,
    );
    const waiting = list.filter((w) => w.kase.responseDueAt !== null).sort((a, b) => (a.kase.responseDueAt as number) - (b.kase.responseDueAt as number) || a.kase.id - b.kase.id);
    for (const w of waiting) {
      const first = ackers.pop();
      if (first === undefined) {
        acks.set(w.kase.id, null);
        continue;
      }
      first.c = spend((this.techs.get(first.id) as TechState).spans, first.c, ACKNOWLEDGE_MS);
      acks.set(w.kase.id, first.c.at);
      if (first.c.at !== null) ackers.push(first);
    }
    const free = [...schedules.entries()]
      .filter(([, s]) => s.end50.at !== null)
      .map(([id, s]) => ({ id, c50: s.end50, c80: s.end80, taken: 0 }));
    const heap = new MinHeap(free, (a, b) => (a.c50.at as number) - (b.c50.at as number) || a.id - b.id);
    for (const w of list) {
      const first = heap.pop();
      const ack = acks.has(w.kase.id) ? (acks.get(w.kase.id) ?? null) : undefined;
      if (first === undefined) {
        times.set(w.kase.id, { reach50: null, reach80: null, ack, finish50: null, finish80: null, by: null, earlier: 0 });
        continue;
      }
      const spans = (this.techs.get(first.id) as TechState).spans;
      const reach50 = first.c50.at;
      const reach80 = first.c80.at;
      first.c50 = spend(spans, first.c50, w.handling.p50);
      first.c80 = spend(spans, first.c80, w.handling.p80);
      times.set(w.kase.id, { reach50, reach80, ack, finish50: first.c50.at, finish80: first.c80.at, by: first.id, earlier: first.taken });
      first.taken += 1;
      if (first.c50.at !== null) heap.push(first);
    }
    return times;
  }

  private answer(assignee: ReadonlyMap<number, number | null>, schedules: ReadonlyMap<number, TechSchedule>, recomputed: number[]): Forecast {
    const poolList = this.listsFor(assignee, new Set()).get(null) ?? [];
    const poolTimes = this.pool(poolList, schedules);
    const cases: CaseOutlook[] = this.order.map((c) => {
      const who = assignee.get(c.id) ?? null;
      const w = this.work.get(c.id);
      if (!w) return this.held(c, who);
      if (who === null) {
        const times = poolTimes.get(c.id) as Times;
        const kept = this.pooled.get(c.id);
        if (kept && sameTimes(kept.times, times)) return kept.outlook;
        const outlook = this.judge(w, null, times);
        this.pooled.set(c.id, { times, outlook });
        return outlook;
      }
      const schedule = schedules.get(who) as TechSchedule;
      let known = this.judged.get(schedule);
      if (!known) this.judged.set(schedule, (known = new Map()));
      let outlook = known.get(c.id);
      if (!outlook) known.set(c.id, (outlook = this.judge(w, who, schedule.times.get(c.id) as Times)));
      return outlook;
    });
    const technicians: TechnicianOutlook[] = [...this.techs.values()].map((t) => {
      const s = schedules.get(t.id) as TechSchedule;
      const overloadMs = Math.max(0, s.committedMs - t.remainingMs);
      return { technicianId: t.id, name: t.name, remainingMs: t.remainingMs, committedMs: s.committedMs, overloadMs, overload: overloadMs > 0, openCases: s.openCases };
    });
    return { horizon: this.horizon, cases, technicians, recomputed };
  }

  private held(c: OpenCaseInput, who: number | null): CaseOutlook {
    const kept = this.heldOutlooks.get(c.id);
    if (kept && kept.assigneeId === who) return kept;
    const outlook: CaseOutlook = {
      caseId: c.id,
      assigneeId: who,
      target: null,
      dueAt: null,
      reachAt: null,
      expectedFinishAt: null,
      pessimisticFinishAt: null,
      verdict: 'on_track',
      reason: this.words.held(c.status),
      scheduled: false,
      handling: null,
    };
    this.heldOutlooks.set(c.id, outlook);
    return outlook;
  }

  private judge(w: Work, who: number | null, t: Times): CaseOutlook {
    const { now, end } = this.horizon;
    const c = w.kase;
    const candidates: { target: ForecastTarget; due: number; verdict: ForecastVerdict }[] = [];
    const consider = (target: ForecastTarget, due: number | null, at50: number | null, at80: number | null) => {
      if (due === null) return;
      let verdict: ForecastVerdict;
      if (due < now) verdict = 'breached';
      else if (due > end) verdict = 'on_track';
      else if (at50 === null || at50 > due) verdict = 'likely';
      else if (at80 === null || at80 > due) verdict = 'at_risk';
      else verdict = 'on_track';
      candidates.push({ target, due, verdict });
    };
    // An unassigned case is acknowledged between others' cases; an assigned one when its technician reaches it.
    if (t.ack !== undefined) consider('response', c.responseDueAt, t.ack, t.ack);
    else consider('response', c.responseDueAt, t.reach50, t.reach80);
    consider('resolution', c.resolutionDueAt, t.finish50, t.finish80);
    // The forecast speaks of what is still to come: a breach forecast beats one already past, which beats on track.
    const rank: Record<ForecastVerdict, number> = { likely: 0, at_risk: 1, breached: 2, on_track: 3 };
    candidates.sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.due - b.due);
    const pick = candidates[0] ?? null;
    const verdict = pick?.verdict ?? 'on_track';
    const techName = t.by === null ? null : (this.techs.get(t.by)?.name ?? null);
    const words: JudgedWords = { verdict, target: pick?.target ?? null, dueAt: pick?.due ?? null, times: t, techName, pooled: who === null, handling: w.handling, horizonEnd: end };
    return new JudgedOutlook(c.id, who, words, this.words);
  }
}

/**
 * A scheduled case's outlook. Its reason is put into words when first read: a forecast judges
 * every open case, and the board shows the words of the few likely to breach.
 */
class JudgedOutlook implements CaseOutlook {
  readonly target: ForecastTarget | null;
  readonly dueAt: number | null;
  readonly reachAt: number | null;
  readonly expectedFinishAt: number | null;
  readonly pessimisticFinishAt: number | null;
  readonly verdict: ForecastVerdict;
  readonly scheduled = true;
  readonly handling: HandlingEstimate;
  private words: string | null = null;

  constructor(
    readonly caseId: number,
    readonly assigneeId: number | null,
    private readonly parts: JudgedWords,
    private readonly wording: ForecastWords,
  ) {
    this.target = parts.target;
    this.dueAt = parts.dueAt;
    this.reachAt = parts.times.reach50;
    this.expectedFinishAt = parts.times.finish50;
    this.pessimisticFinishAt = parts.times.finish80;
    this.verdict = parts.verdict;
    this.handling = parts.handling;
  }

  get reason(): string {
    return (this.words ??= this.wording.judged(this.parts));
  }
}

function sameTimes(a: Times, b: Times): boolean {
  return a.reach50 === b.reach50 && a.reach80 === b.reach80 && a.ack === b.ack && a.finish50 === b.finish50 && a.finish80 === b.finish80 && a.by === b.by && a.earlier === b.earlier;
}

function keyOf(c: OpenCaseInput): number {
  const a = c.responseDueAt ?? Number.POSITIVE_INFINITY;
  const b = c.resolutionDueAt ?? Number.POSITIVE_INFINITY;
  return Math.min(a, b);
}

function byDeadline(a: Work, b: Work): number {
  return a.key - b.key || a.kase.priority - b.kase.priority || a.kase.id - b.kase.id;
}

/** A small binary heap: the pool asks "who is free first" once per unassigned case. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(
    initial: readonly T[],
    private readonly less: (a: T, b: T) => number,
  ) {
    for (const item of initial) this.push(item);
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i] as T, a[p] as T) >= 0) break;
      [a[i], a[p]] = [a[p] as T, a[i] as T];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] as T, a[m] as T) < 0) m = l;
        if (r < a.length && this.less(a[r] as T, a[m] as T) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as T, a[i] as T];
        i = m;
      }
    }
    return top;
  }
}
