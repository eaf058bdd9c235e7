/**
 * Systemic weaknesses: the building × category combinations (and the callers) whose case count
 * in the period is well above their own baseline, the same combination's rate over the year
 * before the period. "Wi-Fi at Hickman: 3.4× its usual rate this month."
 *
 * expected = (its baseline cases + 1) / (all baseline cases + 1) × all cases of the period: the
 * combination's usual share of the desk's work, so a busy September or a quiet July moves every
 * expectation with it (a school year is not flat). The added case keeps a combination that had
 * none in the baseline from dividing by zero, and asks more of it than
 * one that is merely rare. Listed: at least `minCases` cases, at least `minRatio` × expected, and
 * a count that chance would reach less than `maxChance` of the time (the Poisson tail at the
 * expected rate: among hundreds of combinations a few reach 4 where 0.4 was usual by luck alone).
 * Most excess cases first: a building's Wi-Fi at 20 where 6 were usual matters more than 4 at 0.4.
 */
import type { ReportFilter } from '../../../shared/reports';
import { formatIsoDate } from '../sla/civil-date';
import type { FactColumns } from './fact-columns';
import { selectionOf } from './fact-selection';

export const WEAKNESS_RULE = { minCases: 3, minRatio: 2, maxChance: 0.001 } as const;
export const BASELINE_DAYS = 365;
const SHOWN = 50;

export interface WeaknessCount {
  kind: 'building-category' | 'caller';
  buildingId: number | null;
  categoryId: number | null;
  callerId: number | null;
  cases: number;
  expected: number;
  ratio: number;
  caseIds: number[];
}

export interface WeaknessFigures {
  baseline: { from: string; to: string };
  items: WeaknessCount[];
}

export function weaknessFigures(columns: FactColumns, filter: ReportFilter): WeaknessFigures {
  const period = selectionOf(columns, filter);
  const baselineTo = period.fromDay - 1;
  const baselineFrom = baselineTo - BASELINE_DAYS + 1;
  const baseline = selectionOf(columns, { ...filter, from: formatIsoDate(baselineFrom), to: formatIsoDate(baselineTo) });
  const { int32 } = columns;
  const now = { combos: new Map<string, number[]>(), callers: new Map<number, number[]>() };
  const before = { combos: new Map<string, number>(), callers: new Map<number, number>() };
  let periodCases = 0;
  let baselineCases = 0;

  for (let slot = 0; slot < columns.size; slot++) {
    const combo = `${int32.buildingId[slot]}:${int32.categoryId[slot]}`;
    const caller = int32.callerId[slot] as number;
    if (period.matches(slot)) {
      const id = int32.caseId[slot] as number;
      push(now.combos, combo, id);
      push(now.callers, caller, id);
      periodCases += 1;
    } else if (baseline.matches(slot)) {
      baselineCases += 1;
      before.combos.set(combo, (before.combos.get(combo) ?? 0) + 1);
      before.callers.set(caller, (before.callers.get(caller) ?? 0) + 1);
    }
  }

  const expectedOf = (usual: number) => ((usual + 1) / (baselineCases + 1)) * periodCases;
  const items: WeaknessCount[] = [];
  for (const [combo, ids] of now.combos) {
    const [building, category] = combo.split(':').map(Number) as [number, number];
    // Cases without a building or a category say nothing about a place or a kind of problem.
    if (building === 0 || category === 0) continue;
    const expected = expectedOf(before.combos.get(combo) ?? 0);
    items.push({ kind: 'building-category', buildingId: building, categoryId: category, callerId: null, cases: ids.length, expected, ratio: ids.length / expected, caseIds: ids });
  }
  for (const [caller, ids] of now.callers) {
    const expected = expectedOf(before.callers.get(caller) ?? 0);
    items.push({ kind: 'caller', buildingId: null, categoryId: null, callerId: caller, cases: ids.length, expected, ratio: ids.length / expected, caseIds: ids });
  }
  const shown = { 'building-category': 0, caller: 0 };
  const listed = items
    .filter((w) => w.cases >= WEAKNESS_RULE.minCases && w.ratio >= WEAKNESS_RULE.minRatio && chanceOfAtLeast(w.cases, w.expected) < WEAKNESS_RULE.maxChance)
    .sort((a, b) => b.cases - b.expected - (a.cases - a.expected) || b.ratio - a.ratio)
    .filter((w) => (shown[w.kind] += 1) <= SHOWN)
    .map((w) => ({ ...w, expected: Math.round(w.expected * 100) / 100, ratio: Math.round(w.ratio * 10) / 10, caseIds: [...w.caseIds].sort((a, b) => a - b) }));
  return { baseline: { from: formatIsoDate(baselineFrom), to: formatIsoDate(baselineTo) }, items: listed };
}

/** P(X ≥ k) for X ~ Poisson(λ): one minus the sum of the terms below k, each from the last. */
export function chanceOfAtLeast(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
