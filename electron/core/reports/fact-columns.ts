/**
 * The report facts in memory, a typed array per field (about 100 bytes a case), so a report over
 * a million cases is one pass over arrays rather than a million rows fetched from the database.
 * Loaded once from `case_report_fact` and kept in step by the fact keeper's rows.
 */
import { CASE_CHANNELS, CASE_STATUSES, type CaseChannel, type CaseStatus } from '../../../shared/domain';
import { SLA_TARGETS, TARGET_OUTCOMES, TIME_UNITS, type SlaTargetName, type TargetOutcome, type TimeUnit } from '../../../shared/reports';
import type { CaseReportFactRow } from '../db/report-entities';
import { parseIsoDate } from '../sla/civil-date';
import { inUnit } from './fact-selection';
import { TimeOrder } from './time-order';

/** Pause states as codes: 0 none. */
export const PAUSE_CODES = [null, 'pending_user_response', 'awaiting_parts'] as const;

/** A missing day (no civil day is this far back). */
export const NONE = -1_000_000_000;

type Int32Field = 'caseId' | 'receivedDay' | 'receivedMinute' | 'buildingId' | 'categoryId' | 'assigneeId' | 'callerId' | 'businessDayMs' | 'resolvedDay' | 'doneDay';
type Uint8Field =
  | 'weekday'
  | 'afterCutoff'
  | 'priority'
  | 'status'
  | 'channel'
  | 'policy'
  | 'responseUnit'
  | 'responseHasTarget'
  | 'responseOutcome'
  | 'resolutionUnit'
  | 'resolutionHasTarget'
  | 'resolutionOutcome'
  | 'everPending'
  | 'everParts'
  | 'openPause'
  | 'firstContact'
  | 'reopened';
type Float64Field = 'responseValue' | 'resolutionValue' | 'receivedAt' | 'resolvedAt' | 'responseDueAt' | 'responseElapsedMs' | 'resolutionDueAt' | 'resolutionElapsedMs' | 'pendingMs' | 'partsMs' | 'openPauseSince';

const INT32_FIELDS: readonly Int32Field[] = ['caseId', 'receivedDay', 'receivedMinute', 'buildingId', 'categoryId', 'assigneeId', 'callerId', 'businessDayMs', 'resolvedDay', 'doneDay'];
const UINT8_FIELDS: readonly Uint8Field[] = [
  'weekday',
  'afterCutoff',
  'priority',
  'status',
  'channel',
  'policy',
  'responseUnit',
  'responseHasTarget',
  'responseOutcome',
  'resolutionUnit',
  'resolutionHasTarget',
  'resolutionOutcome',
  'everPending',
  'everParts',
  'openPause',
  'firstContact',
  'reopened',
];
const FLOAT64_FIELDS: readonly Float64Field[] = ['responseValue', 'resolutionValue', 'receivedAt', 'resolvedAt', 'responseDueAt', 'responseElapsedMs', 'resolutionDueAt', 'resolutionElapsedMs', 'pendingMs', 'partsMs', 'openPauseSince'];

/** Missing instants and times are NaN; missing ids are 0 (ids start at 1). */
export class FactColumns {
  size = 0;
  /** Counts the changes: whatever is derived from the columns is good while this stays. */
  version = 0;
  private capacity = 0;
  readonly int32 = {} as Record<Int32Field, Int32Array>;
  readonly uint8 = {} as Record<Uint8Field, Uint8Array>;
  readonly float64 = {} as Record<Float64Field, Float64Array>;
  /** Policy versions by code. */
  readonly policies: string[] = [];
  private readonly slotOf = new Map<number, number>();
  /** Per priority and target, the cases in order of their time (see time-order.ts). */
  private readonly orders = new Map<number, TimeOrder>();
  private loading = false;

  constructor(capacity = 1_024) {
    this.grow(capacity);
  }

  /**
   * A slot for a fact being read in bulk (fact-load.ts writes its columns): the orders are built
   * once, when first read, rather than kept row by row; `loaded` ends the read.
   */
  slotForLoad(caseId: number): number {
    this.loading = true;
    let slot = this.slotOf.get(caseId);
    if (slot === undefined) {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      slot = this.size++;
      this.slotOf.set(caseId, slot);
    }
    return slot;
  }

  loaded(): void {
    this.loading = false;
    this.version++;
    for (const order of this.orders.values()) order.markStale();
  }

  /** The slots of `priority` with a time for `target`, in order of that time. */
  timeOrder(priority: number, target: SlaTargetName): Int32Array {
    const field = target === 'response' ? 'responseValue' : 'resolutionValue';
    const { priority: priorities } = this.uint8;
    const values = this.float64[field];
    const size = () => this.size;
    return this.order(priority, target).ordered(function* () {
      for (let slot = 0; slot < size(); slot++) if (priorities[slot] === priority && !Number.isNaN(values[slot] as number)) yield slot;
    });
  }

  private order(priority: number, target: SlaTargetName): TimeOrder {
    const key = priority * 2 + (target === 'response' ? 0 : 1);
    let order = this.orders.get(key);
    if (!order) {
      const field = target === 'response' ? 'responseValue' : 'resolutionValue';
      order = new TimeOrder((slot) => this.float64[field][slot] as number);
      order.markStale();
      this.orders.set(key, order);
    }
    return order;
  }

  upsert(f: CaseReportFactRow): void {
    this.version++;
    let slot = this.slotOf.get(f.caseId);
    if (slot === undefined) {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      slot = this.size++;
      this.slotOf.set(f.caseId, slot);
    }
    const i32 = this.int32;
    const u8 = this.uint8;
    const f64 = this.float64;
    const before = { priority: u8.priority[slot] as number, response: f64.responseValue[slot] as number, resolution: f64.resolutionValue[slot] as number };
    const isNew = i32.caseId[slot] !== f.caseId;
    i32.caseId[slot] = f.caseId;
    i32.receivedDay[slot] = parseIsoDate(f.receivedDate) ?? NONE;
    i32.receivedMinute[slot] = f.receivedMinute;
    i32.buildingId[slot] = f.buildingId ?? 0;
    i32.categoryId[slot] = f.categoryId ?? 0;
    i32.assigneeId[slot] = f.assigneeId ?? 0;
    i32.callerId[slot] = f.callerId;
    i32.businessDayMs[slot] = f.businessDayMs;
    i32.resolvedDay[slot] = f.resolvedDate === null ? NONE : (parseIsoDate(f.resolvedDate) ?? NONE);
    // Out of the backlog: resolved, or closed without a resolution (a pending case closed after three days).
    i32.doneDay[slot] = f.resolvedDate !== null ? (i32.resolvedDay[slot] as number) : f.closedDate === null ? NONE : (parseIsoDate(f.closedDate) ?? NONE);
    u8.weekday[slot] = f.receivedWeekday;
    u8.afterCutoff[slot] = f.afterCutoff ? 1 : 0;
    u8.priority[slot] = f.priority;
    u8.status[slot] = CASE_STATUSES.indexOf(f.status);
    u8.channel[slot] = CASE_CHANNELS.indexOf(f.channel);
    u8.policy[slot] = this.policyCode(f.policyVersion);
    u8.responseUnit[slot] = TIME_UNITS.indexOf(f.responseUnit);
    u8.responseHasTarget[slot] = f.responseHasTarget ? 1 : 0;
    u8.responseOutcome[slot] = TARGET_OUTCOMES.indexOf(f.responseOutcome);
    u8.resolutionUnit[slot] = TIME_UNITS.indexOf(f.resolutionUnit);
    u8.resolutionHasTarget[slot] = f.resolutionHasTarget ? 1 : 0;
    u8.resolutionOutcome[slot] = TARGET_OUTCOMES.indexOf(f.resolutionOutcome);
    u8.everPending[slot] = f.everPending ? 1 : 0;
    u8.everParts[slot] = f.everParts ? 1 : 0;
    u8.openPause[slot] = Math.max(0, PAUSE_CODES.indexOf(f.openPauseStatus as (typeof PAUSE_CODES)[number]));
    u8.firstContact[slot] = f.firstContact ? 1 : 0;
    u8.reopened[slot] = Math.min(255, f.reopened);
    f64.receivedAt[slot] = f.receivedAt;
    f64.resolvedAt[slot] = f.resolvedAt ?? NaN;
    f64.responseDueAt[slot] = f.responseDueAt ?? NaN;
    f64.responseElapsedMs[slot] = f.responseElapsedMs ?? NaN;
    f64.resolutionDueAt[slot] = f.resolutionDueAt ?? NaN;
    f64.resolutionElapsedMs[slot] = f.resolutionElapsedMs ?? NaN;
    f64.pendingMs[slot] = f.pendingMs;
    f64.partsMs[slot] = f.partsMs;
    f64.openPauseSince[slot] = f.openPauseSince ?? NaN;
    f64.responseValue[slot] = f.responseElapsedMs === null ? NaN : inUnit(f.responseElapsedMs, f.responseUnit, f.businessDayMs);
    f64.resolutionValue[slot] = f.resolutionElapsedMs === null ? NaN : inUnit(f.resolutionElapsedMs, f.resolutionUnit, f.businessDayMs);
    if (this.loading) return;
    for (const target of SLA_TARGETS) {
      const now = f64[target === 'response' ? 'responseValue' : 'resolutionValue'][slot] as number;
      const was = isNew ? NaN : before[target];
      if (!isNew && before.priority === f.priority && (was === now || (Number.isNaN(was) && Number.isNaN(now)))) continue;
      if (!Number.isNaN(was)) this.order(before.priority, target).move(slot, was, false);
      if (!Number.isNaN(now)) this.order(f.priority, target).move(slot, NaN, true);
    }
  }

  /** The slot holding a case's facts, if it has any. */
  slotOfCase(caseId: number): number | undefined {
    return this.slotOf.get(caseId);
  }

  /** The code a status is stored under in the status column. */
  statusCode(status: CaseStatus): number {
    return CASE_STATUSES.indexOf(status);
  }

  status(slot: number): CaseStatus {
    return CASE_STATUSES[this.uint8.status[slot] as number] as CaseStatus;
  }

  channel(slot: number): CaseChannel {
    return CASE_CHANNELS[this.uint8.channel[slot] as number] as CaseChannel;
  }

  unit(slot: number, target: 'response' | 'resolution'): TimeUnit {
    return TIME_UNITS[this.uint8[target === 'response' ? 'responseUnit' : 'resolutionUnit'][slot] as number] as TimeUnit;
  }

  /** Where the target stands at `asOf`: an open target past its due instant is breached. */
  outcome(slot: number, target: 'response' | 'resolution', asOf: number): TargetOutcome {
    const stored = TARGET_OUTCOMES[this.uint8[target === 'response' ? 'responseOutcome' : 'resolutionOutcome'][slot] as number] as TargetOutcome;
    if (stored !== 'open') return stored;
    const due = this.float64[target === 'response' ? 'responseDueAt' : 'resolutionDueAt'][slot] as number;
    return due < asOf ? 'breached' : 'open';
  }

  /** The code a policy version is stored under in the policy column. */
  policyCodeOf(version: string): number {
    return this.policyCode(version);
  }

  private policyCode(version: string): number {
    let code = this.policies.indexOf(version);
    if (code < 0) code = this.policies.push(version) - 1;
    return code;
  }

  private grow(capacity: number): void {
    for (const f of INT32_FIELDS) this.int32[f] = copyInto(new Int32Array(capacity), this.int32[f]);
    for (const f of UINT8_FIELDS) this.uint8[f] = copyInto(new Uint8Array(capacity), this.uint8[f]);
    for (const f of FLOAT64_FIELDS) this.float64[f] = copyInto(new Float64Array(capacity), this.float64[f]);
    this.capacity = capacity;
  }
}

function copyInto<T extends Int32Array | Uint8Array | Float64Array>(target: T, source: T | undefined): T {
  if (source) target.set(source as never);
  return target;
}

/** A raw `SELECT *` row (snake_case; PostgreSQL answers BIGINT as text, SQLite booleans as 0/1) as a fact. */
export function factFromRaw(r: Record<string, unknown>): CaseReportFactRow {
  const num = (v: unknown) => Number(v);
  const opt = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';
  return {
    caseId: num(r.case_id),
    caseVersion: num(r.case_version),
    receivedAt: num(r.received_at),
    receivedDate: String(r.received_date),
    receivedMinute: num(r.received_minute),
    receivedWeekday: num(r.received_weekday),
    afterCutoff: bool(r.after_cutoff),
    priority: num(r.priority) as CaseReportFactRow['priority'],
    policyVersion: String(r.policy_version),
    status: r.status as CaseStatus,
    channel: r.channel as CaseChannel,
    buildingId: opt(r.building_id),
    categoryId: opt(r.category_id),
    assigneeId: opt(r.assignee_id),
    callerId: num(r.caller_id),
    clockStartAt: num(r.clock_start_at),
    businessDayMs: num(r.business_day_ms),
    responseUnit: r.response_unit as TimeUnit,
    responseHasTarget: bool(r.response_has_target),
    responseDueAt: opt(r.response_due_at),
    respondedAt: opt(r.responded_at),
    responseElapsedMs: opt(r.response_elapsed_ms),
    responseOutcome: r.response_outcome as TargetOutcome,
    resolutionUnit: r.resolution_unit as TimeUnit,
    resolutionHasTarget: bool(r.resolution_has_target),
    resolutionDueAt: opt(r.resolution_due_at),
    resolvedAt: opt(r.resolved_at),
    resolutionElapsedMs: opt(r.resolution_elapsed_ms),
    resolutionOutcome: r.resolution_outcome as TargetOutcome,
    resolvedDate: r.resolved_date === null || r.resolved_date === undefined ? null : String(r.resolved_date),
    closedDate: r.closed_date === null || r.closed_date === undefined ? null : String(r.closed_date),
    pendingMs: num(r.pending_ms),
    partsMs: num(r.parts_ms),
    everPending: bool(r.ever_pending),
    everParts: bool(r.ever_parts),
    openPauseStatus: (r.open_pause_status as string | null) ?? null,
    openPauseSince: opt(r.open_pause_since),
    firstContact: bool(r.first_contact),
    reopened: num(r.reopened),
    closedAt: opt(r.closed_at),
  };
}
