/**
 * SLA compliance: per group (priority, period, technician, building, category) how many cases met
 * and breached each target, and the median and 90th percentile time to reach it in the target's
 * own unit, per priority (clock hours and business days do not mix). Pure: the columns in, the
 * figures out.
 */
import { PRIORITIES } from '../../../shared/domain';
import {
  COMPLIANCE_GROUPINGS,
  TARGET_OUTCOMES,
  TIME_UNITS,
  type ComplianceGrouping,
  type ComplianceRow,
  type PriorityTimes,
  type ReportFilter,
  type ReportPeriod,
  type SideStateFigures,
  type TargetCounts,
  type TimeFigures,
  type TimeUnit,
} from '../../../shared/reports';
import type { FactColumns } from './fact-columns';
import { HOUR_MS, percent, periodKeyOf, periodLabel, selectionOf } from './fact-selection';

/** Names of what the groups are keyed by; a missing name shows the id. */
export interface ReportNames {
  staff: ReadonlyMap<number, string>;
  buildings: ReadonlyMap<number, string>;
  categories: ReadonlyMap<number, string>;
}

export interface ComplianceFigures {
  totals: ComplianceRow;
  groups: Record<ComplianceGrouping, ComplianceRow[]>;
  policyVersions: string[];
}

/** Outcome codes as the columns store them (TARGET_OUTCOMES order): met, breached, open, none. */
const OPEN = TARGET_OUTCOMES.indexOf('open');
const BREACHED = TARGET_OUTCOMES.indexOf('breached');
const GROUPINGS = ['all', ...COMPLIANCE_GROUPINGS] as const;
type GroupingName = (typeof GROUPINGS)[number];
/** Time slots per group: priority 1–5 × response, resolution. */
const TIMES = 10;
/** Ranks a percentile pair needs: floor and ceiling for the median, then for the 90th. */
const RANKS = 4;

/** Keys (ids, priorities, periods) to dense group numbers, 0, 1, 2… in order of first sight. */
class DenseKeys {
  readonly keys: number[] = [];
  private readonly small = new Int32Array(4_096).fill(-1);
  private readonly large = new Map<number, number>();
  indexOf(key: number): number {
    if (key >= 0 && key < this.small.length) {
      let i = this.small[key] as number;
      if (i < 0) this.small[key] = i = this.keys.push(key) - 1;
      return i;
    }
    let i = this.large.get(key);
    if (i === undefined) this.large.set(key, (i = this.keys.push(key) - 1));
    return i;
  }
}

/** One grouping's counters, a typed array per figure, indexed by group number. */
class Counters {
  readonly cases: Int32Array;
  readonly response: Int32Array;
  readonly resolution: Int32Array;
  readonly timeCount: Int32Array;
  readonly present: Uint8Array;
  readonly unit: Int8Array;
  readonly pendingCases: Int32Array;
  readonly pendingMs: Float64Array;
  readonly partsCases: Int32Array;
  readonly partsMs: Float64Array;
  readonly projects: Int32Array;
  readonly maintenance: Int32Array;
  readonly wanted: Int32Array;
  readonly found: Float64Array;
  readonly seen: Int32Array;
  constructor(readonly groups: number) {
    this.cases = new Int32Array(groups);
    this.response = new Int32Array(groups * 4);
    this.resolution = new Int32Array(groups * 4);
    this.timeCount = new Int32Array(groups * TIMES);
    this.present = new Uint8Array(groups * TIMES);
    this.unit = new Int8Array(groups * TIMES).fill(-1);
    this.pendingCases = new Int32Array(groups);
    this.pendingMs = new Float64Array(groups);
    this.partsCases = new Int32Array(groups);
    this.partsMs = new Float64Array(groups);
    this.projects = new Int32Array(groups);
    this.maintenance = new Int32Array(groups);
    this.wanted = new Int32Array(groups * RANKS);
    this.found = new Float64Array(groups * TIMES * RANKS);
    this.seen = new Int32Array(groups);
  }
}

export function complianceFigures(
  columns: FactColumns,
  filter: ReportFilter,
  period: ReportPeriod,
  asOf: number,
  names: ReportNames,
  onlyAssignee: number | null,
): ComplianceFigures {
  const selection = selectionOf(columns, filter);
  const { int32, uint8, float64 } = columns;
  const size = columns.size;
  const received = int32.receivedDay;
  const assignees = int32.assigneeId;
  const buildings = int32.buildingId;
  const categories = int32.categoryId;
  const priorities = uint8.priority;
  const dense = GROUPINGS.map(() => new DenseKeys());
  // Every slot's group in each grouping, side by side (slot × G + g): the percentile walk visits
  // slots in order of their times, and one cache line a slot keeps that walk fast at a million.
  const G = GROUPINGS.length;
  const groupOf = new Int32Array(size * G).fill(-1);
  const periodOfDay = new Int32Array(selection.toDay - selection.fromDay + 1).fill(-1);
  const periodNames: string[] = [];
  const policies = new Set<number>();

  // First pass: which group of every grouping each counted case falls in.
  for (let slot = 0; slot < size; slot++) {
    if (!selection.matches(slot)) continue;
    policies.add(uint8.policy[slot] as number);
    const at = slot * G;
    groupOf[at] = (dense[0] as DenseKeys).indexOf(0);
    const assignee = assignees[slot] as number;
    if (onlyAssignee !== null && assignee !== onlyAssignee) continue;
    const day = (received[slot] as number) - selection.fromDay;
    let p = periodOfDay[day] as number;
    if (p < 0) {
      const key = periodKeyOf(received[slot] as number, period);
      p = periodNames.indexOf(key);
      if (p < 0) p = periodNames.push(key) - 1;
      periodOfDay[day] = p;
    }
    groupOf[at + 1] = (dense[1] as DenseKeys).indexOf(priorities[slot] as number);
    groupOf[at + 2] = (dense[2] as DenseKeys).indexOf(p);
    groupOf[at + 3] = (dense[3] as DenseKeys).indexOf(assignee);
    groupOf[at + 4] = (dense[4] as DenseKeys).indexOf(buildings[slot] as number);
    groupOf[at + 5] = (dense[5] as DenseKeys).indexOf(categories[slot] as number);
    groupOf[at + 6] = (dense[6] as DenseKeys).indexOf(uint8.policy[slot] as number);
  }

  // Second pass: every figure of every group.
  const counters = dense.map((d) => new Counters(d.keys.length));
  const statusProject = columns.statusCode('long_term_project');
  const statusMaintenance = columns.statusCode('planned_maintenance');
  const respOutcome = uint8.responseOutcome;
  const resolOutcome = uint8.resolutionOutcome;
  const respDue = float64.responseDueAt;
  const resolDue = float64.resolutionDueAt;
  const respValue = float64.responseValue;
  const resolValue = float64.resolutionValue;
  const respUnit = uint8.responseUnit;
  const resolUnit = uint8.resolutionUnit;
  for (let slot = 0; slot < size; slot++) {
    if ((groupOf[slot * G] as number) < 0) continue;
    let response = respOutcome[slot] as number;
    if (response === OPEN && (respDue[slot] as number) < asOf) response = BREACHED;
    let resolution = resolOutcome[slot] as number;
    if (resolution === OPEN && (resolDue[slot] as number) < asOf) resolution = BREACHED;
    const priority = priorities[slot] as number;
    const rt = (priority - 1) * 2;
    const hasResponse = !Number.isNaN(respValue[slot] as number);
    const hasResolution = !Number.isNaN(resolValue[slot] as number);
    const openPause = uint8.openPause[slot] as number;
    const running = openPause === 0 ? 0 : Math.max(0, asOf - (float64.openPauseSince[slot] as number));
    const everPending = uint8.everPending[slot] === 1;
    const everParts = uint8.everParts[slot] === 1;
    const pendingMs = (float64.pendingMs[slot] as number) + (openPause === 1 ? running : 0);
    const partsMs = (float64.partsMs[slot] as number) + (openPause === 2 ? running : 0);
    const status = uint8.status[slot] as number;
    for (let g = 0; g < GROUPINGS.length; g++) {
      const i = groupOf[slot * G + g] as number;
      if (i < 0) continue;
      const c = counters[g] as Counters;
      c.cases[i] = (c.cases[i] as number) + 1;
      c.response[i * 4 + response] = (c.response[i * 4 + response] as number) + 1;
      c.resolution[i * 4 + resolution] = (c.resolution[i * 4 + resolution] as number) + 1;
      const t = i * TIMES + rt;
      c.present[t] = 1;
      c.present[t + 1] = 1;
      if (c.unit[t] === -1) {
        c.unit[t] = respUnit[slot] as number;
        c.unit[t + 1] = resolUnit[slot] as number;
      }
      if (hasResponse) c.timeCount[t] = (c.timeCount[t] as number) + 1;
      if (hasResolution) c.timeCount[t + 1] = (c.timeCount[t + 1] as number) + 1;
      if (everPending) {
        c.pendingCases[i] = (c.pendingCases[i] as number) + 1;
        c.pendingMs[i] = (c.pendingMs[i] as number) + pendingMs;
      }
      if (everParts) {
        c.partsCases[i] = (c.partsCases[i] as number) + 1;
        c.partsMs[i] = (c.partsMs[i] as number) + partsMs;
      }
      if (status === statusProject) c.projects[i] = (c.projects[i] as number) + 1;
      if (status === statusMaintenance) c.maintenance[i] = (c.maintenance[i] as number) + 1;
    }
  }

  percentilesByWalking(columns, groupOf, counters);

  const keyText = (g: GroupingName, key: number) => (g === 'period' ? (periodNames[key] as string) : g === 'policyVersion' ? (columns.policies[key] as string) : String(key));
  const label = (grouping: ComplianceGrouping, key: string): string => {
    const id = Number(key);
    switch (grouping) {
      case 'priority':
        return `Priority ${key}`;
      case 'period':
        return periodLabel(key, period);
      case 'technician':
        return id === 0 ? 'Unassigned' : (names.staff.get(id) ?? `Staff #${key}`);
      case 'building':
        return id === 0 ? 'No building' : (names.buildings.get(id) ?? `Building #${key}`);
      case 'category':
        return id === 0 ? 'No category' : (names.categories.get(id) ?? `Category #${key}`);
      case 'policyVersion':
        return `Policy ${key}`;
    }
  };
  const rowsOf = (g: number): ComplianceRow[] => {
    const name = GROUPINGS[g] as GroupingName;
    return (dense[g] as DenseKeys).keys.map((key, i) => {
      const text = keyText(name, key);
      return rowOf(name === 'all' ? 'all' : text, name === 'all' ? 'All cases' : label(name, text), counters[g] as Counters, i);
    });
  };
  const groups = Object.fromEntries(
    COMPLIANCE_GROUPINGS.map((name) => {
      const rows = rowsOf(GROUPINGS.indexOf(name));
      rows.sort(name === 'priority' || name === 'period' || name === 'policyVersion' ? (a, b) => (a.key < b.key ? -1 : 1) : (a, b) => b.cases - a.cases || a.label.localeCompare(b.label));
      return [name, rows];
    }),
  ) as Record<ComplianceGrouping, ComplianceRow[]>;
  const totals = rowsOf(0)[0] ?? rowOf('all', 'All cases', new Counters(1), 0);
  return { totals, groups, policyVersions: [...policies].map((code) => columns.policies[code] as string).sort() };
}

/**
 * Every group's median and 90th percentile in one walk per priority and target: along the cases
 * in order of their time, each counted case is the next rank of its group in every grouping,
 * and the ranks the percentiles need (linear interpolation between closest ranks) are picked up
 * as they pass. No group sorts its own times.
 */
function percentilesByWalking(columns: FactColumns, groupOf: Int32Array, counters: readonly Counters[]): void {
  const G = counters.length;
  // Every grouping's groups numbered together (offset of grouping g + its group), so the walk's
  // inner step reads two flat arrays: the group's rank so far and the next rank it wants.
  const offsets = new Int32Array(G);
  let total = 0;
  counters.forEach((c, g) => {
    offsets[g] = total;
    total += c.groups;
  });
  const seen = new Int32Array(total);
  const next = new Int32Array(total);
  for (const priority of PRIORITIES) {
    for (const target of [0, 1] as const) {
      const t = (priority - 1) * 2 + target;
      let any = false;
      seen.fill(0);
      counters.forEach((c, g) => {
        for (let i = 0; i < c.groups; i++) {
          const n = c.timeCount[i * TIMES + t] as number;
          any ||= n > 0;
          c.wanted[i * RANKS] = Math.floor((n - 1) * 0.5);
          c.wanted[i * RANKS + 1] = Math.ceil((n - 1) * 0.5);
          c.wanted[i * RANKS + 2] = Math.floor((n - 1) * 0.9);
          c.wanted[i * RANKS + 3] = Math.ceil((n - 1) * 0.9);
          // The ranks wanted are in rising order; a group with no time wants none.
          next[(offsets[g] as number) + i] = n > 0 ? (c.wanted[i * RANKS] as number) : -1;
        }
      });
      if (!any) continue;
      const values = columns.float64[target === 0 ? 'responseValue' : 'resolutionValue'];
      const order = columns.timeOrder(priority, target === 0 ? 'response' : 'resolution');
      for (let n = 0; n < order.length; n++) {
        const slot = order[n] as number;
        const at = slot * G;
        if ((groupOf[at] as number) < 0) continue;
        for (let g = 0; g < G; g++) {
          const local = groupOf[at + g] as number;
          if (local < 0) continue;
          const i = (offsets[g] as number) + local;
          const rank = seen[i] as number;
          seen[i] = rank + 1;
          if (rank !== next[i]) continue;
          const c = counters[g] as Counters;
          const w = local * RANKS;
          let after = -1;
          for (let k = 0; k < RANKS; k++) {
            const wanted = c.wanted[w + k] as number;
            if (wanted === rank) c.found[(local * TIMES + t) * RANKS + k] = values[slot] as number;
            else if (wanted > rank && after < 0) after = wanted;
          }
          next[i] = after;
        }
      }
    }
  }
}

function countsOf(c: Int32Array, i: number): TargetCounts {
  const met = c[i * 4] as number;
  const breached = c[i * 4 + 1] as number;
  return { met, breached, open: c[i * 4 + 2] as number, none: c[i * 4 + 3] as number, metPercent: percent(met, met + breached), breachedPercent: percent(breached, met + breached) };
}

function timeFigures(c: Counters, i: number, t: number): TimeFigures {
  const n = c.timeCount[i * TIMES + t] as number;
  const unit = TIME_UNITS[c.unit[i * TIMES + t] as number] as TimeUnit;
  if (n === 0) return { unit, count: 0, median: null, p90: null };
  const at = (k: number, p: number) => {
    const low = c.found[(i * TIMES + t) * RANKS + k] as number;
    const high = c.found[(i * TIMES + t) * RANKS + k + 1] as number;
    const rank = (n - 1) * p;
    return low + (high - low) * (rank - Math.floor(rank));
  };
  return { unit, count: n, median: round(at(0, 0.5)), p90: round(at(2, 0.9)) };
}

function rowOf(key: string, label: string, c: Counters, i: number): ComplianceRow {
  const times: PriorityTimes[] = PRIORITIES.filter((p) => c.present[i * TIMES + (p - 1) * 2] === 1).map((priority) => ({
    priority,
    response: timeFigures(c, i, (priority - 1) * 2),
    resolution: timeFigures(c, i, (priority - 1) * 2 + 1),
  }));
  const sideStates: SideStateFigures = {
    pendingCases: c.pendingCases[i] as number,
    pendingHours: round((c.pendingMs[i] as number) / HOUR_MS) ?? 0,
    awaitingPartsCases: c.partsCases[i] as number,
    awaitingPartsHours: round((c.partsMs[i] as number) / HOUR_MS) ?? 0,
    projectCases: c.projects[i] as number,
    maintenanceCases: c.maintenance[i] as number,
  };
  return { key, label, cases: c.cases[i] as number, response: countsOf(c.response, i), resolution: countsOf(c.resolution, i), times, sideStates };
}

/** Figures to a thousandth of their unit (3.6 seconds of an hour): finer than any target, stable in exports. */
export function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}
