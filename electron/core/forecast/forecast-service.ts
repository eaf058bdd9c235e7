/**
 * `forecast.board` and `forecast.commit`. The forecaster built from the database is kept until a
 * case, the staff or the calendar changes, or a minute passes (the horizon and everyone's remaining
 * time move with the clock), so trial moves are answered from its cached schedules. Handling times
 * are learned again at most every few minutes, or when asked.
 */
import type { DataSource } from 'typeorm';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { QueueCase, StaffMember } from '../../../shared/domain';
import type { BoardForecast, CaseForecast } from '../../../shared/forecast';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import { toIsoOrNull as iso } from '../instants';
import { compiledCalendar } from '../sla';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { CaseReader } from '../services/case-reader';
import type { QueueService } from '../services/queue-service';
import { BreachForecaster } from './breach-forecaster';
import type { Forecast, TrialMove } from './forecast-types';
import { deskCalendarSpec, LEARN_WINDOW_DAYS, loadResolved, loadTechnicians, openCaseInput } from './forecast-loader';
import type { HandlingTimes } from './handling-times';
import { learnHandling } from './learn-handling';

/** A built forecaster is reused for this long at most. */
export const FORECAST_TTL_MS = 60_000;
/** Handling times are learned again after this long at most. */
export const HANDLING_TTL_MS = 5 * 60_000;

interface Built {
  forecaster: BreachForecaster;
  cases: Map<number, QueueCase>;
  builtAt: number;
  learned: Learned;
}

interface Learned {
  model: HandlingTimes;
  learnedAt: number;
  resolvedCases: number;
}

export class ForecastService {
  private built: Built | null = null;
  private building: Promise<Built> | null = null;
  private learned: Learned | null = null;
  /** Counts changes, so a build begun before one is not kept after it. */
  private generation = 0;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly queue: QueueService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly reader: CaseReader,
  ) {
    events.subscribe((name) => {
      if (name === 'cases.changed' || name === 'staff.changed' || name === 'availability.changed' || name === 'calendar.changed' || name === 'live.status') {
        this.generation += 1;
        this.built = null;
      }
    });
  }

  async board(input: ChannelParsedInput<'forecast.board'>): Promise<BoardForecast> {
    if (input.refresh) {
      this.learned = null;
      this.built = null;
    }
    const built = await this.current();
    const moves: TrialMove[] = input.moves ?? [];
    const forecast = moves.length ? built.forecaster.withMoves(moves) : built.forecaster.full();
    return this.toBoard(forecast, built, moves);
  }

  /** Saves trial moves through the lifecycle's assignment rules, in one transaction. */
  async commit(input: ChannelParsedInput<'forecast.commit'>, actor: StaffMember): Promise<QueueCase[]> {
    try {
      return await this.lifecycle.assignEach(
        input.moves.map((m) => ({ id: m.caseId, version: m.version, assigneeId: m.assigneeId })),
        actor,
        input.reason,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict') {
        throw new DomainError('conflict', `${error.message} None of the moves was saved: look at the forecast again and redo them.`, error.field);
      }
      throw error;
    }
  }

  private async current(): Promise<Built> {
    const now = this.clock.now();
    if (this.built && now - this.built.builtAt < FORECAST_TTL_MS && now >= this.built.builtAt) return this.built;
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async build(): Promise<Built> {
    const generation = this.generation;
    const now = this.clock.now();
    const spec = await deskCalendarSpec(this.db);
    const desk = compiledCalendar(spec);
    const open = await this.queue.openCases();
    const learned = await this.handling(now, desk);
    // Absences up to the horizon's end; a week ahead covers any next business day after a long closure.
    const technicians = await loadTechnicians(this.db, spec, now, now + 14 * 86_400_000);
    const forecaster = new BreachForecaster({ now, desk, cases: open.map(openCaseInput), technicians, handling: learned.model });
    const built = { forecaster, cases: new Map(open.map((c) => [c.id, c])), builtAt: now, learned };
    if (generation === this.generation) this.built = built;
    return built;
  }

  private async handling(now: number, desk: ReturnType<typeof compiledCalendar>): Promise<Learned> {
    if (this.learned && now - this.learned.learnedAt < HANDLING_TTL_MS && now >= this.learned.learnedAt) return this.learned;
    const resolved = await loadResolved(this.db, this.reader, now);
    this.learned = { model: learnHandling(resolved, desk), learnedAt: now, resolvedCases: resolved.length };
    return this.learned;
  }

  private toBoard(forecast: Forecast, built: Built, moves: readonly TrialMove[]): BoardForecast {
    const moved = new Set(moves.map((m) => m.caseId));
    const counts = { likely: 0, atRisk: 0, onTrack: 0, notForecast: 0 };
    const shown: CaseForecast[] = [];
    for (const o of forecast.cases) {
      if (!o.scheduled) counts.notForecast += 1;
      else if (o.verdict === 'likely') counts.likely += 1;
      else if (o.verdict === 'at_risk') counts.atRisk += 1;
      else if (o.verdict === 'on_track') counts.onTrack += 1;
      const wanted = o.verdict === 'likely' || o.verdict === 'at_risk' || moved.has(o.caseId);
      if (!wanted) continue;
      const kase = built.cases.get(o.caseId) as QueueCase;
      const breachForecast = o.verdict === 'likely' || o.verdict === 'at_risk';
      shown.push({
        caseId: o.caseId,
        number: kase.number,
        summary: kase.summary,
        priority: kase.priority,
        assigneeId: o.assigneeId,
        target: o.target,
        dueAt: iso(o.dueAt),
        reachAt: iso(o.reachAt),
        expectedFinishAt: iso(o.expectedFinishAt),
        pessimisticFinishAt: iso(o.pessimisticFinishAt),
        verdict: o.verdict,
        day: breachForecast && o.dueAt !== null ? (o.dueAt <= forecast.horizon.endOfToday ? 'today' : 'next_business_day') : null,
        reason: o.reason,
        moved: moved.has(o.caseId),
      });
    }
    const rank = (c: CaseForecast) => (c.verdict === 'likely' ? 0 : c.verdict === 'at_risk' ? 1 : 2);
    shown.sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.caseId - b.caseId);
    const learned = built.learned;
    return {
      at: new Date(forecast.horizon.now).toISOString(),
      endOfToday: new Date(forecast.horizon.endOfToday).toISOString(),
      horizonEnd: new Date(forecast.horizon.end).toISOString(),
      cases: shown,
      counts,
      technicians: forecast.technicians.map((t) => ({
        staffId: t.technicianId,
        name: t.name,
        remainingMs: t.remainingMs,
        committedMs: t.committedMs,
        overloadMs: t.overloadMs,
        overload: t.overload,
        openCases: t.openCases,
      })),
      moves: [...moves],
      handling: {
        resolvedCases: learned.resolvedCases,
        learnedAt: new Date(learned.learnedAt).toISOString(),
        since: new Date(learned.learnedAt - LEARN_WINDOW_DAYS * 86_400_000).toISOString(),
      },
    };
  }
}
