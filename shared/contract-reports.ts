/**
 * Reports' part of the contract: the case search, SLA compliance, trends, systemic weaknesses and
 * their exports. Supervisors see everything; technicians see the desk totals and their own figures
 * (the core narrows the per-technician rows); agents search cases and see the desk totals.
 */
import { z } from 'zod';
import { ALL_STAFF, channel, id, isoDate, text } from './contract-kit';
import { CASE_CHANNELS, CASE_STATUSES, PRIORITIES } from './domain';
import {
  CASE_SORT_FIELDS,
  EXPORT_FORMATS,
  REPORT_PERIODS,
  SLA_TARGETS,
  TARGET_OUTCOMES,
  type CaseSearchResult,
  type ComplianceReport,
  type ExportedFile,
  type TrendsReport,
  type WeaknessReport,
} from './reports';

/** Longest span a report or search covers: ten years of days. */
export const MAX_REPORT_DAYS = 3_660;
const MAX_LIST = 500;

const list = <T extends z.ZodType>(item: T, label: string) =>
  z.array(item, { error: `${label} must be a list` }).max(MAX_LIST, { error: `${label}: at most ${MAX_LIST}` }).optional();

const priority = z.literal(PRIORITIES, { error: 'Priority must be 1, 2, 3, 4 or 5' });
/** An id of a list filter, with 0 meaning none ("unassigned", "no building", "no category"). */
const idOrNone = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(0, { error: `${label} must be an id, or 0 for none` })
    .max(2_147_483_647, { error: `${label} must be at most 2147483647` });

const narrowing = {
  priorities: list(priority, 'Priorities'),
  buildingIds: list(idOrNone('Building'), 'Buildings'),
  categoryIds: list(idOrNone('Category'), 'Categories'),
  assigneeIds: list(idOrNone('Technician'), 'Technicians'),
  channels: list(z.enum(CASE_CHANNELS, { error: 'Unknown channel' }), 'Channels'),
};

/** A real calendar date, so "2026-02-30" is refused by name rather than rolled into March. */
const calendarDate = (label: string) =>
  isoDate(label).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    error: `${label} is not a date on the calendar`,
  });

/** A whole number in a closed range, refused with what it must be. */
const wholeFrom = (min: number, max: number, label: string, what: string) =>
  z
    .number({ error: `${label} must be ${what}` })
    .int({ error: `${label} must be ${what}` })
    .min(min, { error: `${label} must be ${what}` })
    .max(max, { error: `${label} must be ${what}` });

const spanCheck = (v: { from?: string | undefined; to?: string | undefined }) =>
  !v.from || !v.to || (v.from <= v.to && (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 < MAX_REPORT_DAYS);
const spanError = { error: `The period must run forward (from on or before to) and span at most ${MAX_REPORT_DAYS} days`, path: ['to'] };

export const reportFilterSchema = z
  .object({ from: calendarDate('From'), to: calendarDate('To'), ...narrowing })
  .strict()
  .refine(spanCheck, spanError);

export const caseSearchSchema = z
  .object({
    text: text('Search').max(200, { error: 'Search must be at most 200 characters' }).optional(),
    number: text('Case number').max(20, { error: 'Case number must be at most 20 characters' }).optional(),
    callerId: id('Caller').optional(),
    from: calendarDate('From').optional(),
    to: calendarDate('To').optional(),
    statuses: list(z.enum(CASE_STATUSES, { error: 'Unknown case status' }), 'States'),
    ...narrowing,
    outcome: z
      .object({ target: z.enum(SLA_TARGETS, { error: 'Target must be response or resolution' }), is: z.enum(TARGET_OUTCOMES, { error: 'Outcome must be met, breached, open or none' }) })
      .strict()
      .optional(),
    receivedHours: list(wholeFrom(0, 23, 'Received hour', 'an hour of the day from 0 to 23'), 'Received hours'),
    receivedWeekdays: list(wholeFrom(1, 7, 'Received weekday', 'a weekday from 1 (Monday) to 7 (Sunday)'), 'Received weekdays'),
    openOn: calendarDate('Open on').optional(),
    sort: z
      .object({ field: z.enum(CASE_SORT_FIELDS, { error: 'Unknown sort field' }), direction: z.enum(['asc', 'desc'], { error: 'Direction must be asc or desc' }) })
      .strict()
      .optional(),
    limit: z.number().int().min(1).max(500, { error: 'At most 500 cases a page' }).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict()
  .refine(spanCheck, spanError);

const periodSchema = z.enum(REPORT_PERIODS, { error: 'Period must be month or week' });

export const slaReportSchema = z.object({ filter: reportFilterSchema, period: periodSchema.optional() }).strict();

/** What an export carries: which report, in which format, asked with the report's own input. */
export const exportSchema = z.discriminatedUnion(
  'report',
  [
    z.object({ report: z.literal('sla'), format: z.enum(EXPORT_FORMATS), input: slaReportSchema }).strict(),
    z.object({ report: z.literal('trends'), format: z.enum(EXPORT_FORMATS), input: z.object({ filter: reportFilterSchema }).strict() }).strict(),
    z.object({ report: z.literal('weaknesses'), format: z.enum(EXPORT_FORMATS), input: z.object({ filter: reportFilterSchema }).strict() }).strict(),
    z.object({ report: z.literal('cases'), format: z.enum(EXPORT_FORMATS), input: caseSearchSchema }).strict(),
  ],
  { error: 'Report must be sla, trends, weaknesses or cases, with a format of csv or xlsx' },
);

export const reportChannels = {
  /** Every case, open or closed, by words, number and fields; paged and sorted. */
  'cases.search': channel<CaseSearchResult>()({ input: caseSearchSchema, access: ALL_STAFF, mutates: false }),
  'reports.sla': channel<ComplianceReport>()({ input: slaReportSchema, access: ALL_STAFF, mutates: false }),
  'reports.trends': channel<TrendsReport>()({ input: z.object({ filter: reportFilterSchema }).strict(), access: ALL_STAFF, mutates: false }),
  'reports.weaknesses': channel<WeaknessReport>()({ input: z.object({ filter: reportFilterSchema }).strict(), access: ALL_STAFF, mutates: false }),
  /** A report or a search as a CSV or XLSX file (all matching cases, not one page). */
  'reports.export': channel<ExportedFile>()({ input: exportSchema, access: ALL_STAFF, mutates: false }),
};
