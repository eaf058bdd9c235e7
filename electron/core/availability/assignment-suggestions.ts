/**
 * Ranks technicians for a case from facts gathered by the availability service: presence, hours
 * left today, on-call, skills against the case's difficulty, and open cases. Pure: the weights
 * come from suggestion-weights.ts, and every point given comes with its reason in words.
 */
import { ABSENCE_KIND_LABELS, DIFFICULTY_LABELS, type AssignmentSuggestion, type AwayMark, type Difficulty, type PresenceState } from '../../../shared/availability';
import type { Priority } from '../../../shared/domain';
import { SUGGESTION_WEIGHTS as W, URGENT_PRIORITIES } from './suggestion-weights';

export interface CandidateFacts {
  staffId: number;
  name: string;
  presence: PresenceState;
  away: AwayMark | null;
  /** Working ms left today (their hours, less absences). */
  msLeftToday: number;
  onCall: boolean;
  /** Open cases they hold, by priority. */
  openByPriority: ReadonlyMap<Priority, number>;
  /** Their skills matching the case: its category, or a system the case names. */
  matches: readonly { subject: string; level: Difficulty; system: boolean }[];
}

export interface CaseFacts {
  priority: Priority;
  difficulty: Difficulty | null;
  categoryName: string | null;
}

interface Part {
  points: number;
  words: string;
}

const HOUR = 3_600_000;

/** Candidates best first (score, then fewer open cases, then name). */
export function rankCandidates(c: CaseFacts, people: readonly CandidateFacts[], when: (iso: string) => string): AssignmentSuggestion[] {
  const ranked = people.map((p) => {
    const parts = [...presenceParts(p, c, when), skillPart(p, c), loadPart(p)].filter((x): x is Part => x !== null);
    const score = parts.reduce((sum, x) => sum + x.points, 0);
    const reasons = [...parts].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).map((x) => x.words);
    const open = [...p.openByPriority.values()].reduce((a, b) => a + b, 0);
    return { suggestion: { staffId: p.staffId, name: p.name, score: Math.round(score * 10) / 10, presence: p.presence, reasons }, open };
  });
  ranked.sort((a, b) => b.suggestion.score - a.suggestion.score || a.open - b.open || a.suggestion.name.localeCompare(b.suggestion.name));
  return ranked.map((r) => r.suggestion);
}

function presenceParts(p: CandidateFacts, c: CaseFacts, when: (iso: string) => string): (Part | null)[] {
  const hours = Math.min(W.hoursLeftCap, p.msLeftToday / HOUR);
  const onCall = p.onCall && URGENT_PRIORITIES.includes(c.priority) ? { points: W.onCallUrgent, words: 'On call now' } : null;
  if (p.presence === 'out' && p.away) return [{ points: W.presenceOut, words: `Out: ${ABSENCE_KIND_LABELS[p.away.kind]} until ${when(p.away.until)}` }, onCall];
  if (p.presence === 'off') return [{ points: W.presenceOff, words: 'Outside their working hours now' }, onCall];
  const left = hours > 0 ? { points: hours * W.perHourLeftToday, words: `${formatHours(p.msLeftToday / HOUR)} of working time left today` } : null;
  return [{ points: W.presenceIn, words: 'In now' }, left, onCall];
}

function skillPart(p: CandidateFacts, c: CaseFacts): Part {
  const needed = c.difficulty ?? 1;
  const judged = c.difficulty === null ? ' (difficulty not judged: taken as routine)' : '';
  const fitting = p.matches.filter((m) => m.level >= needed);
  if (fitting.length > 0) {
    const best = [...fitting].sort((a, b) => Number(b.system) - Number(a.system) || b.level - a.level)[0]!;
    return {
      points: W.skillFits + (best.system ? W.systemNamed : 0),
      words: `Skilled in ${best.subject} up to ${DIFFICULTY_LABELS[best.level].toLowerCase()}${judged}`,
    };
  }
  if (p.matches.length > 0) {
    const best = [...p.matches].sort((a, b) => b.level - a.level)[0]!;
    return {
      points: W.skillBelowDifficulty,
      words: `This case is ${DIFFICULTY_LABELS[needed].toLowerCase()}, above their level in ${best.subject} (${DIFFICULTY_LABELS[best.level].toLowerCase()})`,
    };
  }
  return { points: 0, words: c.categoryName ? `No recorded skill in ${c.categoryName}` : 'No recorded skill for this case' };
}

function loadPart(p: CandidateFacts): Part {
  let points = 0;
  let total = 0;
  const urgent: string[] = [];
  for (const [priority, count] of [...p.openByPriority].sort((a, b) => a[0] - b[0])) {
    points += W.loadByPriority[priority] * count;
    total += count;
    if (URGENT_PRIORITIES.includes(priority)) urgent.push(`${count} priority ${priority}`);
  }
  if (total === 0) return { points: 0, words: 'No open cases' };
  const plural = total === 1 ? 'open case' : 'open cases';
  return { points, words: `${total} ${plural}${urgent.length ? ` (${urgent.join(', ')})` : ''}` };
}

function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}
