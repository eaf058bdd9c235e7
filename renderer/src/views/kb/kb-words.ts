/** How the knowledge-base screens speak of articles: one place, so every screen says the same thing. */
import type { ArticleAudience, ArticleChange, ArticleState, CitationKind } from '../../../../shared/knowledge';

export const STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Draft',
  published: 'Published',
  retired: 'Retired',
};

export const AUDIENCE_LABELS: Record<ArticleAudience, string> = {
  staff: 'Staff only',
  public: 'Public',
};

export const CHANGE_LABELS: Record<ArticleChange, string> = {
  created: 'Created',
  edited: 'Edited',
  published: 'Published',
  retired: 'Retired',
  restored: 'Restored',
  reviewed: 'Reviewed',
  imported: 'Imported',
};

export const CITATION_LABELS: Record<CitationKind, string> = {
  cited: 'Cited',
  solved_with: 'Solved at first contact',
};

/**
 * A review date is a civil date (YYYY-MM-DD) of the district calendar, not an instant: it is
 * formatted at noon UTC in UTC, so the browser's own zone cannot move it to another day.
 */
const DAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });

/** "Dec 1, 2026"; a dash for none; the text as given when it is not a date. */
export function dayWords(date: string | null): string {
  if (!date) return '—';
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T12:00:00Z`) : NaN;
  if (Number.isNaN(instant) || new Date(instant).toISOString().slice(0, 10) !== date) return date;
  return DAY.format(instant);
}

/** "Cited 4 times, 1 reopened". */
export function citationWords(citations: number, reopened: number): string {
  const cited = citations === 0 ? 'Never cited' : `Cited ${citations === 1 ? 'once' : `${citations} times`}`;
  return citations === 0 ? cited : `${cited}, ${reopened} reopened`;
}
