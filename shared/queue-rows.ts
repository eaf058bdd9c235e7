/**
 * The queue's rows as they travel: each row a fixed-order tuple rather than an object, so 10,000
 * open cases cross as about 2.4 MB of JSON instead of 11 MB of full cases (no repeated keys, no
 * description, no case number: it follows from the id). Both sides go through these two functions.
 */
import { ABSENCE_KINDS, type AbsenceKind, type AwayMark } from './availability';
import { formatCaseNumber, type CaseStatus, type Priority, type QueueRow, type QueueRowTarget, type TargetState } from './domain';

export type QueueRowWire = [
  id: number,
  version: number,
  priority: Priority,
  status: CaseStatus,
  callerName: string,
  summary: string,
  buildingId: number | null,
  buildingName: string | null,
  categoryId: number | null,
  assigneeId: number | null,
  assigneeName: string | null,
  responseDueAt: string | null,
  responseWarnAt: string | null,
  responseState: TargetState,
  resolutionDueAt: string | null,
  resolutionWarnAt: string | null,
  resolutionState: TargetState,
  nextDueAt: string | null,
  paused: boolean,
  /** "sick 2026-12-04T23:00:00.000Z" (kind, space, until) when the assignee is away; text so rows compare by value. */
  assigneeAway: string | null,
];

/**
 * An answer of `queue.rows` or `queue.changes`. `full`: `rows` is the queue from its top, soonest to
 * breach first, and replaces what the console has; all of it when `rows.length === total`, only the
 * most urgent rows, as the core last read them, when `queue.rows` was asked for a `limit` (to show
 * work while the whole queue is on its way). Otherwise `rows` are the cases changed
 * or newly open since the cursor asked about, and `removed` the ids no longer open. Ask for the next
 * changes with `cursor` (the cursor of a whole answer: a limited one leaves rows out).
 */
export interface QueuePage {
  cursor: string;
  full: boolean;
  rows: QueueRowWire[];
  removed: number[];
  /** Open cases in the queue now. */
  total: number;
}

export function encodeQueueRow(r: QueueRow): QueueRowWire {
  const { response, resolution } = r.sla;
  return [
    r.id,
    r.version,
    r.priority,
    r.status,
    r.callerName,
    r.summary,
    r.buildingId,
    r.buildingName,
    r.categoryId,
    r.assigneeId,
    r.assigneeName,
    response.dueAt,
    response.warnAt,
    response.state,
    resolution.dueAt,
    resolution.warnAt,
    resolution.state,
    r.sla.nextDueAt,
    r.sla.paused,
    r.assigneeAway ? `${r.assigneeAway.kind} ${r.assigneeAway.until}` : null,
  ];
}

export function decodeQueueRow(w: QueueRowWire): QueueRow {
  const response: QueueRowTarget = { dueAt: w[11], warnAt: w[12], state: w[13] };
  const resolution: QueueRowTarget = { dueAt: w[14], warnAt: w[15], state: w[16] };
  const away = decodeAway(w[19]);
  return {
    id: w[0],
    number: formatCaseNumber(w[0]),
    version: w[1],
    priority: w[2],
    status: w[3],
    callerName: w[4],
    summary: w[5],
    buildingId: w[6],
    buildingName: w[7],
    categoryId: w[8],
    assigneeId: w[9],
    assigneeName: w[10],
    sla: { response, resolution, nextDueAt: w[17], paused: w[18] },
    // Only when away: a row of someone at work reads as it did before the flag existed.
    ...(away ? { assigneeAway: away } : {}),
  };
}

function decodeAway(text: string | null | undefined): AwayMark | null {
  if (!text) return null;
  const [kind, until] = text.split(' ');
  return (ABSENCE_KINDS as readonly string[]).includes(kind ?? '') && until ? { kind: kind as AbsenceKind, until } : null;
}

/** A full case (a change's answer) cut down to its queue row, so the queue keeps no more than it reads. */
export function toQueueRow(c: QueueRow): QueueRow {
  return decodeQueueRow(encodeQueueRow(c));
}

/** Whether two rows would show the same (same wire form). */
export function sameQueueRow(a: QueueRowWire, b: QueueRowWire): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}
