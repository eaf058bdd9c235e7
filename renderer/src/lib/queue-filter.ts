/**
 * Filtering the queue in memory. Plain functions over plain cases, so a keystroke in the search box
 * costs one pass over the cases (10,000 in well under a frame) and the store stays thin.
 */
import { CASE_STATUSES, PRIORITIES, type QueueFilter, type QueueRow } from '../../../shared/domain';
import { caseRiskAt } from './sla-display';

/** The text a search matches: number, caller, summary and building, lower-cased once per case version. */
const haystacks = new WeakMap<QueueRow, string>();

export function searchText(c: QueueRow): string {
  let text = haystacks.get(c);
  if (text === undefined) {
    text = `${c.number}\n${c.callerName}\n${c.summary}\n${c.buildingName ?? ''}`.toLowerCase();
    haystacks.set(c, text);
  }
  return text;
}

/** Terms of a search: every one must appear (in any field); "  " and "" mean no search. */
export function searchTerms(text: string | undefined): string[] {
  return (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function isEmptyFilter(filter: QueueFilter): boolean {
  return Object.keys(normalizeFilter(filter)).length === 0;
}

/** Drops empty parts (false flags, empty lists, blank text) so saved views and comparisons stay small. */
export function normalizeFilter(filter: QueueFilter): QueueFilter {
  const out: QueueFilter = {};
  if (filter.mine) out.mine = true;
  if (filter.unassigned) out.unassigned = true;
  if (filter.priorities?.length) out.priorities = PRIORITIES.filter((p) => filter.priorities?.includes(p));
  if (filter.statuses?.length) out.statuses = CASE_STATUSES.filter((s) => filter.statuses?.includes(s));
  if (filter.buildingIds?.length) out.buildingIds = [...new Set(filter.buildingIds)].sort((a, b) => a - b);
  if (filter.categoryIds?.length) out.categoryIds = [...new Set(filter.categoryIds)].sort((a, b) => a - b);
  if (filter.risk) out.risk = filter.risk;
  if (filter.text?.trim()) out.text = filter.text.trim();
  return out;
}

export interface FilterContext {
  /** The person at the console, for "mine". */
  meId: number | null;
  /** The current instant, for "at risk / breached". */
  now: number;
}

/** A predicate for one filter; built once per filter change, then run over every case. */
export function compileFilter(filter: QueueFilter, ctx: FilterContext): (c: QueueRow) => boolean {
  const tests: ((c: QueueRow) => boolean)[] = [];
  // "Mine" and "unassigned" together mean either: what I could work on.
  if (filter.mine && filter.unassigned) tests.push((c) => c.assigneeId === null || c.assigneeId === ctx.meId);
  else if (filter.mine) tests.push((c) => c.assigneeId !== null && c.assigneeId === ctx.meId);
  else if (filter.unassigned) tests.push((c) => c.assigneeId === null);
  if (filter.priorities?.length) {
    const set = new Set<number>(filter.priorities);
    tests.push((c) => set.has(c.priority));
  }
  if (filter.statuses?.length) {
    const set = new Set<string>(filter.statuses);
    tests.push((c) => set.has(c.status));
  }
  if (filter.buildingIds?.length) {
    const set = new Set(filter.buildingIds);
    tests.push((c) => c.buildingId !== null && set.has(c.buildingId));
  }
  if (filter.categoryIds?.length) {
    const set = new Set(filter.categoryIds);
    tests.push((c) => c.categoryId !== null && set.has(c.categoryId));
  }
  const terms = searchTerms(filter.text);
  if (terms.length === 1) {
    const [term] = terms as [string];
    tests.push((c) => searchText(c).includes(term));
  } else if (terms.length > 1) {
    tests.push((c) => {
      const text = searchText(c);
      return terms.every((t) => text.includes(t));
    });
  }
  // Last: the costliest test runs only on the cases every other test kept.
  if (filter.risk === 'breached') tests.push((c) => caseRiskAt(c.sla, ctx.now) === 'breached');
  else if (filter.risk === 'at_risk_or_breached') tests.push((c) => caseRiskAt(c.sla, ctx.now) !== 'ok');
  if (tests.length === 0) return () => true;
  return (c) => {
    for (const test of tests) if (!test(c)) return false;
    return true;
  };
}

export function applyFilter(cases: readonly QueueRow[], filter: QueueFilter, ctx: FilterContext): QueueRow[] {
  const keep = compileFilter(filter, ctx);
  return cases.filter(keep);
}
