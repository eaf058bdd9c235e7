/** The policy's cells in words, as the agreement states them, and which cells of a version differ from another's. */
import { PRIORITIES, type Priority } from '../../../../shared/domain';
import { clockTimeWords, deskHoursWords, targetWords, type PolicyBody } from '../../../../shared/policy';

export interface PolicyRowWords {
  priority: Priority;
  response: string;
  resolution: string;
  /** Whether the 4 PM-style cutoff applies to this priority. */
  cutoff: boolean;
}

export function rowsOf(body: PolicyBody): PolicyRowWords[] {
  return PRIORITIES.map((p) => ({
    priority: p,
    response: targetWords(body.targets[`${p}`].response),
    resolution: targetWords(body.targets[`${p}`].resolution),
    cutoff: body.intakeCutoffPriorities.includes(p),
  }));
}

/** "All requests entered after 4:00 p.m. will be considered as submitted the following business day (priorities 2–5)." */
export function cutoffWords(body: PolicyBody): string {
  if (body.intakeCutoff === null || body.intakeCutoffPriorities.length === 0) return 'No intake cutoff: requests count from when they are received.';
  const list = [...body.intakeCutoffPriorities].sort().join(', ');
  return `Requests entered after ${clockTimeWords(body.intakeCutoff)} count as submitted the following business day (priorities ${list}).`;
}

export function hoursWords(body: PolicyBody): string {
  return `Help Desk phone support: ${deskHoursWords(body.weeklyHours)}`;
}

export function warningWords(body: PolicyBody): string {
  const parts = [
    ...body.warnings.fractionsUsed.map((f) => `${Math.round(f * 1000) / 10}% of a target used`),
    ...body.warnings.minutesBeforeDue.map((m) => `${m} minutes before due`),
  ];
  return parts.length ? `Warnings at ${parts.join(' and ')}.` : 'No warnings before a breach.';
}

/** The cells of `body` that differ from `other` ("2.response", "cutoff", "hours", "warnings"). */
export function changedCells(body: PolicyBody, other: PolicyBody | null): Set<string> {
  const changed = new Set<string>();
  if (!other) return changed;
  const a = rowsOf(body);
  const b = rowsOf(other);
  a.forEach((row, i) => {
    const o = b[i] as PolicyRowWords;
    if (row.response !== o.response) changed.add(`${row.priority}.response`);
    if (row.resolution !== o.resolution) changed.add(`${row.priority}.resolution`);
  });
  if (cutoffWords(body) !== cutoffWords(other)) changed.add('cutoff');
  if (hoursWords(body) !== hoursWords(other)) changed.add('hours');
  if (warningWords(body) !== warningWords(other)) changed.add('warnings');
  return changed;
}
