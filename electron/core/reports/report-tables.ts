/**
 * Every report as plain tables (a header and rows of numbers and text): what the CSV and XLSX
 * exports write, and what the command line prints. One table per report for CSV; the XLSX
 * workbook takes every table as its own sheet.
 */
import { PRIORITIES } from '../../../shared/domain';
import type { CaseReportRow, ComplianceReport, ComplianceRow, TrendsReport, WeaknessReport } from '../../../shared/reports';

export type Cell = string | number | boolean | null;

export interface ReportTable {
  /** Sheet name (at most 31 characters, as XLSX allows). */
  name: string;
  columns: string[];
  rows: Cell[][];
}

export type ReportData =
  | { report: 'sla'; data: ComplianceReport }
  | { report: 'trends'; data: TrendsReport }
  | { report: 'weaknesses'; data: WeaknessReport }
  | { report: 'cases'; data: readonly CaseReportRow[] };

export function reportTables(r: ReportData): ReportTable[] {
  switch (r.report) {
    case 'sla':
      return complianceTables(r.data);
    case 'trends':
      return trendTables(r.data);
    case 'weaknesses':
      return [weaknessTable(r.data)];
    case 'cases':
      return [caseTable(r.data)];
  }
}

const TIME_COLUMNS = PRIORITIES.flatMap((p) =>
  (['response', 'resolution'] as const).flatMap((t) => [`p${p}_${t}_unit`, `p${p}_${t}_count`, `p${p}_${t}_median`, `p${p}_${t}_p90`]),
);

function complianceTables(report: ComplianceReport): ReportTable[] {
  const columns = [
    'grouping',
    'key',
    'label',
    'cases',
    'response_met',
    'response_breached',
    'response_open',
    'response_none',
    'response_met_percent',
    'resolution_met',
    'resolution_breached',
    'resolution_open',
    'resolution_none',
    'resolution_met_percent',
    'pending_cases',
    'pending_hours',
    'awaiting_parts_cases',
    'awaiting_parts_hours',
    'project_cases',
    'maintenance_cases',
    ...TIME_COLUMNS,
  ];
  const row = (grouping: string, g: ComplianceRow): Cell[] => [
    grouping,
    g.key,
    g.label,
    g.cases,
    g.response.met,
    g.response.breached,
    g.response.open,
    g.response.none,
    g.response.metPercent,
    g.resolution.met,
    g.resolution.breached,
    g.resolution.open,
    g.resolution.none,
    g.resolution.metPercent,
    g.sideStates.pendingCases,
    g.sideStates.pendingHours,
    g.sideStates.awaitingPartsCases,
    g.sideStates.awaitingPartsHours,
    g.sideStates.projectCases,
    g.sideStates.maintenanceCases,
    ...PRIORITIES.flatMap((p) => {
      const t = g.times.find((x) => x.priority === p);
      return (['response', 'resolution'] as const).flatMap((target) => {
        const f = t?.[target];
        return f ? [f.unit, f.count, f.median, f.p90] : [null, 0, null, null];
      });
    }),
  ];
  const rows: Cell[][] = [row('all', report.totals)];
  for (const [grouping, groups] of Object.entries(report.groups)) for (const g of groups) rows.push(row(grouping, g));
  return [{ name: 'SLA compliance', columns, rows }];
}

function trendTables(t: TrendsReport): ReportTable[] {
  const points = (name: string, list: { key: string; label: string; cases: number }[]): ReportTable => ({
    name,
    columns: ['key', 'label', 'cases'],
    rows: list.map((p) => [p.key, p.label, p.cases]),
  });
  return [
    {
      name: 'Summary',
      columns: ['measure', 'count', 'of', 'percent'],
      rows: [
        ['received', t.received, null, null],
        ['after 4 PM', t.afterCutoff.cases, t.received, t.afterCutoff.percent],
        ['resolved at first contact', t.firstContact.atFirstContact, t.firstContact.resolved, t.firstContact.percent],
        ['reopened', t.reopened.reopened, t.reopened.resolved, t.reopened.percent],
      ],
    },
    points(`Backlog by ${t.backlog.step}`, t.backlog.points),
    points('Arrivals by hour', t.arrivalsByHour),
    points('Arrivals by weekday', t.arrivalsByWeekday),
    {
      name: 'Repeat callers',
      columns: ['caller_id', 'name', 'cases', 'case_ids'],
      rows: t.repeatCallers.callers.map((c) => [c.callerId, c.name, c.cases, c.caseIds.join(' ')]),
    },
    {
      name: 'Technicians',
      columns: ['staff_id', 'name', 'assigned', 'resolved', 'open', 'response_met_percent', 'resolution_met_percent'],
      rows: t.technicians.map((x) => [x.staffId, x.name, x.assigned, x.resolved, x.open, x.responseMetPercent, x.resolutionMetPercent]),
    },
  ];
}

function weaknessTable(w: WeaknessReport): ReportTable {
  return {
    name: 'Systemic weaknesses',
    columns: ['kind', 'label', 'building_id', 'category_id', 'caller_id', 'cases', 'expected', 'ratio', 'case_ids'],
    rows: w.items.map((i) => [i.kind, i.label, i.buildingId, i.categoryId, i.callerId, i.cases, i.expected, i.ratio, i.caseIds.join(' ')]),
  };
}

/** Every case with its SLA ledger in figures: enough to recompute any compliance figure from the file alone. */
export const CASE_COLUMNS = [
  'number',
  'id',
  'received_at',
  'clock_start_at',
  'priority',
  'policy_version',
  'status',
  'channel',
  'caller',
  'building',
  'category',
  'assignee',
  'response_unit',
  'response_due_at',
  'responded_at',
  'response_elapsed',
  'response_outcome',
  'resolution_unit',
  'resolution_due_at',
  'resolved_at',
  'resolution_elapsed',
  'resolution_outcome',
  'pending_hours',
  'awaiting_parts_hours',
  'reopened',
  'first_contact',
  'closed_at',
  'summary',
] as const;

function caseTable(rows: readonly CaseReportRow[]): ReportTable {
  return {
    name: 'Cases',
    columns: [...CASE_COLUMNS],
    rows: rows.map((c) => [
      c.number,
      c.id,
      c.receivedAt,
      c.clockStartAt,
      c.priority,
      c.policyVersion,
      c.status,
      c.channel,
      c.callerName,
      c.buildingName,
      c.categoryName,
      c.assigneeName,
      c.response.unit,
      c.response.dueAt,
      c.response.reachedAt,
      c.response.elapsed,
      c.response.outcome,
      c.resolution.unit,
      c.resolution.dueAt,
      c.resolution.reachedAt,
      c.resolution.elapsed,
      c.resolution.outcome,
      c.pendingHours,
      c.awaitingPartsHours,
      c.reopened,
      c.firstContact,
      c.closedAt,
      c.summary,
    ]),
  };
}
