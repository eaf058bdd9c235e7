/**
 * The reports screen's data: one filter (a period of received dates and optional lists) and the
 * three reports read with it: SLA compliance, trends and systemic weaknesses. Each report is read
 * when its tab shows and again when the filter changes; only the latest answer counts. What a
 * technician may see is the core's to narrow (`limitedTo`), never this store's.
 */
import { defineStore } from 'pinia';
import { ref, toRaw } from 'vue';
import type { Priority } from '../../../shared/domain';
import type { ContractError, Result } from '../../../shared/result';
import type { ComplianceReport, ExportFormat, ReportFilter, ReportPeriod, TrendsReport, WeaknessReport } from '../../../shared/reports';
import { shownZone } from '../lib/desk-zone';
import { quickPeriod, todayIn, type DateSpan } from '../lib/report-period';
import { latestOnly } from './latest-only';
import { reportExport } from './report-export';
import { useSessionStore } from './session-store';

export const REPORT_TABS = ['sla', 'trends', 'weaknesses'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

/** The filter's narrowing, as the screen's controls hold it (one building, category, technician at a time). */
export interface ReportChoices {
  span: DateSpan;
  priorities: Priority[];
  buildingId: number | null;
  categoryId: number | null;
  /** 0: unassigned. */
  assigneeId: number | null;
}

/** The contract's filter for the screen's choices; empty choices narrow nothing. */
export function reportFilter(choices: ReportChoices): ReportFilter {
  return {
    from: choices.span.from,
    to: choices.span.to,
    ...(choices.priorities.length ? { priorities: [...choices.priorities].sort((a, b) => a - b) } : {}),
    ...(choices.buildingId !== null ? { buildingIds: [choices.buildingId] } : {}),
    ...(choices.categoryId !== null ? { categoryIds: [choices.categoryId] } : {}),
    ...(choices.assigneeId !== null ? { assigneeIds: [choices.assigneeId] } : {}),
  };
}

interface Slot<T> {
  value: T | null;
  /** The filter the shown value answers. */
  filter: ReportFilter | null;
  loading: boolean;
  error: ContractError | null;
}

function reportSlot<T>(ask: (filter: ReportFilter) => Promise<Result<T>>) {
  const state = ref<Slot<T>>({ value: null, filter: null, loading: false, error: null });
  const run = latestOnly(ask);
  async function load(filter: ReportFilter): Promise<void> {
    state.value.loading = true;
    const result = await run(filter);
    if (result === null) return;
    state.value.loading = false;
    if (result.ok) {
      state.value.value = result.value as never;
      state.value.filter = filter;
      state.value.error = null;
    } else {
      state.value.error = result.error;
    }
  }
  return { state, load };
}

export const useReportsStore = defineStore('reports', () => {
  const session = useSessionStore();

  const choices = ref<ReportChoices>({
    span: quickPeriod('last-12-months', todayIn(shownZone())),
    priorities: [],
    buildingId: null,
    categoryId: null,
    assigneeId: null,
  });
  const period = ref<ReportPeriod>('month');
  const tab = ref<ReportTab>('sla');

  const slaSlot = reportSlot<ComplianceReport>((filter) => session.call('reports.sla', { filter, period: period.value }));
  const trendsSlot = reportSlot<TrendsReport>((filter) => session.call('reports.trends', { filter }));
  const weaknessSlot = reportSlot<WeaknessReport>((filter) => session.call('reports.weaknesses', { filter }));
  const slots = { sla: slaSlot, trends: trendsSlot, weaknesses: weaknessSlot } as const;

  function currentFilter(): ReportFilter {
    return reportFilter(structuredClone(toRaw(choices.value)));
  }

  /** Reads the report on show (all three for print). */
  function load(which: ReportTab | 'all' = tab.value): Promise<void> {
    const filter = currentFilter();
    const tabs = which === 'all' ? REPORT_TABS : [which];
    return Promise.all(tabs.map((t) => slots[t].load(filter))).then(() => undefined);
  }

  const exporter = reportExport();
  function exportReport(which: ReportTab, format: ExportFormat): Promise<boolean> {
    const filter = currentFilter();
    return exporter.run(
      which === 'sla'
        ? { report: 'sla', format, input: { filter, period: period.value } }
        : { report: which, format, input: { filter } },
    );
  }

  return {
    choices,
    period,
    tab,
    sla: slaSlot.state,
    trends: trendsSlot.state,
    weaknesses: weaknessSlot.state,
    load,
    currentFilter,
    exportReport,
    exporting: exporter.busy,
    exportError: exporter.error,
    exportNotice: exporter.notice,
  };
});
