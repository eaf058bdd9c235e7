/**
 * The case search over the report facts in memory. Every field a search narrows by (dates,
 * priority, state, building, category, technician, channel, caller, number, SLA outcome) is a
 * column there, so the matches of a search are one pass over the columns, and the total is exact
 * at any size: a million cases take a few milliseconds, where a database counts hundreds of
 * thousands of matches row by row. Only words need the database's word index (their case ids
 * come in as a mark per slot), and only the page's rows are read from the database afterwards.
 *
 * The order is the SQL order of case-search-sql.ts exactly (field, nulls last, ties by case
 * number the same way), and a page is picked by selection rather than a sort of every match.
 */
import type { CaseSearchInput, CaseSortField } from '../../../shared/reports';
import { CASE_CHANNELS, CASE_STATUSES } from '../../../shared/domain';
import { NONE, type FactColumns } from './fact-columns';
import { civilDayOrThrow } from './fact-selection';

/** What a search may ask that the columns answer; a search asking anything else goes to the database. */
const ANSWERED: ReadonlySet<string> = new Set([
  'text',
  'number',
  'callerId',
  'from',
  'to',
  'priorities',
  'statuses',
  'buildingIds',
  'categoryIds',
  'assigneeIds',
  'channels',
  'outcome',
  'receivedHours',
  'receivedWeekdays',
  'openOn',
  'sort',
  'limit',
  'offset',
]);

export function factsAnswer(input: CaseSearchInput): boolean {
  return Object.entries(input).every(([key, value]) => value === undefined || ANSWERED.has(key));
}

/** Ranks of names, as the database orders them (its collation), for the sorts by building, category, technician or caller. */
export type NameRanks = ReadonlyMap<number, number>;

type SlotTest = (slot: number) => boolean;

/**
 * The slots matching the search's fields (its words given as `wordSlots`, 1 where a case holds
 * them; null when the search has none), in slot order. The case number takes one lookup.
 */
export function matchingSlots(columns: FactColumns, input: CaseSearchInput, asOf: number, wordSlots: Uint8Array | null, caseNumber: number | null): Int32Array {
  const tests = slotTests(columns, input, asOf, wordSlots);
  if (caseNumber !== null) {
    const slot = columns.slotOfCase(caseNumber);
    return slot !== undefined && tests.every((test) => test(slot)) ? Int32Array.of(slot) : new Int32Array(0);
  }
  const size = columns.size;
  const found = new Int32Array(size);
  let n = 0;
  next: for (let slot = 0; slot < size; slot++) {
    for (let t = 0; t < tests.length; t++) if (!(tests[t] as SlotTest)(slot)) continue next;
    found[n++] = slot;
  }
  return found.slice(0, n);
}

function slotTests(columns: FactColumns, input: CaseSearchInput, asOf: number, wordSlots: Uint8Array | null): SlotTest[] {
  const { int32, uint8 } = columns;
  const tests: SlotTest[] = [];
  if (wordSlots) tests.push((slot) => wordSlots[slot] === 1);
  if (input.callerId !== undefined) {
    const caller = input.callerId;
    tests.push((slot) => int32.callerId[slot] === caller);
  }
  if (input.from !== undefined || input.to !== undefined) {
    const fromDay = input.from === undefined ? -Infinity : civilDayOrThrow(input.from, 'from');
    const toDay = input.to === undefined ? Infinity : civilDayOrThrow(input.to, 'to');
    const days = int32.receivedDay;
    tests.push((slot) => {
      const day = days[slot] as number;
      return day >= fromDay && day <= toDay;
    });
  }
  // Missing building, category and technician are 0 in the columns, as 0 asks for them.
  const among = (values: readonly number[] | undefined, column: Int32Array | Uint8Array) => {
    if (!values?.length) return;
    const largest = Math.max(...values);
    if (largest > LOOKUP_LIMIT) {
      const wanted = new Set(values);
      tests.push((slot) => wanted.has(column[slot] as number));
      return;
    }
    const wanted = lookupOf(values, largest);
    tests.push((slot) => wanted[column[slot] as number] === 1);
  };
  among(input.priorities, uint8.priority);
  among(input.statuses?.map((s) => CASE_STATUSES.indexOf(s)), uint8.status);
  among(input.buildingIds, int32.buildingId);
  among(input.categoryIds, int32.categoryId);
  among(input.assigneeIds, int32.assigneeId);
  among(input.channels?.map((c) => CASE_CHANNELS.indexOf(c)), uint8.channel);
  if (input.outcome) {
    const { target, is } = input.outcome;
    tests.push((slot) => columns.outcome(slot, target, asOf) === is);
  }
  if (input.receivedHours?.length) {
    const hours = lookupOf(input.receivedHours, 23);
    tests.push((slot) => hours[Math.floor((int32.receivedMinute[slot] as number) / 60)] === 1);
  }
  among(input.receivedWeekdays, uint8.weekday);
  if (input.openOn !== undefined) {
    // The backlog's definition (CaseSearchInput.openOn): received by the day's end, not done by it.
    const day = civilDayOrThrow(input.openOn, 'openOn');
    const { receivedDay, doneDay } = int32;
    tests.push((slot) => {
      const done = doneDay[slot] as number;
      return (receivedDay[slot] as number) <= day && (done === NONE || done > day);
    });
  }
  return tests;
}

/** Past this id a set is used: a table would be too large. */
const LOOKUP_LIMIT = 1 << 20;

/** A table of the values asked (1 at each), read by index: cheaper than a set in a pass over a million cases. */
function lookupOf(values: readonly number[], largest: number): Uint8Array {
  const table = new Uint8Array(Math.max(0, largest) + 1);
  for (const v of values) if (Number.isInteger(v) && v >= 0 && v <= largest) table[v] = 1;
  return table;
}

/**
 * The search's order as sort keys: `primary` per slot (NaN when the case has no value, so last
 * whichever the direction), ties broken by case number in the same direction.
 */
export interface SlotOrder {
  field: CaseSortField;
  primary: ((slot: number) => number) | null;
  /** 1 ascending, −1 descending. */
  sign: 1 | -1;
}

/** The search's order over slots: the field (received newest first by default). `ranks` holds the names' ranks for the name fields. */
export function slotOrder(columns: FactColumns, sort: CaseSearchInput['sort'], ranks: NameRanks | null): SlotOrder {
  const field: CaseSortField = sort?.field ?? 'receivedAt';
  const sign = (sort?.direction ?? 'desc') === 'asc' ? 1 : -1;
  return { field, primary: field === 'id' ? null : sortKey(columns, field, ranks), sign };
}

/** States ranked by their names, as the database sorts the status column. */
const STATUS_RANK = Float64Array.from(CASE_STATUSES, (s) => [...CASE_STATUSES].sort().indexOf(s));

function sortKey(columns: FactColumns, field: Exclude<CaseSortField, 'id'>, ranks: NameRanks | null): (slot: number) => number {
  const { int32, uint8, float64 } = columns;
  const ranked = (column: Int32Array) => {
    if (!ranks) throw new Error(`Sorting by ${field} needs the names' ranks`);
    return (slot: number) => ranks.get(column[slot] as number) ?? NaN;
  };
  switch (field) {
    case 'receivedAt':
      return (slot) => float64.receivedAt[slot] as number;
    case 'priority':
      return (slot) => uint8.priority[slot] as number;
    case 'status':
      return (slot) => STATUS_RANK[uint8.status[slot] as number] as number;
    case 'resolvedAt':
      return (slot) => float64.resolvedAt[slot] as number;
    case 'building':
      return ranked(int32.buildingId);
    case 'category':
      return ranked(int32.categoryId);
    case 'assignee':
      return ranked(int32.assigneeId);
    case 'caller':
      return ranked(int32.callerId);
  }
}

/**
 * The matches as keys that compare as plain numbers in the search's order: the field times the
 * direction (missing: +Infinity, last either way), then the case number times the direction.
 */
class OrderedKeys {
  readonly first: Float64Array;
  readonly second: Float64Array;
  readonly slots: Int32Array;

  constructor(columns: FactColumns, slots: Int32Array, order: SlotOrder) {
    const n = slots.length;
    const ids = columns.int32.caseId;
    this.first = new Float64Array(n);
    this.second = new Float64Array(n);
    this.slots = slots;
    const { primary, sign } = order;
    for (let i = 0; i < n; i++) {
      const slot = slots[i] as number;
      const key = primary ? primary(slot) : 0;
      this.first[i] = Number.isNaN(key) ? Infinity : sign * key;
      this.second[i] = sign * (ids[slot] as number);
    }
  }

  less(i: number, j: number): boolean {
    const a = this.first[i] as number;
    const b = this.first[j] as number;
    return a < b || (a === b && (this.second[i] as number) < (this.second[j] as number));
  }

  swap(i: number, j: number): void {
    const { first, second, slots } = this;
    const f = first[i] as number;
    first[i] = first[j] as number;
    first[j] = f;
    const s = second[i] as number;
    second[i] = second[j] as number;
    second[j] = s;
    const t = slots[i] as number;
    slots[i] = slots[j] as number;
    slots[j] = t;
  }

  /**
   * Quickselect (Hoare's partition, median of three): afterwards position k holds what a full
   * sort would put there, nothing after it smaller and nothing before it larger, within lo..hi.
   * Keys never tie (case numbers are unique), so runs of equal fields cannot degrade it.
   */
  select(lo: number, hi: number, k: number): void {
    while (hi - lo > 16) {
      const mid = lo + ((hi - lo) >> 1);
      if (this.less(mid, lo)) this.swap(lo, mid);
      if (this.less(hi, lo)) this.swap(lo, hi);
      if (this.less(hi, mid)) this.swap(mid, hi);
      // The pivot moves to hi − 1, so its position is known when the partition ends.
      this.swap(mid, hi - 1);
      const p = hi - 1;
      let i = lo;
      let j = hi - 1;
      for (;;) {
        while (this.less(++i, p));
        while (this.less(p, --j));
        if (i >= j) break;
        this.swap(i, j);
      }
      this.swap(i, hi - 1);
      if (k === i) return;
      if (k < i) hi = i - 1;
      else lo = i + 1;
    }
    this.sort(lo, hi);
  }

  /** Insertion sort of lo..hi (short runs). */
  sort(lo: number, hi: number): void {
    for (let i = lo + 1; i <= hi; i++) for (let j = i; j > lo && this.less(j, j - 1); j--) this.swap(j, j - 1);
  }
}

/**
 * The slots of one page (`offset`, `limit`) in order: two selections put the page's slots
 * together in O(n), and only they are sorted. A sort of a million matches would take a second.
 */
export function pageOfSlots(columns: FactColumns, slots: Int32Array, order: SlotOrder, offset: number, limit: number): Int32Array {
  const n = slots.length;
  const end = Math.min(n, offset + limit);
  if (offset >= n) return new Int32Array(0);
  if (order.field === 'receivedAt' || order.field === 'id') return pageByWalk(columns, slots, order, offset, end - offset);
  const keys = new OrderedKeys(columns, slots, order);
  if (offset > 0) keys.select(0, n - 1, offset);
  if (offset === 0 || end - 1 > offset) keys.select(offset, n - 1, end - 1);
  keys.sort(offset, end - 1);
  return keys.slots.slice(offset, end);
}

/** Every matching slot in order (an export). */
export function allSlotsInOrder(columns: FactColumns, slots: Int32Array, order: SlotOrder): Int32Array {
  const keys = new OrderedKeys(columns, slots, order);
  const positions = Array.from({ length: slots.length }, (_, i) => i);
  positions.sort((i, j) => (keys.less(i, j) ? -1 : keys.less(j, i) ? 1 : 0));
  return Int32Array.from(positions, (i) => keys.slots[i] as number);
}

/**
 * The two orders most pages are in (received, the default, and case number), kept whole for the
 * columns' version: a page walks one from the newest or the oldest, skipping cases that do not
 * match, in at most one pass of the order and usually a few thousand steps.
 */
type WalkedField = 'receivedAt' | 'id';
const walkOrders = new WeakMap<FactColumns, Partial<Record<WalkedField, { version: number; slots: Int32Array }>>>();

function pageByWalk(columns: FactColumns, slots: Int32Array, order: SlotOrder, offset: number, limit: number): Int32Array {
  const walk = walkOrder(columns, order.field as WalkedField);
  let matched: Uint8Array | null = null;
  if (slots.length < columns.size) {
    matched = new Uint8Array(columns.size);
    for (let i = 0; i < slots.length; i++) matched[slots[i] as number] = 1;
  }
  const page = new Int32Array(limit);
  let found = 0;
  let skipped = 0;
  const n = walk.length;
  for (let k = 0; k < n && found < limit; k++) {
    const slot = walk[order.sign < 0 ? n - 1 - k : k] as number;
    if (matched && matched[slot] !== 1) continue;
    if (skipped < offset) skipped++;
    else page[found++] = slot;
  }
  return page.subarray(0, found);
}

/** Every slot in ascending order of the field (ties by case number), brought up to the columns' version. */
function walkOrder(columns: FactColumns, field: WalkedField): Int32Array {
  let kept = walkOrders.get(columns);
  if (!kept) walkOrders.set(columns, (kept = {}));
  const have = kept[field];
  if (have && have.version === columns.version) return have.slots;
  const ids = columns.int32.caseId;
  const received = columns.float64.receivedAt;
  const compare =
    field === 'id'
      ? (a: number, b: number) => (ids[a] as number) - (ids[b] as number)
      : (a: number, b: number) => (received[a] as number) - (received[b] as number) || (ids[a] as number) - (ids[b] as number);
  // New slots go at the end: new cases are almost always the newest and the highest numbers.
  let slots = new Int32Array(columns.size);
  const known = have?.slots.length ?? 0;
  if (have) slots.set(have.slots);
  for (let slot = known; slot < columns.size; slot++) slots[slot] = slot;
  let inOrder = true;
  for (let i = 1; i < slots.length && inOrder; i++) inOrder = compare(slots[i - 1] as number, slots[i] as number) < 0;
  // Array's sort (a merge of runs) takes a nearly ordered list in about one pass.
  if (!inOrder) slots = Int32Array.from(Array.from(slots).sort(compare));
  kept[field] = { version: columns.version, slots };
  return slots;
}
