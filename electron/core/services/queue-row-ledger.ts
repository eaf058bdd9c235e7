import type { QueueRow } from '../../../shared/domain';
import { encodeQueueRow, sameQueueRow, type QueuePage, type QueueRowWire } from '../../../shared/queue-rows';

/** Removals remembered one by one; a console further behind than this gets the whole queue again. */
export const REMOVALS_KEPT = 20_000;

interface Entry {
  wire: QueueRowWire;
  version: number;
  /** When this row last changed, in the ledger's own sequence. */
  stamp: number;
  /** Sort key: the next due instant, or +∞ for paused and fully met cases. */
  due: number;
}

/**
 * The queue's rows as last read, each stamped with when it last changed, so a console can ask
 * "what changed since my cursor" and get only that. A cursor names the ledger that gave it (a
 * restarted core or another server has another), so a foreign or too-old cursor is answered with
 * the whole queue, never with a wrong delta.
 */
export class QueueRowLedger {
  private readonly instance = globalThis.crypto.randomUUID().slice(0, 8);
  private seq = 0;
  /** Stamps at or below this are no longer known one by one (removals forgotten). */
  private floor = 0;
  private readonly entries = new Map<number, Entry>();
  private readonly removals = new Map<number, number>();
  private sorted: QueueRowWire[] | null = null;

  /** Takes rows read afresh. A row that would show the same keeps its stamp; an older version than the one held is ignored. */
  put(rows: readonly QueueRow[]): void {
    for (const row of rows) {
      const held = this.entries.get(row.id);
      if (held && held.version > row.version) continue;
      const wire = encodeQueueRow(row);
      if (held && sameQueueRow(held.wire, wire)) continue;
      const due = row.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(row.sla.nextDueAt);
      this.entries.set(row.id, { wire, version: row.version, stamp: ++this.seq, due });
      this.removals.delete(row.id);
      this.sorted = null;
    }
  }

  /** Forgets the rows of cases no longer open, remembering that they left. */
  keepOnly(openIds: ReadonlySet<number>): void {
    for (const id of this.entries.keys()) {
      if (openIds.has(id)) continue;
      this.entries.delete(id);
      this.removals.set(id, ++this.seq);
      this.sorted = null;
    }
    // Oldest first (a Map keeps insertion order, and stamps only grow).
    for (const [id, stamp] of this.removals) {
      if (this.removals.size <= REMOVALS_KEPT) break;
      this.removals.delete(id);
      this.floor = stamp;
    }
  }

  get cursor(): string {
    return `${this.instance}.${this.seq}`;
  }

  /**
   * The queue from its top (no cursor, or one this ledger cannot answer from), at most `limit` rows,
   * or what changed since `since`.
   */
  page(since?: string, limit?: number): QueuePage {
    const total = this.entries.size;
    const from = since === undefined ? null : this.stampOf(since);
    if (from === null) {
      const all = this.all();
      return { cursor: this.cursor, full: true, rows: limit === undefined || limit >= all.length ? all : all.slice(0, limit), removed: [], total };
    }
    const changed = [...this.entries.values()].filter((e) => e.stamp > from);
    const removed = [...this.removals].filter(([, stamp]) => stamp > from).map(([id]) => id);
    return { cursor: this.cursor, full: false, rows: sortEntries(changed), removed, total };
  }

  private all(): QueueRowWire[] {
    this.sorted ??= sortEntries([...this.entries.values()]);
    return this.sorted;
  }

  private stampOf(cursor: string): number | null {
    const [instance, n, ...rest] = cursor.split('.');
    const stamp = Number(n);
    if (instance !== this.instance || rest.length > 0 || !Number.isSafeInteger(stamp)) return null;
    return stamp < this.floor || stamp > this.seq ? null : stamp;
  }
}

/** Soonest to breach first, then priority, then case id: the core's queue order (queue-service.ts `byNextBreach`). */
function sortEntries(entries: Entry[]): QueueRowWire[] {
  return entries.sort((a, b) => a.due - b.due || a.wire[2] - b.wire[2] || a.wire[0] - b.wire[0]).map((e) => e.wire);
}
