import { In, IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import { DEFAULT_ALERT_PREFERENCES, digestsOf, type Alert, type AlertDigest } from '../../../shared/alerts';
import { OPEN_CASE_STATUSES } from '../../../shared/domain';
import type { Clock } from '../clock';
import { CaseEntity, StaffEntity, type AlertDeliveryRow, type CaseRow } from '../db/entities';
import type { EventBus } from '../event-bus';
import { caseFacts, pendingClocks } from '../services/case-facts';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { CaseReader } from '../services/case-reader';
import type { SlaFacade } from '../services/sla-facade';
import { candidateAlerts, planAlerts, type AlertPlan, type TimedAlert } from './alert-planner';
import { AlertLedger, toAlert } from './alert-ledger';
import { alertText } from './alert-text';
import { recipientsFor, type StaffOnDuty } from './recipients';

/** Cases looked at per wake; more due cases are taken by the next wake, at once. */
const BATCH = 500;
/** Even with nothing due the scheduler re-reads the earliest instant this often (one indexed MIN query). */
const MAX_SLEEP_MS = 60 * 60 * 1000;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending alert must not keep a CLI or a test process alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface WakeReport {
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
  private unsubscribe: (() => void) | null = null;
  readonly ledger: AlertLedger;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
    private readonly reader: CaseReader,
    private readonly lifecycle: CaseLifecycleService,
    private readonly timers: Timers = realTimers,
  ) {
    this.ledger = new AlertLedger(db);
  }

  /** Starts watching: catches up on what fell due while closed, then sleeps until the next instant. */
  async start(): Promise<WakeReport> {
    this.running = true;
    this.startedAt = this.clock.now();
    this.unsubscribe = this.events.subscribe((name, payload) => {
      if (name === 'calendar.changed') {
        // A closure moves every business-time instant: every open case is looked at again.
        void this.rescheduleAll();
        return;
      }
      if (name !== 'cases.changed') return;
      this.dirty.add((payload as { caseId: number }).caseId);
      this.arm(0);
    });
    return this.wake();
  }

  private async rescheduleAll(): Promise<void> {
    await this.db
      .getRepository(CaseEntity)
      .update({ status: In([...OPEN_CASE_STATUSES]) }, { nextAlertAt: this.clock.now() });
    this.arm(0);
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

  /** Looks at every case whose instant has come (and every case changed since), delivers, reschedules. */
  async wake(): Promise<WakeReport> {
    if (this.waking) {
      this.wakeAgain = true;
      return this.waking;
    }
    this.waking = this.wakeOnce().finally(() => {
      this.waking = null;
    });
    const report = await this.waking;
    if (this.wakeAgain) {
      this.wakeAgain = false;
      this.arm(0);
    }
    return report;
  }

  private async wakeOnce(): Promise<WakeReport> {
    const now = this.clock.now();
    const repo = this.db.getRepository(CaseEntity);
    const dueRows = await repo.find({ where: { nextAlertAt: LessThanOrEqual(now) }, order: { nextAlertAt: 'ASC' }, take: BATCH });
    const dirtyIds = [...this.dirty].filter((id) => !dueRows.some((r) => r.id === id));
    this.dirty.clear();
    const rows = [...dueRows, ...(dirtyIds.length ? await repo.findBy({ id: In(dirtyIds) }) : [])];

    const delivered: Alert[] = [];
    const closed: number[] = [];
    if (rows.length) {
      const ids = rows.map((r) => r.id);
      const [pauses, contacts, keys, staff] = await Promise.all([
        this.reader.pausesOf(ids),
        this.reader.contactsOf(ids),
        this.ledger.deliveredKeys(ids),
        this.db.getRepository(StaffEntity).find({ where: { active: true }, select: { id: true, role: true } }),
      ]);
      const prefs = await this.ledger.preferences(staff.map((s) => s.id));
      const within = this.sla.isWithinBusinessHours(now);
      const plans = new Map<number, AlertPlan>();
      for (const row of rows) {
        if (!(OPEN_CASE_STATUSES as readonly string[]).includes(row.status)) continue;
        const casePauses = pauses.get(row.id) ?? [];
        const pending = pendingClocks(row, casePauses, contacts.get(row.id) ?? [], this.sla);
        const candidates = candidateAlerts({
          priority: row.priority,
          receivedAt: row.receivedAt,
          slaEvents: row.policyVersion === null ? [] : this.sla.alertEvents(caseFacts(row, casePauses), now),
          contactDueTimes: pending.contactDueTimes,
          autoCloseAt: pending.autoCloseAt,
        });
        plans.set(row.id, planAlerts(candidates, keys.get(row.id) ?? new Set(), now, within, () => this.sla.nextOpenAt(now)));
      }
      // The agreement's auto-close runs before anyone is told it happened.
      if ([...plans.values()].some((p) => p.due.some((a) => a.kind === 'auto_closed'))) closed.push(...(await this.lifecycle.closeStalePending()));

      const ledgerRows: Omit<AlertDeliveryRow, 'id'>[] = [];
      for (const row of rows) {
        const plan = plans.get(row.id);
        if (!plan) continue;
        const shown = plan.due.filter((a) => a.kind !== 'auto_closed' || closed.includes(row.id));
        for (const alert of plan.superseded) ledgerRows.push(...this.ledgerRows(row, alert, staff, now, true, true));
        for (const alert of shown) ledgerRows.push(...this.ledgerRows(row, alert, staff, now, this.isMissed(alert), false));
      }
      await this.db.transaction(async (m) => {
        const fresh = await this.ledger.record(ledgerRows, m);
        for (const r of fresh) {
          if (r.superseded) continue;
          delivered.push(toAlert(r, prefs.get(r.recipientId) ?? DEFAULT_ALERT_PREFERENCES, now));
        }
        for (const row of rows) {
          const nextAt = closed.includes(row.id) ? null : (plans.get(row.id)?.nextAt ?? null);
          // Guarded by the version read: a change made meanwhile marks the case dirty and is looked at again.
          await m.getRepository(CaseEntity).update({ id: row.id, version: row.version }, { nextAlertAt: nextAt });
        }
      });
    }

    const digests = digestsOf(delivered);
    if (delivered.length) this.events.publish('alerts.raised', { alerts: delivered, digests });
    const nextWakeAt = await this.earliest();
    if (this.running) this.arm(nextWakeAt === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, nextWakeAt - this.clock.now())));
    if (rows.length === BATCH) this.arm(0);
    return { casesLooked: rows.length, delivered, digests, closed, nextWakeAt };
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

  /** The earliest stored instant: one indexed query. */
  private async earliest(): Promise<number | null> {
    const row = await this.db
      .getRepository(CaseEntity)
      .findOne({ where: { nextAlertAt: Not(IsNull()) }, order: { nextAlertAt: 'ASC' }, select: { id: true, nextAlertAt: true } });
    return row?.nextAlertAt ?? null;
  }

  private arm(ms: number): void {
    if (!this.running) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      void this.wake().catch((error: unknown) => console.error('deskwatch: SLA scheduler wake failed', error));
    }, ms);
  }
}
