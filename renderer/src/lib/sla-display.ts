/**
 * How the queue and the case screen show an SLA target at the current instant. The core reads the
 * clocks when it answers; the console keeps counting from `dueAt`/`warnAt`, so a row turns "at risk"
 * or "breached" on time without asking the core again. A paused target stays paused and a met one
 * stays met: only the core knows when a pause ends.
 */
import type { QueueRow, QueueRowTarget, TargetState } from '../../../shared/domain';
import { shownZone } from './desk-zone';
import { formatInstant } from './labels';

/** A target as a queue row carries it, or as a full case does (with the instant it was met). */
export type ShownTarget = QueueRowTarget & { metAt?: string | null };

/** Parsed instants per target object: the queue filters thousands of cases per keystroke. */
const instants = new WeakMap<ShownTarget, { due: number; warn: number }>();

function instantsOf(target: ShownTarget): { due: number; warn: number } {
  let parsed = instants.get(target);
  if (!parsed) {
    parsed = {
      due: target.dueAt === null ? Number.NaN : Date.parse(target.dueAt),
      warn: target.warnAt === null ? Number.POSITIVE_INFINITY : Date.parse(target.warnAt),
    };
    instants.set(target, parsed);
  }
  return parsed;
}

export function targetStateAt(target: ShownTarget, now: number): TargetState {
  if (target.state === 'paused' || target.state === 'met' || target.state === 'none') return target.state;
  if ((target.metAt ?? null) !== null) return 'met';
  if (target.dueAt === null) return target.state;
  const { due, warn } = instantsOf(target);
  // "A target is breached at any instant after its due instant" (docs/sla-conventions.md).
  if (now > due) return 'breached';
  if (now >= warn) return 'at_risk';
  return 'on_track';
}

/** Worst of the two targets, for the "at risk / breached" filter and the workload board. */
export function caseRiskAt(sla: Pick<QueueRow['sla'], 'response' | 'resolution'>, now: number): 'breached' | 'at_risk' | 'ok' {
  const states = [targetStateAt(sla.response, now), targetStateAt(sla.resolution, now)];
  if (states.includes('breached')) return 'breached';
  if (states.includes('at_risk')) return 'at_risk';
  return 'ok';
}

export const TARGET_STATE_LABELS: Record<TargetState, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  none: 'No target',
};

/** A shape beside the colour, so the state never depends on colour alone. */
export const TARGET_STATE_ICONS: Record<TargetState, string> = {
  on_track: '●',
  at_risk: '▲',
  breached: '✕',
  paused: '❚❚',
  met: '✓',
  none: '–',
};

/** "2d 4h", "3h 12m", "12m 05s": the time between now and a due instant, coarser as it grows. */
export function formatSpan(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

export interface TargetDisplay {
  state: TargetState;
  label: string;
  icon: string;
  /** "1h 05m left", "12m 30s over", or '' for paused, met and no target. */
  countdown: string;
}

export function displayTarget(target: ShownTarget, now: number): TargetDisplay {
  const state = targetStateAt(target, now);
  let countdown = '';
  if (target.dueAt !== null && (state === 'on_track' || state === 'at_risk' || state === 'breached')) {
    const left = Date.parse(target.dueAt) - now;
    countdown = left >= 0 ? `${formatSpan(left)} left` : `${formatSpan(left)} over`;
  }
  return { state, label: TARGET_STATE_LABELS[state], icon: TARGET_STATE_ICONS[state], countdown };
}

/**
 * The core's queue order (queue-service.ts `byNextBreach`): soonest unmet due instant first,
 * paused and fully met cases last; then priority, then case id. Kept here so a patched case
 * lands where a fresh full read of the queue would put it.
 */
export function byNextBreach(a: QueueRow, b: QueueRow): number {
  const ta = a.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.sla.nextDueAt);
  const tb = b.sla.nextDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(b.sla.nextDueAt);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.priority - b.priority || a.id - b.id;
}

/** A due instant in the console's words (in the desk's zone), remembered: rows re-render every second and on every keystroke. */
const dueWordsCache = new Map<string, string>();
export function dueWords(iso: string): string {
  const key = `${shownZone()}|${iso}`;
  let words = dueWordsCache.get(key);
  if (words === undefined) {
    if (dueWordsCache.size > 20_000) dueWordsCache.clear();
    words = formatInstant(iso);
    dueWordsCache.set(key, words);
  }
  return words;
}
