import { In, IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import type { Alert, AlertDigest, AlertKind, AlertPreferences } from '../../../shared/alerts';
import { OPEN_CASE_STATUSES } from '../../../shared/domain';
import type { Clock } from '../clock';
import { CaseEntity, StaffEntity, type CaseRow } from '../db/entities';
import type { EventBus } from '../event-bus';
import { caseFacts, pendingClocks } from '../services/case-facts';
import type { CaseLifecycleService } from '../services/case-lifecycle';
import type { CaseReader } from '../services/case-reader';
import type { SlaFacade } from '../services/sla-facade';
import { candidateAlerts, planAlerts, type TimedAlert } from './alert-planner';
import { AlertLedger, toAlert } from './alert-ledger';
import { alertText, digestText } from './alert-text';
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
      if (name !== 'cases.changed') return;
      this.dirty.add((payload as { caseId: number }).caseId);
      this.arm(0);
    });
    return this.wake();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
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
      for (const row of rows) {
        const open = (OPEN_CASE_STATUSES as readonly string[]).includes(row.status);
        let nextAt: number | null = null;
        if (open) {
          const casePauses = pauses.get(row.id) ?? [];
          const pending = pendingClocks(row, casePauses, contacts.get(row.id) ?? [], this.sla);
          const candidates = candidateAlerts({
            priority: row.priority,
            receivedAt: row.receivedAt,
            slaEvents: row.policyVersion === null ? [] : this.sla.alertEvents(caseFacts(row, casePauses), now),
            contactDueTimes: pending.contactDueTimes,
            autoCloseAt: pending.autoCloseAt,
          });
          const plan = planAlerts(candidates, keys.get(row.id) ?? new Set(), now, within, () => this.sla.nextOpenAt(now));
          if (plan.due.some((a) => a.kind === 'auto_closed')) closed.push(...(await this.lifecycle.closeStalePending()));
          for (const alert of plan.superseded) await this.deliver(row, alert, staff, prefs, now, true, false);
          for (const alert of plan.due) {
            if (alert.kind === 'auto_closed' && !closed.includes(row.id)) continue;
            delivered.push(...(await this.deliver(row, alert, staff, prefs, now, false, this.isMissed(alert))));
          }
          nextAt = plan.nextAt;
        }
        // Guarded by the version the rows were read at: a change made meanwhile marks the case dirty again.
        await repo.update({ id: row.id, version: row.version }, { nextAlertAt: closed.includes(row.id) ? null : nextAt });
      }
    }

    const digests = this.digestsOf(delivered.filter((a) => a.missed));
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

  private async deliver(
    row: CaseRow,
    alert: TimedAlert,
    staff: readonly StaffOnDuty[],
    prefs: Map<number, AlertPreferences>,
    now: number,
    superseded: boolean,
    missed: boolean,
  ): Promise<Alert[]> {
    const text = alertText(alert, row, (t) => this.sla.describeDue(t, now));
    const out: Alert[] = [];
    for (const recipientId of recipientsFor(alert.kind, row.assigneeId, staff)) {
      const recorded = await this.ledger.record({
        caseId: row.id,
        kind: alert.kind,
        recipientId,
        dueAt: alert.at,
        deliveredAt: now,
        missed: missed || superseded,
        title: text.title,
        body: text.body,
      });
      if (recorded && !superseded) out.push(toAlert(recorded, prefs.get(recipientId) ?? { kinds: [], sound: false, muteUntil: null }, now));
    }
    return out;
  }

  private digestsOf(missed: readonly Alert[]): AlertDigest[] {
    const groups = new Map<string, AlertDigest>();
    for (const a of missed) {
      const key = `${a.recipientId}:${a.kind}`;
      const g = groups.get(key) ?? { recipientId: a.recipientId, kind: a.kind, count: 0, caseIds: [], text: '' };
      if (!g.caseIds.includes(a.caseId)) {
        g.caseIds.push(a.caseId);
        g.count = g.caseIds.length;
      }
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => ({ ...g, text: digestText(g.kind as AlertKind, g.count) }));
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
      void this.wake().catch((error: unknown) => console.error('deskwatch: SLA scheduler wake failed', error));
    }, ms);
  }
}
