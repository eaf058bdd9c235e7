import { describe, expect, it } from 'vitest';
import type { ComplianceRow, ReportFilter, TargetCounts } from '../../../shared/reports';
import { OKABE_ITO, chartDescription, chartHeight, chartOption, complianceChart, countChart, drillAt, groupSearch, hasDrill } from '../../../renderer/src/lib/report-charts';

const FILTER: ReportFilter = { from: '2026-01-01', to: '2026-03-31', buildingIds: [4] };

function counts(met: number, breached: number, open = 0): TargetCounts {
  const judged = met + breached;
  return { met, breached, open, none: 0, metPercent: judged ? (met / judged) * 100 : null, breachedPercent: judged ? (breached / judged) * 100 : null };
}

function row(key: string, label: string, response: TargetCounts, resolution: TargetCounts): ComplianceRow {
  return {
    key,
    label,
    cases: response.met + response.breached + response.open,
    response,
    resolution,
    times: [],
    sideStates: { pendingCases: 0, pendingHours: 0, awaitingPartsCases: 0, awaitingPartsHours: 0, projectCases: 0, maintenanceCases: 0 },
  };
}

const BY_PRIORITY = [row('1', 'P1', counts(3, 1), counts(2, 2)), row('3', 'P3', counts(10, 0, 2), counts(7, 3))];

describe('compliance charts', () => {
  it('stacks met under breached for each target, breached hatched and in its own colour', () => {
    const data = complianceChart('priority', BY_PRIORITY, FILTER);
    expect(data.categories).toEqual(['P1', 'P3']);
    expect(data.series.map((s) => [s.name, s.stack, s.values, s.look.hatched])).toEqual([
      ['Response met', 'response', [3, 10], false],
      ['Response breached', 'response', [1, 0], true],
      ['Resolution met', 'resolution', [2, 7], false],
      ['Resolution breached', 'resolution', [2, 3], true],
    ]);
    // Okabe–Ito: no two series share a colour.
    expect(new Set(data.series.map((s) => s.look.colour)).size).toBe(4);
    expect(data.series.every((s) => Object.values<string>(OKABE_ITO).includes(s.look.colour))).toBe(true);
    expect(data.horizontal).toBe(false);
  });

  it('opens the cases behind a bar: its group, target and outcome, within the report filter', () => {
    const data = complianceChart('priority', BY_PRIORITY, FILTER);
    expect(drillAt(data, 1, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31', buildingIds: [4], priorities: [3], outcome: { target: 'response', is: 'breached' } });
    expect(drillAt(data, 9, 0)).toBeNull();
    expect(hasDrill(data)).toBe(true);
  });

  it('drills into each grouping the search can say, and not into "no building"', () => {
    expect(groupSearch('period', '2026-02', FILTER)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(groupSearch('period', '2026-W10', FILTER)).toMatchObject({ from: '2026-03-02', to: '2026-03-08' });
    expect(groupSearch('technician', '0', FILTER)).toMatchObject({ assigneeIds: [0] });
    expect(groupSearch('technician', '12', FILTER)).toMatchObject({ assigneeIds: [12] });
    expect(groupSearch('building', '7', FILTER)).toMatchObject({ buildingIds: [7] });
    // 0 is none: no building, no category, which the search says as 0 too.
    expect(groupSearch('building', '0', FILTER)).toMatchObject({ buildingIds: [0] });
    expect(groupSearch('category', '0', FILTER)).toMatchObject({ categoryIds: [0] });
    expect(groupSearch('building', '-1', FILTER)).toBeNull();
    expect(groupSearch('priority', '9', FILTER)).toBeNull();
  });

  it('turns sideways for long lists of names, with room per name', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(String(i + 1), `Building ${i + 1}`, counts(1, 1), counts(1, 0)));
    const data = complianceChart('building', rows, FILTER);
    expect(data.horizontal).toBe(true);
    const option = chartOption(data);
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: rows.map((r) => r.label) });
    expect(option.xAxis).toMatchObject({ type: 'value' });
    expect(chartHeight(data)).toBeGreaterThan(chartHeight(complianceChart('building', rows.slice(0, 2), FILTER)));
  });
});

describe('chart options', () => {
  it('turns on the aria description and a legend, and hatches breached bars with a decal', () => {
    const option = chartOption(complianceChart('priority', BY_PRIORITY, FILTER));
    expect(option.aria).toMatchObject({ enabled: true, label: { enabled: true } });
    expect(option.legend).toMatchObject({ data: ['Response met', 'Response breached', 'Resolution met', 'Resolution breached'] });
    const series = option.series as { type: string; stack?: string; itemStyle: { color: string; decal?: unknown }; data: number[] }[];
    expect(series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar', 'bar']);
    expect(series[0]!.itemStyle.decal).toBeUndefined();
    expect(series[1]!.itemStyle.decal).toMatchObject({ symbol: 'rect', rotation: -Math.PI / 4 });
    expect(series[1]!.itemStyle.color).toBe(OKABE_ITO.vermillion);
  });

  it('says every figure in the description a screen reader hears', () => {
    const data = complianceChart('priority', BY_PRIORITY, FILTER);
    expect(chartDescription(data)).toBe(
      'Bar chart, Targets met and breached by priority. P1: Response met 3, Response breached 1, Resolution met 2, Resolution breached 2; P3: Response met 10, Response breached 0, Resolution met 7, Resolution breached 3.',
    );
    expect(chartDescription(complianceChart('priority', [], FILTER))).toBe('Targets met and breached by priority: no cases.');
  });

  it('draws a count as a line with points and no legend, and no drill-down unless given', () => {
    const data = countChart({
      id: 'backlog',
      title: 'Open cases at the end of each day',
      kind: 'line',
      seriesName: 'Open cases',
      categoryLabel: 'Day',
      points: [
        { key: '2026-03-01', label: 'Mar 1', cases: 12 },
        { key: '2026-03-02', label: 'Mar 2', cases: 9 },
      ],
    });
    const option = chartOption(data);
    expect(option.legend).toBeUndefined();
    expect(option.series).toMatchObject([{ type: 'line', name: 'Open cases', data: [12, 9], symbol: 'circle' }]);
    expect(hasDrill(data)).toBe(false);
    expect(chartDescription(data)).toBe('Line chart, Open cases at the end of each day. Mar 1: 12; Mar 2: 9.');
  });
});
