/**
 * The reports' charts as plain data, and the ECharts options drawn from it. One data shape serves
 * three readers: the chart, its table alternative (for screen readers and print) and the
 * drill-down (a bar's cases on the Find cases screen). Colours are the Okabe–Ito palette, safe for
 * colour-blind readers, and never the only difference: a breached bar is also hatched, and every
 * series is named in the legend, the tooltip and the table.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ComplianceGrouping, ComplianceRow, CountPoint, ReportFilter, SlaTargetName, TargetOutcome } from '../../../shared/reports';
import { listSearch, reportSearch, type CaseSearchFilter } from './case-search-query';
import { periodSpan } from './report-period';

export type ReportChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export interface SeriesLook {
  colour: string;
  /** Diagonal hatching: the pattern that tells breached from met without colour. */
  hatched: boolean;
}

export interface ChartSeries {
  name: string;
  look: SeriesLook;
  /** Series with the same stack are piled on one bar. */
  stack?: string;
  values: number[];
  /** The cases behind each value, as a search; null where the search cannot say them. */
  drill: (CaseSearchFilter | null)[];
}

export interface ChartData {
  id: string;
  title: string;
  kind: 'bar' | 'line';
  /** Bars run sideways: for long lists of names (technicians, buildings, categories). */
  horizontal: boolean;
  /** What a value counts, for the axis and the table ("Cases"). */
  valueLabel: string;
  /** The category axis's name, for the table's first column ("Priority"). */
  categoryLabel: string;
  categories: string[];
  series: ChartSeries[];
}

const HATCH = {
  symbol: 'rect',
  symbolSize: 1,
  color: 'rgba(0, 0, 0, 0.45)',
  dashArrayX: [1, 0],
  dashArrayY: [3, 5],
  rotation: -Math.PI / 4,
} as const;

const LOOKS: Record<SlaTargetName, Record<'met' | 'breached', SeriesLook>> = {
  response: { met: { colour: OKABE_ITO.blue, hatched: false }, breached: { colour: OKABE_ITO.vermillion, hatched: true } },
  resolution: { met: { colour: OKABE_ITO.bluishGreen, hatched: false }, breached: { colour: OKABE_ITO.orange, hatched: true } },
};

const TARGET_WORDS: Record<SlaTargetName, string> = { response: 'Response', resolution: 'Resolution' };

/** The cases of one compliance group as a search ("0" is none: unassigned, no building, no category); null for a key no group has. */
export function groupSearch(grouping: ComplianceGrouping, key: string, filter: ReportFilter): CaseSearchFilter | null {
  const n = Number(key);
  switch (grouping) {
    case 'priority':
      return n >= 1 && n <= 5 ? reportSearch(filter, { priorities: [n as 1 | 2 | 3 | 4 | 5] }) : null;
    case 'period': {
      const span = periodSpan(key, filter);
      return span ? reportSearch(filter, span) : null;
    }
    case 'technician':
      // 0 is "unassigned", which the search says too.
      return Number.isInteger(n) && n >= 0 ? reportSearch(filter, { assigneeIds: [n] }) : null;
    case 'building':
      return Number.isInteger(n) && n >= 0 ? reportSearch(filter, { buildingIds: [n] }) : null;
    case 'category':
      return Number.isInteger(n) && n >= 0 ? reportSearch(filter, { categoryIds: [n] }) : null;
    case 'policyVersion':
      // The case search has no policy version filter: the group's figures are not drilled into.
      return null;
  }
}

/**
 * The filter a report's drill-downs search with: a technician's groups and trends count their own
 * cases only (`limitedTo`), so the cases behind a figure are their own too.
 */
export function drillFilter(filter: ReportFilter, limitedTo: { staffId: number } | null): ReportFilter {
  return limitedTo ? { ...filter, assigneeIds: [limitedTo.staffId] } : filter;
}

export type TrendChart = 'hour' | 'weekday' | 'backlog';

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The cases behind one point of a trend: the period's cases received in that hour (key "0"–"23")
 * or on that weekday ("1" Monday – "7" Sunday); for the backlog, the cases open at the end of that
 * day (its key), whenever received, as the backlog counts them. Null for a key no point has.
 */
export function trendSearch(chart: TrendChart, key: string, filter: ReportFilter): CaseSearchFilter | null {
  const n = /^\d{1,2}$/.test(key) ? Number(key) : NaN;
  switch (chart) {
    case 'hour':
      return n >= 0 && n <= 23 ? reportSearch(filter, { receivedHours: [n] }) : null;
    case 'weekday':
      return n >= 1 && n <= 7 ? reportSearch(filter, { receivedWeekdays: [n] }) : null;
    case 'backlog':
      return DAY_KEY.test(key) ? listSearch(filter, { openOn: key }) : null;
  }
}

const GROUPING_WORDS: Record<ComplianceGrouping, string> = {
  priority: 'Priority',
  period: 'Period',
  technician: 'Technician',
  building: 'Building',
  category: 'Category',
  policyVersion: 'Policy version',
};

/**
 * Met and breached cases per group, for both targets: two stacked bars a group (response,
 * resolution), each met below and breached (hatched) above. Open cases are not judged yet and
 * are left out, as in the percentages.
 */
export function complianceChart(grouping: ComplianceGrouping, rows: readonly ComplianceRow[], filter: ReportFilter): ChartData {
  const drills = rows.map((row) => groupSearch(grouping, row.key, filter));
  const series: ChartSeries[] = [];
  for (const target of ['response', 'resolution'] as const) {
    for (const outcome of ['met', 'breached'] as const satisfies readonly TargetOutcome[]) {
      series.push({
        name: `${TARGET_WORDS[target]} ${outcome}`,
        look: LOOKS[target][outcome],
        stack: target,
        values: rows.map((row) => row[target][outcome]),
        drill: drills.map((d) => (d ? { ...d, outcome: { target, is: outcome } } : null)),
      });
    }
  }
  return {
    id: `sla-by-${grouping}`,
    title: `Targets met and breached by ${GROUPING_WORDS[grouping].toLowerCase()}`,
    kind: 'bar',
    horizontal: grouping === 'technician' || grouping === 'building' || grouping === 'category',
    valueLabel: 'Cases',
    categoryLabel: GROUPING_WORDS[grouping],
    categories: rows.map((row) => row.label),
    series,
  };
}

/** One count per point (arrivals by hour, the backlog), with the drill-down each point has, if any. */
export function countChart(options: {
  id: string;
  title: string;
  kind: 'bar' | 'line';
  seriesName: string;
  categoryLabel: string;
  points: readonly CountPoint[];
  drill?: (point: CountPoint) => CaseSearchFilter | null;
}): ChartData {
  return {
    id: options.id,
    title: options.title,
    kind: options.kind,
    horizontal: false,
    valueLabel: 'Cases',
    categoryLabel: options.categoryLabel,
    categories: options.points.map((p) => p.label),
    series: [
      {
        name: options.seriesName,
        look: { colour: OKABE_ITO.blue, hatched: false },
        values: options.points.map((p) => p.cases),
        drill: options.points.map((p) => options.drill?.(p) ?? null),
      },
    ],
  };
}

/** What a screen reader hears for the chart (ECharts puts it in the chart's aria-label). */
export function chartDescription(data: ChartData): string {
  if (data.categories.length === 0) return `${data.title}: no cases.`;
  const parts = data.categories.map((category, i) => {
    const values = data.series.map((s) => (data.series.length === 1 ? `${s.values[i] ?? 0}` : `${s.name} ${s.values[i] ?? 0}`));
    return `${category}: ${values.join(', ')}`;
  });
  return `${data.kind === 'line' ? 'Line chart' : 'Bar chart'}, ${data.title}. ${parts.join('; ')}.`;
}

/** Whether any point can be opened as a search (the chart then says it can be clicked). */
export function hasDrill(data: ChartData): boolean {
  return data.series.some((s) => s.drill.some(Boolean));
}

/** The search behind a clicked point, if it has one. */
export function drillAt(data: ChartData, seriesIndex: number, dataIndex: number): CaseSearchFilter | null {
  return data.series[seriesIndex]?.drill[dataIndex] ?? null;
}

/** The ECharts option that draws the data: only bars, lines, grid, tooltip, legend and aria are used. */
export function chartOption(data: ChartData): ReportChartOption {
  const categoryAxis = {
    type: 'category' as const,
    data: [...data.categories],
    axisLabel: { interval: data.horizontal ? 0 : ('auto' as const), width: data.horizontal ? 160 : 110, overflow: 'truncate' as const, hideOverlap: true },
    ...(data.horizontal ? { inverse: true } : {}),
  };
  // Under the bars when they run sideways, where a name at the axis's end would be cut off.
  const valueAxis = {
    type: 'value' as const,
    name: data.valueLabel,
    minInterval: 1,
    ...(data.horizontal ? { nameLocation: 'middle' as const, nameGap: 28 } : {}),
  };
  const series = data.series.map((s): BarSeriesOption | LineSeriesOption => {
    const itemStyle = { color: s.look.colour, ...(s.look.hatched ? { decal: { ...HATCH, dashArrayX: [...HATCH.dashArrayX], dashArrayY: [...HATCH.dashArrayY] } } : {}) };
    if (data.kind === 'line') {
      return { type: 'line', name: s.name, data: [...s.values], itemStyle, lineStyle: { color: s.look.colour, width: 2 }, symbol: 'circle', symbolSize: 6, showSymbol: s.values.length <= 62 };
    }
    return {
      type: 'bar',
      name: s.name,
      data: [...s.values],
      itemStyle,
      ...(s.stack ? { stack: s.stack } : {}),
      barMaxWidth: 36,
      emphasis: { focus: 'series' },
      cursor: s.drill.some(Boolean) ? 'pointer' : 'default',
    };
  });
  return {
    aria: { enabled: true, label: { enabled: true, description: chartDescription(data) } },
    animation: false,
    grid: { left: 8, right: 24, top: data.series.length > 1 ? 40 : 24, bottom: data.horizontal ? 32 : 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: data.kind === 'line' ? 'line' : 'shadow' } },
    ...(data.series.length > 1 ? { legend: { top: 0, data: data.series.map((s) => s.name) } } : {}),
    xAxis: data.horizontal ? valueAxis : categoryAxis,
    yAxis: data.horizontal ? categoryAxis : valueAxis,
    series,
  };
}

/** A height that fits the bars: sideways bars need room per name. */
export function chartHeight(data: ChartData): number {
  if (!data.horizontal) return 280;
  return Math.max(200, 60 + data.categories.length * (data.series.length > 2 ? 44 : 28));
}
