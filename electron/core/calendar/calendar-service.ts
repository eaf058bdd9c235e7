import { DateTime } from 'luxon';
import type { CalendarClosure, CalendarClosures, IcsImportReport } from '../../../shared/contract';
import type { Clock } from '../clock';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { OPEN_CASE_STATUSES } from '../../../shared/domain';
import { CalendarClosureEntity, CaseEntity, type CalendarClosureRow } from '../db/entities';
import { caseFacts } from '../services/case-facts';
import type { CaseReader } from '../services/case-reader';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import type { SlaFacade } from '../services/sla-facade';
import { closuresFromIcs, SlaInputError } from '../sla';
import { MAX_YEAR, MIN_YEAR, parseIsoDate } from '../sla/civil-date';
import { readAfterCommit, writeTransaction } from '../db/write-transaction';

const HOLIDAYS_NOTE = 'US federal and Missouri public holidays close the desk too (from the date-holidays library).';

const toClosure = (r: CalendarClosureRow): CalendarClosure => ({ date: r.date, name: r.name, source: r.source === 'ics' ? 'ics' : 'district' });

/**
 * The district's own closure dates (snow days, breaks): kept in the database, shared by every
 * console, and handed to the SLA engine's calendar. A change re-works every open case's deadlines
 * and alerts (the scheduler and the queue listen to `calendar.changed`).
 */
export class CalendarService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
  ) {
    // Another console changed the closures (PostgreSQL relay): read them again.
    events.subscribe((name, payload) => {
      // A failed read (database gone, core closing) must not become an unhandled rejection, which
      // ends the process; the closures are read again at the next change or start.
      if (name === 'calendar.changed' && !this.publishing) this.load().catch(() => undefined);
      // Live updates came back after an outage: another console may have changed the closures meanwhile.
      if (name === 'live.status' && (payload as { state?: string }).state === 'live') this.load().catch(() => undefined);
    });
  }

  private publishing = false;

  /** The closures the engine's calendar holds, as last read from the database. */
  private loaded: { date: string; name: string }[] = [];

  /** Reads the closures into the engine's calendar; at start and after another console's change. */
  async load(): Promise<void> {
    await this.loadFrom(this.db.manager);
  }

  private async loadFrom(m: EntityManager): Promise<void> {
    const rows = await m.getRepository(CalendarClosureEntity).find({ order: { date: 'ASC' } });
    this.loaded = rows.map((r) => ({ date: r.date, name: r.name }));
    this.sla.setClosures(this.loaded);
  }

  async list(): Promise<CalendarClosures> {
    const rows = await this.db.getRepository(CalendarClosureEntity).find({ order: { date: 'ASC' } });
    return { timeZone: this.sla.timeZone, closures: rows.map(toClosure), holidays: HOLIDAYS_NOTE };
  }

  async add(date: string, name: string): Promise<CalendarClosures> {
    this.checkDate(date);
    // One statement (insert or rename): two consoles closing the same day at once both succeed.
    return this.change((m) => m.getRepository(CalendarClosureEntity).upsert({ date, name, source: 'district', addedAt: this.clock.now() }, ['date']));
  }

  async remove(date: string): Promise<CalendarClosures> {
    return this.change(async (m) => {
      const result = await m.getRepository(CalendarClosureEntity).delete({ date });
      if (!result.affected) throw new DomainError('not_found', `${date} is not one of the district's closure dates`, 'date');
    });
  }

  /** All-day events of a district calendar file become closures; timed events (an early release) are reported, not closed. */
  async importIcs(input: { ics: string; from?: string; to?: string; dryRun?: boolean }): Promise<IcsImportReport> {
    const year = DateTime.fromMillis(this.clock.now(), { zone: this.sla.timeZone }).year;
    const range = { from: input.from ?? `${year}-01-01`, to: input.to ?? `${year + 1}-12-31` };
    if (!/BEGIN:VCALENDAR/i.test(input.ics)) {
      throw new DomainError('invalid_input', 'The file is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR', 'ics');
    }
    let parsed;
    try {
      parsed = closuresFromIcs(input.ics, range);
    } catch (error) {
      if (error instanceof SlaInputError) throw new DomainError('invalid_input', error.message, error.field === 'ics' ? 'ics' : error.field.replace('range.', ''));
      throw error;
    }
    const repo = this.db.getRepository(CalendarClosureEntity);
    const existing = new Set((await repo.find({ select: { date: true } })).map((r) => r.date));
    const added = parsed.closures.filter((c) => !existing.has(c.date)).map((c) => ({ date: c.date, name: c.name ?? 'Closed' }));
    const alreadyClosed = parsed.closures.filter((c) => existing.has(c.date)).map((c) => c.date);
    if (!input.dryRun && added.length) {
      const now = this.clock.now();
      // A date another console closed meanwhile is kept as it is.
      await this.change((m) =>
        m.createQueryBuilder().insert().into(CalendarClosureEntity).values(added.map((c) => ({ ...c, source: 'ics', addedAt: now }))).orIgnore().execute(),
      );
    }
    const skippedText = parsed.skipped.length ? ` ${parsed.skipped.length} event(s) skipped (not all-day).` : '';
    return {
      dryRun: input.dryRun === true,
      added,
      alreadyClosed,
      skipped: parsed.skipped,
      message: `${input.dryRun ? 'Would add' : 'Added'} ${added.length} closure date(s) between ${range.from} and ${range.to}; ${alreadyClosed.length} already closed.${skippedText}`,
    };
  }

  /** The engine's own rule for a closure date, so a date stored here can never stop the calendar from loading. */
  private checkDate(date: string): void {
    if (parseIsoDate(date) === null) {
      throw new DomainError('invalid_input', `Date: ${date} is not a real date between ${MIN_YEAR} and ${MAX_YEAR}`, 'date');
    }
  }

  /**
   * The due instants stored on open cases follow the new calendar (a snow day stops business-time
   * clocks). They are what the engine computes from the case as it stands, so this is not a change
   * of the case: no new version, no audit event.
   */
  private async recomputeOpenDeadlines(m: EntityManager): Promise<void> {
    const repo = m.getRepository(CaseEntity);
    const rows = await repo.findBy({ status: In([...OPEN_CASE_STATUSES]) });
    const pauses = await this.reader.pausesOf(rows.map((r) => r.id));
    for (const row of rows) {
      if (row.policyVersion === null) continue;
      const due = this.sla.deadlines(caseFacts(row, pauses.get(row.id) ?? []));
      if (due.responseDueAt === row.responseDueAt && due.resolutionDueAt === row.resolutionDueAt) continue;
      await repo.update({ id: row.id }, { responseDueAt: due.responseDueAt, resolutionDueAt: due.resolutionDueAt });
    }
  }

  /**
   * A change of the closures and the recomputation of every open deadline it moves are one
   * transaction: if the recompute fails, the closure is not saved either, and the engine's
   * calendar goes back to the closures it held.
   */
  private async change(write: (m: EntityManager) => Promise<unknown>): Promise<CalendarClosures> {
    const before = this.loaded;
    try {
      await writeTransaction(this.db, async (m) => {
        await write(m);
        await this.loadFrom(m);
        await this.recomputeOpenDeadlines(m);
      });
    } catch (error) {
      this.loaded = before;
      this.sla.setClosures(before);
      throw error;
    }
    const list = await readAfterCommit(() => this.list());
    this.publishing = true;
    try {
      this.events.publish('calendar.changed', { closures: list.closures.length });
    } finally {
      this.publishing = false;
    }
    return list;
  }
}
