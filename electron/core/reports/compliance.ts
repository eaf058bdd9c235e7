/**
 * SLA compliance: per group (priority, period, technician, building, category) how many cases met
 * and breached each target, and the median and 90th percentile time to reach it in the target's
 * own unit, per priority (clock hours and business days do not mix). Pure: the columns in, the
 * figures out.
 */
import { PRIORITIES, type Priority } from '../../../shared/domain';
import {
  COMPLIANCE_GROUPINGS,
  type ComplianceGrouping,
  type ComplianceRow,
  type PriorityTimes,
  type ReportFilter,
  type ReportPeriod,
  type SideStateFigures,
  type SlaTargetName,
  type TargetCounts,
  type TargetOutcome,
  type TimeFigures,
} from '../../../shared/reports';
import type { FactColumns } from './fact-columns';
import { bump, HOUR_MS, inUnit, percent, percentile, periodOf, selectionOf } from './fact-selection';

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

const OUTCOME_INDEX: Record<TargetOutcome, 0 | 1 | 2 | 3> = { met: 0, breached: 1, open: 2, none: 3 };

class Tally {
  cases = 0;
  readonly response = [0, 0, 0, 0];
  readonly resolution = [0, 0, 0, 0];
  /** Per priority, per target: times in the target's unit. */
  readonly times = new Map<Priority, { response: number[]; resolution: number[]; units: { response: string; resolution: string } }>();
  pendingCases = 0;
  pendingMs = 0;
  partsCases = 0;
  partsMs = 0;
  projectCases = 0;
  maintenanceCases = 0;
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
  const totals = new Tally();
  const tallies = Object.fromEntries(COMPLIANCE_GROUPINGS.map((g) => [g, new Map<string, Tally>()])) as Record<ComplianceGrouping, Map<string, Tally>>;
  const labels = new Map<string, string>();
  const periodKeys = new Map<number, string>();
  const policies = new Set<string>();
  const { int32, uint8 } = columns;

  for (let slot = 0; slot < columns.size; slot++) {
    if (!selection.matches(slot)) continue;
    const assignee = int32.assigneeId[slot] as number;
    const figures = caseFigures(columns, slot, asOf);
    add(totals, figures);
    policies.add(columns.policies[uint8.policy[slot] as number] as string);
    if (onlyAssignee !== null && assignee !== onlyAssignee) continue;
    const day = int32.receivedDay[slot] as number;
    let periodKey = periodKeys.get(day);
    if (periodKey === undefined) {
      const p = periodOf(day, period);
      periodKey = p.key;
      periodKeys.set(day, p.key);
      labels.set(`period:${p.key}`, p.label);
    }
    add(group(tallies.priority, String(figures.priority)), figures);
    add(group(tallies.period, periodKey), figures);
    add(group(tallies.technician, String(assignee)), figures);
    add(group(tallies.building, String(int32.buildingId[slot])), figures);
    add(group(tallies.category, String(int32.categoryId[slot])), figures);
  }

  const label = (grouping: ComplianceGrouping, key: string): string => {
    const id = Number(key);
    switch (grouping) {
      case 'priority':
        return `Priority ${key}`;
      case 'period':
        return labels.get(`period:${key}`) ?? key;
      case 'technician':
        return id === 0 ? 'Unassigned' : (names.staff.get(id) ?? `Staff #${key}`);
      case 'building':
        return id === 0 ? 'No building' : (names.buildings.get(id) ?? `Building #${key}`);
      case 'category':
        return id === 0 ? 'No category' : (names.categories.get(id) ?? `Category #${key}`);
    }
  };
  const groups = Object.fromEntries(
    COMPLIANCE_GROUPINGS.map((g) => {
      const rows = [...tallies[g].entries()].map(([key, t]) => rowOf(key, label(g, key), t));
      rows.sort(g === 'priority' || g === 'period' ? (a, b) => (a.key < b.key ? -1 : 1) : (a, b) => b.cases - a.cases || a.label.localeCompare(b.label));
      return [g, rows];
    }),
  ) as Record<ComplianceGrouping, ComplianceRow[]>;
  return { totals: rowOf('all', 'All cases', totals), groups, policyVersions: [...policies].sort() };
}

/** One case's part in a tally. */
interface CaseFigures {
  priority: Priority;
  response: TargetOutcome;
  resolution: TargetOutcome;
  responseTime: number | null;
  resolutionTime: number | null;
  responseUnit: string;
  resolutionUnit: string;
  pendingMs: number;
  partsMs: number;
  everPending: boolean;
  everParts: boolean;
  status: string;
}

/** A case's outcomes, times in its units and side-state time, as of `asOf` (a running pause counts up to then). */
export function caseFigures(columns: FactColumns, slot: number, asOf: number): CaseFigures {
  const { int32, uint8, float64 } = columns;
  const dayMs = int32.businessDayMs[slot] as number;
  const time = (target: SlaTargetName) => {
    const ms = float64[target === 'response' ? 'responseElapsedMs' : 'resolutionElapsedMs'][slot] as number;
    return Number.isNaN(ms) ? null : inUnit(ms, columns.unit(slot, target), dayMs);
  };
  const openPause = uint8.openPause[slot] as number;
  const running = openPause === 0 ? 0 : Math.max(0, asOf - (float64.openPauseSince[slot] as number));
  return {
    priority: uint8.priority[slot] as Priority,
    response: columns.outcome(slot, 'response', asOf),
    resolution: columns.outcome(slot, 'resolution', asOf),
    responseTime: time('response'),
    resolutionTime: time('resolution'),
    responseUnit: columns.unit(slot, 'response'),
    resolutionUnit: columns.unit(slot, 'resolution'),
    pendingMs: (float64.pendingMs[slot] as number) + (openPause === 1 ? running : 0),
    partsMs: (float64.partsMs[slot] as number) + (openPause === 2 ? running : 0),
    everPending: uint8.everPending[slot] === 1,
    everParts: uint8.everParts[slot] === 1,
    status: columns.status(slot),
  };
}

function group(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

function add(t: Tally, f: CaseFigures): void {
  t.cases += 1;
  bump(t.response, OUTCOME_INDEX[f.response]);
  bump(t.resolution, OUTCOME_INDEX[f.resolution]);
  let times = t.times.get(f.priority);
  if (!times) t.times.set(f.priority, (times = { response: [], resolution: [], units: { response: f.responseUnit, resolution: f.resolutionUnit } }));
  if (f.responseTime !== null) times.response.push(f.responseTime);
  if (f.resolutionTime !== null) times.resolution.push(f.resolutionTime);
  if (f.everPending) {
    t.pendingCases += 1;
    t.pendingMs += f.pendingMs;
  }
  if (f.everParts) {
    t.partsCases += 1;
    t.partsMs += f.partsMs;
  }
  if (f.status === 'long_term_project') t.projectCases += 1;
  if (f.status === 'planned_maintenance') t.maintenanceCases += 1;
}


function countsOf(c: readonly number[]): TargetCounts {
  const [met = 0, breached = 0, open = 0, none = 0] = c;
  return { met, breached, open, none, metPercent: percent(met, met + breached), breachedPercent: percent(breached, met + breached) };
}

function timeFigures(values: number[], unit: string): TimeFigures {
  const sorted = Float64Array.from(values);
  return { unit: unit as TimeFigures['unit'], count: values.length, median: round(percentile(sorted, 0.5)), p90: round(percentile(sorted, 0.9)) };
}

function rowOf(key: string, label: string, t: Tally): ComplianceRow {
  const times: PriorityTimes[] = PRIORITIES.filter((p) => t.times.has(p)).map((priority) => {
    const x = t.times.get(priority) as NonNullable<ReturnType<typeof t.times.get>>;
    return { priority, response: timeFigures(x.response, x.units.response), resolution: timeFigures(x.resolution, x.units.resolution) };
  });
  const sideStates: SideStateFigures = {
    pendingCases: t.pendingCases,
    pendingHours: round(t.pendingMs / HOUR_MS) ?? 0,
    awaitingPartsCases: t.partsCases,
    awaitingPartsHours: round(t.partsMs / HOUR_MS) ?? 0,
    projectCases: t.projectCases,
    maintenanceCases: t.maintenanceCases,
  };
  return { key, label, cases: t.cases, response: countsOf(t.response), resolution: countsOf(t.resolution), times, sideStates };
}

/** Figures to a thousandth of their unit (3.6 seconds of an hour): finer than any target, stable in exports. */
export function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}
