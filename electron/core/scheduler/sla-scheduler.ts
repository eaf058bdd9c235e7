import { In, LessThanOrEqual, MoreThan, type DataSource, type Repository } from 'typeorm';
import { DEFAULT_ALERT_PREFERENCES, digestsOf, type Alert, type AlertDigest, type AlertPreferences } from '../../../shared/alerts';
import { OPEN_CASE_STATUSES } from '../../../shared/domain';
import { Backoff } from '../backoff';
import type { Clock } from '../clock';
import { ADVISORY_LOCKS, withAdvisoryLock } from '../db/advisory-lock';
import { CaseEntity, StaffEntity, type AlertDeliveryRow, type CaseRow } from '../db/entities';
import { isPostgres } from '../db/dialect';
import { writeTransaction } from '../db/write-transaction';
import type { EventBus } from '../event-bus';
import { consoleLogger, type Logger } from '../log/logger';
import { caseFacts, pendingClocks } from '../services/case-facts';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { CaseReader } from '../services/case-reader';
import type { SlaFacade } from '../services/sla-facade';
import { alertKey, candidateAlerts, planAlerts, type AlertPlan, type TimedAlert } from './alert-planner';
import { escalationAt, partsOverdueAt, type PageState } from '../escalation/page-instants';
import type { DueForPaging, Pager } from '../escalation/pager';
import { AlertLedger, toAlert } from './alert-ledger';
import { alertText } from './alert-text';
import { lockCasesInOrder, markForLook, storeNextAlerts, WRITE_CHUNK } from './next-alert-store';
import { recipientsFor, type StaffOnDuty } from './recipients';
import { CASES_PER_SLICE, yieldToEventLoop } from '../yield';

/** Cases looked at per wake; more due cases are taken by the next wake, at once. */
const BATCH = 500;
/** Even with nothing due the scheduler re-reads the earliest instant this often (one indexed MIN query). */
const MAX_SLEEP_MS = 60 * 60 * 1000;
/** A failed wake is tried again after 1 s, 2 s, 4 s… at most a minute apart, until one succeeds. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/**
 * A wake that found another process at work (PostgreSQL: several server processes on one
 * database) tries again this much later: by then that wake has usually stored every case's next
 * instant, so what is still due, and the cases changed here meanwhile, are seen.
 */
const LOCK_BUSY_RETRY_MS = 1_000;

import { processTimers, type Timers } from '../timers';

export type { Timers };

export interface WakeReport {
  /**
   * Another process sharing the PostgreSQL database was doing a wake's work: this one looked at
   * nothing (nextWakeAt null) and tries again shortly.
   */
  skipped: boolean;
  casesLooked: number;
  delivered: Alert[];
  digests: AlertDigest[];
  closed: number[];
  nextWakeAt: number | null;
}

/**
 * Keeps, per open case, the next instant something is due (stored in `help_case.next_alert_at`,
 * indexed) and sleeps until the earliest one; it never scans every case on a timer. A change to a
 * case reschedules that case. Delivered alerts are recorded in the ledger first, so a restart
 * repeats none; those that fell due while the app was closed are delivered once at start,
 * grouped into digests.
 */
export class SlaScheduler {
  private timer: unknown = null;
  private running = false;
  private dirty = new Set<number>();
  private waking: Promise<WakeReport> | null = null;
  private wakeAgain = false;
  private startedAt: number | null = null;
  /** The last wake was skipped for another process's: changes wait for the retry instead of waking at once. */
  private lockBusy = false;
  private unsubscribe: (() => void) | null = null;
  private logger: Logger = consoleLogger();
  private readonly retry = new Backoff(RETRY_FIRST_MS, RETRY_MAX_MS);
  /** Who is on duty, read once and again only when the staff change (not on every wake). */
  private staffOnDuty: Promise<StaffOnDuty[]> | null = null;
  readonly ledger: AlertLedger;
  /** Pages people by email, text and console for priority 1, escalations, breaches and passed parts dates (escalation/pager.ts). */
  private pager: Pager | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
    private readonly lifecycle: CaseLifecycleService,
    private readonly timers: Timers = processTimers,
  ) {
    this.ledger = new AlertLedger(db);
  }

  usePager(pager: Pager): void {
    this.pager = pager;
  }

  /** These cases are looked at again soon (e.g. the escalation time changed). */
  lookAt(caseIds: readonly number[]): void {
    for (const id of caseIds) this.dirty.add(id);
    this.armSoon();
  }

  /** Where failed wakes are reported; the core passes its logger. */
  useLogger(logger: Logger): void {
    this.logger = logger;
  }

  /**
   * Starts watching: catches up on what fell due while closed, then sleeps until the next
   * instant. Resolves with the catch-up's report; hosts do not wait for it (see startBehind in
   * core.ts). A failed catch-up rejects, and is logged and tried again like any failed wake.
   */
  async start(): Promise<WakeReport> {
    this.running = true;
    this.startedAt = this.clock.now();
    this.unsubscribe = this.events.subscribe((name, payload) => {
      if (name === 'calendar.changed') {
        // A closure moves every business-time instant: every open case is looked at again.
        this.rescheduleAll().catch((error: unknown) => this.failed('deskwatch: SLA scheduler could not reschedule open cases after a calendar change', error));
        return;
      }
      if (name === 'staff.changed' || (name === 'live.status' && (payload as { state: string }).state === 'live')) {
        // Also after the event relay was away: a staff change at another console may have been missed.
        this.staffOnDuty = null;
        return;
      }
      if (name !== 'cases.changed') return;
      this.dirty.add((payload as { caseId: number }).caseId);
      this.armSoon();
    });
    return this.wake();
  }

  /**
   * Every open case is due at once: marked in id order, a chunk per transaction, so that this
   * never holds every open case's row lock at once (which deadlocked another console's wake).
   */
  private async rescheduleAll(): Promise<void> {
    const now = this.clock.now();
    const repo = this.db.getRepository(CaseEntity);
    for (let after = 0; ; ) {
      const chunk = await repo.find({
        where: { status: In([...OPEN_CASE_STATUSES]), id: MoreThan(after) },
        order: { id: 'ASC' },
        take: WRITE_CHUNK * 10,
        select: { id: true },
      });
      if (chunk.length === 0) break;
      const ids = chunk.map((r) => r.id);
      await writeTransaction(this.db, (m) => markForLook(m, ids, now));
      after = ids[ids.length - 1] as number;
    }
    this.armSoon();
  }

  /** Stops the timer and waits for a wake in progress, so the database can be closed after it. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.waking?.catch(() => undefined);
  }

  /**
   * Looks at every case whose instant has come (and every case changed since), delivers,
   * reschedules. A failure (the database away, a lock) is logged and the wake is tried again
   * with backoff: what fell due meanwhile is still due, and is delivered once it succeeds.
   */
  async wake(): Promise<WakeReport> {
    if (this.waking) {
      this.wakeAgain = true;
      return this.waking;
    }
    this.waking = this.wakeOnce().finally(() => {
      this.waking = null;
    });
    let report: WakeReport;
    try {
      report = await this.waking;
    } catch (error) {
      this.failed('deskwatch: SLA scheduler wake failed', error);
      throw error;
    }
    if (this.retry.failing) this.logger.info('deskwatch: SLA scheduler is working again');
    this.retry.reset();
    if (this.wakeAgain) {
      this.wakeAgain = false;
      this.armSoon();
    }
    return report;
  }

  private failed(message: string, error: unknown): void {
    const wait = this.retry.next();
    this.logger.warn(`${message}; trying again in ${Math.round(wait / 1000)} s`, error);
    this.arm(wait);
  }

  /**
   * One process does a wake's work at a time: on PostgreSQL several server processes may share
   * the database, and each would otherwise read, plan and write the same due cases (the ledger
   * would still deliver each alert once, but the work would be done twice). The one that finds
   * the lock taken skips the work, keeps the changed cases it heard of, and tries again shortly;
   * the cases' stored next instants are the truth, so it then sees whatever is still due.
   */
  private async wakeOnce(): Promise<WakeReport> {
    const run = await withAdvisoryLock(this.db, ADVISORY_LOCKS.schedulerWake, () => this.wakeHolding());
    this.lockBusy = !run.held;
    if (run.held) return run.value;
    this.arm(LOCK_BUSY_RETRY_MS);
    return { skipped: true, casesLooked: 0, delivered: [], digests: [], closed: [], nextWakeAt: null };
  }

  private async wakeHolding(): Promise<WakeReport> {
    const now = this.clock.now();
    // Changed cases are taken now; should this wake fail they are put back, not forgotten.
    const taken = [...this.dirty].sort((a, b) => a - b).slice(0, BATCH);
    for (const id of taken) this.dirty.delete(id);
    try {
      return await this.look(now, taken);
    } catch (error) {
      for (const id of taken) this.dirty.add(id);
      throw error;
    }
  }

  private async look(now: number, taken: readonly number[]): Promise<WakeReport> {
    const repo: Repository<CaseRow> = this.db.getRepository(CaseEntity);
    const dueRows = await repo.find({ where: { nextAlertAt: LessThanOrEqual(now) }, order: { nextAlertAt: 'ASC' }, take: BATCH });
    const dueIds = new Set(dueRows.map((r) => r.id));
    const dirtyIds = taken.filter((id) => !dueIds.has(id));
    const dirtyRows = dirtyIds.length ? await repo.findBy({ id: In(dirtyIds) }) : [];
    // Id order: every writer takes the cases' row locks in the same order (see next-alert-store.ts).
    const rows = [...dueRows, ...dirtyRows].sort((a, b) => a.id - b.id);

    const delivered: Alert[] = [];
    const closed: number[] = [];
    if (rows.length) {
      const ids = rows.map((r) => r.id);
      // Pages matter only for priority 1 (its page and escalation): most wakes read none.
      const p1Ids = this.pager ? rows.filter((r) => r.priority === 1).map((r) => r.id) : [];
      const [pauses, contacts, keys, staff, pageStates, escalateAfterMs] = await Promise.all([
        this.reader.pausesOf(ids),
        // Contacts matter only while pending (the daily contact and the auto-close): most wakes read none.
        this.reader.contactsOf(rows.filter((r) => r.status === 'pending_user_response').map((r) => r.id)),
        this.ledger.deliveredKeys(ids),
        this.staff(),
        this.pager && p1Ids.length ? this.pager.stateOf(p1Ids) : Promise.resolve(new Map<number, PageState>()),
        this.pager && p1Ids.length ? this.pager.escalateAfterMs() : Promise.resolve(0),
      ]);
      const within = this.sla.isWithinBusinessHours(now);
      const plans = new Map<number, AlertPlan>();
      for (const [i, row] of rows.entries()) {
        if (i > 0 && i % CASES_PER_SLICE === 0) await yieldToEventLoop();
        if (!(OPEN_CASE_STATUSES as readonly string[]).includes(row.status)) continue;
        const casePauses = pauses.get(row.id) ?? [];
        const pending = pendingClocks(row, casePauses, contacts.get(row.id) ?? [], this.sla);
        const candidates = candidateAlerts({
          priority: row.priority,
          receivedAt: row.receivedAt,
          slaEvents: row.policyVersion === null ? [] : this.sla.alertEvents(caseFacts(row, casePauses), now),
          contactDueTimes: pending.contactDueTimes,
          autoCloseAt: pending.autoCloseAt,
          ...(this.pager
            ? {
                // The page goes out at the wake that delivers p1_received; its escalation counts from then.
                escalateAt: escalationAt(row, pageStates.get(row.id), !(keys.get(row.id)?.has(alertKey({ kind: 'p1_received', at: row.receivedAt })) ?? false), now, escalateAfterMs),
                partsOverdueAt: partsOverdueAt(row, this.sla.timeZone),
              }
            : {}),
        });
        plans.set(row.id, planAlerts(candidates, keys.get(row.id) ?? new Set(), now, within, () => this.sla.nextOpenAt(now)));
      }
      // The agreement's auto-close runs before anyone is told it happened.
      if ([...plans.values()].some((p) => p.due.some((a) => a.kind === 'auto_closed'))) closed.push(...(await this.lifecycle.closeStalePending()));

      // The ledger rows and the next instants of a run of cases (in id order) in one transaction,
      // so a crash between two repeats nothing. PostgreSQL: small transactions, each holding few
      // row locks briefly. SQLite: one writer at a time anyway, and each commit costs an fsync,
      // so a wake's commits are few (one per slice of cases, yielding to the console between).
      const fresh: AlertDeliveryRow[] = [];
      const chunkSize = isPostgres(this.db) ? WRITE_CHUNK : CASES_PER_SLICE;
      for (let i = 0; i < rows.length; i += chunkSize) {
        if (i > 0) await yieldToEventLoop();
        const chunk = rows.slice(i, i + chunkSize);
        const ledgerRows: Omit<AlertDeliveryRow, 'id'>[] = [];
        const toPage: DueForPaging[] = [];
        for (const row of chunk) {
          const plan = plans.get(row.id);
          if (!plan) continue;
          const shown = plan.due.filter((a) => a.kind !== 'auto_closed' || closed.includes(row.id));
          for (const alert of plan.superseded) ledgerRows.push(...this.ledgerRows(row, alert, staff, now, true, true));
          for (const alert of shown) ledgerRows.push(...this.ledgerRows(row, alert, staff, now, this.isMissed(alert), false));
          if (this.pager) toPage.push(...shown.map((alert) => ({ row, alert, missed: this.isMissed(alert) })));
        }
        // Guarded by the version read: a change made meanwhile marks the case dirty and is looked at again.
        const next = chunk
          .map((row) => ({ id: row.id, version: row.version, was: row.nextAlertAt, nextAt: closed.includes(row.id) ? null : (plans.get(row.id)?.nextAt ?? null) }))
          .filter((n) => n.nextAt !== n.was);
        if (ledgerRows.length === 0 && next.length === 0 && toPage.length === 0) continue;
        fresh.push(
          ...(await writeTransaction(this.db, async (m) => {
            await lockCasesInOrder(m, chunk.map((r) => r.id));
            // Pages are recorded, and their email queued, with the alerts: all of it commits or none.
            const paged = this.pager ? await this.pager.page(m, toPage, { staff, now, escalateAfterMs, states: pageStates }) : [];
            // A technician on call gets the page, not also the general priority 1 alert.
            const onCall = new Set(paged.map((r) => `${r.caseId}|${r.recipientId}`));
            const recorded = await this.ledger.record([...ledgerRows.filter((r) => !(r.kind === 'p1_received' && onCall.has(`${r.caseId}|${r.recipientId}`))), ...paged], m);
            await storeNextAlerts(m, next);
            return recorded;
          })),
        );
      }
      const shownTo = fresh.filter((r) => !r.superseded);
      // Preferences only of the people told something, read now, so a change at any console counts.
      const prefs = shownTo.length ? await this.ledger.preferences([...new Set(shownTo.map((r) => r.recipientId))]) : new Map<number, AlertPreferences>();
      for (const r of shownTo) delivered.push(toAlert(r, prefs.get(r.recipientId) ?? DEFAULT_ALERT_PREFERENCES, now));
    }

    const digests = digestsOf(delivered);
    if (delivered.length) this.events.publish('alerts.raised', { alerts: delivered, digests });
    const nextWakeAt = await this.earliest();
    if (this.running) this.arm(nextWakeAt === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, nextWakeAt - this.clock.now())));
    if (dueRows.length === BATCH || this.dirty.size > 0) this.arm(0);
    return { skipped: false, casesLooked: rows.length, delivered, digests, closed, nextWakeAt };
  }

  private isMissed(alert: TimedAlert): boolean {
    // Fell due before this run of the app started: the app was closed (or the case was filed late).
    return this.startedAt !== null && alert.at < this.startedAt;
  }

  private ledgerRows(row: CaseRow, alert: TimedAlert, staff: readonly StaffOnDuty[], now: number, missed: boolean, superseded: boolean): Omit<AlertDeliveryRow, 'id'>[] {
    const text = alertText(alert, row, (t) => this.sla.describeDue(t, now));
    return recipientsFor(alert.kind, row.assigneeId, staff).map((recipientId) => ({
      caseId: row.id,
      kind: alert.kind,
      recipientId,
      dueAt: alert.at,
      deliveredAt: now,
      missed,
      superseded,
      title: text.title,
      body: text.body,
    }));
  }

  private staff(): Promise<StaffOnDuty[]> {
    if (!this.staffOnDuty) {
      const reading = this.db.getRepository(StaffEntity).find({ where: { active: true }, select: { id: true, role: true } });
      this.staffOnDuty = reading;
      // A failed read is not kept: the next wake reads again.
      reading.catch(() => {
        if (this.staffOnDuty === reading) this.staffOnDuty = null;
      });
    }
    return this.staffOnDuty;
  }

  /** The earliest stored instant: one indexed query. */
  private async earliest(): Promise<number | null> {
    // Plain SQL: it runs after every wake, and building it through the ORM cost more than running it.
    const rows: { at: number | string | null }[] = await this.db.query('SELECT MIN(next_alert_at) AS at FROM help_case');
    const at = rows[0]?.at;
    return at === null || at === undefined ? null : Number(at);
  }

  /**
   * Wakes at once for a change, unless the last wake found another process at work: then the
   * retry already armed takes the change too (re-arming on every change would put it off for as
   * long as changes keep coming).
   */
  private armSoon(): void {
    if (!this.lockBusy) this.arm(0);
  }

  private arm(ms: number): void {
    if (!this.running) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      // A failure is logged and re-armed with backoff by wake() itself.
      void this.wake().catch(() => undefined);
    }, ms);
  }
}
