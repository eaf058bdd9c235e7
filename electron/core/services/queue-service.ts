import { In, type DataSource } from 'typeorm';
import { OPEN_CASE_STATUSES, type QueueCase, type QueueFilter, type SavedView, type StaffMember, type TargetClock, type WorkloadRow } from '../../../shared/domain';
import type { EventBus } from '../event-bus';
import { loadInChunks } from '../db/in-chunks';
import { HOUR_MS } from '../instants';
import type { Clock } from '../clock';
import { CaseEntity, SavedViewEntity, StaffEntity } from '../db/entities';
import { DomainError } from '../errors';
import type { CaseReader } from './case-reader';
import type { SlaFacade } from './sla-facade';
import type { QueuePage } from '../../../shared/queue-rows';
import { QueueRowLedger } from './queue-row-ledger';
import { QueueStaleness } from './queue-staleness';
import { writeTransaction } from '../db/write-transaction';
import { CASES_PER_SLICE, yieldToEventLoop } from '../yield';
import { awayMarksAt, sameMark, type AwayMarks } from '../availability/away-marks';


/** Sorts by the next unmet due instant: soonest to breach first, paused and fully met cases last. */
export function byNextBreach(a: QueueCase, b: QueueCase): number {
  const ta = a.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.sla.nextDueAt);
  const tb = b.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(b.sla.nextDueAt);
  return ta - tb || a.priority - b.priority || a.id - b.id;
}

/** byNextBreach for many cases: each due instant parsed once, not at every comparison. */
export function sortByNextBreach(cases: QueueCase[]): QueueCase[] {
  const key = (c: QueueCase) => (c.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(c.sla.nextDueAt));
  return cases
    .map((c) => ({ c, k: key(c) }))
    .sort((a, b) => a.k - b.k || a.c.priority - b.c.priority || a.c.id - b.c.id)
    .map((x) => x.c);
}

/**
 * A target's state at `now` from its instants. Due, warning and met instants of an unchanged case
 * do not move with time (a pause, a contact, a new priority are changes of the case), so only the
 * state needs working out again when the queue is read.
 */
function clockAt(t: TargetClock, now: number): TargetClock {
  if (t.state === 'met' || t.state === 'paused' || t.state === 'none') return t;
  const { due, warn } = instantsOf(t);
  const state = now > due ? 'breached' : now >= warn ? 'at_risk' : 'on_track';
  return state === t.state ? t : { ...t, state };
}

/** The next instant after `now` at which a running target's state changes (at risk, then breached); +∞ when none will. */
function nextStateChange(t: TargetClock, now: number): number {
  if (t.state === 'met' || t.state === 'paused' || t.state === 'none') return Number.POSITIVE_INFINITY;
  const { due, warn } = instantsOf(t);
  let next = now < warn ? warn : Number.POSITIVE_INFINITY;
  // "Breached at any instant after its due instant": the state changes just after it.
  if (now <= due) next = Math.min(next, due + 1);
  return next;
}

/** Each cached target's instants, parsed once: every read of the queue asks them of 10,000 cases. */
const parsed = new WeakMap<TargetClock, { due: number; warn: number }>();
function instantsOf(t: TargetClock): { due: number; warn: number } {
  let found = parsed.get(t);
  if (!found) {
    found = { due: t.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(t.dueAt), warn: t.warnAt === null ? Number.POSITIVE_INFINITY : Date.parse(t.warnAt) };
    parsed.set(t, found);
  }
  return found;
}

/** The queue of open cases, the supervisors' workload board, and each person's saved views. */
export class QueueService {
  /** Each open case as last read, by id, with the version it was read at. */
  private readonly cache = new Map<number, QueueCase>();
  /** Counts the times the cache was emptied, so a read begun before does not refill it with old rows. */
  private cacheGeneration = 0;
  /** The same cases as lean queue rows, stamped when they change, for `queue.rows` and `queue.changes`. */
  private readonly ledger = new QueueRowLedger();
  /** The cached cases soonest to breach first; the order moves only when a case does (its due instants are fixed per version). */
  private order: QueueCase[] | null = null;
  /** `order` with each target's state worked out, good until the next instant any target turns at risk or breached. */
  private atNow: { order: QueueCase[]; from: number; until: number; cases: QueueCase[] } | null = null;
  /** Reads of the queue, one at a time: an older read finishing last must not put back what a newer one saw. */
  private reading: Promise<unknown> = Promise.resolve();
  /** The read not yet started, which every request arriving meanwhile shares. */
  private nextRead: Promise<{ id: number; version: number }[]> | null = null;
  /** Whether the ledger holds a read of the queue (the core reads it once at start). */
  private everRead = false;
  /** The open cases' ids and versions at the last read, answered again while nothing can have changed. */
  private lastHeads: { id: number; version: number }[] | null = null;
  private readonly staleness: QueueStaleness;
  /** Whether a read for `queue.changed` runs, and whether a change came meanwhile (one follow-up for all). */
  private announcing = false;
  private announceAgain = false;
  /** Who is away now, flagged on their cases' rows; null: read again (an absence changed). */
  private away: AwayMarks | null = null;
  /** Counts the times the marks were forgotten, so a read begun before does not keep old marks. */
  private awayGeneration = 0;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
    private readonly events: EventBus,
  ) {
    // Names shown on cases (callers, staff, buildings, categories) or the calendar changed: read every case afresh.
    this.staleness = new QueueStaleness(db);
    events.subscribe((name) => {
      if (name === 'callers.changed' || name === 'staff.changed' || name === 'directory.changed' || name === 'calendar.changed') {
        this.cache.clear();
        this.cacheGeneration += 1;
        this.order = null;
      }
      if (name === 'availability.changed' || name === 'staff.changed' || name === 'live.status') {
        this.away = null;
        this.awayGeneration += 1;
      }
      // Also after the event relay was away: changes at other consoles may have been missed.
      if (name !== 'alerts.raised' && name !== 'alerts.read' && name !== 'queue.changed') this.staleness.markChanged();
      // A case changed here or at another server, or the deadlines of every open case moved.
      if (name === 'cases.changed' || name === 'calendar.changed' || name === 'availability.changed') this.announceChanges();
    });
  }

  /**
   * Brings the ledger up to date once and tells every console what changed since the cursor it
   * had (`queue.changed`), so the consoles need not each ask for the same delta. While a read runs,
   * further changes fold into one follow-up: a burst of edits gives a few events, not one each.
   */
  private announceChanges(): void {
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = true;
    void (async () => {
      try {
        do {
          this.announceAgain = false;
          // No console holds a cursor before the first read: they read the whole queue then.
          const known = this.everRead;
          const from = this.ledger.cursor;
          await this.readChanged();
          if (known && this.ledger.cursor !== from) this.events.publish('queue.changed', { from, page: this.ledger.page(from) });
        } while (this.announceAgain);
      } catch {
        // The read failed (the database is away): each console asks `queue.changes` itself after its wait.
      } finally {
        this.announcing = false;
      }
    })();
  }

  /**
   * Every open case, soonest to breach first. Only cases whose version changed since the last read
   * are read and computed again, so a queue of 10,000 cases answers in tens of milliseconds.
   */
  async openCases(): Promise<QueueCase[]> {
    await this.readChanged();
    const now = this.clock.now();
    const order = (this.order ??= sortByNextBreach([...this.cache.values()]));
    const held = this.atNow;
    if (held && held.order === order && held.from <= now && now < held.until) return [...held.cases];
    let until = Number.POSITIVE_INFINITY;
    const cases = order.map((c) => {
      const response = clockAt(c.sla.response, now);
      const resolution = clockAt(c.sla.resolution, now);
      until = Math.min(until, nextStateChange(c.sla.response, now), nextStateChange(c.sla.resolution, now));
      return response === c.sla.response && resolution === c.sla.resolution ? c : { ...c, sla: { ...c.sla, response, resolution } };
    });
    this.atNow = { order, from: now, until, cases };
    return [...cases];
  }

  /**
   * The queue as lean rows (what the grid shows and filters on), whole or its `limit` most urgent,
   * with a cursor to ask for changes. The most urgent rows are answered at once from the last read
   * (without waiting behind other reads): a console asks for them only to show work while the whole
   * queue, read afresh, is on its way, and takes its cursor from that whole answer.
   */
  async rows(limit?: number): Promise<QueuePage> {
    if (limit === undefined || !this.everRead) await this.readChanged();
    return this.ledger.page(undefined, limit);
  }

  /** The rows changed and the cases closed since `since`; the whole queue if the cursor is not this core's or too old. */
  async changes(since: string): Promise<QueuePage> {
    await this.readChanged();
    return this.ledger.page(since);
  }

  /** Brings the cache and the ledger up to date with the database; answers the open cases' ids and versions. */
  private readChanged(): Promise<{ id: number; version: number }[]> {
    // Requests arriving before the next read starts share it: it starts after they arrived, so it
    // sees every change committed before them. Opening the console asks several at once.
    if (this.nextRead) return this.nextRead;
    const run = this.reading.then(() => {
      this.nextRead = null;
      return this.readChangedNow();
    });
    this.nextRead = run;
    this.reading = run.catch(() => undefined);
    return run;
  }

  private async readChangedNow(): Promise<{ id: number; version: number }[]> {
    await this.refreshAway();
    if (!(await this.staleness.mustRead()) && this.lastHeads) return this.lastHeads;
    try {
      this.lastHeads = await this.readHeadsAndChanged();
      return this.lastHeads;
    } catch (error) {
      this.staleness.markChanged();
      throw error;
    }
  }

  private async readHeadsAndChanged(): Promise<{ id: number; version: number }[]> {
    // A read that began before the cache was emptied (the calendar moved every deadline) holds rows
    // from before: it must not put them back, so it reads again on the emptied cache.
    const generation = this.cacheGeneration;
    const repo = this.db.getRepository(CaseEntity);
    const raw: { id: number | string; version: number | string }[] = await repo
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.version', 'version')
      .where('c.status IN (:...open)', { open: [...OPEN_CASE_STATUSES] })
      .getRawMany();
    const heads = raw.map((r) => ({ id: Number(r.id), version: Number(r.version) }));
    const stale = heads.filter((h) => this.cache.get(h.id)?.version !== h.version).map((h) => h.id);
    const fresh: QueueCase[] = [];
    for (let i = 0; i < stale.length; i += CASES_PER_SLICE) {
      if (i > 0) await yieldToEventLoop();
      const rows = await loadInChunks(stale.slice(i, i + CASES_PER_SLICE), (chunk) => repo.findBy({ id: In(chunk) }));
      fresh.push(...(await this.reader.queueCases(rows)));
    }
    if (generation !== this.cacheGeneration) return this.readHeadsAndChanged();
    for (let i = 0; i < fresh.length; i++) fresh[i] = this.withAway(fresh[i] as QueueCase);
    for (const c of fresh) this.cache.set(c.id, c);
    const open = new Set(heads.map((h) => h.id));
    for (const id of this.cache.keys()) if (!open.has(id)) this.cache.delete(id);
    if (fresh.length > 0 || this.cache.size !== (this.order?.length ?? -1)) this.order = null;
    // A case may have closed between the two reads: it becomes no row (the next read removes it).
    this.ledger.put(fresh.filter((c) => open.has(c.id) && OPEN_CASE_STATUSES.includes(c.status)));
    this.ledger.keepOnly(open);
    this.everRead = true;
    return heads;
  }

  /**
   * Flags the rows of cases whose assignee is away. The marks hold until the next instant an
   * absence starts or ends (or one is changed); then they are read again (one small query) and only
   * the rows whose flag moved are re-stamped, so `queue.changes` carries them like any change.
   */
  private async refreshAway(): Promise<void> {
    const now = this.clock.now();
    if (this.away && now < this.away.validUntil) return;
    const generation = this.awayGeneration;
    const read = await awayMarksAt(this.db, now);
    // An absence changed while reading: these marks may miss it, so they hold for this read only.
    this.away = generation === this.awayGeneration ? read : { ...read, validUntil: Number.NEGATIVE_INFINITY };
    const moved: QueueCase[] = [];
    for (const c of this.cache.values()) {
      const marked = this.withAway(c);
      if (marked !== c) moved.push(marked);
    }
    if (moved.length === 0) return;
    for (const c of moved) this.cache.set(c.id, c);
    this.order = null;
    this.ledger.put(moved);
  }

  private withAway(c: QueueCase): QueueCase {
    const mark = c.assigneeId === null ? null : (this.away?.marks.get(c.assigneeId) ?? null);
    return sameMark(c.assigneeAway, mark) ? c : { ...c, assigneeAway: mark };
  }

  async workload(): Promise<WorkloadRow[]> {
    const cases = await this.openCases();
    const staff = await this.db.getRepository(StaffEntity).find({ where: { active: true }, order: { name: 'ASC' } });
    const now = this.clock.now();
    const rows = new Map<number | null, WorkloadRow>();
    for (const s of staff.filter((s) => s.role !== 'agent')) {
      rows.set(s.id, { staffId: s.id, name: s.name, openCases: 0, atRisk: 0, breached: 0, remainingBusinessHours: 0 });
    }
    rows.set(null, { staffId: null, name: 'Unassigned', openCases: 0, atRisk: 0, breached: 0, remainingBusinessHours: 0 });
    for (const c of cases) {
      const row = rows.get(c.assigneeId) ?? rows.get(null);
      if (!row) continue;
      row.openCases += 1;
      const states = [c.sla.response.state, c.sla.resolution.state];
      if (states.includes('breached')) row.breached += 1;
      else if (states.includes('at_risk')) row.atRisk += 1;
      const due = c.sla.resolution.dueAt;
      if (due !== null && !c.sla.paused) row.remainingBusinessHours += this.sla.businessMsBetween(now, Date.parse(due)) / HOUR_MS;
    }
    return [...rows.values()].map((r) => ({ ...r, remainingBusinessHours: Math.round(r.remainingBusinessHours * 10) / 10 }));
  }

  async views(viewer: StaffMember): Promise<SavedView[]> {
    const rows = await this.db.getRepository(SavedViewEntity).find({ where: { staffId: viewer.id }, order: { name: 'ASC' } });
    return rows.map((r) => ({ id: r.id, name: r.name, filter: JSON.parse(r.filter) as QueueFilter }));
  }

  /** Saves a view under its name; the same name replaces the person's earlier view. */
  async saveView(viewer: StaffMember, name: string, filter: QueueFilter): Promise<SavedView> {
    const saved = await writeTransaction(this.db, async (m) => {
      const repo = m.getRepository(SavedViewEntity);
      const existing = await repo.findOneBy({ staffId: viewer.id, name });
      return repo.save({ ...(existing ?? {}), staffId: viewer.id, name, filter: JSON.stringify(filter) });
    });
    return { id: saved.id, name: saved.name, filter };
  }

  async deleteView(viewer: StaffMember, id: number): Promise<{ id: number }> {
    const result = await writeTransaction(this.db, (m) => m.getRepository(SavedViewEntity).delete({ id, staffId: viewer.id }));
    if (!result.affected) throw new DomainError('not_found', `You have no saved view ${id}`, 'id');
    return { id };
  }
}
