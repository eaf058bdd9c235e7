/** Alerts as the core raises them, for the shell's alert tests. */
import type { Alert, AlertDigest, AlertKind } from '../../shared/alerts';
import { ALERT_KIND_LABELS } from '../../shared/alerts';
import { formatCaseNumber } from '../../shared/domain';

let nextId = 1;

export function anAlert(fields: Partial<Alert> & { caseId: number; recipientId: number; kind?: AlertKind }): Alert {
  const kind = fields.kind ?? 'response_warning';
  const number = formatCaseNumber(fields.caseId);
  return {
    id: nextId++,
    caseNumber: number,
    kind,
    dueAt: '2026-11-30T18:00:00.000Z',
    deliveredAt: '2026-11-30T18:00:00.000Z',
    title: `${number} · ${ALERT_KIND_LABELS[kind]}`,
    body: 'P2 “Printer jams on every job”: response due today 1:00 PM (75% used).',
    missed: false,
    muted: false,
    sound: true,
    seenAt: null,
    dismissedAt: null,
    ...fields,
  };
}

export function aDigest(alerts: readonly Alert[], text: string): AlertDigest {
  const first = alerts[0]!;
  const caseIds = [...new Set(alerts.map((alert) => alert.caseId))];
  return { recipientId: first.recipientId, kind: first.kind, count: caseIds.length, caseIds, text };
}

/** setTimeout and setInterval that run only when a test says time has passed. */
export class ManualTimers {
  private now = 0;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void; every: number | null }>();

  setTimeout = (fn: () => void, ms: number): unknown => this.add(fn, ms, null);
  setInterval = (fn: () => void, ms: number): unknown => this.add(fn, ms, ms);
  clearTimeout = (handle: unknown): void => void this.pending.delete(handle as number);
  clearInterval = (handle: unknown): void => void this.pending.delete(handle as number);

  get count(): number {
    return this.pending.size;
  }

  /** Moves time on by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [handle, timer] = due;
      this.now = timer.at;
      if (timer.every === null) this.pending.delete(handle);
      else timer.at += timer.every;
      timer.fn();
    }
    this.now = until;
  }

  private add(fn: () => void, ms: number, every: number | null): number {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.now + ms, fn, every });
    return handle;
  }
}
