import { describe, expect, it } from 'vitest';
import { QueueRowLedger, REMOVALS_KEPT } from '../../../electron/core/services/queue-row-ledger';
import { formatCaseNumber, type QueueRow } from '../../../shared/domain';
import { decodeQueueRow, toQueueRow } from '../../../shared/queue-rows';

const NOW = Date.parse('2026-12-01T16:00:00.000Z');
const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();

function row(id: number, over: Partial<QueueRow> = {}): QueueRow {
  const due = at(id);
  return {
    id,
    number: formatCaseNumber(id),
    version: 1,
    priority: 3,
    status: 'new',
    callerName: 'Jo Park',
    summary: `Case ${id}`,
    buildingId: null,
    buildingName: null,
    categoryId: null,
    assigneeId: null,
    assigneeName: null,
    sla: { response: { dueAt: due, warnAt: at(id - 1), state: 'on_track' }, resolution: { dueAt: at(id + 24), warnAt: at(id + 20), state: 'on_track' }, nextDueAt: due, paused: false },
    ...over,
  };
}

const ids = (rows: readonly QueueRow[]) => rows.map((r) => r.id);

describe('the queue row ledger', () => {
  it('answers the whole queue soonest to breach first, then only what changed since a cursor', () => {
    const ledger = new QueueRowLedger();
    ledger.put([row(3), row(1), row(2, { sla: { ...row(2).sla, nextDueAt: null } })]);
    ledger.keepOnly(new Set([1, 2, 3]));
    const first = ledger.page();
    expect(first.full).toBe(true);
    expect(ids(first.rows.map(decodeQueueRow))).toEqual([1, 3, 2]);

    // Read again unchanged: nothing to send. A new version, a new case, a closed one: exactly those.
    ledger.put([row(1), row(3)]);
    expect(ledger.page(first.cursor)).toMatchObject({ full: false, rows: [], removed: [], total: 3 });
    ledger.put([row(3, { version: 2, summary: 'Changed' }), row(4)]);
    ledger.keepOnly(new Set([2, 3, 4]));
    const delta = ledger.page(first.cursor);
    expect(delta).toMatchObject({ full: false, removed: [1], total: 3 });
    expect(delta.rows.map(decodeQueueRow).map((r) => [r.id, r.summary])).toEqual([
      [3, 'Changed'],
      [4, 'Case 4'],
    ]);
    expect(ledger.page(delta.cursor)).toMatchObject({ rows: [], removed: [] });
  });

  it('never goes back a version, and a case that reopens is no longer counted as removed', () => {
    const ledger = new QueueRowLedger();
    ledger.put([row(1, { version: 3, summary: 'Newer' })]);
    ledger.keepOnly(new Set([1]));
    const cursor = ledger.page().cursor;
    ledger.put([row(1, { version: 2, summary: 'Older, read late' })]);
    expect(ledger.page(cursor).rows).toEqual([]);

    ledger.keepOnly(new Set());
    ledger.put([row(1, { version: 4 })]);
    ledger.keepOnly(new Set([1]));
    expect(ledger.page(cursor)).toMatchObject({ removed: [], rows: [expect.arrayContaining([1, 4])] });
  });

  it('gives the whole queue for a cursor it did not give, or one older than the removals it remembers', () => {
    const ledger = new QueueRowLedger();
    ledger.put([row(1)]);
    ledger.keepOnly(new Set([1]));
    const cursor = ledger.page().cursor;
    expect(new QueueRowLedger().page(cursor).full).toBe(true);
    for (const bad of ['', 'x', `${cursor}.1`, `${cursor.split('.')[0]}.-1`, `${cursor.split('.')[0]}.99`]) expect(ledger.page(bad).full).toBe(true);

    const many = Array.from({ length: REMOVALS_KEPT + 1 }, (_, i) => row(i + 10));
    ledger.put(many);
    ledger.keepOnly(new Set([1, ...many.map((r) => r.id)]));
    ledger.keepOnly(new Set([1]));
    expect(ledger.page(cursor)).toMatchObject({ full: true, total: 1 });
  });

  it('answers the most urgent rows alone when asked for a limit', () => {
    const ledger = new QueueRowLedger();
    ledger.put([row(5), row(4), row(3), row(2), row(1)]);
    ledger.keepOnly(new Set([1, 2, 3, 4, 5]));
    const head = ledger.page(undefined, 2);
    expect(head).toMatchObject({ full: true, total: 5 });
    expect(ids(head.rows.map(decodeQueueRow))).toEqual([1, 2]);
  });

  it('cuts a full case down to its row and back without losing what the grid shows', () => {
    const full = { ...row(7, { buildingId: 9, buildingName: 'Hickman High School', assigneeId: 4, assigneeName: 'Sam Okafor' }), description: 'long text', room: '114' };
    expect(toQueueRow(full)).toEqual(row(7, { buildingId: 9, buildingName: 'Hickman High School', assigneeId: 4, assigneeName: 'Sam Okafor' }));
  });
});
